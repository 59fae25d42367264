// Construction, plans, aggregate tables, semi-naive evaluation and materialisation (see
// reasoner.hpp and docs/internals/reasoner.md). One-step derivability is in
// reasoner_derivable.cpp, incremental maintenance in reasoner_update.cpp.
#include "reason/reasoner.hpp"

#include "reason/reasoner_internal.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <set>
#include <thread>

namespace kennis::reason {

namespace {

/// Conservative unification of two atoms (constants only; repeated variables ignored).
bool may_unify(const CAtom& a, const CAtom& b) {
  for (int i = 0; i < 3; ++i) {
    if (!a.t[i].is_var() && !b.t[i].is_var() && a.t[i].constant != b.t[i].constant) return false;
  }
  return true;
}

}  // namespace

Reasoner::Reasoner(const rules::LoadedRules& rules, rdf::Dictionary& dict, store::QuadStore& store,
                   ReasonerOptions options, Program program)
    : rules_(rules),
      dict_(dict),
      store_(store),
      options_(std::move(options)),
      program_(std::move(program)) {
  inferred_ = dict_.intern_iri(options_.inferred_graph);
  ectx_ = std::make_unique<expr::EvalContext>(dict_);
  exec_ = std::make_unique<Executor>(store_, dict_, *ectx_);
  stats_ = std::make_unique<store::Statistics>(store_);
  unsigned threads = options_.threads;
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  for (unsigned i = 1; i < threads; ++i) {
    workers_.push_back(std::make_unique<Executor>(store_, dict_, *ectx_));
  }
  tables_.resize(program_.rules.size());
  profile_.resize(program_.rules.size());
  naive_seconds_.assign(program_.rules.size(), 0.0);
  batch_seconds_.assign(rules_.strata.components.size(), -1.0);
  for (std::size_t i = 0; i < profile_.size(); ++i) profile_[i].rule = i;
  plans_.resize(program_.rules.size());
  for (auto& p : plans_) p = std::make_unique<RulePlans>();
  for (const rules::Component& c : rules_.strata.components) {
    ComponentInfo info;
    info.stratum = c.stratum;
    info.recursive = c.recursive;
    info.nonmonotone = c.nonmonotone;
    info.rules = c.rules;
    for (std::size_t r : c.rules) {
      const CRule& rule = program_.rules[r];
      std::vector<std::size_t> rec, all;
      for (std::size_t i = 0; i < rule.positive.size(); ++i) {
        all.push_back(i);
        bool hits = false;
        for (std::size_t q : c.rules) {
          for (const CAtom& h : program_.rules[q].head)
            hits = hits || may_unify(h, rule.positive[i]);
        }
        if (hits) rec.push_back(i);
      }
      info.recursive_atoms.push_back(std::move(rec));
      info.all_atoms.push_back(std::move(all));
      bool exprs = !rule.filters.empty() || !rule.binds.empty();
      for (const CAggregate& a : rule.aggregates) {
        exprs = exprs || !a.filters.empty() || !a.binds.empty();
      }
      if (exprs) info.parallel_safe = false;
    }
    comps_.push_back(std::move(info));
  }
  for (std::size_t c = 0; c < comps_.size(); ++c) {
    for (std::size_t r : comps_[c].rules) {
      const CRule& rule = program_.rules[r];
      for (std::size_t h = 0; h < rule.head.size(); ++h) {
        const HeadRef ref{c, r, h};
        if (rule.head[h].t[1].is_var()) {
          heads_generic_.push_back(ref);
        } else {
          heads_by_p_[rule.head[h].t[1].constant].push_back(ref);
        }
      }
    }
  }
}

Reasoner::~Reasoner() = default;

base::Result<std::unique_ptr<Reasoner>> Reasoner::create(const rules::LoadedRules& rules,
                                                         rdf::Dictionary& dict,
                                                         store::QuadStore& store,
                                                         ReasonerOptions options) {
  auto program = compile_program(rules, dict);
  if (!program.ok()) return program.error();
  return std::unique_ptr<Reasoner>(
      new Reasoner(rules, dict, store, std::move(options), std::move(program.value())));
}

bool Reasoner::asserted(const Triple& t) const {
  for (TermId g : store_.graphs()) {
    if (g == inferred_) continue;
    if (store_.contains(store::Quad{t.s, t.p, t.o, g})) return true;
  }
  return false;
}

std::uint64_t Reasoner::rank(const Triple& t) const {
  auto it = ranks_.find(t);
  return it == ranks_.end() ? 0 : it->second;
}

// ---- plans -----------------------------------------------------------------------------------

const Plan& Reasoner::naive_plan(const CRule& r) {
  auto& p = plans_[r.index]->naive;
  if (!p) p = std::make_unique<Plan>(make_plan(BodyView::of(r), r.num_slots(), {}, -1, *stats_));
  return *p;
}

const Plan& Reasoner::delta_plan(const CRule& r, std::size_t atom) {
  auto& v = plans_[r.index]->delta;
  if (v.size() < r.positive.size()) v.resize(r.positive.size());
  if (!v[atom]) {
    v[atom] = std::make_unique<Plan>(
        make_plan(BodyView::of(r), r.num_slots(), {}, static_cast<int>(atom), *stats_));
  }
  return *v[atom];
}

const Plan& Reasoner::head_plan(const CRule& r, std::size_t head_atom) {
  auto& v = plans_[r.index]->head;
  if (v.size() < r.head.size()) v.resize(r.head.size());
  if (!v[head_atom]) {
    std::vector<int> bound;
    for (const Slot& s : r.head[head_atom].t) {
      if (s.is_var()) bound.push_back(s.var);
    }
    v[head_atom] =
        std::make_unique<Plan>(make_plan(BodyView::of(r), r.num_slots(), bound, -1, *stats_));
  }
  return *v[head_atom];
}

std::string Reasoner::plans_text() {
  std::string out;
  for (const ComponentInfo& c : comps_) {
    for (std::size_t k = 0; k < c.rules.size(); ++k) {
      const CRule& r = program_.rules[c.rules[k]];
      out += "rule `" + r.name + "` (stratum " + std::to_string(c.stratum) + "):\n";
      std::string plan = to_string(naive_plan(r), r, dict_);
      for (std::size_t pos = 0; pos < plan.size();) {
        const std::size_t nl = plan.find('\n', pos);
        out += "  " + plan.substr(pos, nl - pos + 1);
        pos = nl + 1;
      }
      if (!c.recursive) continue;
      for (std::size_t i : c.recursive_atoms[k]) {
        out += "  delta on atom " + std::to_string(i + 1) + ":\n";
        plan = to_string(delta_plan(r, i), r, dict_);
        for (std::size_t pos = 0; pos < plan.size();) {
          const std::size_t nl = plan.find('\n', pos);
          out += "    " + plan.substr(pos, nl - pos + 1);
          pos = nl + 1;
        }
      }
    }
  }
  return out;
}

// ---- aggregates ------------------------------------------------------------------------------

void Reasoner::compute_tables(const CRule& r, const std::vector<std::vector<TermId>>* keys) {
  auto& tables = tables_[r.index];
  if (keys == nullptr || tables.size() != r.aggregates.size()) {
    keys = nullptr;
    tables.assign(r.aggregates.size(), AggregateTable{});
  }
  for (std::size_t k = 0; k < r.aggregates.size(); ++k) {
    const CAggregate& agg = r.aggregates[k];
    const BodyView body = BodyView::of(agg);
    // With keys that bind every group variable, only those groups are recomputed, and the
    // other rows of the table are kept.
    std::set<std::vector<TermId>> only;  // group values
    bool partial = keys != nullptr && !agg.group_slots.empty();
    if (partial) {
      for (const std::vector<TermId>& key : *keys) {
        std::vector<TermId> g;
        for (int v : agg.group_slots) g.push_back(key[static_cast<std::size_t>(v)]);
        partial = partial && std::find(g.begin(), g.end(), kNoTerm) == g.end();
        only.insert(std::move(g));
      }
    }
    std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
    // Distinct solutions (the union of graphs is a set).
    std::set<std::vector<TermId>> solutions;
    std::vector<TermId> key(agg.body_slots.size());
    auto collect = [&](std::vector<TermId>& rw) {
      for (std::size_t i = 0; i < agg.body_slots.size(); ++i) key[i] = rw[agg.body_slots[i]];
      solutions.insert(key);
      return true;
    };
    if (partial) {
      const Plan plan = make_plan(body, r.num_slots(), agg.group_slots, -1, *stats_);
      for (const std::vector<TermId>& g : only) {
        std::fill(row.begin(), row.end(), kNoTerm);
        for (std::size_t i = 0; i < g.size(); ++i) row[agg.group_slots[i]] = g[i];
        exec_->run(plan, body, nullptr, row, nullptr, collect);
      }
    } else {
      const Plan plan = make_plan(body, r.num_slots(), {}, -1, *stats_);
      exec_->run(plan, body, nullptr, row, nullptr, collect);
    }
    // Group, in a deterministic order.
    std::map<std::vector<TermId>, std::vector<expr::Accumulator>> groups;
    auto fresh = [&] {
      std::vector<expr::Accumulator> accs;
      for (const CAggregateOutput& o : agg.outputs) accs.push_back(o.aggregate.make_accumulator());
      return accs;
    };
    if (agg.group_slots.empty()) groups.emplace(std::vector<TermId>{}, fresh());
    std::vector<TermId> gkey(agg.group_slots.size());
    for (const auto& sol : solutions) {
      std::fill(row.begin(), row.end(), kNoTerm);
      for (std::size_t i = 0; i < agg.body_slots.size(); ++i) row[agg.body_slots[i]] = sol[i];
      for (std::size_t i = 0; i < agg.group_slots.size(); ++i) gkey[i] = row[agg.group_slots[i]];
      auto it = groups.find(gkey);
      if (it == groups.end()) it = groups.emplace(gkey, fresh()).first;
      for (std::size_t o = 0; o < agg.outputs.size(); ++o) {
        agg.outputs[o].aggregate.accumulate(it->second[o], row, *ectx_);
      }
    }
    AggregateTable& table = tables[k];
    if (partial) {
      // Keep the rows of the groups not recomputed.
      AggregateTable kept;
      kept.groups = table.groups;
      kept.width = table.width;
      for (std::size_t i = 0; i < table.rows(); ++i) {
        const TermId* rw = table.row(i);
        if (only.count(std::vector<TermId>(rw, rw + table.groups))) continue;
        const std::size_t idx = kept.rows();
        kept.cells.insert(kept.cells.end(), rw, rw + table.width);
        kept.by_group[AggregateTable::hash_key(rw, kept.groups)].push_back(idx);
      }
      table = std::move(kept);
    } else {
      table = AggregateTable{};
    }
    table.groups = agg.group_slots.size();
    table.width = table.groups + agg.outputs.size();
    for (auto& [g, accs] : groups) {
      std::vector<TermId> cells(g);
      bool complete = std::none_of(g.begin(), g.end(), [](TermId x) { return x == kNoTerm; });
      for (const expr::Accumulator& acc : accs) {
        const TermId v = acc.result(*ectx_);
        if (v == kNoTerm) complete = false;  // an unbound result: the rule does not fire
        cells.push_back(v);
      }
      if (!complete) continue;
      const std::size_t idx = table.rows();
      table.cells.insert(table.cells.end(), cells.begin(), cells.end());
      if (table.groups > 0) {
        table.by_group[AggregateTable::hash_key(cells.data(), table.groups)].push_back(idx);
      }
    }
  }
}

// ---- evaluation ------------------------------------------------------------------------------

void Reasoner::emit_heads(const CRule& r, const std::vector<TermId>& row,
                          std::vector<Triple>& out) const {
  for (const CAtom& h : r.head) {
    TermId v[3];
    for (int i = 0; i < 3; ++i) v[i] = h.t[i].is_var() ? row[h.t[i].var] : h.t[i].constant;
    if (v[0] == kNoTerm || v[1] == kNoTerm || v[2] == kNoTerm) continue;
    // Only RDF triples: subjects are IRIs or blank nodes, predicates IRIs.
    if (h.check_kind[0] && dict_.kind(v[0]) == rdf::TermKind::kLiteral) continue;
    if (h.check_kind[1] && dict_.kind(v[1]) != rdf::TermKind::kIri) continue;
    out.push_back(Triple{v[0], v[1], v[2]});
  }
}

void Reasoner::run_delta(Executor& ex, const CRule& r, const std::vector<std::size_t>& atoms,
                         const DeltaIndex& delta, std::vector<Triple>& out) {
  if (delta.empty() || r.duplicate_of >= 0) return;
  std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
  const BodyView body = BodyView::of(r);
  const auto t0 = Clock::now();
  const std::size_t before = out.size();
  try {
    for (std::size_t i : atoms) {
      if (!any_match(delta, r.positive[i])) continue;
      ex.run(delta_plan(r, i), body, &tables_[r.index], row, &delta, [&](std::vector<TermId>& rw) {
        emit_heads(r, rw, out);
        return true;
      });
    }
  } catch (base::LimitError& e) {
    e.set_running(rule_label(rules_, r.index));
    throw;
  }
  profile_[r.index].seconds += seconds_since(t0);
  profile_[r.index].solutions += out.size() - before;
}

std::vector<RuleProfile> Reasoner::profile() const {
  std::vector<RuleProfile> p = profile_;
  std::stable_sort(p.begin(), p.end(), [](const RuleProfile& a, const RuleProfile& b) {
    return a.seconds > b.seconds;
  });
  return p;
}

void Reasoner::build_known() {
  known_.clear();
  known_.reserve(store_.size() * 3 / 2);
  // Insert a few triples behind the scan, prefetching each one's slot first.
  constexpr std::size_t kAhead = 8;
  Triple ring[kAhead];
  std::size_t n = 0;
  store_.for_each(store::Pattern{}, [&](const store::Quad& q) {
    const Triple t{q.s, q.p, q.o};
    known_.prefetch(t);
    Triple& slot = ring[n++ % kAhead];
    if (n > kAhead) known_.insert(slot);
    slot = t;
  });
  for (std::size_t i = n > kAhead ? n - kAhead : 0; i < n; ++i) known_.insert(ring[i % kAhead]);
  exec_->set_known(&known_);
  for (auto& w : workers_) w->set_known(&known_);
}

std::vector<Executor*> Reasoner::executors() {
  std::vector<Executor*> out{exec_.get()};
  for (auto& w : workers_) out.push_back(w.get());
  return out;
}

void Reasoner::use_budget(const base::Budget* budget) {
  budget_ = budget;
  derived_so_far_ = 0;
  for (Executor* ex : executors()) ex->set_budget(budget);
}

void Reasoner::bump_epochs() {
  // Every executor's memos must see the same epochs: a plan may run on another thread in
  // the next round.
  for (Executor* ex : executors()) ex->bump_epoch();
}

void Reasoner::run_naive(Executor& ex, const CRule& r, std::vector<Triple>& out) {
  const auto t0 = Clock::now();
  const std::size_t before = out.size();
  std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
  try {
    ex.run(naive_plan(r), BodyView::of(r), &tables_[r.index], row, nullptr,
           [&](std::vector<TermId>& rw) {
             emit_heads(r, rw, out);
             return true;
           });
  } catch (base::LimitError& e) {
    e.set_running(rule_label(rules_, r.index));
    throw;
  }
  profile_[r.index].seconds += seconds_since(t0);
  profile_[r.index].solutions += out.size() - before;
  if (!up_) naive_seconds_[r.index] = seconds_since(t0);
}

template <class Job>
void Reasoner::run_round(const ComponentInfo& info, bool parallel, Job&& job,
                         std::vector<Triple>& out) {
  std::vector<std::size_t> ks;
  for (std::size_t k = 0; k < info.rules.size(); ++k) {
    if (program_.rules[info.rules[k]].duplicate_of < 0) ks.push_back(k);
  }
  const std::vector<Executor*> execs = executors();
  if (!parallel || ks.size() < 2 || execs.size() < 2) {
    for (std::size_t k : ks) job(k, *exec_, out);
    return;
  }
  // The most expensive rules so far first; each thread takes the next rule when it is done.
  std::vector<std::size_t> order(ks.size());
  for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return profile_[info.rules[ks[a]]].seconds > profile_[info.rules[ks[b]]].seconds;
  });
  std::vector<std::vector<Triple>> outs(ks.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(execs.size());
  auto work = [&](std::size_t t) {
    try {
      for (std::size_t j; (j = next.fetch_add(1)) < order.size();) {
        job(ks[order[j]], *execs[t], outs[order[j]]);
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(order.size());
    }
  };
  std::vector<std::thread> threads;
  const std::size_t n = std::min(execs.size(), ks.size());
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(work, t);
  work(0);
  for (std::thread& th : threads) th.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  for (std::vector<Triple>& o : outs) out.insert(out.end(), o.begin(), o.end());
}

void Reasoner::absorb(std::vector<Triple>& out, DeltaIndex& fresh) {
  // De-duplication by the known-triple set: the first copy of a new triple is staged (and
  // known from then on), later copies are skipped; no sorting needed.
  ++round_;
  bool staged = false;
  // The set is far larger than the caches: ask for each slot a few candidates ahead.
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i + kAhead < out.size()) known_.prefetch(out[i + kAhead]);
    const Triple& t = out[i];
    if (mask_.contains(t)) {
      unmask(t);
    } else if (!known_.insert(t)) {
      continue;
    } else {
      if (up_) note_touch(t);
      store_.insert(store::Quad{t.s, t.p, t.o, inferred_});
      staged = true;
      if (up_) up_->local_added.push_back(t);
    }
    fresh.add(t);
    if (options_.record_ranks) ranks_[t] = round_;
  }
  out.clear();
  fresh.sort_groups();
  if (staged) {
    store_.commit();
    bump_epochs();
  }
}

std::size_t Reasoner::evaluate(std::size_t comp, const std::vector<const DeltaIndex*>& seeds,
                               std::size_t* rounds) {
  const ComponentInfo& info = comps_[comp];
  std::vector<Triple> out;
  DeltaIndex delta, fresh;
  std::size_t derived = 0;
  // Head instances per rule in the current round: the rule named if a limit stops the round.
  std::vector<std::size_t> produced(info.rules.size(), 0);
  auto count = [&](std::size_t k, const std::vector<Triple>& o, std::size_t before) {
    produced[k] += o.size() - before;
  };
  auto check_limits = [&] {
    if (budget_ == nullptr) return;
    try {
      budget_->check();
      budget_->check_derived(derived_so_far_);
    } catch (base::LimitError& e) {
      const auto top = std::max_element(produced.begin(), produced.end()) - produced.begin();
      e.set_running(rule_label(rules_, info.rules[static_cast<std::size_t>(top)]));
      throw;
    }
  };
  // Rounds run on several threads in materialise() when they have enough work. Plans are
  // made (and statistics read) before the threads start.
  auto parallel_for = [&](std::size_t work) {
    return !up_ && info.parallel_safe && !workers_.empty() && work >= options_.parallel_min_work;
  };
  auto prepare_delta = [&](const std::vector<std::vector<std::size_t>>& atoms,
                           const DeltaIndex& d) {
    for (std::size_t k = 0; k < info.rules.size(); ++k) {
      const CRule& r = program_.rules[info.rules[k]];
      if (r.duplicate_of >= 0) continue;
      for (std::size_t i : atoms[k]) {
        if (any_match(d, r.positive[i])) delta_plan(r, i);
      }
    }
  };
  if (seeds.empty()) {
    const bool parallel = parallel_for(store_.size());
    if (parallel) {
      for (std::size_t r : info.rules) naive_plan(program_.rules[r]);
    }
    run_round(
        info, parallel,
        [&](std::size_t k, Executor& ex, std::vector<Triple>& o) {
          const std::size_t before = o.size();
          run_naive(ex, program_.rules[info.rules[k]], o);
          count(k, o, before);
        },
        out);
  } else {
    for (std::size_t k = 0; k < info.rules.size(); ++k) {
      const CRule& r = program_.rules[info.rules[k]];
      if (r.duplicate_of >= 0) continue;
      const std::size_t before = out.size();
      for (const DeltaIndex* s : seeds) run_delta(r, info.all_atoms[k], *s, out);
      count(k, out, before);
    }
  }
  absorb(out, fresh);
  derived += fresh.size();
  derived_so_far_ += fresh.size();
  check_limits();
  std::size_t n = 1;
  while (info.recursive && !fresh.empty()) {
    std::swap(delta, fresh);
    fresh.clear();
    std::fill(produced.begin(), produced.end(), 0);
    const bool parallel = parallel_for(delta.size());
    if (parallel) prepare_delta(info.recursive_atoms, delta);
    run_round(
        info, parallel,
        [&](std::size_t k, Executor& ex, std::vector<Triple>& o) {
          const std::size_t before = o.size();
          run_delta(ex, program_.rules[info.rules[k]], info.recursive_atoms[k], delta, o);
          count(k, o, before);
        },
        out);
    absorb(out, fresh);
    derived += fresh.size();
    derived_so_far_ += fresh.size();
    check_limits();
    ++n;
  }
  if (rounds) *rounds += n;
  return derived;
}

MaterialiseStats Reasoner::materialise(const base::Limits& limits) {
  const auto t0 = Clock::now();
  const base::Budget budget(limits, "materialisation");
  use_budget(limits.any() ? &budget : nullptr);
  struct Reset {
    Reasoner* self;
    ~Reset() { self->use_budget(nullptr); }
  } reset{this};
  build_known();
  MaterialiseStats stats;
  const std::size_t before = store_.graph(inferred_) ? store_.graph(inferred_)->size() : 0;
  for (std::size_t c = 0; c < comps_.size(); ++c) {
    const auto tc = Clock::now();
    const ComponentInfo& info = comps_[c];
    std::size_t rounds = 0;
    std::size_t derived = 0;
    try {
      for (std::size_t r : info.rules) {
        try {
          compute_tables(program_.rules[r]);
        } catch (base::LimitError& e) {
          e.set_running(rule_label(rules_, r), "was aggregating");
          throw;
        }
      }
      derived = evaluate(c, {}, &rounds);
    } catch (base::LimitError& e) {
      e.add_note(std::to_string(derived_so_far_) + " triples derived so far");
      throw;
    }
    while (stats.strata.size() <= info.stratum) {
      StratumStats s;
      s.stratum = stats.strata.size();
      stats.strata.push_back(s);
    }
    StratumStats& s = stats.strata[info.stratum];
    s.rules += info.rules.size();
    s.components += 1;
    s.rounds += rounds;
    s.derived += derived;
    s.seconds += seconds_since(tc);
  }
  const std::size_t after = store_.graph(inferred_) ? store_.graph(inferred_)->size() : 0;
  stats.derived = after - before;
  stats.seconds = seconds_since(t0);
  return stats;
}

}  // namespace kennis::reason
