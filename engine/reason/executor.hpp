// Executes rule plans: index nested loops over the store's sorted runs (QuadStore::for_each
// with the bound positions as prefix), one row of slots, no allocation per tuple. The
// callback that receives each solution is a template parameter, so the innermost loop is
// inlined. A mask hides triples that an incremental update is retracting (visible = stored
// and not masked).
#pragma once

#include "base/limits.hpp"
#include "expr/evaluator.hpp"
#include "reason/plan.hpp"
#include "reason/triple.hpp"
#include "store/quad_store.hpp"

#include <functional>
#include <unordered_map>
#include <vector>

namespace kennis::reason {

/// The rows of one AGGREGATE: group values then outputs, `width` cells per row.
struct AggregateTable {
  std::size_t width = 0;
  std::vector<TermId> cells;
  /// Group key -> row, when there are group variables.
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_group;
  std::size_t groups = 0;  ///< number of group columns

  std::size_t rows() const { return width == 0 ? 0 : cells.size() / width; }
  const TermId* row(std::size_t i) const { return cells.data() + i * width; }
  static std::uint64_t hash_key(const TermId* values, std::size_t n) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (std::size_t i = 0; i < n; ++i) {
      h = (h ^ values[i]) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
    }
    return h;
  }
};

class Executor {
 public:
  Executor(const store::QuadStore& store, const rdf::Dictionary& dict, expr::EvalContext& ectx)
      : store_(store), dict_(dict), ectx_(ectx) {}

  /// Triples in `mask` are treated as absent. nullptr or empty: no mask.
  void set_mask(const TripleSet* mask) { mask_ = (mask && !mask->empty()) ? mask : nullptr; }

  /// The set of every stored triple, kept by the reasoner: membership tests use it instead
  /// of the indexes when set.
  void set_known(const TripleSet* known) { known_ = known; }

  bool stored(const Triple& t) const {
    return known_ ? known_->contains(t) : store_.contains_triple(t.s, t.p, t.o);
  }
  bool visible(const Triple& t) const {
    if (mask_ && mask_->contains(t)) return false;
    if (asserted_only_ != kNoTerm) return asserted(t);
    return stored(t);
  }

  /// While set (to the inferred graph's id), positive atoms match only triples held in some
  /// other graph: asserted triples. Probe memos are bypassed (they do not know graphs);
  /// negated atoms still see every triple. kNoTerm switches it off.
  void set_asserted_only(TermId inferred_graph) { asserted_only_ = inferred_graph; }

  /// Runs `plan` over `body`. `row` holds the pre-bound slots; `delta` feeds a kDelta first
  /// step; `tables` are the aggregate tables of the rule (index = aggregate). For each
  /// solution calls emit(row) -> bool; false stops. Returns false iff stopped.
  template <class Emit>
  bool run(const Plan& plan, const BodyView& body, const std::vector<AggregateTable>* tables,
           std::vector<TermId>& row, const DeltaIndex* delta, Emit&& emit) {
    Frame<Emit> f{plan, body, tables, row, delta, emit, plan.steps.size()};
    return exec(f, 0);
  }

  expr::EvalContext& eval_context() { return ectx_; }

  /// Polls `budget` (nullptr: none) once per step: a limit hit throws base::LimitError out of
  /// run(). One executor runs on one thread at a time; the budget may be shared.
  void set_budget(const base::Budget* budget) { ticker_.set_budget(budget); }

  /// Call after every store commit: memoised probes are dropped.
  void bump_epoch() { ++epoch_; }
  const store::QuadStore& store() const { return store_; }

 private:
  template <class Emit>
  struct Frame {
    const Plan& plan;
    const BodyView& body;
    const std::vector<AggregateTable>* tables;
    std::vector<TermId>& row;
    const DeltaIndex* delta;
    Emit& emit;
    std::size_t end;  ///< steps [0, end) run; then emit
  };

  /// Collects the values of some slots at the end of a partial run (run caching below).
  struct CollectEmit {
    const std::vector<int>* slots;
    std::vector<TermId>* out;
    std::size_t* count;
    bool operator()(std::vector<TermId>& row) const {
      for (int s : *slots) out->push_back(row[s]);
      ++*count;
      return true;
    }
  };

  /// Clears a memo filled in an earlier store epoch.
  void refresh(ProbeMemo& memo) const {
    if (memo.epoch != epoch_) {
      memo.results.clear();
      memo.last = nullptr;
      memo.epoch = epoch_;
    }
  }

  /// The first step of a semi-naive plan: the delta triples matching the atom. When the next
  /// step probes a memoised small relation (a schema predicate), delta triples whose probe
  /// has no match are dropped without descending; when that probe depends only on the
  /// triple's predicate and object, a whole run of equal (predicate, object) is dropped with
  /// one lookup (the groups are sorted by object). Most delta triples of a generic atom
  /// ([?x, a, ?c], [?x, ?p, ?y]) meet no schema triple.
  template <class Emit>
  bool exec_delta(Frame<Emit>& f, std::size_t i) {
    const Step& step = f.plan.steps[i];
    const Step* next = i + 1 < f.plan.steps.size() ? &f.plan.steps[i + 1] : nullptr;
    ProbeMemo* memo = next && next->kind == StepKind::kScan ? next->memo.get() : nullptr;
    if (memo) refresh(*memo);
    const TermId cs = step.mode[0] == PosMode::kConst ? step.constant[0] : kNoTerm;
    const TermId cp = step.mode[1] == PosMode::kConst ? step.constant[1] : kNoTerm;
    const TermId co = step.mode[2] == PosMode::kConst ? step.constant[2] : kNoTerm;
    // Does the next probe read the subject bound here?
    bool key_reads_subject = false;
    if (memo && step.mode[0] == PosMode::kFree) {
      for (int k = 0; k < 3; ++k) {
        key_reads_subject = key_reads_subject ||
                            (next->mode[k] == PosMode::kBound && next->slot[k] == step.slot[0]);
      }
    }
    auto probe_empty = [&]() {
      const Triple key{probe(*next, f.row, 0), probe(*next, f.row, 1), probe(*next, f.row, 2)};
      if (!(memo->last && memo->last_key == key)) {
        memo->last = &memo_lookup(*memo, key);
        memo->last_key = key;
      }
      return memo->last->empty();
    };
    auto visit = [&](const Triple& t) {
      if (mask_ && mask_->contains(t)) return true;
      if (!match(step, f.row, t.s, t.p, t.o)) return true;
      if (memo && probe_empty()) return true;
      return exec(f, i + 1);
    };
    if (!memo || key_reads_subject || !f.delta->sorted()) {
      bool go = true;
      f.delta->for_each(cs, cp, co, [&](const Triple& t) { go = go && visit(t); });
      return go;
    }
    // Runs of equal (predicate, object): the memoised steps that follow and read only what
    // the run has in common (its predicate and object, constants, each other's results)
    // give the same solutions for every triple of the run. They are evaluated once per run
    // and their bindings replayed for each triple; a run without solutions is skipped.
    std::size_t cached_end = i + 1;
    std::vector<int> cached_slots;  // slots the cached steps bind
    {
      std::vector<bool> known(f.row.size(), false);
      for (int k : {1, 2}) {
        if (step.mode[k] == PosMode::kFree) known[step.slot[k]] = true;
      }
      if (step.mode[0] == PosMode::kFree) known[step.slot[0]] = false;  // per triple
      while (cached_end < f.end) {
        const Step& c = f.plan.steps[cached_end];
        if (c.kind != StepKind::kScan || !c.memo) break;
        bool reads_only_known = true;
        for (int k = 0; k < 3; ++k) {
          if (c.mode[k] == PosMode::kBound && !known[c.slot[k]]) reads_only_known = false;
        }
        if (!reads_only_known) break;
        for (int k = 0; k < 3; ++k) {
          if (c.mode[k] == PosMode::kFree) {
            known[c.slot[k]] = true;
            cached_slots.push_back(c.slot[k]);
          }
        }
        ++cached_end;
      }
    }
    std::vector<TermId> cached;  // the cached steps' solutions, cached_slots.size() each
    auto scan_group = [&](const std::vector<Triple>& v) {
      auto b = v.begin(), e = v.end();
      if (co != kNoTerm) {
        b = std::lower_bound(b, e, co, [](const Triple& t, TermId x) { return t.o < x; });
        e = std::upper_bound(b, e, co, [](TermId x, const Triple& t) { return x < t.o; });
      }
      for (auto it = b; it != e;) {
        auto run_end = it + 1;
        while (run_end != e && run_end->o == it->o) ++run_end;
        // Bind the run's predicate and object with its first triple; if that triple does
        // not match (a repeated variable), decide triple by triple.
        if (!match(step, f.row, it->s, it->p, it->o)) {
          for (; it != run_end; ++it) {
            if (!visit(*it)) return false;
          }
          continue;
        }
        if (probe_empty()) {
          it = run_end;
          continue;
        }
        cached.clear();
        std::size_t solutions = 0;
        CollectEmit collect{&cached_slots, &cached, &solutions};
        Frame<CollectEmit> g{f.plan, f.body, f.tables, f.row, f.delta, collect, cached_end};
        exec(g, i + 1);
        const std::size_t width = cached_slots.size();
        if (solutions == 0) {
          it = run_end;
          continue;
        }
        for (; it != run_end; ++it) {
          if (mask_ && mask_->contains(*it)) continue;
          if (!match(step, f.row, it->s, it->p, it->o)) continue;
          if (width == 0) {
            // Only tests, and they held for the run.
            if (!exec(f, cached_end)) return false;
            continue;
          }
          for (std::size_t r = 0; r < cached.size(); r += width) {
            for (std::size_t k = 0; k < width; ++k) f.row[cached_slots[k]] = cached[r + k];
            if (!exec(f, cached_end)) return false;
          }
        }
      }
      return true;
    };
    if (cp != kNoTerm) return scan_group(f.delta->with_predicate(cp));
    for (const auto& [q, v] : f.delta->groups()) {
      if (!scan_group(v)) return false;
    }
    return true;
  }

  /// The results of `key` in `memo`, looked up in the store on a miss.
  const std::vector<Triple>& memo_lookup(ProbeMemo& memo, const Triple& key) {
    auto it = memo.results.find(key);
    if (it != memo.results.end()) return it->second;
    std::vector<Triple> found;
    if (key.s != kNoTerm && key.p != kNoTerm && key.o != kNoTerm) {
      if (stored(key)) found.push_back(key);
    } else {
      store::Pattern pat;
      pat.s = key.s, pat.p = key.p, pat.o = key.o;
      store_.for_each(pat, [&](const store::Quad& q) { found.push_back(Triple{q.s, q.p, q.o}); });
      // A triple in several graphs is one triple.
      std::sort(found.begin(), found.end());
      found.erase(std::unique(found.begin(), found.end()), found.end());
    }
    return memo.results.emplace(key, std::move(found)).first->second;
  }

  /// Stops at the first solution (NOT EXISTS).
  struct FoundEmit {
    bool* found;
    bool operator()(std::vector<TermId>&) const {
      *found = true;
      return false;
    }
  };

  /// Binds the positions of `step` from (s, p, o); false if a bound or repeated position
  /// disagrees.
  static bool match(const Step& step, std::vector<TermId>& row, TermId s, TermId p, TermId o) {
    const TermId v[3] = {s, p, o};
    for (int i = 0; i < 3; ++i) {
      switch (step.mode[i]) {
        case PosMode::kConst:
          if (v[i] != step.constant[i]) return false;
          break;
        case PosMode::kBound:
          if (v[i] != row[step.slot[i]]) return false;
          break;
        case PosMode::kFree:
          row[step.slot[i]] = v[i];
          break;
        case PosMode::kRepeat:
          if (v[i] != v[step.repeat_of[i]]) return false;
          break;
      }
    }
    return true;
  }

  static TermId probe(const Step& step, const std::vector<TermId>& row, int i) {
    switch (step.mode[i]) {
      case PosMode::kConst:
        return step.constant[i];
      case PosMode::kBound:
        return row[step.slot[i]];
      default:
        return kNoTerm;
    }
  }

  template <class Emit>
  bool exec(Frame<Emit>& f, std::size_t i) {
    ticker_.tick();
    if (i == f.end) return f.emit(f.row);
    const Step& step = f.plan.steps[i];
    switch (step.kind) {
      case StepKind::kDelta:
        return exec_delta(f, i);
      case StepKind::kScan: {
        const TermId s = probe(step, f.row, 0), p = probe(step, f.row, 1),
                     o = probe(step, f.row, 2);
        if (step.memo && asserted_only_ == kNoTerm) {
          ProbeMemo& memo = *step.memo;
          refresh(memo);
          const Triple key{s, p, o};
          const std::vector<Triple>* list = nullptr;
          if (memo.last && memo.last_key == key) {
            list = memo.last;
          } else {
            list = &memo_lookup(memo, key);
            memo.last_key = key;
            memo.last = list;
          }
          // Iterate by index: the recursion below may add probes (the lists do not move).
          for (std::size_t k = 0; k < list->size(); ++k) {
            const Triple t = (*list)[k];
            if (mask_ && mask_->contains(t)) continue;
            if (!match(step, f.row, t.s, t.p, t.o)) continue;
            if (!exec(f, i + 1)) return false;
          }
          return true;
        }
        if (s != kNoTerm && p != kNoTerm && o != kNoTerm) {
          if (!visible(Triple{s, p, o})) return true;
          return exec(f, i + 1);
        }
        store::Pattern pat;
        pat.s = s, pat.p = p, pat.o = o;
        return store_.for_each(pat, [&](const store::Quad& q) {
          if (q.g == asserted_only_) return true;  // kNoTerm is never a graph
          if (mask_ && mask_->contains(Triple{q.s, q.p, q.o})) return true;
          if (!match(step, f.row, q.s, q.p, q.o)) return true;
          return exec(f, i + 1);
        });
      }
      case StepKind::kNegation: {
        const Triple t{probe(step, f.row, 0), probe(step, f.row, 1), probe(step, f.row, 2)};
        if (t.s != kNoTerm && t.p != kNoTerm && t.o != kNoTerm && stored(t) &&
            !(mask_ && mask_->contains(t))) {
          return true;
        }
        return exec(f, i + 1);
      }
      case StepKind::kNotExists: {
        const CNotExists& ne = (*f.body.not_exists)[step.index];
        BodyView sub;
        sub.atoms = &ne.atoms;
        bool found = false;
        FoundEmit stop{&found};
        Frame<FoundEmit> g{*step.sub, sub, nullptr, f.row, nullptr, stop, step.sub->steps.size()};
        exec(g, 0);
        if (found) return true;
        return exec(f, i + 1);
      }
      case StepKind::kFilter: {
        const CFilter& flt = (*f.body.filters)[step.index];
        if (!flt.expr.filter(f.row, ectx_)) return true;
        return exec(f, i + 1);
      }
      case StepKind::kBind: {
        const CBind& b = (*f.body.binds)[step.index];
        const TermId v = b.expr.evaluate(f.row, ectx_);
        if (v == kNoTerm) return true;  // an error: the rule does not fire
        if (step.mode[0] == PosMode::kBound) {
          if (f.row[b.target] != v) return true;
          return exec(f, i + 1);
        }
        f.row[b.target] = v;
        return exec(f, i + 1);
      }
      case StepKind::kAggregate: {
        const CAggregate& agg = (*f.body.aggregates)[step.index];
        const AggregateTable& table = (*f.tables)[step.index];
        const std::size_t ng = agg.group_slots.size();
        auto try_row = [&](const TermId* r) {
          for (std::size_t c = 0; c < table.width; ++c) {
            const int slot = c < ng ? agg.group_slots[c] : agg.outputs[c - ng].target;
            if (step.column_bound[c]) {
              if (f.row[slot] != r[c]) return true;
            } else {
              f.row[slot] = r[c];
            }
          }
          return exec(f, i + 1);
        };
        const bool keyed = ng > 0 && std::all_of(step.column_bound.begin(),
                                                 step.column_bound.begin() + static_cast<long>(ng),
                                                 [](bool b) { return b; });
        if (keyed) {
          std::vector<TermId> key(ng);
          for (std::size_t c = 0; c < ng; ++c) key[c] = f.row[agg.group_slots[c]];
          auto it = table.by_group.find(AggregateTable::hash_key(key.data(), ng));
          if (it == table.by_group.end()) return true;
          for (std::size_t r : it->second) {
            if (!try_row(table.row(r))) return false;
          }
          return true;
        }
        for (std::size_t r = 0; r < table.rows(); ++r) {
          if (!try_row(table.row(r))) return false;
        }
        return true;
      }
    }
    return true;
  }

  const store::QuadStore& store_;
  const rdf::Dictionary& dict_;
  expr::EvalContext& ectx_;
  const TripleSet* mask_ = nullptr;
  const TripleSet* known_ = nullptr;
  TermId asserted_only_ = kNoTerm;
  std::uint64_t epoch_ = 1;
  base::Ticker ticker_;

  /// True iff t is held in a graph other than the inferred one.
  bool asserted(const Triple& t) const {
    bool found = false;
    store::Pattern pat;
    pat.s = t.s, pat.p = t.p, pat.o = t.o;
    store_.for_each(pat, [&](const store::Quad& q) {
      found = q.g != asserted_only_;
      return !found;
    });
    return found;
  }
};

}  // namespace kennis::reason
