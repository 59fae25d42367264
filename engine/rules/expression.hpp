// Parsing of the SPARQL expressions inside rules (FILTER, BIND, AGGREGATE functions): the
// rule grammar hands the text at the expression's start to the SPARQL expression parser,
// which reports how many bytes it used.
#pragma once

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "expr/ast.hpp"
#include "rdf/prefix_map.hpp"

#include <map>
#include <string>
#include <string_view>

namespace kennis::rules {

using PrefixMap = rdf::PrefixMap;

struct ParsedExpression {
  expr::ExprPtr expr;
  std::size_t consumed = 0;  ///< bytes of `text` that make up the expression
};

/// Parses the longest SPARQL 1.1 Expression (section 19.8, [110]) at the start of `text`,
/// which begins at `origin` (1-based line/column) in `source_name`. Aggregates are allowed.
base::Result<ParsedExpression> parse_expression(std::string_view text, const PrefixMap& prefixes,
                                                base::SourcePos origin,
                                                const std::string& source_name);

}  // namespace kennis::rules
