// What the reasoner's source files share: the state Reasoner keeps per component, per rule
// and during an update, and small helpers on atoms and triples. Internal to engine/reason/;
// included by
//
//   reasoner.cpp           construction, plans, aggregate tables, semi-naive evaluation
//                          (rounds, threads) and materialise()
//   reasoner_derivable.cpp one-step derivability: rederivation tests, the batch fallback,
//                          what stays masked
//   reasoner_update.cpp    incremental maintenance: update(), DRed, recomputation (whole and
//                          keyed), masking
//
// See docs/internals/reasoner.md.
#pragma once

#include "reason/reasoner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kennis::reason {

// ---- helpers ---------------------------------------------------------------------------------

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// True iff triple t is an instance of atom a (constants equal, repeated variables equal).
inline bool matches(const CAtom& a, const Triple& t) {
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

/// True iff some triple of `index` is an instance of `a`.
inline bool any_match(const DeltaIndex& index, const CAtom& a) {
  if (index.empty()) return false;
  const auto& v = a.t[1].is_var() ? index.all() : index.with_predicate(a.t[1].constant);
  for (const Triple& t : v) {
    if (matches(a, t)) return true;
  }
  return false;
}

/// The pattern of atom `a` with the row's values for its bound variables; `fresh` receives
/// the variables it leaves unbound (each once).
inline store::Pattern atom_pattern(const CAtom& a, const std::vector<TermId>& row,
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
inline std::vector<Triple> stored_instances(const store::QuadStore& store,
                                            const store::Pattern& pat, const CAtom& a) {
  std::vector<Triple> found;
  store.for_each(pat, [&](const store::Quad& q) {
    const Triple t{q.s, q.p, q.o};
    if (matches(a, t)) found.push_back(t);
  });
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

/// How a limit's message names a rule: "rule `mint`", or "the rule at FILE:LINE" if unnamed.
inline std::string rule_label(const rules::LoadedRules& rules, std::size_t rule_idx) {
  const rules::Rule& r = rules.rules.rules[rule_idx];
  return r.name.empty() ? "the " + r.display_name() : "rule `" + r.name + "`";
}

/// Binds a's variables to t's terms.
inline void bind_atom(const CAtom& a, const Triple& t, std::vector<TermId>& row) {
  const TermId v[3] = {t.s, t.p, t.o};
  for (int i = 0; i < 3; ++i) {
    if (a.t[i].is_var()) row[a.t[i].var] = v[i];
  }
}

// ---- state -----------------------------------------------------------------------------------

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

}  // namespace kennis::reason
