// The rule-file parser (Boost.Spirit X3, grammar in parser.cpp; the language is described
// in docs/rules.md). FILTER and BIND expressions and AGGREGATE functions are parsed by the
// SPARQL expression parser, so that they have exactly SPARQL 1.1 syntax.
//
// Errors are collected, not thrown: after a syntax error the parser skips to the end of the
// statement ('.' followed by white space) and goes on, so one run reports every statement
// that is wrong. Codes: K200 syntax, K201 unknown prefix, K207 blank node in a rule.
#pragma once

#include "base/diagnostic.hpp"
#include "rules/ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kennis::rules {

struct ParseResult {
  RuleSet rules;
  std::vector<base::Diagnostic> diagnostics;  ///< sorted by position

  /// True iff no diagnostic is an error.
  bool ok() const;
};

/// Parses rule-language `text`; positions in diagnostics and in the AST refer to
/// `source_name`. Never throws on bad input.
ParseResult parse_rules(std::string_view text, const std::string& source_name);

/// Reads and parses the file at `path`. A file that cannot be read is a diagnostic.
ParseResult parse_rule_file(const std::string& path);

/// The prefixes every rule file starts with (rdf, rdfs, owl, xsd); a file may redefine them.
const std::vector<std::pair<std::string, std::string>>& predefined_prefixes();

}  // namespace kennis::rules
