// Greedy join ordering (see plan.hpp).
#include "reason/plan.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

namespace kennis::reason {

BodyView BodyView::of(const CRule& r) {
  return BodyView{&r.positive, &r.negated, &r.not_exists, &r.filters, &r.binds, &r.aggregates};
}

BodyView BodyView::of(const CAggregate& a) {
  return BodyView{&a.atoms, &a.negated, &a.not_exists, &a.filters, &a.binds, nullptr};
}

namespace {

/// Relations up to this size are memoised per probe (schema predicates, list cells).
constexpr std::size_t kSmallRelation = 4096;

/// Bodies of up to this many atoms and aggregates are ordered by dynamic programming over
/// their subsets (2^n entries); larger ones greedily.
constexpr std::size_t kMaxExhaustive = 12;

template <class T>
std::size_t size_of(const std::vector<T>* v) {
  return v ? v->size() : 0;
}

/// Fills the per-position modes of an atom given the bound slots; marks its variables bound.
void set_positions(Step& step, const CAtom& atom, std::vector<bool>& bound) {
  for (int i = 0; i < 3; ++i) {
    const Slot& s = atom.t[i];
    step.constant[i] = s.constant;
    step.slot[i] = s.var;
    if (!s.is_var()) {
      step.mode[i] = PosMode::kConst;
      continue;
    }
    step.mode[i] = bound[s.var] ? PosMode::kBound : PosMode::kFree;
    for (int j = 0; j < i; ++j) {
      if (step.mode[j] == PosMode::kFree && step.slot[j] == s.var) {
        step.mode[i] = PosMode::kRepeat;
        step.repeat_of[i] = j;
        break;
      }
    }
  }
  for (const Slot& s : atom.t) {
    if (s.is_var()) bound[s.var] = true;
  }
}

bool all_bound(const std::vector<int>& slots, const std::vector<bool>& bound) {
  return std::all_of(slots.begin(), slots.end(), [&](int s) { return s < 0 || bound[s]; });
}

bool atom_bound(const CAtom& a, const std::vector<bool>& bound) {
  return std::all_of(a.t.begin(), a.t.end(),
                     [&](const Slot& s) { return !s.is_var() || bound[s.var]; });
}

}  // namespace

Plan make_plan(const BodyView& body, int num_slots, const std::vector<int>& bound_slots,
               int delta_atom, store::Statistics& stats) {
  Plan plan;
  plan.delta_atom = delta_atom;
  std::vector<bool> bound(static_cast<std::size_t>(std::max(num_slots, 0)), false);
  for (int s : bound_slots) {
    if (s >= 0 && s < num_slots) bound[s] = true;
  }
  const std::size_t n_atoms = size_of(body.atoms);
  std::vector<bool> atom_done(n_atoms, false);
  std::vector<bool> neg_done(size_of(body.negated), false);
  std::vector<bool> ne_done(size_of(body.not_exists), false);
  std::vector<bool> filter_done(size_of(body.filters), false);
  std::vector<bool> bind_done(size_of(body.binds), false);
  std::vector<bool> agg_done(size_of(body.aggregates), false);

  if (delta_atom >= 0) {
    Step step;
    step.kind = StepKind::kDelta;
    step.index = delta_atom;
    set_positions(step, (*body.atoms)[delta_atom], bound);
    atom_done[delta_atom] = true;
    plan.steps.push_back(std::move(step));
  }

  // Places every test and BIND whose inputs are bound; repeats while BINDs bind more.
  auto place_ready = [&](bool force) {
    bool progress = true;
    while (progress) {
      progress = false;
      for (std::size_t i = 0; i < bind_done.size(); ++i) {
        const CBind& b = (*body.binds)[i];
        if (bind_done[i] || !(force || all_bound(b.slots, bound))) continue;
        Step step;
        step.kind = StepKind::kBind;
        step.index = static_cast<int>(i);
        // A target bound already (a head variable, when rederiving) is compared, not set.
        step.mode[0] = (b.target >= 0 && bound[b.target]) ? PosMode::kBound : PosMode::kFree;
        plan.steps.push_back(std::move(step));
        bind_done[i] = true;
        if (b.target >= 0) bound[b.target] = true;
        progress = true;
      }
      for (std::size_t i = 0; i < filter_done.size(); ++i) {
        if (filter_done[i] || !(force || all_bound((*body.filters)[i].slots, bound))) continue;
        Step step;
        step.kind = StepKind::kFilter;
        step.index = static_cast<int>(i);
        plan.steps.push_back(std::move(step));
        filter_done[i] = true;
      }
      for (std::size_t i = 0; i < neg_done.size(); ++i) {
        const CAtom& a = (*body.negated)[i];
        if (neg_done[i] || !(force || atom_bound(a, bound))) continue;
        Step step;
        step.kind = StepKind::kNegation;
        step.index = static_cast<int>(i);
        std::vector<bool> copy = bound;
        set_positions(step, a, copy);
        plan.steps.push_back(std::move(step));
        neg_done[i] = true;
      }
      for (std::size_t i = 0; i < ne_done.size(); ++i) {
        const CNotExists& ne = (*body.not_exists)[i];
        if (ne_done[i]) continue;
        bool ready = true;
        for (const CAtom& a : ne.atoms) {
          for (const Slot& s : a.t) {
            if (s.is_var() && !bound[s.var] &&
                std::find(ne.local_slots.begin(), ne.local_slots.end(), s.var) ==
                    ne.local_slots.end())
              ready = false;
          }
        }
        if (!ready && !force) continue;
        std::vector<int> outer;
        for (int s = 0; s < num_slots; ++s) {
          if (bound[s]) outer.push_back(s);
        }
        BodyView sub;
        sub.atoms = &ne.atoms;
        Step step;
        step.kind = StepKind::kNotExists;
        step.index = static_cast<int>(i);
        step.sub = std::make_shared<const Plan>(make_plan(sub, num_slots, outer, -1, stats));
        plan.steps.push_back(std::move(step));
        ne_done[i] = true;
      }
    }
  };

  // The order of the atoms and aggregates ("joinables"): dynamic programming over subsets
  // minimising the sum of the expected intermediate result sizes (Selinger et al. 1979),
  // greedy on fan-out for bodies too large to enumerate.
  struct Joinable {
    bool is_agg;
    int index;
  };
  std::vector<Joinable> items;
  for (std::size_t i = 0; i < n_atoms; ++i) {
    if (!atom_done[i]) items.push_back({false, static_cast<int>(i)});
  }
  for (std::size_t i = 0; i < agg_done.size(); ++i) items.push_back({true, static_cast<int>(i)});
  auto item_vars = [&](const Joinable& j) {
    std::vector<int> v;
    if (j.is_agg) {
      const CAggregate& g = (*body.aggregates)[j.index];
      v = g.group_slots;
      for (const CAggregateOutput& o : g.outputs) v.push_back(o.target);
    } else {
      for (const Slot& sl : (*body.atoms)[j.index].t) {
        if (sl.is_var()) v.push_back(sl.var);
      }
    }
    return v;
  };
  // Per atom, the statistics its fan-out depends on, looked up once (the search below asks
  // for fan-outs thousands of times).
  struct AtomStats {
    double count = 0;                        // matches of the constant pattern
    double per_subject = 1, per_object = 1;  // divisors for a bound subject / object
  };
  std::vector<AtomStats> atom_stats(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].is_agg) continue;
    const CAtom& a = (*body.atoms)[items[k].index];
    const TermId p = a.t[1].is_var() ? kNoTerm : a.t[1].constant;
    AtomStats& st = atom_stats[k];
    st.count = static_cast<double>(stats.count(a.t[0].is_var() ? kNoTerm : a.t[0].constant, p,
                                               a.t[2].is_var() ? kNoTerm : a.t[2].constant));
    st.per_subject = p != kNoTerm ? static_cast<double>(stats.distinct(p, 0)) : 100.0;
    st.per_object = p != kNoTerm ? static_cast<double>(stats.distinct(p, 2)) : 100.0;
  }
  auto item_fanout = [&](std::size_t k, const std::vector<bool>& b) {
    const Joinable& j = items[k];
    if (j.is_agg) {
      const CAggregate& g = (*body.aggregates)[j.index];
      return (!g.group_slots.empty() && all_bound(g.group_slots, b)) ? 1.0 : 100.0;
    }
    const CAtom& a = (*body.atoms)[j.index];
    std::array<bool, 3> var_bound{};
    for (int i = 0; i < 3; ++i) var_bound[i] = a.t[i].is_var() && b[a.t[i].var];
    const bool all = (!a.t[0].is_var() || var_bound[0]) && (!a.t[1].is_var() || var_bound[1]) &&
                     (!a.t[2].is_var() || var_bound[2]);
    if (all) return 0.5;  // a membership test
    const AtomStats& st = atom_stats[k];
    double f = st.count;
    if (var_bound[0]) f /= st.per_subject;
    if (var_bound[2]) f /= st.per_object;
    if (var_bound[1]) f /= 20.0;
    return std::max(f, 0.0);
  };
  std::vector<int> order;
  const std::size_t n = items.size();
  if (n > 0 && n <= kMaxExhaustive) {
    struct Entry {
      double cost = std::numeric_limits<double>::infinity();
      double card = 0;
      int prev = -1;
      int last = -1;
    };
    std::vector<Entry> dp(std::size_t{1} << n);
    dp[0].cost = 0;
    dp[0].card = 1;
    for (std::size_t mask = 0; mask < dp.size(); ++mask) {
      if (dp[mask].prev < 0 && mask != 0) continue;
      std::vector<bool> b = bound;
      for (std::size_t k = 0; k < n; ++k) {
        if (mask & (std::size_t{1} << k)) {
          for (int v : item_vars(items[k])) b[v] = true;
        }
      }
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t bit = std::size_t{1} << k;
        if (mask & bit) continue;
        const double card = dp[mask].card * std::max(item_fanout(k, b), 1e-3);
        const double cost = dp[mask].cost + card;
        Entry& e = dp[mask | bit];
        if (cost < e.cost) {
          e.cost = cost, e.card = card, e.prev = static_cast<int>(mask),
          e.last = static_cast<int>(k);
        }
      }
    }
    for (std::size_t mask = dp.size() - 1; mask != 0;) {
      order.push_back(dp[mask].last);
      mask = static_cast<std::size_t>(dp[mask].prev);
    }
    std::reverse(order.begin(), order.end());
  } else if (n > 0) {
    // Greedy: each step takes the item with the smallest fan-out given what is bound, the
    // first of equals; an item whose fan-out is not a number (0/0: a predicate with no
    // triples yet) is taken only when it is the first item left. A fan-out changes only when
    // a slot its item reads is bound, so fan-outs wait in a heap and are computed again only
    // then: O((n + variable occurrences) log n), not n fan-outs per step.
    std::vector<bool> b = bound, taken(n, false);
    std::vector<double> cost(n);
    std::vector<std::vector<std::size_t>> readers(b.size());
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    for (std::size_t k = 0; k < n; ++k) {
      for (int v : item_vars(items[k])) {
        if (v >= 0 && static_cast<std::size_t>(v) < readers.size()) readers[v].push_back(k);
      }
      cost[k] = item_fanout(k, b);
      if (!std::isnan(cost[k])) heap.emplace(cost[k], k);
    }
    std::vector<std::size_t> touched;
    std::vector<std::size_t> stamp(n, 0);
    std::size_t first = 0;  // the first item not taken
    for (std::size_t step = 1; step <= n; ++step) {
      while (taken[first]) ++first;
      std::size_t best = first;
      if (!std::isnan(cost[first])) {
        // The heap's top is current unless its item was taken or its fan-out changed since.
        while (taken[heap.top().second] || !(heap.top().first == cost[heap.top().second])) {
          heap.pop();
        }
        best = heap.top().second;
        heap.pop();
      }
      taken[best] = true;
      order.push_back(static_cast<int>(best));
      touched.clear();
      for (int v : item_vars(items[best])) {
        if (v < 0 || static_cast<std::size_t>(v) >= b.size() || b[v]) continue;
        b[v] = true;
        for (std::size_t r : readers[v]) {
          if (taken[r] || stamp[r] == step) continue;
          stamp[r] = step;
          touched.push_back(r);
        }
      }
      for (std::size_t r : touched) {
        cost[r] = item_fanout(r, b);
        if (!std::isnan(cost[r])) heap.emplace(cost[r], r);
      }
    }
  }

  for (int k : order) {
    place_ready(false);
    const Joinable& j = items[k];
    Step step;
    step.index = j.index;
    if (j.is_agg) {
      const CAggregate& g = (*body.aggregates)[j.index];
      step.kind = StepKind::kAggregate;
      for (int s : g.group_slots) step.column_bound.push_back(bound[s]);
      for (const CAggregateOutput& o : g.outputs) step.column_bound.push_back(bound[o.target]);
      for (int s : g.group_slots) bound[s] = true;
      for (const CAggregateOutput& o : g.outputs) bound[o.target] = true;
      agg_done[j.index] = true;
    } else {
      const CAtom& a = (*body.atoms)[j.index];
      step.kind = StepKind::kScan;
      set_positions(step, a, bound);
      atom_done[j.index] = true;
      // Memoise probes into small relations unless this is the outermost loop.
      if (!plan.steps.empty() && !a.t[1].is_var() &&
          stats.count(kNoTerm, a.t[1].constant, kNoTerm) <= kSmallRelation) {
        step.memo = std::make_shared<ProbeMemo>();
      }
    }
    plan.steps.push_back(std::move(step));
  }
  place_ready(false);
  // Anything left reads unbound variables (rejected by the checks); place it anyway.
  place_ready(true);
  return plan;
}

namespace {

std::string position(const Step& s, int i, const CRule& rule, const rdf::Dictionary& dict) {
  switch (s.mode[i]) {
    case PosMode::kConst:
      return rdf::to_ntriples(dict.term(s.constant[i]));
    case PosMode::kBound:
      return "?" + rule.slot_names[s.slot[i]];
    case PosMode::kFree:
    case PosMode::kRepeat:
      return "?" + rule.slot_names[s.slot[i]] + "*";
  }
  return "?";
}

void print_plan(const Plan& plan, const CRule& rule, const rdf::Dictionary& dict,
                const std::string& indent, std::string& out) {
  for (const Step& s : plan.steps) {
    out += indent;
    auto atom = [&] {
      return "[" + position(s, 0, rule, dict) + ", " + position(s, 1, rule, dict) + ", " +
             position(s, 2, rule, dict) + "]";
    };
    switch (s.kind) {
      case StepKind::kDelta:
        out += "delta " + atom();
        break;
      case StepKind::kScan:
        out += "scan " + atom();
        break;
      case StepKind::kNegation:
        out += "not " + atom();
        break;
      case StepKind::kNotExists:
        out += "not exists\n";
        print_plan(*s.sub, rule, dict, indent + "  ", out);
        continue;
      case StepKind::kFilter:
        out += "filter " + rule.filters[s.index].expr.text();
        break;
      case StepKind::kBind:
        out += "bind ?" + rule.slot_names[rule.binds[s.index].target] + " = " +
               rule.binds[s.index].expr.text();
        break;
      case StepKind::kAggregate:
        out += "aggregate #" + std::to_string(s.index);
        break;
    }
    out += "\n";
  }
}

}  // namespace

std::string to_string(const Plan& plan, const CRule& rule, const rdf::Dictionary& dict) {
  std::string out;
  print_plan(plan, rule, dict, "", out);
  return out;
}

}  // namespace kennis::reason
