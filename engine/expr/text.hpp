// Text helpers for the string functions (SPARQL 1.1 section 17.4.3): strings are UTF-8 and
// measured in code points (STRLEN, SUBSTR), case mapping is Unicode simple case mapping
// (UCASE, LCASE), and ENCODE_FOR_URI percent-encodes UTF-8 bytes. (IRI() resolves references
// with rdf::resolve_iri, the one the readers use.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kennis::expr {

/// Decodes UTF-8; an invalid byte decodes to U+FFFD.
std::u32string utf8_to_u32(std::string_view s);
std::wstring utf8_to_wide(std::string_view s);
void append_utf8(std::string& out, char32_t c);
std::string u32_to_utf8(std::u32string_view s);
std::string wide_to_utf8(std::wstring_view s);

/// Number of code points.
std::size_t code_point_count(std::string_view s);
/// The code points [begin, end) of s (0-based, clamped), as a view into s.
std::string_view code_point_substr(std::string_view s, std::size_t begin, std::size_t end);

/// Unicode upper / lower case (simple mappings, per code point).
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);

/// Simple case mapping of one code point.
char32_t upper_case(char32_t c);
char32_t lower_case(char32_t c);

/// Unicode character properties (from the C.UTF-8 locale where available; ASCII otherwise).
bool is_letter(char32_t c);
bool is_upper_letter(char32_t c);
bool is_lower_letter(char32_t c);
bool is_punct_or_symbol(char32_t c);
bool is_space_char(char32_t c);

/// ASCII case-insensitive equality (language tags).
bool equals_ignore_case(std::string_view a, std::string_view b);

/// fn:encode-for-uri: every byte outside [A-Za-z0-9-_.~] becomes %XX (upper-case hex).
std::string encode_for_uri(std::string_view s);

}  // namespace kennis::expr
