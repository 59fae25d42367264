// RDF terms: IRIs, blank nodes and literals (RDF 1.1 Concepts, section 3).
// Term owns its strings; TermView is a cheap view into a Dictionary's storage.
// A simple literal has datatype xsd:string (RDF 1.1); a language-tagged literal has
// datatype rdf:langString and a lowercase-insensitive `lang`.
#pragma once

#include "rdf/vocab.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace kennis::rdf {

enum class TermKind : std::uint8_t { kIri = 0, kBlank = 1, kLiteral = 2 };

struct Term;

/// A term whose strings live elsewhere (a Dictionary, a Term). Valid as long as that storage.
struct TermView {
  TermKind kind = TermKind::kIri;
  std::string_view value;     ///< IRI, blank-node label (without "_:"), or lexical form
  std::string_view datatype;  ///< literals only: datatype IRI (xsd:string for simple literals)
  std::string_view lang;      ///< literals only: language tag, empty if none

  bool is_iri() const { return kind == TermKind::kIri; }
  bool is_blank() const { return kind == TermKind::kBlank; }
  bool is_literal() const { return kind == TermKind::kLiteral; }
  bool has_lang() const { return !lang.empty(); }
  /// True for literals with datatype xsd:string and no language tag.
  bool is_simple_literal() const { return is_literal() && lang.empty() && datatype == kXsdString; }

  Term to_term() const;
  friend bool operator==(const TermView&, const TermView&) = default;
};

/// An owned RDF term.
struct Term {
  TermKind kind = TermKind::kIri;
  std::string value;
  std::string datatype;
  std::string lang;

  static Term iri(std::string iri);
  static Term blank(std::string label);
  /// A literal; an empty datatype means xsd:string, a non-empty lang means rdf:langString.
  static Term literal(std::string lexical, std::string datatype = {}, std::string lang = {});

  bool is_iri() const { return kind == TermKind::kIri; }
  bool is_blank() const { return kind == TermKind::kBlank; }
  bool is_literal() const { return kind == TermKind::kLiteral; }

  TermView view() const { return TermView{kind, value, datatype, lang}; }
  friend bool operator==(const Term&, const Term&) = default;
};

/// N-Triples form: <iri>, _:label, "lex", "lex"@lang, "lex"^^<dt> (xsd:string omitted).
std::string to_ntriples(const TermView& t);
inline std::string to_ntriples(const Term& t) { return to_ntriples(t.view()); }

/// Escapes a lexical form for N-Triples/Turtle (quotes, backslash, control characters).
std::string escape_literal(std::string_view lexical);
/// Escapes an IRI for N-Triples (characters outside IRIREF become \u escapes).
std::string escape_iri(std::string_view iri);

/// A total order on terms used for deterministic output: blank nodes, then IRIs, then
/// literals; within a kind by value, then datatype, then language.
std::strong_ordering compare_terms(const TermView& a, const TermView& b);

}  // namespace kennis::rdf
