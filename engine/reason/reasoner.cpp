// Materialisation and incremental maintenance (see reasoner.hpp and
// docs/internals/reasoner.md).
#include "reason/reasoner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <set>
#include <thread>

namespace kennis::reason {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// True iff triple t is an instance of atom a (constants equal, repeated variables equal).
bool matches(const CAtom& a, const Triple& t) {
  const TermId v[3] = {t.s, t.p, t.o};
  for (int i = 0; i < 3; ++i) {
    const Slot& s = a.t[i];
    if (!s.is_var()) {
      if (s.constant != v[i]) return false;
      continue;
    }
    for (int j = 0; j < i; ++j) {
      if (a.t[j].is_var() && a.t[j].var == s.var && v[j] != v[i]) return false;
    }
  }
  return true;
}

/// Conservative unification of two atoms (constants only; repeated variables ignored).
bool may_unify(const CAtom& a, const CAtom& b) {
  for (int i = 0; i < 3; ++i) {
    if (!a.t[i].is_var() && !b.t[i].is_var() && a.t[i].constant != b.t[i].constant) return false;
  }
  return true;
}

/// True iff some triple of `index` is an instance of `a`.
bool any_match(const DeltaIndex& index, const CAtom& a) {
  if (index.empty()) return false;
  const auto& v = a.t[1].is_var() ? index.all() : index.with_predicate(a.t[1].constant);
  for (const Triple& t : v) {
    if (matches(a, t)) return true;
  }
  return false;
}

/// The pattern of atom `a` with the row's values for its bound variables; `fresh` receives
/// the variables it leaves unbound (each once).
store::Pattern atom_pattern(const CAtom& a, const std::vector<TermId>& row,
                            std::vector<int>& fresh) {
  store::Pattern pat;
  TermId* pos[3] = {&pat.s, &pat.p, &pat.o};
  for (int i = 0; i < 3; ++i) {
    const Slot& sl = a.t[i];
    if (!sl.is_var()) {
      *pos[i] = sl.constant;
    } else if (row[sl.var] != kNoTerm) {
      *pos[i] = row[sl.var];
    } else if (std::find(fresh.begin(), fresh.end(), sl.var) == fresh.end()) {
      fresh.push_back(sl.var);
    }
  }
  return pat;
}

/// The distinct stored triples (any graph) matching `pat` that are instances of `a`.
std::vector<Triple> stored_instances(const store::QuadStore& store, const store::Pattern& pat,
                                     const CAtom& a) {
  std::vector<Triple> found;
  store.for_each(pat, [&](const store::Quad& q) {
    const Triple t{q.s, q.p, q.o};
    if (matches(a, t)) found.push_back(t);
  });
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

/// Binds a's variables to t's terms.
void bind_atom(const CAtom& a, const Triple& t, std::vector<TermId>& row) {
  const TermId v[3] = {t.s, t.p, t.o};
  for (int i = 0; i < 3; ++i) {
    if (a.t[i].is_var()) row[a.t[i].var] = v[i];
  }
}

}  // namespace

struct Reasoner::ComponentInfo {
  std::size_t stratum = 0;
  bool recursive = false;
  bool nonmonotone = false;
  std::vector<std::size_t> rules;
  /// Per rule (parallel to `rules`): positive atoms that can match this component's heads.
  std::vector<std::vector<std::size_t>> recursive_atoms;
  /// Per rule: all positive atom indices.
  std::vector<std::vector<std::size_t>> all_atoms;
  /// No rule has FILTER or BIND: rounds may run on several threads.
  bool parallel_safe = true;
};

struct Reasoner::RulePlans {
  std::unique_ptr<Plan> naive;
  std::vector<std::unique_ptr<Plan>> delta;                        // per positive atom
  std::vector<std::unique_ptr<Plan>> head;                         // per head atom
  std::unordered_map<std::uint64_t, std::unique_ptr<Plan>> bound;  // by pre-bound slot set
};

/// What an update() tracks between components.
struct Reasoner::UpdateState {
  DeltaIndex added;         // net additions to the visible triples so far (relevant to later comps)
  DeltaIndex removed;       // net removals so far
  DeltaIndex masked;        // every triple masked in this update (entries may be unmasked since)
  TripleSet asserted_gone;  // asserted before, not asserted after (still stored until the end)
  std::unordered_map<Triple, bool, TripleHash> was_inferred;  // first touch -> in inferred graph
  // Per component:
  TripleSet local_masked;
  std::vector<Triple> local_added;
  std::vector<std::pair<std::size_t, Triple>> deferred;  // (last producer, retracted triple)
  TripleSet published_removed;                           // every triple ever added to `removed`

  void publish_removed(const Triple& t) {
    removed.add(t);
    published_removed.insert(t);
  }
  std::size_t overdeleted = 0;
  std::size_t rederived = 0;
  std::size_t kept = 0;
  std::size_t recomputed = 0;
  double overdelete_seconds = 0, rederive_seconds = 0, insert_seconds = 0, recompute_seconds = 0;
};

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
  stats_ = std::make_unique<Statistics>(store_);
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
  for (std::size_t i : atoms) {
    if (!any_match(delta, r.positive[i])) continue;
    ex.run(delta_plan(r, i), body, &tables_[r.index], row, &delta, [&](std::vector<TermId>& rw) {
      emit_heads(r, rw, out);
      return true;
    });
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

void Reasoner::bump_epochs() {
  // Every executor's memos must see the same epochs: a plan may run on another thread in
  // the next round.
  for (Executor* ex : executors()) ex->bump_epoch();
}

void Reasoner::run_naive(Executor& ex, const CRule& r, std::vector<Triple>& out) {
  const auto t0 = Clock::now();
  const std::size_t before = out.size();
  std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
  ex.run(naive_plan(r), BodyView::of(r), &tables_[r.index], row, nullptr,
         [&](std::vector<TermId>& rw) {
           emit_heads(r, rw, out);
           return true;
         });
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
          run_naive(ex, program_.rules[info.rules[k]], o);
        },
        out);
  } else {
    for (std::size_t k = 0; k < info.rules.size(); ++k) {
      const CRule& r = program_.rules[info.rules[k]];
      if (r.duplicate_of >= 0) continue;
      for (const DeltaIndex* s : seeds) run_delta(r, info.all_atoms[k], *s, out);
    }
  }
  absorb(out, fresh);
  derived += fresh.size();
  std::size_t n = 1;
  while (info.recursive && !fresh.empty()) {
    std::swap(delta, fresh);
    fresh.clear();
    const bool parallel = parallel_for(delta.size());
    if (parallel) prepare_delta(info.recursive_atoms, delta);
    run_round(
        info, parallel,
        [&](std::size_t k, Executor& ex, std::vector<Triple>& o) {
          run_delta(ex, program_.rules[info.rules[k]], info.recursive_atoms[k], delta, o);
        },
        out);
    absorb(out, fresh);
    derived += fresh.size();
    ++n;
  }
  if (rounds) *rounds += n;
  return derived;
}

MaterialiseStats Reasoner::materialise() {
  const auto t0 = Clock::now();
  build_known();
  MaterialiseStats stats;
  const std::size_t before = store_.graph(inferred_) ? store_.graph(inferred_)->size() : 0;
  for (std::size_t c = 0; c < comps_.size(); ++c) {
    const auto tc = Clock::now();
    const ComponentInfo& info = comps_[c];
    for (std::size_t r : info.rules) compute_tables(program_.rules[r]);
    std::size_t rounds = 0;
    const std::size_t derived = evaluate(c, {}, &rounds);
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

// ---- one-step derivability ------------------------------------------------------------------

void Reasoner::for_each_derivation(const CRule& r, std::size_t head_idx, const Triple& t,
                                   const std::function<bool(const std::vector<TermId>&)>& fn) {
  const CAtom& h = r.head[head_idx];
  if (!matches(h, t)) return;
  std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
  const TermId v[3] = {t.s, t.p, t.o};
  for (int i = 0; i < 3; ++i) {
    if (h.t[i].is_var()) row[h.t[i].var] = v[i];
  }
  exec_->run(head_plan(r, head_idx), BodyView::of(r), &tables_[r.index], row, nullptr,
             [&](std::vector<TermId>& rw) { return fn(rw); });
}

void Reasoner::for_each_aggregate_solution(
    const CRule& r, std::size_t k, const std::vector<TermId>& outer,
    const std::function<bool(const std::vector<TermId>&)>& fn) {
  const CAggregate& agg = r.aggregates[k];
  const BodyView body = BodyView::of(agg);
  const Plan plan = make_plan(body, r.num_slots(), agg.group_slots, -1, *stats_);
  std::vector<TermId> row(static_cast<std::size_t>(r.num_slots()), kNoTerm);
  for (int g : agg.group_slots) row[g] = outer[g];
  exec_->run(plan, body, nullptr, row, nullptr, [&](std::vector<TermId>& rw) { return fn(rw); });
}

bool Reasoner::derivable(const Triple& t, std::size_t comp) {
  auto try_heads = [&](const std::vector<HeadRef>& refs) {
    for (const HeadRef& ref : refs) {
      if (ref.comp > comp) break;  // sorted by component
      const CRule& rule = program_.rules[ref.rule];
      if (!matches(rule.head[ref.head], t)) continue;
      if (derivable_by(rule, ref.head, t)) return true;
    }
    return false;
  };
  auto it = heads_by_p_.find(t.p);
  if (it != heads_by_p_.end() && try_heads(it->second)) return true;
  return try_heads(heads_generic_);
}

bool Reasoner::derivable_by(const CRule& r, std::size_t head_idx, const Triple& t) {
  const int n = r.num_slots();
  if (n > 64 || r.head.size() == 1) {
    bool found = false;
    for_each_derivation(r, head_idx, t, [&](const std::vector<TermId>&) {
      found = true;
      return false;
    });
    return found;
  }
  // A derivation that held before this update left every head atom of its rule instance in
  // the store (nothing is erased before the update ends); one that did not is found by the
  // insertion phase. So the other head atoms, looked up in the store without the mask, give
  // the values of head variables that the head atom being rederived does not bind — e.g. a
  // node minted by BIND(IRI(...)), which the body cannot be searched by.
  std::vector<TermId> row(static_cast<std::size_t>(n), kNoTerm);
  const CAtom& h = r.head[head_idx];
  const TermId v[3] = {t.s, t.p, t.o};
  for (int i = 0; i < 3; ++i) {
    if (h.t[i].is_var()) row[h.t[i].var] = v[i];
  }
  bool found = false;
  std::function<void(std::size_t)> siblings = [&](std::size_t k) {
    if (found) return;
    if (k == r.head.size()) {
      std::uint64_t mask = 0;
      std::vector<int> bound;
      for (int s = 0; s < n; ++s) {
        if (row[s] != kNoTerm) mask |= std::uint64_t{1} << s, bound.push_back(s);
      }
      auto& plan = plans_[r.index]->bound[mask];
      if (!plan) {
        plan = std::make_unique<Plan>(make_plan(BodyView::of(r), n, bound, -1, *stats_));
      }
      std::vector<TermId> rw = row;
      exec_->run(*plan, BodyView::of(r), &tables_[r.index], rw, nullptr, [&](std::vector<TermId>&) {
        found = true;
        return false;
      });
      return;
    }
    const CAtom& a = r.head[k];
    if (k == head_idx) return siblings(k + 1);
    std::vector<int> fresh;
    const store::Pattern pat = atom_pattern(a, row, fresh);
    if (fresh.empty() && pat.s != kNoTerm && pat.p != kNoTerm && pat.o != kNoTerm) {
      // Fully bound: an old derivation left this triple in the store.
      if (known_.contains(Triple{pat.s, pat.p, pat.o})) siblings(k + 1);
      return;
    }
    for (const Triple& m : stored_instances(store_, pat, a)) {
      bind_atom(a, m, row);
      siblings(k + 1);
      for (int s : fresh) row[s] = kNoTerm;
      if (found) return;
    }
  };
  siblings(0);
  return found;
}

bool Reasoner::derivable_from_asserted(const Triple& t, std::size_t comp) {
  // The executor sees the new state of the asserted graphs only: the mask hides asserted
  // triples being removed, the inferred graph is skipped.
  exec_->set_mask(&mask_);
  exec_->set_asserted_only(inferred_);
  bool found = false;
  auto try_heads = [&](const std::vector<HeadRef>& refs) {
    for (const HeadRef& ref : refs) {
      if (found || ref.comp > comp) break;  // sorted by component
      const CRule& rule = program_.rules[ref.rule];
      // NOT EXISTS and AGGREGATE bodies would be read through the same restricted view.
      if (!rule.not_exists.empty() || !rule.aggregates.empty()) continue;
      if (!matches(rule.head[ref.head], t)) continue;
      found = derivable_by(rule, ref.head, t);
    }
  };
  auto it = heads_by_p_.find(t.p);
  if (it != heads_by_p_.end()) try_heads(it->second);
  if (!found) try_heads(heads_generic_);
  exec_->set_asserted_only(kNoTerm);
  exec_->set_mask(nullptr);
  return found;
}

std::pair<std::size_t, std::size_t> Reasoner::producers(const Triple& t) const {
  std::size_t first = SIZE_MAX, last = 0;
  auto scan = [&](const std::vector<HeadRef>& refs) {
    for (const HeadRef& ref : refs) {
      if (!matches(program_.rules[ref.rule].head[ref.head], t)) continue;
      first = std::min(first, ref.comp);
      last = std::max(last, ref.comp);
    }
  };
  auto it = heads_by_p_.find(t.p);
  if (it != heads_by_p_.end()) scan(it->second);
  scan(heads_generic_);
  return {first, last};
}

std::vector<Triple> Reasoner::one_step(std::size_t comp, const std::vector<Triple>& candidates) {
  // Each candidate is tested with a head-bound plan (derivable), unless that is on course to
  // cost more than evaluating, once, the rules of every component <= comp that can produce a
  // candidate, over the current (masked) state, and looking the candidates up in what they
  // derive. That batch costs what it cost last time, or before it has run, a multiple of the
  // component's first round in materialise() (the batch runs over the closure, not the
  // asserted triples).
  std::vector<bool> producer(comps_.size(), false);
  for (const Triple& t : candidates) {
    auto mark = [&](const std::vector<HeadRef>& refs) {
      for (const HeadRef& ref : refs) {
        if (ref.comp <= comp && matches(program_.rules[ref.rule].head[ref.head], t))
          producer[ref.comp] = true;
      }
    };
    auto it = heads_by_p_.find(t.p);
    if (it != heads_by_p_.end()) mark(it->second);
    mark(heads_generic_);
  }
  double batch_cost = 0;
  for (std::size_t c = 0; c <= comp && c < comps_.size(); ++c) {
    if (!producer[c]) continue;
    if (batch_seconds_[c] >= 0) {
      batch_cost += batch_seconds_[c];
    } else {
      for (std::size_t r : comps_[c].rules) batch_cost += 4 * naive_seconds_[r];
    }
  }
  std::vector<Triple> found;
  const auto t0 = Clock::now();
  std::size_t done = 0;
  for (; done < candidates.size(); ++done) {
    // Every few candidates, extrapolate. The first tests also build plans and statistics,
    // so give up only once the tests have cost a tenth of the batch and the rest, at the
    // rate so far, would cost more than the batch.
    if (done % 16 == 0 && done > 0) {
      const double spent = seconds_since(t0);
      const double per = spent / static_cast<double>(done);
      if (spent > batch_cost / 10 &&
          per * static_cast<double>(candidates.size() - done) > batch_cost) {
        break;
      }
    }
    if (derivable(candidates[done], comp)) found.push_back(candidates[done]);
  }
  if (done == candidates.size()) return found;
  TripleSet derived;
  std::vector<Triple> out;
  for (std::size_t c = 0; c <= comp && c < comps_.size(); ++c) {
    if (!producer[c]) continue;
    const auto tc = Clock::now();
    for (std::size_t r : comps_[c].rules) {
      const CRule& rule = program_.rules[r];
      if (rule.duplicate_of >= 0) continue;
      std::vector<TermId> row(static_cast<std::size_t>(rule.num_slots()), kNoTerm);
      exec_->run(naive_plan(rule), BodyView::of(rule), &tables_[rule.index], row, nullptr,
                 [&](std::vector<TermId>& rw) {
                   emit_heads(rule, rw, out);
                   for (const Triple& t : out) derived.insert(t);
                   out.clear();
                   return true;
                 });
    }
    batch_seconds_[c] = seconds_since(tc);
  }
  for (std::size_t i = done; i < candidates.size(); ++i) {
    if (derived.contains(candidates[i])) found.push_back(candidates[i]);
  }
  return found;
}

// ---- incremental maintenance -------------------------------------------------------------

void Reasoner::note_touch(const Triple& t) {
  up_->was_inferred.try_emplace(
      t, store_.contains(store::Quad{t.s, t.p, t.o, inferred_}) && !up_->asserted_gone.contains(t));
}

void Reasoner::mask(const Triple& t) {
  if (!mask_.insert(t)) return;
  if (up_) {
    note_touch(t);
    up_->masked.add(t);
    up_->local_masked.insert(t);
  }
}

void Reasoner::unmask(const Triple& t) {
  if (!mask_.erase(t)) return;
  if (up_) up_->local_added.push_back(t);
}

UpdateStats Reasoner::update(const std::vector<store::Quad>& additions,
                             const std::vector<store::Quad>& removals) {
  const auto t0 = Clock::now();
  UpdateStats stats;
  if (known_.empty()) build_known();
  up_ = std::make_unique<UpdateState>();
  UpdateState& up = *up_;

  // 1. Net change per asserted quad, and per triple whether it is asserted before / after.
  std::map<store::Quad, int, bool (*)(const store::Quad&, const store::Quad&)> net(
      [](const store::Quad& a, const store::Quad& b) {
        return std::tie(a.s, a.p, a.o, a.g) < std::tie(b.s, b.p, b.o, b.g);
      });
  for (const store::Quad& q : removals) {
    if (q.g != inferred_) net[q] = -1;
  }
  for (const store::Quad& q : additions) {
    if (q.g != inferred_) net[q] = +1;
  }
  std::vector<store::Quad> erase_at_end;
  std::map<Triple, std::pair<bool, bool>> status;  // triple -> (asserted before, after)
  for (const auto& [q, sign] : net) {
    const Triple t{q.s, q.p, q.o};
    if (!status.count(t)) status[t] = {asserted(t), false};
    const bool present = store_.contains(q);
    if (sign > 0 && !present) {
      store_.insert(q);
      known_.insert(t);
      ++stats.asserted_added;
    } else if (sign < 0 && present) {
      erase_at_end.push_back(q);
      ++stats.asserted_removed;
    }
  }
  for (auto& [t, ba] : status) {
    // After: asserted in a graph that is not being emptied of t.
    bool after = false;
    for (TermId g : store_.graphs()) {
      if (g == inferred_) continue;
      const store::Quad q{t.s, t.p, t.o, g};
      auto it = net.find(q);
      const bool in = it != net.end() ? it->second > 0 : store_.contains(q);
      after = after || in;
    }
    // Graphs that only get t now (not stored yet: staged).
    for (const store::Quad& q : additions) {
      if (q.g != inferred_ && Triple{q.s, q.p, q.o} == t && net[q] > 0) after = true;
    }
    ba.second = after;
  }
  for (auto& [t, ba] : status) {
    if (!ba.first && ba.second) {
      // Newly asserted: if it was inferred, it now lives in its asserted graph only.
      if (store_.contains(store::Quad{t.s, t.p, t.o, inferred_})) {
        note_touch(t);
        store_.erase(store::Quad{t.s, t.p, t.o, inferred_});
        ranks_.erase(t);
      } else {
        up.added.add(t);
      }
    }
  }
  store_.commit();
  bump_epochs();
  for (auto& [t, ba] : status) {
    if (ba.first && !ba.second) {
      up.asserted_gone.insert(t);
      mask(t);
      up.publish_removed(t);
    }
  }
  up.local_masked.clear();
  up.local_added.clear();

  // 2. Components in order. Retractions are deferred until their last producer has had its
  // chance to rederive them: published after it runs, or before if it is recursive (it may
  // read them). Publishing them earlier would make the components in between retract, and
  // then rebuild, everything built on a triple that does not go.
  auto publish_deferred = [&](std::size_t c, bool through) {
    auto& d = up.deferred;
    for (auto it = d.begin(); it != d.end();) {
      if (it->first < c || (it->first == c && through)) {
        if (mask_.contains(it->second)) up.publish_removed(it->second);
        it = d.erase(it);
      } else {
        ++it;
      }
    }
  };
  for (std::size_t c = 0; c < comps_.size(); ++c) {
    publish_deferred(c, comps_[c].recursive);
    update_component(c);
    publish_deferred(c, true);
  }

  // 3. Make retraction physical; asserted triples that are still derivable move into the
  // inferred graph.
  mask_.for_each([&](const Triple& t) {
    store_.erase(store::Quad{t.s, t.p, t.o, inferred_});
    ranks_.erase(t);
  });
  for (const store::Quad& q : erase_at_end) store_.erase(q);
  up.asserted_gone.for_each([&](const Triple& t) {
    if (!mask_.contains(t)) {
      store_.insert(store::Quad{t.s, t.p, t.o, inferred_});
      if (options_.record_ranks && !ranks_.count(t)) ranks_[t] = ++round_;
    }
  });
  const auto tc = Clock::now();
  store_.commit();
  stats.store_seconds = seconds_since(tc);
  bump_epochs();
  mask_.for_each([&](const Triple& t) {
    if (!store_.contains_triple(t.s, t.p, t.o)) known_.erase(t);
  });
  for (const store::Quad& q : erase_at_end) {
    if (!store_.contains_triple(q.s, q.p, q.o)) known_.erase(Triple{q.s, q.p, q.o});
  }
  mask_.clear();
  for (const auto& [t, before] : up.was_inferred) {
    const bool now = store_.contains(store::Quad{t.s, t.p, t.o, inferred_});
    if (now && !before) stats.inferred.push_back(t);
    if (!now && before) stats.retracted.push_back(t);
  }
  std::sort(stats.inferred.begin(), stats.inferred.end());
  std::sort(stats.retracted.begin(), stats.retracted.end());
  stats.overdeleted = up.overdeleted;
  stats.rederived = up.rederived;
  stats.kept = up.kept;
  stats.recomputed_components = up.recomputed;
  stats.overdelete_seconds = up.overdelete_seconds;
  stats.rederive_seconds = up.rederive_seconds;
  stats.insert_seconds = up.insert_seconds;
  stats.recompute_seconds = up.recompute_seconds;
  up_.reset();
  stats.seconds = seconds_since(t0);
  return stats;
}

void Reasoner::update_component(std::size_t comp) {
  UpdateState& up = *up_;
  const ComponentInfo& info = comps_[comp];
  // Does any change reach this component's body, or any masked triple its heads?
  bool body_touched = false, negation_touched = false;
  for (std::size_t r : info.rules) {
    const CRule& rule = program_.rules[r];
    for (const CAtom& a : rule.positive) {
      body_touched = body_touched || any_match(up.added, a) || any_match(up.removed, a);
    }
    auto neg = [&](const CAtom& a) {
      negation_touched = negation_touched || any_match(up.added, a) || any_match(up.removed, a);
    };
    for (const CAtom& a : rule.negated) neg(a);
    for (const CNotExists& ne : rule.not_exists) {
      for (const CAtom& a : ne.atoms) neg(a);
    }
    for (const CAggregate& agg : rule.aggregates) {
      for (const CAtom& a : agg.atoms) neg(a);
      for (const CAtom& a : agg.negated) neg(a);
      for (const CNotExists& ne : agg.not_exists) {
        for (const CAtom& a : ne.atoms) neg(a);
      }
    }
  }
  bool heads_masked = false;
  if (!mask_.empty()) {
    for (std::size_t r : info.rules) {
      for (const CAtom& h : program_.rules[r].head) {
        heads_masked = heads_masked || any_match(up.masked, h);
      }
    }
  }
  if (!body_touched && !negation_touched && !heads_masked) return;
  up.local_masked.clear();
  up.local_added.clear();
  if (negation_touched) {
    if (!recompute_affected(comp)) recompute(comp);
  } else {
    dred(comp);
  }
  // Publish the net changes of this component to the later ones. A retraction is published
  // only when the last component that can produce the triple is about to run (no component
  // before that one reads it: readers come at or after every producer); until then a later
  // producer may still rederive it, and publishing early would make the components in between
  // retract and rederive everything built on it.
  up.local_masked.for_each([&](const Triple& t) {
    if (!mask_.contains(t)) return;
    const std::size_t last = producers(t).second;
    if (last <= comp) {
      up.publish_removed(t);
    } else {
      up.deferred.emplace_back(last, t);
    }
  });
  // An addition is news to the later components if the triple was not there before the
  // update, or if they were told it had gone; a triple masked and rederived in between is not.
  for (const Triple& t : up.local_added) {
    if (mask_.contains(t)) continue;
    const auto before = up.was_inferred.find(t);
    const bool was_there = before != up.was_inferred.end() && before->second;
    if (!was_there || up.published_removed.contains(t)) up.added.add(t);
  }
  up.local_masked.clear();
  up.local_added.clear();
}

void Reasoner::dred(std::size_t comp) {
  UpdateState& up = *up_;
  auto phase = Clock::now();
  const ComponentInfo& info = comps_[comp];
  std::vector<Triple> out;
  DeltaIndex frontier, next;

  // 1. Overdelete, against the old state (no mask): everything with a derivation through a
  // removed triple. Asserted triples are never overdeleted.
  exec_->set_mask(nullptr);
  for (std::size_t k = 0; k < info.rules.size(); ++k) {
    run_delta(program_.rules[info.rules[k]], info.all_atoms[k], up.removed, out);
  }
  auto overdelete = [&](DeltaIndex& into) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    for (const Triple& t : out) {
      if (mask_.contains(t) || !store_.contains(store::Quad{t.s, t.p, t.o, inferred_})) continue;
      // Still derivable from asserted triples that stay: it stays, and so does everything
      // derived from it; stopping here keeps the overdeletion from spreading.
      if (derivable_from_asserted(t, comp)) {
        ++up.kept;
        continue;
      }
      mask(t);
      ++up.overdeleted;
      into.add(t);
    }
    out.clear();
  };
  overdelete(frontier);
  while (info.recursive && !frontier.empty()) {
    for (std::size_t k = 0; k < info.rules.size(); ++k) {
      run_delta(program_.rules[info.rules[k]], info.recursive_atoms[k], frontier, out);
    }
    next.clear();
    overdelete(next);
    std::swap(frontier, next);
  }

  up.overdelete_seconds += seconds_since(phase);
  phase = Clock::now();

  // 2. Rederive, against the new state: masked triples this component can derive that still
  // have a one-step derivation.
  exec_->set_mask(&mask_);
  DeltaIndex rederived;
  std::vector<Triple> candidates;
  for (std::size_t r : info.rules) {
    for (const CAtom& h : program_.rules[r].head) {
      const auto& list =
          h.t[1].is_var() ? up.masked.all() : up.masked.with_predicate(h.t[1].constant);
      for (const Triple& t : list) {
        if (mask_.contains(t) && matches(h, t)) candidates.push_back(t);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (const Triple& t : one_step(comp, candidates)) {
    if (!mask_.contains(t)) continue;
    rederive(t);
    ++up.rederived;
    rederived.add(t);
  }

  up.rederive_seconds += seconds_since(phase);
  phase = Clock::now();

  // 3. Insert: semi-naive from the additions so far and the rederived triples.
  evaluate(comp, {&up.added, &rederived}, nullptr);
  up.insert_seconds += seconds_since(phase);
  exec_->set_mask(nullptr);
}

bool Reasoner::joint_head_instances(const CRule& r, const std::vector<TermId>& start,
                                    std::vector<Triple>& hits) {
  // A rule with several head atoms emits them together, so what it derived are joint
  // instances of its head: found by joining the head atoms over the store (all graphs: an
  // atom may also be asserted), from the variables `start` binds, else from the rarest atom.
  for (const CAtom& h : r.head) {
    // An atom emit_heads may drop (a literal subject, a non-IRI predicate) breaks the join.
    if (h.check_kind[0] || h.check_kind[1]) return false;
  }
  const std::size_t n = r.head.size();
  std::vector<bool> bound(static_cast<std::size_t>(r.num_slots()), false);
  bool any_bound = false;
  for (std::size_t v = 0; v < bound.size(); ++v) {
    bound[v] = start[v] != kNoTerm;
    any_bound = any_bound || bound[v];
  }
  std::vector<std::size_t> order;
  std::vector<bool> used(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t best = n;
    double best_cost = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (used[i]) continue;
      const CAtom& h = r.head[i];
      bool linked = k == 0 && !any_bound;
      store::Pattern pat;
      TermId* pos[3] = {&pat.s, &pat.p, &pat.o};
      for (int j = 0; j < 3; ++j) {
        if (!h.t[j].is_var()) {
          *pos[j] = h.t[j].constant;
        } else if (bound[h.t[j].var]) {
          linked = true;
        }
      }
      if (!linked) continue;
      // Rarest first; later atoms are ranked by how much of them is already bound.
      double cost = static_cast<double>(store_.count(pat));
      for (int j = 0; j < 3; ++j) {
        if (h.t[j].is_var() && bound[h.t[j].var]) cost /= 1000.0;
      }
      if (best == n || cost < best_cost) best = i, best_cost = cost;
    }
    if (best == n) return false;  // a head atom shares no variable with the others
    used[best] = true;
    order.push_back(best);
    for (const Slot& sl : r.head[best].t) {
      if (sl.is_var()) bound[sl.var] = true;
    }
  }
  std::vector<TermId> row = start;
  std::function<void(std::size_t)> join = [&](std::size_t k) {
    if (k == n) {
      for (const CAtom& h : r.head) {
        TermId v[3];
        for (int j = 0; j < 3; ++j) v[j] = h.t[j].is_var() ? row[h.t[j].var] : h.t[j].constant;
        hits.push_back(Triple{v[0], v[1], v[2]});
      }
      return;
    }
    const CAtom& h = r.head[order[k]];
    std::vector<int> fresh;
    const store::Pattern pat = atom_pattern(h, row, fresh);
    for (const Triple& t : stored_instances(store_, pat, h)) {
      bind_atom(h, t, row);
      join(k + 1);
      for (int sl : fresh) row[sl] = kNoTerm;
    }
  };
  join(0);
  return true;
}

bool Reasoner::heads_joinable(const CRule& r) const {
  if (r.head.size() < 2) return false;
  for (const CAtom& h : r.head) {
    if (h.check_kind[0] || h.check_kind[1]) return false;
  }
  // The head atoms, linked by shared variables, form one connected graph.
  std::vector<bool> reached(r.head.size(), false),
      var_seen(static_cast<std::size_t>(r.num_slots()), false);
  reached[0] = true;
  for (const Slot& sl : r.head[0].t) {
    if (sl.is_var()) var_seen[static_cast<std::size_t>(sl.var)] = true;
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t i = 0; i < r.head.size(); ++i) {
      if (reached[i]) continue;
      bool linked = false;
      for (const Slot& sl : r.head[i].t) linked = linked || (sl.is_var() && var_seen[sl.var]);
      if (!linked) continue;
      reached[i] = grew = true;
      for (const Slot& sl : r.head[i].t) {
        if (sl.is_var()) var_seen[static_cast<std::size_t>(sl.var)] = true;
      }
    }
  }
  return std::all_of(reached.begin(), reached.end(), [](bool b) { return b; });
}

bool Reasoner::mask_head_instances(const CRule& r) {
  // Masking every triple that only matches one head atom would hide the output of every rule
  // sharing a predicate (all partner candidates, say), and each would then need a
  // rederivation check.
  if (r.head.size() < 2) return false;
  std::vector<Triple> hits;
  if (!joint_head_instances(
          r, std::vector<TermId>(static_cast<std::size_t>(r.num_slots()), kNoTerm), hits)) {
    return false;
  }
  mask_inferred(hits);
  return true;
}

bool Reasoner::affected_keys(const CRule& r, bool joint, std::vector<std::vector<TermId>>& keys) {
  // Shared keys bind only variables every head atom has (see recompute_affected); joint keys
  // bind every variable of the rule a change pins down, at least one of them in a head.
  const auto n = static_cast<std::size_t>(r.num_slots());
  std::vector<bool> in_all_heads(n, true), in_any_head(n, false), rule_level(n, false);
  for (const CAtom& h : r.head) {
    std::vector<bool> here(n, false);
    for (const Slot& sl : h.t) {
      if (sl.is_var()) here[sl.var] = in_any_head[sl.var] = true;
    }
    for (std::size_t v = 0; v < n; ++v) in_all_heads[v] = in_all_heads[v] && here[v];
  }
  for (const std::vector<CAtom>* atoms : {&r.positive, &r.negated, &r.head}) {
    for (const CAtom& a : *atoms) {
      for (const Slot& sl : a.t) {
        if (sl.is_var()) rule_level[sl.var] = true;
      }
    }
  }
  for (const CBind& b : r.binds) rule_level[b.target] = true;
  for (const CAggregate& agg : r.aggregates) {
    for (int v : agg.group_slots) rule_level[v] = true;
    for (const CAggregateOutput& o : agg.outputs) rule_level[o.target] = true;
  }
  const std::vector<bool>& key_vars = joint ? rule_level : in_all_heads;
  constexpr std::size_t kMaxKeys = 20000;
  std::set<std::vector<TermId>> found;
  // Adds the key of `row` (its values of head variables); false if it binds none.
  auto add = [&](const std::vector<TermId>& row) {
    std::vector<TermId> key(n, kNoTerm);
    bool any = false;
    for (std::size_t v = 0; v < n; ++v) {
      if (key_vars[v] && row[v] != kNoTerm) key[v] = row[v], any = any || in_any_head[v];
    }
    if (!any) return false;
    found.insert(std::move(key));
    return found.size() <= kMaxKeys;
  };
  const UpdateState& up = *up_;
  // Calls fn(t) for each logged change that matches atom a; false if fn says stop.
  auto for_changes = [&](const CAtom& a, auto&& fn) {
    for (const DeltaIndex* log : {&up.added, &up.removed}) {
      const auto& list = a.t[1].is_var() ? log->all() : log->with_predicate(a.t[1].constant);
      for (const Triple& t : list) {
        if (matches(a, t) && !fn(t)) return false;
      }
    }
    return true;
  };
  std::vector<TermId> row(n, kNoTerm);
  // A change binds some of the rule's variables. If those include every variable the head
  // atoms share, that is the key; otherwise the keys are the solutions of the rule's positive
  // atoms with those variables bound, over the store without the mask (what is retracted is
  // still stored, what is added already is): a superset of the instances the change touches.
  BodyView positive_only;
  positive_only.atoms = &r.positive;
  std::map<std::uint64_t, std::unique_ptr<Plan>> completion_plans;
  auto direct = [&](const CAtom& a, const std::vector<int>& local) {
    return for_changes(a, [&](const Triple& t) {
      std::fill(row.begin(), row.end(), kNoTerm);
      bind_atom(a, t, row);
      for (int v : local) row[v] = kNoTerm;  // existential: not the rule's
      bool complete = true;
      std::uint64_t bits = 0;
      std::vector<int> bound;
      bool some_head = false;
      for (std::size_t v = 0; v < n; ++v) {
        if (in_all_heads[v] && row[v] == kNoTerm) complete = false;
        if (in_any_head[v] && row[v] != kNoTerm) some_head = true;
        if (row[v] != kNoTerm) bits |= std::uint64_t{1} << v, bound.push_back(static_cast<int>(v));
      }
      if (joint) complete = some_head;
      if (complete || r.positive.empty() || n > 64) return add(row);
      auto& plan = completion_plans[bits];
      if (!plan) {
        plan = std::make_unique<Plan>(make_plan(positive_only, r.num_slots(), bound, -1, *stats_));
      }
      bool good = true;
      exec_->set_mask(nullptr);
      exec_->run(*plan, positive_only, nullptr, row, nullptr, [&](std::vector<TermId>& rw) {
        good = add(rw);
        return good;
      });
      return good;
    });
  };
  for (const CAtom& a : r.positive) {
    if (!direct(a, {})) return false;
  }
  // Triples of this rule's heads that earlier components retracted (still masked): this rule
  // may derive them again.
  for (const CAtom& h : r.head) {
    const auto& list =
        h.t[1].is_var() ? up.masked.all() : up.masked.with_predicate(h.t[1].constant);
    for (const Triple& t : list) {
      if (!mask_.contains(t) || !matches(h, t)) continue;
      std::fill(row.begin(), row.end(), kNoTerm);
      bind_atom(h, t, row);
      if (!add(row)) return false;
    }
  }
  for (const CAtom& a : r.negated) {
    if (!direct(a, {})) return false;
  }
  for (const CNotExists& ne : r.not_exists) {
    for (const CAtom& a : ne.atoms) {
      if (!direct(a, ne.local_slots)) return false;
    }
  }
  for (const CAggregate& agg : r.aggregates) {
    // A change to a negated or NOT EXISTS atom inside the aggregate: no key (rare).
    for (const CAtom& a : agg.negated) {
      if (!for_changes(a, [](const Triple&) { return false; })) return false;
    }
    for (const CNotExists& ne : agg.not_exists) {
      for (const CAtom& a : ne.atoms) {
        if (!for_changes(a, [](const Triple&) { return false; })) return false;
      }
    }
    // A change to one of its atoms affects the groups its solutions fall in, before or
    // after the update: the atoms joined with the change bound, over the store without the
    // mask (it still holds what is retracted, and already holds what is added).
    BodyView atoms_only;
    atoms_only.atoms = &agg.atoms;
    for (const CAtom& a : agg.atoms) {
      std::vector<int> bound;
      for (const Slot& sl : a.t) {
        if (sl.is_var()) bound.push_back(sl.var);
      }
      std::unique_ptr<Plan> plan;
      const bool ok = for_changes(a, [&](const Triple& t) {
        if (!plan) {
          plan = std::make_unique<Plan>(make_plan(atoms_only, r.num_slots(), bound, -1, *stats_));
        }
        std::fill(row.begin(), row.end(), kNoTerm);
        bind_atom(a, t, row);
        bool good = true;
        exec_->set_mask(nullptr);
        exec_->run(*plan, atoms_only, nullptr, row, nullptr, [&](std::vector<TermId>& rw) {
          std::vector<TermId> g(n, kNoTerm);
          for (int v : agg.group_slots) g[static_cast<std::size_t>(v)] = rw[v];
          good = add(g);
          return good;
        });
        return good;
      });
      if (!ok) return false;
    }
  }
  keys.assign(found.begin(), found.end());
  return true;
}

bool Reasoner::recompute_affected(std::size_t comp) {
  // One non-recursive rule whose NOT, NOT EXISTS or AGGREGATE inputs changed: only the rule
  // instances that agree with a change on the variables all head atoms share can have changed
  // (their keys). Their heads are masked, the rule is evaluated with each key bound, and what
  // stays masked is retracted as in recompute(). Sound because a key binds only variables of
  // every head atom: a triple masked for a key can only be derived by an instance agreeing
  // with that key, which the keyed evaluation finds. With "joint" keys (head atoms without a
  // common variable) the masked triples are the joint head instances agreeing with a key, and
  // those not rederived by the keyed evaluation get a one-step derivation test. Anything else
  // falls back to recompute(). See docs/internals/reasoner.md.
  UpdateState& up = *up_;
  const ComponentInfo& info = comps_[comp];
  if (info.recursive || info.rules.size() != 1) return false;
  const CRule& r = program_.rules[info.rules[0]];
  if (r.duplicate_of >= 0 || r.num_slots() > 64) return false;
  const auto t0 = Clock::now();
  std::vector<std::vector<TermId>> keys;
  bool joint = false;
  if (!affected_keys(r, false, keys)) {
    // Head atoms without a common variable (a node minted for an SME and a competence, say):
    // the keyed instances are found by joining the head atoms from the key's head values.
    keys.clear();
    if (!heads_joinable(r) || !affected_keys(r, true, keys)) return false;
    joint = true;
  }
  ++up.recomputed;
  // 1. Mask the heads of the keyed instances.
  if (joint) {
    std::vector<bool> in_head(static_cast<std::size_t>(r.num_slots()), false);
    for (const CAtom& h : r.head) {
      for (const Slot& sl : h.t) {
        if (sl.is_var()) in_head[static_cast<std::size_t>(sl.var)] = true;
      }
    }
    std::vector<Triple> hits;
    for (const std::vector<TermId>& key : keys) {
      std::vector<TermId> start = key;
      for (std::size_t v = 0; v < start.size(); ++v) {
        if (!in_head[v]) start[v] = kNoTerm;
      }
      joint_head_instances(r, start, hits);
    }
    mask_inferred(hits);
  } else {
    for (const std::vector<TermId>& key : keys) {
      for (const CAtom& h : r.head) mask_inferred_instances(h, key);
    }
  }
  // 2. Evaluate the rule once per key over the new state.
  exec_->set_mask(&mask_);
  compute_tables(r, &keys);
  std::vector<Triple> out;
  for (const std::vector<TermId>& key : keys) {
    std::uint64_t bits = 0;
    std::vector<int> bound;
    for (int v = 0; v < r.num_slots(); ++v) {
      if (key[static_cast<std::size_t>(v)] != kNoTerm)
        bits |= std::uint64_t{1} << v, bound.push_back(v);
    }
    auto& plan = plans_[r.index]->bound[bits];
    if (!plan)
      plan = std::make_unique<Plan>(make_plan(BodyView::of(r), r.num_slots(), bound, -1, *stats_));
    std::vector<TermId> row = key;
    exec_->run(*plan, BodyView::of(r), &tables_[r.index], row, nullptr,
               [&](std::vector<TermId>& rw) {
                 emit_heads(r, rw, out);
                 return true;
               });
  }
  DeltaIndex fresh;
  absorb(out, fresh);
  if (joint) {
    // A masked head may also have an instance that disagrees with its key on a variable of
    // the body only: test what is still masked for a one-step derivation by this rule.
    for (const Triple& t : still_masked_here()) {
      for (std::size_t h = 0; h < r.head.size(); ++h) {
        if (matches(r.head[h], t) && derivable_by(r, h, t)) {
          rederive(t);
          break;
        }
      }
    }
  }
  // 3. What is still hidden may be derivable by an earlier component (final already).
  rederive_from_earlier(comp);
  exec_->set_mask(nullptr);
  up.recompute_seconds += seconds_since(t0);
  return true;
}

void Reasoner::mask_inferred(const std::vector<Triple>& triples) {
  for (const Triple& t : triples) {
    if (store_.contains(store::Quad{t.s, t.p, t.o, inferred_})) mask(t);
  }
}

void Reasoner::mask_inferred_instances(const CAtom& h, const std::vector<TermId>& row) {
  std::vector<int> fresh;
  store::Pattern pat = atom_pattern(h, row, fresh);
  pat.g = inferred_;
  std::vector<Triple> hits;
  store_.for_each(pat, [&](const store::Quad& q) {
    const Triple t{q.s, q.p, q.o};
    if (matches(h, t)) hits.push_back(t);
  });
  for (const Triple& t : hits) mask(t);
}

std::vector<Triple> Reasoner::still_masked_here() const {
  std::vector<Triple> still;
  up_->local_masked.for_each([&](const Triple& t) {
    if (mask_.contains(t)) still.push_back(t);
  });
  std::sort(still.begin(), still.end());
  return still;
}

void Reasoner::rederive(const Triple& t) {
  unmask(t);
  if (options_.record_ranks) ranks_[t] = ++round_;
}

void Reasoner::rederive_from_earlier(std::size_t comp) {
  if (comp == 0) return;
  std::vector<Triple> earlier;  // those an earlier component can produce
  for (const Triple& t : still_masked_here()) {
    if (producers(t).first < comp) earlier.push_back(t);
  }
  for (const Triple& t : one_step(comp - 1, earlier)) rederive(t);
}

void Reasoner::recompute(std::size_t comp) {
  UpdateState& up = *up_;
  const ComponentInfo& info = comps_[comp];
  ++up.recomputed;
  const auto t0 = Clock::now();
  // 1. Hide everything the component may have derived.
  for (std::size_t r : info.rules) {
    const CRule& rule = program_.rules[r];
    if (mask_head_instances(rule)) continue;
    const std::vector<TermId> unbound(static_cast<std::size_t>(rule.num_slots()), kNoTerm);
    for (const CAtom& h : rule.head) mask_inferred_instances(h, unbound);
  }
  // 2. Evaluate from scratch over the new state.
  exec_->set_mask(&mask_);
  for (std::size_t r : info.rules) compute_tables(program_.rules[r]);
  evaluate(comp, {}, nullptr);
  // 3. What is still hidden may be derivable by an earlier component (final already).
  rederive_from_earlier(comp);
  exec_->set_mask(nullptr);
  up.recompute_seconds += seconds_since(t0);
}

}  // namespace kennis::reason
