// One-step derivability (see reasoner.hpp and docs/internals/reasoner.md): whether a triple
// has a derivation in one step by a rule, from the current (masked) state or from asserted
// triples that stay; the batch evaluation that replaces many such tests; what stays masked
// after a component ran, and its rederivation.
#include "reason/reasoner.hpp"
#include "reason/reasoner_internal.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

namespace kennis::reason {

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

// ---- what stays masked -----------------------------------------------------------------------

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

}  // namespace kennis::reason
