// Rule plans: the order in which a rule body is evaluated, as a list of steps over one row
// of variable slots. Join order is Selinger-style cost ordering restricted to left-deep index
// nested loops: after the delta atom (in semi-naive evaluation) or the pre-bound head
// variables (in rederivation), the atoms are ordered by dynamic programming over subsets for
// bodies of up to 12 atoms, and greedily beyond (each step takes the atom with the smallest
// expected fan-out given what is bound — the count of its constant pattern divided by the
// distinct values of each position bound by a variable: the System R estimate, Selinger et
// al. 1979); FILTER, NOT, NOT EXISTS and BIND are placed as soon as their variables are bound.
// See docs/internals/reasoner.md.
#pragma once

#include "reason/program.hpp"
#include "reason/triple.hpp"
#include "store/quad_store.hpp"
#include "store/statistics.hpp"

#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace kennis::reason {

enum class StepKind : std::uint8_t {
  kDelta,      ///< scan the delta relation (first step of a semi-naive plan)
  kScan,       ///< scan the store (index range); all-bound scans are membership tests
  kNegation,   ///< NOT atom: the triple must not be visible
  kNotExists,  ///< the sub-plan must have no solution
  kFilter,
  kBind,
  kAggregate,  ///< join with the aggregate's result table
};

/// What a scan does with each position of its atom.
enum class PosMode : std::uint8_t {
  kConst,   ///< compare with a constant
  kBound,   ///< compare with the slot's value
  kFree,    ///< bind the slot
  kRepeat,  ///< compare with an earlier position of the same atom (same fresh variable)
};

struct Plan;

/// Results of a scan step on a small relation, by probe (the bound positions, kNoTerm
/// elsewhere): the matching triples as stored, before any mask. Valid for one store epoch.
struct ProbeMemo {
  std::uint64_t epoch = 0;
  std::unordered_map<Triple, std::vector<Triple>, TripleHash> results;
  /// The last probe and its results (the common case: the same probe again).
  Triple last_key{};
  const std::vector<Triple>* last = nullptr;
};

struct Step {
  StepKind kind = StepKind::kScan;
  int index = 0;  ///< into the body part of its kind (positive atoms, filters, ...)
  // Scans, delta scans and negations: per position.
  std::array<PosMode, 3> mode{};
  std::array<TermId, 3> constant{};
  std::array<int, 3> slot{{-1, -1, -1}};
  std::array<int, 3> repeat_of{{-1, -1, -1}};
  /// NOT EXISTS: the plan of its atoms.
  std::shared_ptr<const Plan> sub;
  /// Aggregates: which result columns (group slots, then outputs) are already bound.
  std::vector<bool> column_bound;
  /// Scans of a small relation (a schema predicate): repeated probes are answered from
  /// this memo instead of the indexes.
  std::shared_ptr<ProbeMemo> memo;
};

struct Plan {
  int delta_atom = -1;  ///< positive atom fed by the delta, or -1
  std::vector<Step> steps;
};

/// The parts of a conjunction a plan orders (a rule body, an aggregate body, a NOT EXISTS).
struct BodyView {
  const std::vector<CAtom>* atoms = nullptr;
  const std::vector<CAtom>* negated = nullptr;
  const std::vector<CNotExists>* not_exists = nullptr;
  const std::vector<CFilter>* filters = nullptr;
  const std::vector<CBind>* binds = nullptr;
  const std::vector<CAggregate>* aggregates = nullptr;

  static BodyView of(const CRule& r);
  static BodyView of(const CAggregate& a);
};

/// Orders `body`. `bound` are the slots bound before the first step; `delta_atom` (or -1)
/// is evaluated first, against the delta relation. `num_slots` sizes the bound-set. An atom's
/// expected fan-out is the count of its constant pattern divided by the distinct values (across
/// graphs) of each position a bound variable fills, both from `stats`. Cost: O(2^n n) for a
/// body of n <= 12 atoms and aggregates, O((n + variable occurrences) log n) beyond.
Plan make_plan(const BodyView& body, int num_slots, const std::vector<int>& bound, int delta_atom,
               store::Statistics& stats);

/// One line per step, for `kennis reason --show plans` and tests.
std::string to_string(const Plan& plan, const CRule& rule, const rdf::Dictionary& dict);

}  // namespace kennis::reason
