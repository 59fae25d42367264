// Shared configuration of the SPARQL grammar's translation units (grammar_*.cpp): the
// iterator, the skipper (white space and # comments), the parser state carried in the X3
// context, and the one context type every rule is instantiated for. Private to
// sparql/syntax.
#pragma once

#include "base/diagnostic.hpp"
#include "rdf/term.hpp"
#include "sparql/syntax/ast.hpp"
#include "sparql/syntax/source_text.hpp"

#include <boost/spirit/home/x3.hpp>

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kennis::sparql::syntax {

namespace x3 = boost::spirit::x3;

using Iterator = const char*;

/// Thrown by semantic actions for errors the grammar cannot express (an undefined prefix, a
/// built-in called with the wrong number of arguments, ...); caught by the parser driver.
struct SemanticError {
  Iterator where;
  std::string message;
};

/// A prefixed name whose prefix is not declared, where ParserState::keep_undefined_prefixes.
struct UndefinedPrefixUse {
  Iterator where;
  std::string prefix;
  std::string local;  ///< PN_LOCAL_ESC escapes removed
};

/// Mutable state of one parse, reachable from semantic actions through StateTag.
struct ParserState {
  const SourceText* source = nullptr;
  std::string base_iri;
  PrefixMap prefixes;
  /// Strings and IRIs accept \u and \U escapes (parse_expression, parse_term; queries
  /// decode them beforehand).
  bool uchar_in_strings = false;
  /// A prefixed name with an undefined prefix stands for the IRI "" and is recorded in
  /// `undefined_prefix` (the first one) instead of failing the parse (parse_term: the rule
  /// language reports it with hints of its own and goes on).
  bool keep_undefined_prefixes = false;
  std::optional<UndefinedPrefixUse> undefined_prefix;
  std::uint32_t next_blank = 0;

  /// Start positions of the enclosing located[] parsers (innermost last).
  std::vector<Iterator> starts;
  /// Current nesting of guarded[] parsers (groups, brackets, blank node lists).
  int depth = 0;
  /// Depth of each inner expression node built so far (leaves are 1).
  std::unordered_map<const void*, std::uint32_t> expr_depth;

  // Filled by the on_error handlers of the entry rules.
  bool failed = false;
  Iterator error_where = nullptr;
  std::string expected;

  /// Position of the first token at or after `it`.
  base::SourcePos pos(Iterator it) const;
  /// A blank node with a label that cannot be written in a query.
  rdf::Term fresh_blank();
  /// `iri` resolved against the current base.
  std::string resolve(std::string_view reference) const;
  /// Throws SemanticError.
  [[noreturn]] void fail(Iterator where, std::string message) const;
};

struct StateTag;

/// Stretches of white space and comments a Skipper passed over, as (start, end) pairs; lets
/// parse_expression find where the last token ended.
using SkipLog = std::vector<std::pair<const char*, const char*>>;

/// Skips white space ([162] WS) and comments ('#' to the end of the line, section 19.4).
struct Skipper : x3::parser<Skipper> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  SkipLog* log = nullptr;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    It i = first;
    while (i != last) {
      char c = *i;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i;
      } else if (c == '#') {
        while (i != last && *i != '\n' && *i != '\r') ++i;
      } else {
        break;
      }
    }
    if (i == first) return false;
    if (log != nullptr) log->emplace_back(first, i);
    first = i;
    return true;
  }
};

/// Skips white space and comments from `it`.
inline Iterator skip_space(Iterator it, Iterator last) {
  Skipper s;
  x3::unused_type u;
  while (s.parse(it, last, u, u, u)) {
  }
  return it;
}

using SkipperContext = x3::context<x3::skipper_tag, const Skipper>;
/// The context every grammar rule is parsed with.
using Context = x3::context<StateTag, ParserState, SkipperContext>;

template <class Ctx>
ParserState& state(const Ctx& ctx) {
  return x3::get<StateTag>(ctx);
}

/// Where the innermost located[] parser began (after white space). In Boost 1.74, x3::_where
/// is the input after the match, so actions that need their start wrap in located[].
template <class Ctx>
Iterator start_of(const Ctx& ctx) {
  assert(!state(ctx).starts.empty());
  return state(ctx).starts.back();
}
template <class Ctx>
base::SourcePos start_pos(const Ctx& ctx) {
  return state(ctx).pos(start_of(ctx));
}

/// located[p]: parses p and records where it began for the actions inside p.
template <class Subject>
struct Located : x3::unary_parser<Subject, Located<Subject>> {
  using base_type = x3::unary_parser<Subject, Located<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr explicit Located(const Subject& s) : base_type(s) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    std::vector<Iterator>& starts = state(ctx).starts;
    starts.push_back(first);
    bool ok = this->subject.parse(first, last, ctx, rctx, attr);
    starts.pop_back();
    return ok;
  }
};

struct LocatedGen {
  template <class Subject>
  constexpr auto operator[](const Subject& s) const {
    return Located<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(s));
  }
};
inline constexpr LocatedGen located{};

/// Deepest nesting of groups, parentheses and brackets a query may have: deeper input is
/// rejected instead of exhausting the stack.
inline constexpr int kMaxNesting = 200;
/// Deepest expression tree (`?a || ?b || ...` is as deep as it is long).
inline constexpr std::uint32_t kMaxExpressionDepth = 5000;

/// guarded[p]: parses p one nesting level deeper; fails the parse (SemanticError) beyond
/// kMaxNesting.
template <class Subject>
struct Guarded : x3::unary_parser<Subject, Guarded<Subject>> {
  using base_type = x3::unary_parser<Subject, Guarded<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr explicit Guarded(const Subject& s) : base_type(s) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    ParserState& st = state(ctx);
    if (st.depth >= kMaxNesting) {
      st.fail(skip_space(first, last),
              "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    ++st.depth;
    bool ok = this->subject.parse(first, last, ctx, rctx, attr);
    --st.depth;
    return ok;
  }
};

struct GuardedGen {
  template <class Subject>
  constexpr auto operator[](const Subject& s) const {
    return Guarded<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(s));
  }
};
inline constexpr GuardedGen guarded{};

}  // namespace kennis::sparql::syntax

namespace boost::spirit::x3 {

template <class Subject>
struct get_info<kennis::sparql::syntax::Located<Subject>> {
  using result_type = std::string;
  std::string operator()(const kennis::sparql::syntax::Located<Subject>& p) const {
    return what(p.subject);
  }
};

template <class Subject>
struct get_info<kennis::sparql::syntax::Guarded<Subject>> {
  using result_type = std::string;
  std::string operator()(const kennis::sparql::syntax::Guarded<Subject>& p) const {
    return what(p.subject);
  }
};

}  // namespace boost::spirit::x3
