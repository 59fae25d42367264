// Incremental maintenance (see reasoner.hpp and docs/internals/reasoner.md): update(), and per
// component DRed, recomputation from scratch, and keyed recomputation of the instances the
// changes reach; masking. One-step derivability is in reasoner_derivable.cpp.
#include "reason/reasoner.hpp"
#include "reason/reasoner_internal.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace kennis::reason {

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
                             const std::vector<store::Quad>& removals, const base::Limits& limits) {
  const auto t0 = Clock::now();
  const base::Budget budget(limits, "update");
  use_budget(limits.any() ? &budget : nullptr);
  struct Reset {
    Reasoner* self;
    ~Reset() { self->use_budget(nullptr); }
  } reset{this};
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
  try {
    for (std::size_t c = 0; c < comps_.size(); ++c) {
      publish_deferred(c, comps_[c].recursive);
      update_component(c);
      publish_deferred(c, true);
    }
  } catch (base::LimitError& e) {
    // Stopped: the asserted changes are made in full, the inferred graph is left as it is
    // (out of date; the caller drops it), and nothing stays masked.
    e.add_note(std::to_string(derived_so_far_) + " triples derived so far");
    for (const store::Quad& q : erase_at_end) store_.erase(q);
    store_.commit();
    bump_epochs();
    mask_.clear();
    known_.clear();
    for (Executor* ex : executors()) ex->set_known(nullptr);
    up_.reset();
    throw;
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
