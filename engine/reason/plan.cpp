// Greedy join ordering (see plan.hpp).
#include "reason/plan.hpp"

#include <algorithm>
#include <limits>

namespace kennis::reason {

BodyView BodyView::of(const CRule& r) {
  return BodyView{&r.positive, &r.negated, &r.not_exists, &r.filters, &r.binds, &r.aggregates};
}

BodyView BodyView::of(const CAggregate& a) {
  return BodyView{&a.atoms, &a.negated, &a.not_exists, &a.filters, &a.binds, nullptr};
}

namespace {

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
               int delta_atom, const store::QuadStore& store) {
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

  // Counts of each atom's constant pattern, the selectivity statistic.
  std::vector<std::size_t> counts(n_atoms, 0);
  for (std::size_t i = 0; i < n_atoms; ++i) {
    const CAtom& a = (*body.atoms)[i];
    store::Pattern pat;
    pat.s = a.t[0].constant;
    pat.p = a.t[1].constant;
    pat.o = a.t[2].constant;
    counts[i] = store.count(pat);
  }

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
        step.sub = std::make_shared<const Plan>(make_plan(sub, num_slots, outer, -1, store));
        plan.steps.push_back(std::move(step));
        ne_done[i] = true;
      }
    }
  };

  while (true) {
    place_ready(false);
    // Pick the next atom or aggregate.
    int best = -1;
    bool best_is_agg = false;
    int best_bound = -1;
    std::size_t best_count = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < n_atoms; ++i) {
      if (atom_done[i]) continue;
      const CAtom& a = (*body.atoms)[i];
      int nb = 0;
      for (const Slot& s : a.t) nb += (!s.is_var() || bound[s.var]) ? 1 : 0;
      if (nb > best_bound || (nb == best_bound && counts[i] < best_count)) {
        best = static_cast<int>(i), best_is_agg = false, best_bound = nb, best_count = counts[i];
      }
    }
    for (std::size_t i = 0; i < agg_done.size(); ++i) {
      if (agg_done[i]) continue;
      const CAggregate& g = (*body.aggregates)[i];
      // A lookup once its groups are bound; otherwise a scan of a (small) table.
      const bool keyed = !g.group_slots.empty() && all_bound(g.group_slots, bound);
      const int nb = keyed ? 3 : 1;
      const std::size_t est = keyed ? 1 : 1000;
      if (nb > best_bound || (nb == best_bound && est < best_count)) {
        best = static_cast<int>(i), best_is_agg = true, best_bound = nb, best_count = est;
      }
    }
    if (best < 0) break;
    Step step;
    step.index = best;
    if (best_is_agg) {
      const CAggregate& g = (*body.aggregates)[best];
      step.kind = StepKind::kAggregate;
      for (int s : g.group_slots) step.column_bound.push_back(bound[s]);
      for (const CAggregateOutput& o : g.outputs) step.column_bound.push_back(bound[o.target]);
      for (int s : g.group_slots) bound[s] = true;
      for (const CAggregateOutput& o : g.outputs) bound[o.target] = true;
      agg_done[best] = true;
    } else {
      step.kind = StepKind::kScan;
      set_positions(step, (*body.atoms)[best], bound);
      atom_done[best] = true;
    }
    plan.steps.push_back(std::move(step));
  }
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
