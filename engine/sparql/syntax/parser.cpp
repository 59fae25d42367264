// Driver of the SPARQL parser: decodes codepoint escapes, runs the X3 grammar (grammar_*.cpp)
// with its state, turns expectation failures and semantic errors into Diagnostics, and runs
// the checks of checks.hpp.
#include "sparql/syntax/parser.hpp"

#include "sparql/syntax/checks.hpp"
#include "sparql/syntax/grammar_rules.hpp"

#include <exception>

namespace kennis::sparql {

namespace {

using syntax::Iterator;
namespace x3 = boost::spirit::x3;

bool is_delimiter(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '{' || c == '}' || c == '(' ||
         c == ')' || c == '[' || c == ']' || c == ',' || c == ';';
}

// The token at `it`, for "found X" (quoted), or "end of input".
std::string found_text(Iterator it, Iterator last) {
  it = syntax::skip_space(it, last);
  if (it == last) return "end of input";
  Iterator end = it;
  if (is_delimiter(*it)) {
    ++end;
  } else if (*it == '"' || *it == '\'') {
    char quote = *it;
    ++end;
    while (end != last && *end != quote && *end != '\n')
      end += (*end == '\\' && end + 1 != last) ? 2 : 1;
    if (end != last && *end == quote) ++end;
  } else {
    while (end != last && !is_delimiter(*end)) ++end;
  }
  constexpr std::ptrdiff_t kMax = 30;
  std::string text(it, end);
  if (end - it > kMax) {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return "'" + text + "'";
}

std::string expected_text(const std::string& which) {
  // Every expectation point of the grammar is named; guard against a raw type name anyway.
  if (which.find("boost") != std::string::npos || which.empty()) return "valid syntax";
  return which;
}

struct Session {
  Session(std::string_view text, bool decode, base::SourcePos origin, std::string_view name)
      : source(text, decode, origin), source_name(name), decoded(decode) {
    state.source = &source;
  }

  /// For text embedded in a rule file: the file's prefixes and base, \u escapes in strings,
  /// skipped text logged so that the caller learns where the parsed text ends.
  void embed(const PrefixMap& prefixes, std::string_view base_iri, syntax::SkipLog& log) {
    state.prefixes = prefixes;
    state.base_iri = std::string(base_iri);
    state.uchar_in_strings = true;
    skip_log = &log;
  }

  Iterator begin() const { return source.text().data(); }
  Iterator end() const { return source.text().data() + source.text().size(); }

  base::Diagnostic error_at(base::SourcePos pos, std::string message) const {
    base::SourceRange range{std::string(source_name), pos, pos};
    return base::Diagnostic::error(std::move(message), std::move(range));
  }
  base::Diagnostic error_at(Iterator where, std::string message) const {
    return error_at(state.pos(where), std::move(message));
  }
  base::Diagnostic expected(Iterator where, const std::string& what) const {
    return error_at(where,
                    "expected " + expected_text(what) + ", found " + found_text(where, end()));
  }

  /// A text that was not decoded was not checked for UTF-8 either (that would cost the
  /// whole text, not the part read): an invalid byte before the error at `where`, or on its
  /// line, is reported instead, as the grammar stops at such a byte.
  base::Diagnostic or_invalid_utf8(base::Diagnostic d, Iterator where) const {
    if (decoded) return d;
    Iterator stop = where;
    while (stop != end() && *stop != '\n') ++stop;
    const auto limit = static_cast<std::size_t>(stop - begin());
    const std::size_t bad = source.first_invalid_utf8(limit);
    if (bad < limit) return error_at(begin() + bad, "invalid UTF-8 byte");
    return d;
  }

  /// Runs `rule` from the start of the text into `attr`; on failure returns the diagnostic
  /// and sets `no_match` if the rule failed at the first token, before any expectation.
  template <class Rule, class Attr>
  std::optional<base::Diagnostic> run(const Rule& rule, Attr& attr, Iterator& first,
                                      const char* what) {
    if (!source.error().empty()) {
      return error_at(source.position(source.error_offset()), source.error());
    }
    syntax::Skipper skipper_value;
    skipper_value.log = skip_log;
    const syntax::Skipper& skipper = skipper_value;
    auto skip_ctx = x3::make_context<x3::skipper_tag>(skipper);
    auto ctx = x3::make_context<syntax::StateTag>(state, skip_ctx);
    first = begin();
    try {
      if (rule.parse(first, end(), ctx, x3::unused, attr)) return std::nullopt;
      if (state.failed) {
        return or_invalid_utf8(expected(state.error_where, state.expected), state.error_where);
      }
      no_match = true;
      return or_invalid_utf8(expected(first, what), first);
    } catch (const syntax::SemanticError& e) {
      return or_invalid_utf8(error_at(e.where, e.message), e.where);
    } catch (const x3::expectation_failure<Iterator>& e) {
      return or_invalid_utf8(expected(e.where(), e.which()), e.where());
    } catch (const std::exception& e) {
      return error_at(first, std::string("cannot parse: ") + e.what());
    }
  }

  /// Where the last token ends, for a parse that stopped at `first` with `log` as the skip
  /// log: `first` may stand after white space that a failed look-ahead skipped.
  Iterator token_end(Iterator first, const syntax::SkipLog& log) const {
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      if (it->second == first) return it->first;
    }
    return first;
  }

  syntax::SourceText source;
  std::string_view source_name;
  bool decoded;
  syntax::ParserState state;
  syntax::SkipLog* skip_log = nullptr;
  bool no_match = false;
};

}  // namespace

base::Result<Query> parse_query(std::string_view text, std::string_view source_name,
                                const ParseOptions& options) {
  // A UTF-8 byte order mark is not part of the query (editors do not show it as a column).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Session s(text, true, {1, 1}, source_name);
  s.state.base_iri = std::string(options.base_iri);
  Query q;
  Iterator first;
  if (auto error = s.run(syntax::query_unit, q, first, "a query")) return *error;
  Iterator rest = syntax::skip_space(first, s.end());
  if (rest != s.end()) return s.expected(rest, "end of query");
  if (auto problem = syntax::check_query(q)) return s.error_at(problem->pos, problem->message);
  return q;
}

base::Result<ParsedExpression> parse_expression(std::string_view text, const PrefixMap& prefixes,
                                                base::SourcePos origin,
                                                std::string_view source_name,
                                                std::string_view base_iri) {
  if (origin.line == 0) origin = {1, 1};
  Session s(text, false, origin, source_name);
  syntax::SkipLog log;
  s.embed(prefixes, base_iri, log);
  ParsedExpression result;
  Iterator first;
  if (auto error = s.run(syntax::expression_entry, result.expr, first, "an expression")) {
    return *error;
  }
  // Codepoint escapes are not decoded here, so offsets in text() are offsets in `text`.
  result.consumed = static_cast<std::size_t>(s.token_end(first, log) - s.begin());
  return result;
}

base::Result<ParsedTerm> parse_term(std::string_view text, const PrefixMap& prefixes,
                                    std::string_view base_iri, base::SourcePos origin,
                                    std::string_view source_name) {
  if (origin.line == 0) origin = {1, 1};
  Session s(text, false, origin, source_name);
  syntax::SkipLog log;
  s.embed(prefixes, base_iri, log);
  s.state.keep_undefined_prefixes = true;
  ParsedTerm result;
  Iterator first;
  if (auto error = s.run(syntax::term_entry, result.term, first, "a term")) {
    if (s.no_match) return ParsedTerm{};
    return *error;
  }
  result.consumed = static_cast<std::size_t>(s.token_end(first, log) - s.begin());
  if (const auto& u = s.state.undefined_prefix) {
    result.undefined_prefix =
        UndefinedPrefix{u->prefix, u->local, static_cast<std::size_t>(u->where - s.begin())};
  }
  return result;
}

std::optional<ParsedPrefixName> parse_prefix_name(std::string_view text) {
  Session s(text, false, {1, 1}, "<prefix>");
  syntax::SkipLog log;
  s.skip_log = &log;
  ParsedPrefixName result;
  Iterator first;
  if (s.run(syntax::prefix_name_entry, result.prefix, first, "a prefix name")) return std::nullopt;
  result.consumed = static_cast<std::size_t>(s.token_end(first, log) - s.begin());
  return result;
}

}  // namespace kennis::sparql
