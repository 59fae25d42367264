// SPARQL 1.1 Query parser (Boost.Spirit X3; grammar in grammar/, one translation unit per
// section of the W3C grammar, SPARQL 1.1 Query Language section 19.8). Besides the grammar it
// checks the rules that section 19.8 and 18.2 state in prose (checks.cpp): variables bound
// by BIND or `(expr AS ?v)` not already in scope, grouping and aggregates, VALUES row widths,
// blank node labels confined to one basic graph pattern.
#pragma once

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "expr/ast.hpp"
#include "sparql/syntax/ast.hpp"

#include <cstddef>
#include <string_view>

namespace kennis::sparql {

struct ParseOptions {
  /// Base IRI for relative IRIs before any BASE declaration (e.g. the query file's IRI).
  /// Empty: relative IRIs without a BASE are kept as written.
  std::string_view base_iri;
};

/// Parses a whole query (section 19.8, [1] QueryUnit). Codepoint escapes (\u, \U; section
/// 19.2) are decoded first. On error, returns one Diagnostic whose range names
/// `source_name` and the 1-based line:column (columns in code points) of the offending
/// token, with a message "expected X, found Y" (syntax) or saying which rule was broken.
/// Never throws on bad input.
base::Result<Query> parse_query(std::string_view text, std::string_view source_name = "<query>",
                                const ParseOptions& options = {});

struct ParsedExpression {
  expr::ExprPtr expr;
  /// Bytes of the input the expression takes, up to its last character (whitespace and
  /// comments after it are not counted).
  std::size_t consumed = 0;
};

/// For the rule language: parses one SPARQL Expression ([110]) at the start of `text`,
/// expanding prefixed names with `prefixes` and resolving relative IRIs against `base_iri`
/// (if not empty). Parsing stops after the longest expression; what follows is left to the
/// caller. `origin` is the position of text[0] in `source_name`; diagnostics are reported
/// relative to it. Strings may use \u and \U escapes (as in Turtle). The expression may
/// contain Aggregate and Exists nodes; whether they are allowed is the caller's decision
/// (see expr::contains_aggregate).
base::Result<ParsedExpression> parse_expression(std::string_view text, const PrefixMap& prefixes,
                                                base::SourcePos origin = {1, 1},
                                                std::string_view source_name = "<expression>",
                                                std::string_view base_iri = {});

}  // namespace kennis::sparql
