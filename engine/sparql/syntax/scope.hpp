// Variable scope of SPARQL patterns (SPARQL 1.1 Query Language, section 18.2.1): which
// variables a pattern may bind. Used by the syntax checks (BIND, SELECT expressions) and
// by the algebra translator (SELECT *).
#pragma once

#include "sparql/syntax/ast.hpp"

#include <string>
#include <vector>

namespace kennis::sparql {

/// The variables in scope of `g`, by name, in order of first appearance. Blank nodes are
/// not variables; variables only inside FILTER, MINUS or EXISTS are not in scope.
std::vector<std::string> in_scope_variables(const GroupGraphPattern& g);
/// The variables in scope of one element of a group.
std::vector<std::string> in_scope_variables(const PatternElement& e);

/// The variables `q` projects: the SELECT list, or for SELECT * the variables in scope of
/// its WHERE pattern (and of the trailing VALUES).
std::vector<std::string> projected_variables(const Query& q);

}  // namespace kennis::sparql
