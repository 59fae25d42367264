// Primitive X3 parsers the SPARQL grammar is built from: keywords (case-insensitive, not
// followed by a name character), punctuation, code point classes of the lexical
// productions ([164]-[167]), and a wrapper giving any parser a name for "expected X"
// messages. Private to sparql/syntax.
#pragma once

#include "sparql/syntax/grammar_config.hpp"

#include <string>
#include <string_view>

namespace kennis::sparql::syntax {

/// A character that may continue a name: a keyword followed by one is not that keyword
/// (`ASKfoo`, `a:b`, `STR:x`).
inline bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

inline char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

/// A keyword ("SELECT", ...): case-insensitive unless `exact` (only `a` is case-sensitive).
struct Keyword : x3::parser<Keyword> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  constexpr Keyword(const char* w, bool e = false) : word(w), exact(e) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    It i = first;
    for (const char* w = word; *w != '\0'; ++w, ++i) {
      if (i == last) return false;
      if (exact ? *i != *w : ascii_upper(*i) != *w) return false;
    }
    if (i != last && is_name_char(*i)) return false;
    first = i;
    return true;
  }

  const char* word;  ///< upper case (or exact)
  bool exact;
};

/// Punctuation of one or more characters (`'||'`, `'^^'`); named with single quotes.
struct Punct : x3::parser<Punct> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  constexpr explicit Punct(const char* t) : text(t) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    It i = first;
    for (const char* t = text; *t != '\0'; ++t, ++i) {
      if (i == last || *i != *t) return false;
    }
    first = i;
    return true;
  }

  const char* text;
};

/// One code point (UTF-8) satisfying Pred; no attribute (use x3::raw to capture).
template <bool (*Pred)(char32_t)>
struct CodePoint : x3::parser<CodePoint<Pred>> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    const char* i = first;
    char32_t cp;
    if (!decode_utf8(i, last, cp) || !Pred(cp)) return false;
    first = i;
    return true;
  }
};

/// Gives `subject` a name for "expected <name>" messages; otherwise transparent.
template <class Subject>
struct Named : x3::unary_parser<Subject, Named<Subject>> {
  using base_type = x3::unary_parser<Subject, Named<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr Named(const char* n, const Subject& s) : base_type(s), name(n) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    return this->subject.parse(first, last, ctx, rctx, attr);
  }

  const char* name;
};

template <class Subject>
constexpr auto named(const char* name, const Subject& s) {
  return Named<typename x3::extension::as_parser<Subject>::value_type>(name, x3::as_parser(s));
}

// [164] PN_CHARS_BASE ::= [A-Z] | [a-z] | [#x00C0-#x00D6] | [#x00D8-#x00F6] | [#x00F8-#x02FF]
//   | [#x0370-#x037D] | [#x037F-#x1FFF] | [#x200C-#x200D] | [#x2070-#x218F] | [#x2C00-#x2FEF]
//   | [#x3001-#xD7FF] | [#xF900-#xFDCF] | [#xFDF0-#xFFFD] | [#x10000-#xEFFFF]
constexpr bool is_pn_chars_base(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
// [165] PN_CHARS_U ::= PN_CHARS_BASE | '_'
constexpr bool is_pn_chars_u(char32_t c) { return is_pn_chars_base(c) || c == '_'; }
constexpr bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// [166] VARNAME ::= ( PN_CHARS_U | [0-9] ) ( PN_CHARS_U | [0-9] | #x00B7 | [#x0300-#x036F]
//   | [#x203F-#x2040] )*
constexpr bool is_varname_start(char32_t c) { return is_pn_chars_u(c) || is_digit(c); }
constexpr bool is_varname_char(char32_t c) {
  return is_varname_start(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
// [167] PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]
constexpr bool is_pn_chars(char32_t c) { return is_varname_char(c) || c == '-'; }
constexpr bool is_hex(char32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline const CodePoint<is_pn_chars_base> pn_chars_base{};
inline const CodePoint<is_pn_chars_u> pn_chars_u{};
inline const CodePoint<is_pn_chars> pn_chars{};
inline const CodePoint<is_digit> digit{};
inline const CodePoint<is_hex> hex{};
inline const CodePoint<is_varname_start> varname_start{};
inline const CodePoint<is_varname_char> varname_char{};

}  // namespace kennis::sparql::syntax

namespace boost::spirit::x3 {

template <>
struct get_info<kennis::sparql::syntax::Keyword> {
  using result_type = std::string;
  std::string operator()(const kennis::sparql::syntax::Keyword& k) const {
    return "'" + std::string(k.word) + "'";
  }
};

template <>
struct get_info<kennis::sparql::syntax::Punct> {
  using result_type = std::string;
  std::string operator()(const kennis::sparql::syntax::Punct& p) const {
    return "'" + std::string(p.text) + "'";
  }
};

template <class Subject>
struct get_info<kennis::sparql::syntax::Named<Subject>> {
  using result_type = std::string;
  std::string operator()(const kennis::sparql::syntax::Named<Subject>& n) const { return n.name; }
};

}  // namespace boost::spirit::x3
