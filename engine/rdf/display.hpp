// Short forms of terms for people: result tables and graph pictures, the triples that
// `kennis reason`, `explain` and `diff` print, and printed algebra and plans. IRIs become
// prefixed names where a prefix fits (PrefixMap::compact); the rest follows a style.
#pragma once

#include "rdf/prefix_map.hpp"
#include "rdf/term.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace kennis::rdf {

enum class DisplayStyle : std::uint8_t {
  /// Plain text, nothing escaped: strings, numbers and booleans as their lexical form,
  /// "lex"@lang, "lex"^^type with the datatype abbreviated, <iri> where no prefix fits.
  kTable,
  /// Turtle: integers (digits only) and booleans bare where they read back as the same
  /// literal, other XSD literals as "lex"^^xsd:type, everything else in N-Triples.
  kTurtle,
};

struct DisplayOptions {
  /// Which prefixed names IRIs may become.
  CompactOptions names;
  DisplayStyle style = DisplayStyle::kTable;
  /// rdf:type as `a` where no prefix fits it.
  bool type_as_a = false;
};

/// Result tables (text and HTML) and DOT pictures: the longest namespace, local parts
/// without '/', '#' or '?'.
inline constexpr DisplayOptions kTableDisplay{
    {LocalNames::kNoDelimiters, PrefixChoice::kLongest}, DisplayStyle::kTable, false};
/// Triples as `kennis reason`, `explain` and `diff` print them: Turtle with ASCII local
/// names, the first prefix that fits, rdf:type as `a`.
inline constexpr DisplayOptions kTurtleDisplay{
    {LocalNames::kAscii, PrefixChoice::kFirst}, DisplayStyle::kTurtle, true};

/// The short form of `t`.
std::string display_term(const TermView& t, const PrefixMap& prefixes,
                         const DisplayOptions& options);

/// `text` with each "<iri>" in it replaced by its prefixed name where one fits (a text with
/// terms in N-Triples form, such as a printed algebra or plan).
std::string compact_iris(std::string_view text, const PrefixMap& prefixes,
                         const CompactOptions& options = {});

}  // namespace kennis::rdf
