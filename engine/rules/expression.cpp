// Bridge to the SPARQL expression parser (see expression.hpp).
#include "rules/expression.hpp"

#if KENNIS_HAVE_SPARQL_SYNTAX
#include "sparql/syntax/parser.hpp"
#endif

namespace kennis::rules {

base::Result<ParsedExpression> parse_expression(std::string_view text, const PrefixMap& prefixes,
                                                base::SourcePos origin,
                                                const std::string& source_name) {
#if KENNIS_HAVE_SPARQL_SYNTAX
  auto r = sparql::parse_expression(text, prefixes, origin, source_name);
  if (!r.ok()) return r.error();
  return ParsedExpression{std::move(r.value().expr), r.value().consumed};
#else
  (void)text;
  (void)prefixes;
  return base::Diagnostic::error("expressions need the SPARQL parser, which is not built",
                                 base::SourceRange{source_name, origin, origin}, "K200");
#endif
}

}  // namespace kennis::rules
