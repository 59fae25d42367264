// Stratification of a rule set (an analysis). Rule r depends on rule q when an atom of r's
// body unifies with an atom of q's head (constants equal where both are constant, variables
// renamed apart); the dependency is negative when the body atom is under NOT, NOT EXISTS
// or AGGREGATE. The strongly connected components of this graph (Tarjan 1972) are the units
// of evaluation, in topological order; a component that holds a negative dependency is a
// cycle through negation and the set is rejected (K206) with the cycle named. The stratum
// of a component is the largest number of negative dependencies on a path below it
// (Apt, Blair, Walker 1988; Abiteboul, Hull, Vianu section 15.2). See
// docs/internals/reasoner.md.
#pragma once

#include "base/diagnostic.hpp"
#include "rules/ast.hpp"

#include <string>
#include <vector>

namespace kennis::rules {

struct Dependency {
  std::size_t rule = 0;   ///< the rule depended on (whose head matches)
  bool negative = false;  ///< through NOT, NOT EXISTS or AGGREGATE
  base::SourceRange at;   ///< the body atom
};

/// A strongly connected component of the dependency graph: evaluated as one fixpoint.
struct Component {
  std::vector<std::size_t> rules;  ///< rule indices, ascending
  bool recursive = false;          ///< some rule depends on a rule of this component
  bool nonmonotone = false;        ///< some rule has NOT, NOT EXISTS or AGGREGATE
  std::size_t stratum = 0;
};

struct Stratification {
  std::vector<Component> components;                ///< in evaluation order (dependencies first)
  std::size_t strata = 0;                           ///< 1 + the largest stratum (0 without rules)
  std::vector<std::size_t> component_of;            ///< rule index -> component index
  std::vector<std::vector<Dependency>> depends_on;  ///< rule index -> its dependencies
};

/// True iff some ground triple is an instance of both atoms (variables renamed apart).
bool unifiable(const Atom& a, const Atom& b);

/// Computes the components and strata of `rules` into `out`. Returns the cycles through
/// negation (K206), one diagnostic per offending component; empty iff stratifiable.
std::vector<base::Diagnostic> stratify(const RuleSet& rules, Stratification& out);

/// One line per stratum and component: "stratum 1: {gap-from-sector} (negation)".
std::string to_string(const Stratification& s, const RuleSet& rules);

}  // namespace kennis::rules
