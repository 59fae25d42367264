// Static checks of parsed rules (an analysis: reads the AST, reports, changes nothing).
// Datalog safety (Abiteboul, Hull, Vianu: Foundations of Databases, section 12.2 / range
// restriction) extended to negation, FILTER, BIND and AGGREGATE; codes:
//   K202 head variable not bound by the body       K203 variable of NOT not bound
//   K204 FILTER/BIND input not bound               K205 BIND/AGGREGATE output already bound
//   K208 AGGREGATE scoping                         K209 literal/variable where an IRI must be
//   K210 duplicate rule name                       K211 not an aggregate / nested AGGREGATE
//   K212 NOT EXISTS variable misuse
#pragma once

#include "base/diagnostic.hpp"
#include "rules/ast.hpp"

#include <vector>

namespace kennis::rules {

/// Returns every problem of every rule, sorted by position; empty iff all rules are safe.
std::vector<base::Diagnostic> check_rules(const RuleSet& rules);

}  // namespace kennis::rules
