// Short forms of terms. See display.hpp.
#include "rdf/display.hpp"

#include <algorithm>
#include <cctype>

namespace kennis::rdf {

namespace {

bool is_plain_number(const TermView& t) {
  return t.datatype == kXsdInteger || t.datatype == kXsdDecimal || t.datatype == kXsdDouble ||
         t.datatype == kXsdBoolean;
}

std::string table_literal(const TermView& t, const PrefixMap& prefixes,
                          const CompactOptions& names) {
  if (t.datatype == kXsdString || is_plain_number(t)) return std::string(t.value);
  if (!t.lang.empty()) return "\"" + std::string(t.value) + "\"@" + std::string(t.lang);
  std::optional<std::string> type = prefixes.compact(t.datatype, names);
  return "\"" + std::string(t.value) + "\"^^" +
         (type ? *type : "<" + std::string(t.datatype) + ">");
}

std::string turtle_literal(const TermView& t) {
  if (!t.lang.empty() || t.datatype.substr(0, kXsd.size()) != kXsd) return to_ntriples(t);
  const std::string_view type = t.datatype.substr(kXsd.size());
  const std::string_view lex = t.value;
  const bool digits = !lex.empty() && std::all_of(lex.begin(), lex.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  // Turtle's bare forms where they read back as the same literal.
  if (type == "integer" && digits) return std::string(lex);
  if (type == "boolean" && (lex == "true" || lex == "false")) return std::string(lex);
  if (type == "string") return to_ntriples(t);
  return "\"" + escape_literal(lex) + "\"^^xsd:" + std::string(type);
}

}  // namespace

std::string display_term(const TermView& t, const PrefixMap& prefixes,
                         const DisplayOptions& options) {
  const bool table = options.style == DisplayStyle::kTable;
  switch (t.kind) {
    case TermKind::kIri:
      if (std::optional<std::string> name = prefixes.compact(t.value, options.names)) {
        return *name;
      }
      if (options.type_as_a && t.value == kRdfType) return "a";
      return table ? "<" + std::string(t.value) + ">" : to_ntriples(t);
    case TermKind::kBlank:
      return "_:" + std::string(t.value);
    case TermKind::kLiteral:
      return table ? table_literal(t, prefixes, options.names) : turtle_literal(t);
  }
  return {};
}

std::string compact_iris(std::string_view text, const PrefixMap& prefixes,
                         const CompactOptions& options) {
  if (prefixes.empty()) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('<', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('>', open);
    if (close == std::string_view::npos) break;
    out.append(text, i, open - i);
    const std::optional<std::string> name =
        prefixes.compact(text.substr(open + 1, close - open - 1), options);
    if (name) {
      out += *name;
    } else {
      out.append(text, open, close - open + 1);
    }
    i = close + 1;
  }
  out.append(text, i, std::string_view::npos);
  return out;
}

}  // namespace kennis::rdf
