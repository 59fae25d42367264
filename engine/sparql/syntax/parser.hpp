// SPARQL 1.1 Query parser (Boost.Spirit X3; grammar in grammar_*.cpp, one translation unit
// per section of the W3C grammar, SPARQL 1.1 Query Language section 19.8). Besides the
// grammar it checks the rules that section 19.8 and 18.2 state in prose (checks.cpp):
// variables bound by BIND or `(expr AS ?v)` not already in scope, grouping and aggregates,
// VALUES row widths, blank node labels confined to one basic graph pattern. The rule
// language reads its expressions, terms and prefix names with the same grammar
// (parse_expression, parse_term, parse_prefix_name).
#pragma once

#include "base/diagnostic.hpp"
#include "base/result.hpp"
#include "expr/ast.hpp"
#include "sparql/syntax/ast.hpp"

#include <cstddef>
#include <optional>
#include <string>
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

/// A prefixed name whose prefix is not among the prefixes given to parse_term.
struct UndefinedPrefix {
  std::string prefix;      ///< without the colon
  std::string local;       ///< the local name, PN_LOCAL_ESC escapes removed
  std::size_t offset = 0;  ///< where the prefixed name begins, in bytes of the parsed text
};

struct ParsedTerm {
  /// A variable, or an IRI, a literal or a blank node (`[]` is a fresh one).
  VarOrTerm term;
  /// Bytes of the input the term takes, up to its last character; 0 iff the input does not
  /// start with a term.
  std::size_t consumed = 0;
  /// Set iff the term is, or has as its datatype, a prefixed name whose prefix is not in
  /// the prefixes given; that IRI is then empty. The caller reports it.
  std::optional<UndefinedPrefix> undefined_prefix;
};

/// For the rule language: parses one term at the start of `text` (after white space and
/// comments), with the terminals of the query grammar:
///   Var | iri | 'a' | RDFLiteral | NumericLiteral | BooleanLiteral | BlankNode
/// ([106] VarOrTerm without NIL, and Turtle's `a` for rdf:type in any position). An IRIREF
/// is resolved against `base_iri` (if not empty) with rdf::resolve_iri, the same resolution
/// as in Turtle data; prefixed names are expanded with `prefixes`. Strings and IRIs may use
/// \u and \U escapes (as in Turtle). `origin` is the position of text[0] in `source_name`.
/// Returns consumed == 0 if `text` does not start with a term, and an error for a term that
/// starts but is malformed (an unterminated string, '^^' without an IRI, an escape of a
/// surrogate). Cost: that of the term, not of the rest of `text`.
base::Result<ParsedTerm> parse_term(std::string_view text, const PrefixMap& prefixes,
                                    std::string_view base_iri = {}, base::SourcePos origin = {1, 1},
                                    std::string_view source_name = "<term>");

struct ParsedPrefixName {
  std::string prefix;  ///< without the colon; "" for the empty prefix
  std::size_t consumed = 0;
};

/// For the rule language: the PNAME_NS ([140]) of a prefix declaration at the start of
/// `text` (after white space and comments), or nothing if `text` does not start with one
/// (`ex:a` is a prefixed name, not a PNAME_NS).
std::optional<ParsedPrefixName> parse_prefix_name(std::string_view text);

}  // namespace kennis::sparql
