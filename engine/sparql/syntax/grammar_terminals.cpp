// SPARQL 1.1 grammar, productions [129]-[173]: literals, IRIs, prefixed names, blank nodes,
// variables and the lexical tokens they are made of (SPARQL 1.1 Query Language, 19.8).
// Tokens are lexemes (no white space or comments inside); each is captured whole with
// x3::raw and then unescaped or resolved by its semantic action. The rule language reads
// its terms and prefix names with these same rules (term_entry, prefix_name_entry).
#include "expr/text.hpp"
#include "rdf/reader.hpp"
#include "sparql/syntax/grammar_rules.hpp"

#include <string>

namespace kennis::sparql::syntax {

namespace {

using x3::lexeme;
using x3::lit;
using x3::raw;

constexpr bool is_ascii_alpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_alnum(char32_t c) { return is_ascii_alpha(c) || is_digit(c); }
constexpr bool is_ws(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr bool is_iri_char(char32_t c) {
  return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' &&
         c != '^' && c != '`' && c != '\\';
}
constexpr bool is_echar_char(char32_t c) {
  return c == 't' || c == 'b' || c == 'n' || c == 'r' || c == 'f' || c == '\\' || c == '"' ||
         c == '\'';
}
constexpr bool is_string1_char(char32_t c) {
  return c != '\'' && c != '\\' && c != '\n' && c != '\r';
}
constexpr bool is_string2_char(char32_t c) {
  return c != '"' && c != '\\' && c != '\n' && c != '\r';
}
constexpr bool is_long1_char(char32_t c) { return c != '\'' && c != '\\'; }
constexpr bool is_long2_char(char32_t c) { return c != '"' && c != '\\'; }
constexpr bool is_pn_local_esc_char(char32_t c) {
  switch (c) {
    case '_':
    case '~':
    case '.':
    case '-':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case '/':
    case '?':
    case '#':
    case '@':
    case '%':
      return true;
    default:
      return false;
  }
}

const CodePoint<is_ascii_alpha> ascii_alpha{};
const CodePoint<is_ascii_alnum> ascii_alnum{};
const CodePoint<is_ws> ws{};

template <class Ctx>
std::string text_of(const Ctx& ctx) {
  auto& range = x3::_attr(ctx);
  return std::string(range.begin(), range.end());
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Decodes ECHAR ([160]) and, where the grammar allowed them, \u / \U escapes.
std::string unescape_string(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u':
      case 'U': {
        std::size_t n = e == 'u' ? 4 : 8;
        char32_t cp = 0;
        for (std::size_t k = 0; k < n && i + 1 < s.size(); ++k) cp = cp * 16 + hex_digit(s[++i]);
        expr::append_utf8(out, cp);
        break;
      }
      default:
        out += e;
        break;  // \\ \" \'
    }
  }
  return out;
}

// --- [139]-[173] tokens ---------------------------------------------------------------

// UCHAR ::= '\u' HEX HEX HEX HEX | '\U' HEX HEX HEX HEX HEX HEX HEX HEX (Turtle). Read only
// where ParserState::uchar_in_strings allows it: queries have their escapes decoded before
// parsing (section 19.2). As there, an escape of a surrogate or of a value above U+10FFFF
// is an error.
struct Uchar : x3::parser<Uchar> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (!state(ctx).uchar_in_strings) return false;
    if (last - first < 2 || first[0] != '\\' || (first[1] != 'u' && first[1] != 'U')) return false;
    const int n = first[1] == 'u' ? 4 : 8;
    if (last - first < 2 + n) return false;
    char32_t cp = 0;
    for (int i = 2; i < 2 + n; ++i) {
      if (!is_hex(static_cast<unsigned char>(first[i]))) return false;
      cp = cp * 16 + static_cast<char32_t>(hex_digit(first[i]));
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      state(ctx).fail(first,
                      "invalid code point escape '" + std::string(first, first + 2 + n) + "'");
    }
    first += 2 + n;
    return true;
  }
};

// [139] IRIREF ::= '<' ([^<>"{}|^`\]-[#x00-#x20])* '>'  (and UCHAR, as in Turtle)
const auto IRIREF = lit('<') >> *(CodePoint<is_iri_char>{} | Uchar{}) >> lit('>');

// [172] HEX ::= [0-9] | [A-F] | [a-f]
// [171] PERCENT ::= '%' HEX HEX
const auto PERCENT = lit('%') >> hex >> hex;
// [173] PN_LOCAL_ESC ::= '\' ( '_' | '~' | '.' | '-' | '!' | '$' | '&' | "'" | '(' | ')' | '*'
//   | '+' | ',' | ';' | '=' | '/' | '?' | '#' | '@' | '%' )
const auto PN_LOCAL_ESC = lit('\\') >> CodePoint<is_pn_local_esc_char>{};
// [170] PLX ::= PERCENT | PN_LOCAL_ESC
const auto PLX = PERCENT | PN_LOCAL_ESC;
// [168] PN_PREFIX ::= PN_CHARS_BASE ((PN_CHARS|'.')* PN_CHARS)?
const auto PN_PREFIX = pn_chars_base >> *(pn_chars | (+lit('.') >> &pn_chars));
// [169] PN_LOCAL ::= (PN_CHARS_U | ':' | [0-9] | PLX ) ((PN_CHARS | '.' | ':' | PLX)*
//   (PN_CHARS | ':' | PLX) )?
const auto pn_local_char = pn_chars | lit(':') | PLX;
const auto PN_LOCAL = (pn_chars_u | lit(':') | digit | PLX) >>
                      *(pn_local_char | (+lit('.') >> &pn_local_char));
// [140] PNAME_NS ::= PN_PREFIX? ':'
const auto PNAME_NS = -PN_PREFIX >> lit(':');
// [141] PNAME_LN ::= PNAME_NS PN_LOCAL
const auto PNAME_LN = PNAME_NS >> PN_LOCAL;
// [142] BLANK_NODE_LABEL ::= '_:' ( PN_CHARS_U | [0-9] ) ((PN_CHARS|'.')* PN_CHARS)?
const auto BLANK_NODE_LABEL = lit("_:") >> (pn_chars_u | digit) >>
                              *(pn_chars | (+lit('.') >> &pn_chars));
// [166] VARNAME ::= ( PN_CHARS_U | [0-9] ) ( PN_CHARS_U | [0-9] | #x00B7 | [#x0300-#x036F]
//   | [#x203F-#x2040] )*
const auto VARNAME = varname_start >> *varname_char;
// [143] VAR1 ::= '?' VARNAME
// [144] VAR2 ::= '$' VARNAME
const auto VAR1_or_VAR2 = (lit('?') | lit('$')) >> raw[VARNAME];
// [145] LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
const auto LANGTAG = lit('@') >> raw[+ascii_alpha >> *(lit('-') >> +ascii_alnum)];
// [146] INTEGER ::= [0-9]+
const auto INTEGER = +digit;
// [147] DECIMAL ::= [0-9]* '.' [0-9]+
const auto DECIMAL = *digit >> lit('.') >> +digit;
// [155] EXPONENT ::= [eE] [+-]? [0-9]+
const auto EXPONENT = (lit('e') | lit('E')) >> -(lit('+') | lit('-')) >> +digit;
// [148] DOUBLE ::= [0-9]+ '.' [0-9]* EXPONENT | '.' ([0-9])+ EXPONENT | ([0-9])+ EXPONENT
const auto DOUBLE = (+digit >> lit('.') >> *digit >> EXPONENT) | (lit('.') >> +digit >> EXPONENT) |
                    (+digit >> EXPONENT);
// [149] INTEGER_POSITIVE ::= '+' INTEGER
// [150] DECIMAL_POSITIVE ::= '+' DECIMAL
// [151] DOUBLE_POSITIVE ::= '+' DOUBLE
// [152] INTEGER_NEGATIVE ::= '-' INTEGER
// [153] DECIMAL_NEGATIVE ::= '-' DECIMAL
// [154] DOUBLE_NEGATIVE ::= '-' DOUBLE
const auto sign = lit('+') | lit('-');

// [160] ECHAR ::= '\' [tbnrf\"']
const auto ECHAR = lit('\\') >> CodePoint<is_echar_char>{};
const auto UCHAR = Uchar{};
const auto escape = ECHAR | UCHAR;

// [156] STRING_LITERAL1 ::= "'" ( ([^#x27#x5C#xA#xD]) | ECHAR )* "'"
const auto STRING_LITERAL1 = lit('\'') >> *(CodePoint<is_string1_char>{} | escape) >
                             named("\"'\" to end the string", lit('\''));
// [157] STRING_LITERAL2 ::= '"' ( ([^#x22#x5C#xA#xD]) | ECHAR )* '"'
const auto STRING_LITERAL2 = lit('"') >> *(CodePoint<is_string2_char>{} | escape) >
                             named("'\"' to end the string", lit('"'));
// [158] STRING_LITERAL_LONG1 ::= "'''" ( ( "'" | "''" )? ( [^'\] | ECHAR ) )* "'''"
const auto long1_char = CodePoint<is_long1_char>{} | escape;
const auto STRING_LITERAL_LONG1 = Punct("'''") >> *((Punct("''") >> long1_char) |
                                                    (lit('\'') >> long1_char) | long1_char) >
                                  named("\"'''\" to end the string", Punct("'''"));
// [159] STRING_LITERAL_LONG2 ::= '"""' ( ( '"' | '""' )? ( [^"\] | ECHAR ) )* '"""'
const auto long2_char = CodePoint<is_long2_char>{} | escape;
const auto STRING_LITERAL_LONG2 = Punct("\"\"\"") >> *((Punct("\"\"") >> long2_char) |
                                                       (lit('"') >> long2_char) | long2_char) >
                                  named("'\"\"\"' to end the string", Punct("\"\"\""));
// [162] WS ::= #x20 | #x9 | #xD | #xA
const auto WS = ws;
// [161] NIL ::= '(' WS* ')'
const auto NIL = lit('(') >> *WS >> lit(')');
// [163] ANON ::= '[' WS* ']'
const auto ANON = lit('[') >> *WS >> lit(']');

// --- actions ----------------------------------------------------------------------------

template <std::size_t Quote>
struct Unquote {
  template <class Ctx>
  void operator()(const Ctx& ctx) const {
    std::string s = text_of(ctx);
    x3::_val(ctx) = unescape_string(std::string_view(s).substr(Quote, s.size() - 2 * Quote));
  }
};

// The only escapes an IRIREF can hold are UCHARs.
const auto resolve_iriref = [](auto& ctx) {
  std::string s = text_of(ctx);
  x3::_val(ctx) = rdf::Term::iri(
      state(ctx).resolve(unescape_string(std::string_view(s).substr(1, s.size() - 2))));
};

const auto resolve_pname = [](auto& ctx) {
  std::string s = text_of(ctx);
  std::size_t colon = s.find(':');
  std::string prefix = s.substr(0, colon);
  std::string local;
  for (std::size_t i = colon + 1; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;  // PN_LOCAL_ESC stands for the character
    local += s[i];
  }
  ParserState& st = state(ctx);
  auto it = st.prefixes.find(prefix);
  if (it == st.prefixes.end()) {
    if (!st.keep_undefined_prefixes) {
      st.fail(x3::_attr(ctx).begin(), "undefined prefix '" + prefix + ":'");
    }
    if (!st.undefined_prefix) {
      st.undefined_prefix = UndefinedPrefixUse{x3::_attr(ctx).begin(), prefix, local};
    }
    x3::_val(ctx) = rdf::Term::iri({});
    return;
  }
  x3::_val(ctx) = rdf::Term::iri(it->iri + local);
};

template <const std::string_view* Datatype>
struct MakeNumber {
  template <class Ctx>
  void operator()(const Ctx& ctx) const {
    x3::_val(ctx) = rdf::Term::literal(text_of(ctx), std::string(*Datatype));
  }
};

using rdf::kXsdBoolean;
using rdf::kXsdDecimal;
using rdf::kXsdDouble;
using rdf::kXsdInteger;

const auto make_integer = MakeNumber<&kXsdInteger>{};
const auto make_decimal = MakeNumber<&kXsdDecimal>{};
const auto make_double = MakeNumber<&kXsdDouble>{};

const auto set_text = [](auto& ctx) { x3::_val(ctx) = text_of(ctx); };

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto make_var = [](auto& ctx) { x3::_val(ctx) = Var{std::move(x3::_attr(ctx))}; };
const auto make_type = [](auto& ctx) {
  x3::_val(ctx) = rdf::Term::iri(std::string(rdf::kRdfType));
};

}  // namespace

// --- rules ------------------------------------------------------------------------------

// [136] iri ::= IRIREF | PrefixedName
// [137] PrefixedName ::= PNAME_LN | PNAME_NS
const auto iri_def = lexeme[raw[IRIREF][resolve_iriref] | raw[PNAME_LN | PNAME_NS][resolve_pname]];

// IRIREF as written, for BASE and PREFIX declarations.
const auto iriref_text_def = lexeme[raw[IRIREF][Unquote<1>{}]];

// PNAME_NS, as the prefix without the colon.
const auto pname_ns_def = lexeme[raw[-PN_PREFIX] >> lit(':')][set_text];

// [138] BlankNode ::= BLANK_NODE_LABEL | ANON
const auto blank_node_def =
    lexeme[raw[BLANK_NODE_LABEL]
              [([](auto& ctx) { x3::_val(ctx) = rdf::Term::blank(text_of(ctx).substr(2)); })]] |
    anon[([](auto& ctx) { x3::_val(ctx) = state(ctx).fresh_blank(); })];

// [108] Var ::= VAR1 | VAR2
const auto var_def = lexeme[VAR1_or_VAR2][set_text];

// [135] String ::= STRING_LITERAL1 | STRING_LITERAL2 | STRING_LITERAL_LONG1
//   | STRING_LITERAL_LONG2
const auto string_literal_def =
    lexeme[raw[STRING_LITERAL_LONG1][Unquote<3>{}] | raw[STRING_LITERAL_LONG2][Unquote<3>{}] |
           raw[STRING_LITERAL1][Unquote<1>{}] | raw[STRING_LITERAL2][Unquote<1>{}]];

// [129] RDFLiteral ::= String ( LANGTAG | ( '^^' iri ) )?
const auto rdf_literal_def =
    string_literal[([](auto& ctx) { x3::_val(ctx) = rdf::Term::literal(x3::_attr(ctx)); })] >>
    -(lexeme[LANGTAG][([](auto& ctx) {
        rdf::Term& t = x3::_val(ctx);
        t = rdf::Term::literal(std::move(t.value), {}, text_of(ctx));
      })] |
      (Punct("^^") > iri[([](auto& ctx) {
         rdf::Term& t = x3::_val(ctx);
         t = rdf::Term::literal(std::move(t.value), x3::_attr(ctx).value);
       })]));

// [131] NumericLiteralUnsigned ::= INTEGER | DECIMAL | DOUBLE
const auto numeric_literal_unsigned_def =
    lexeme[raw[DOUBLE][make_double] | raw[DECIMAL][make_decimal] | raw[INTEGER][make_integer]];

// [130] NumericLiteral ::= NumericLiteralUnsigned | NumericLiteralPositive
//   | NumericLiteralNegative
// [132] NumericLiteralPositive ::= INTEGER_POSITIVE | DECIMAL_POSITIVE | DOUBLE_POSITIVE
// [133] NumericLiteralNegative ::= INTEGER_NEGATIVE | DECIMAL_NEGATIVE | DOUBLE_NEGATIVE
const auto numeric_literal_def =
    lexeme[raw[-sign >> DOUBLE][make_double] | raw[-sign >> DECIMAL][make_decimal] |
           raw[-sign >> INTEGER][make_integer]];

// [134] BooleanLiteral ::= 'true' | 'false'
const auto boolean_literal_def =
    Keyword("TRUE")[(
        [](auto& ctx) { x3::_val(ctx) = rdf::Term::literal("true", std::string(kXsdBoolean)); })] |
    Keyword("FALSE")[(
        [](auto& ctx) { x3::_val(ctx) = rdf::Term::literal("false", std::string(kXsdBoolean)); })];

// [97] Integer ::= INTEGER
const auto integer_def = lexeme[raw[INTEGER]][set_text];

const auto nil_def = lexeme[NIL];
const auto anon_def = lexeme[ANON];

// The rule language's Term (docs/rules.md): [106] VarOrTerm without NIL, with Turtle's 'a'
// for rdf:type in any position.
const auto term_entry_def = var[make_var] | iri[assign] | Keyword("a", true)[make_type] |
                            rdf_literal[assign] | numeric_literal[assign] |
                            boolean_literal[assign] | blank_node[assign];

// [140] PNAME_NS of a prefix declaration in a rule file, as the prefix without the colon;
// not the start of a PNAME_LN (`ex:a`).
const auto prefix_name_entry_def = lexeme[raw[-PN_PREFIX] >> lit(':') >> !PN_LOCAL][set_text];

BOOST_SPIRIT_DEFINE(iri, iriref_text, pname_ns, blank_node, var, string_literal, rdf_literal,
                    numeric_literal_unsigned, numeric_literal, boolean_literal, integer, nil, anon,
                    term_entry, prefix_name_entry)

BOOST_SPIRIT_INSTANTIATE(iri_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(iriref_text_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(pname_ns_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(blank_node_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(var_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(string_literal_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(rdf_literal_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(numeric_literal_unsigned_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(numeric_literal_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(boolean_literal_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(integer_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(nil_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(anon_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(term_entry_type, Iterator, Context)
BOOST_SPIRIT_INSTANTIATE(prefix_name_entry_type, Iterator, Context)

// --- ParserState ------------------------------------------------------------------------

base::SourcePos ParserState::pos(Iterator it) const {
  const std::string_view text = source->text();
  Iterator last = text.data() + text.size();
  it = skip_space(it, last);
  return source->position(static_cast<std::size_t>(it - text.data()));
}

rdf::Term ParserState::fresh_blank() {
  return rdf::Term::blank("#" + std::to_string(next_blank++));
}

std::string ParserState::resolve(std::string_view reference) const {
  // rdf::resolve_iri keeps an absolute IRI as written (dot segments and all): it must equal
  // the same IRI in the data (W3C test i18n/normalization-02).
  if (base_iri.empty()) return std::string(reference);
  return rdf::resolve_iri(base_iri, reference);
}

void ParserState::fail(Iterator where, std::string message) const {
  throw SemanticError{where, std::move(message)};
}

}  // namespace kennis::sparql::syntax
