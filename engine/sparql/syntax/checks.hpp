// The rules of SPARQL 1.1 that its grammar does not express (sections 18.2.1, 18.2.4.1,
// 19.8 notes), checked on the AST after parsing:
//   - `(expr AS ?v)` in SELECT: ?v is not in scope of the WHERE pattern and not projected
//     before;
//   - BIND(expr AS ?v): ?v is not in scope of the elements before it in its group;
//   - in a grouped query (GROUP BY or aggregates): no SELECT *, and every variable
//     projected or used outside an aggregate in a SELECT expression is a group key;
//   - aggregates only in SELECT, HAVING and ORDER BY, and not nested;
//   - a blank node label is used in one basic graph pattern only.
// Private to sparql/syntax.
#pragma once

#include "base/diagnostic.hpp"
#include "sparql/syntax/ast.hpp"

#include <optional>
#include <string>

namespace kennis::sparql::syntax {

struct Problem {
  base::SourcePos pos;
  std::string message;
};

/// The first rule `q` breaks, in the order the checks meet them; nullopt if none.
std::optional<Problem> check_query(const Query& q);

}  // namespace kennis::sparql::syntax
