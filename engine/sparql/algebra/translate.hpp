// Translation of a parsed query (sparql/syntax/ast.hpp) into the SPARQL algebra, following
// SPARQL 1.1 Query section 18.2: group graph patterns into Join / LeftJoin / Minus / Filter /
// Extend / Union / Graph, property paths into triples and Path operators (18.2.2.4), then the
// solution modifiers (grouping and aggregation, HAVING, VALUES, SELECT expressions, ORDER BY,
// projection, DISTINCT / REDUCED, OFFSET / LIMIT; 18.2.4 and 18.2.5).
//
// Variables get slots of one row layout: each variable of the query a slot; a subquery's
// variables that it does not project get slots of their own (so the same name inside and
// outside a subquery are different variables, as scoping demands); blank nodes of patterns,
// path intermediates and aggregates get hidden slots. Constants are interned into the
// dictionary. Expressions are compiled with the shared evaluator (expr/evaluator.hpp).
#pragma once

#include "base/result.hpp"
#include "rdf/dictionary.hpp"
#include "sparql/algebra/algebra.hpp"
#include "sparql/syntax/ast.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kennis::sparql::algebra {

struct TranslateOptions {
  /// Initial bindings (variable name without '?', term), joined as one VALUES row at the
  /// top of the WHERE clause: how `kennis query --param` binds parameters.
  std::vector<std::pair<std::string, rdf::Term>> bindings;
};

/// Translates `q`. Fails (with the position of the offending element) for what the engine
/// does not evaluate: SERVICE, and expressions the evaluator rejects.
base::Result<Query> translate(const sparql::Query& q, rdf::Dictionary& dict,
                              const TranslateOptions& options = {});

/// The in-scope variables of a group pattern (section 18.2.1), in order of first
/// appearance: what SELECT * projects.
std::vector<std::string> in_scope_variables(const sparql::GroupGraphPattern& g);

}  // namespace kennis::sparql::algebra
