#include "rdf/term.hpp"

#include "rdf/iri.hpp"

#include <cstdio>

namespace kennis::rdf {

Term TermView::to_term() const {
  return Term{kind, std::string(value), std::string(datatype), std::string(lang)};
}

Term Term::iri(std::string iri) { return Term{TermKind::kIri, std::move(iri), {}, {}}; }

Term Term::blank(std::string label) { return Term{TermKind::kBlank, std::move(label), {}, {}}; }

Term Term::literal(std::string lexical, std::string datatype, std::string lang) {
  if (!lang.empty()) datatype = std::string(kRdfLangString);
  if (datatype.empty()) datatype = std::string(kXsdString);
  return Term{TermKind::kLiteral, std::move(lexical), std::move(datatype), std::move(lang)};
}

std::string escape_literal(std::string_view lexical) {
  std::string out;
  out.reserve(lexical.size() + 2);
  for (char ch : lexical) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X",
                        static_cast<unsigned>(static_cast<unsigned char>(ch)));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string escape_iri(std::string_view iri) {
  std::string out;
  out.reserve(iri.size());
  for (char ch : iri) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (!is_iriref_char(c)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string to_ntriples(const TermView& t) {
  switch (t.kind) {
    case TermKind::kIri:
      return "<" + escape_iri(t.value) + ">";
    case TermKind::kBlank:
      return "_:" + std::string(t.value);
    case TermKind::kLiteral: {
      std::string out = "\"" + escape_literal(t.value) + "\"";
      if (!t.lang.empty()) {
        out += '@';
        out += t.lang;
      } else if (!t.datatype.empty() && t.datatype != kXsdString) {
        out += "^^<" + escape_iri(t.datatype) + ">";
      }
      return out;
    }
  }
  return {};
}

std::strong_ordering compare_terms(const TermView& a, const TermView& b) {
  if (a.kind != b.kind) {
    auto rank = [](TermKind k) { return k == TermKind::kBlank ? 0 : k == TermKind::kIri ? 1 : 2; };
    return rank(a.kind) <=> rank(b.kind);
  }
  if (auto c = a.value.compare(b.value); c != 0) return c <=> 0;
  if (auto c = a.datatype.compare(b.datatype); c != 0) return c <=> 0;
  return a.lang.compare(b.lang) <=> 0;
}

}  // namespace kennis::rdf
