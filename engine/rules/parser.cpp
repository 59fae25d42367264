// The rule-file grammar in Boost.Spirit X3. The structure (statements, rules, atoms, body
// items) is X3; keywords and punctuation are small hand-written X3 primitives, so that each
// knows its own name for "expected X" messages. Terms, variables and the IRIs and prefix
// names of declarations are read with the SPARQL grammar's terminals (sparql::parse_term,
// sparql::parse_prefix_name), against the prefixes declared so far (Turtle semantics) and
// the base, resolved as in the data (rdf::resolve_iri); expressions with the SPARQL
// expression parser (sparql::parse_expression). The language: docs/rules.md.
//
//   RuleFile   ::= Statement*
//   Statement  ::= PrefixDecl | BaseDecl | Rule
//   PrefixDecl ::= '@prefix' PNAME_NS IRIREF '.' | 'PREFIX' PNAME_NS IRIREF
//   BaseDecl   ::= '@base' IRIREF '.' | 'BASE' IRIREF
//   Rule       ::= ('@name' '(' NAME ')')? Atom (',' Atom)* ':-' (Item (',' Item)*)? '.'
//   Atom       ::= '[' Term ',' Term ',' Term ']'
//   Item       ::= 'NOT' 'EXISTS' Var+ 'IN' '(' Atom (',' Atom)* ')'
//                | 'NOT' Atom
//                | 'FILTER' Expression
//                | 'BIND' '(' Expression 'AS' Var ')'
//                | 'AGGREGATE' '(' Item (',' Item)* ('ON' Var+)? 'BIND' Output (',' Output)* ')'
//                | Atom
//   Output     ::= Aggregate 'AS' Var
//   Term       ::= Var | IRIREF | PrefixedName | 'a' | Literal (Turtle: strings, numbers, booleans)
#include "rules/parser.hpp"

#include "base/edit_distance.hpp"
#include "sparql/syntax/parser.hpp"

#include <boost/fusion/include/at_c.hpp>
#include <boost/fusion/include/size.hpp>
#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kennis::rules {

namespace x3 = boost::spirit::x3;
namespace fusion = boost::fusion;

namespace {

using It = const char*;

/// Thrown out of a primitive when a statement cannot go on (a malformed term or
/// expression). Parsing resumes after the statement, looking for its end from `resume`, or,
/// if that is null, from the diagnostic's position.
struct StatementError {
  base::Diagnostic diagnostic;
  It resume = nullptr;
};

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80 || (u >= '0' && u <= '9') ||
         c == '_' || c == '-';
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Skips white space and '#' comments (ASCII only: bytes >= 0x80 are never white space).
void skip_ws(It& p, It end) {
  while (p < end) {
    if (is_space(*p)) {
      ++p;
    } else if (*p == '#') {
      while (p < end && *p != '\n') ++p;
    } else {
      break;
    }
  }
}

/// Well-known prefixes, offered in hints when a file uses one without declaring it.
const std::vector<std::pair<std::string, std::string>>& well_known_prefixes() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"rdf", std::string(rdf::kRdf)},
      {"rdfs", std::string(rdf::kRdfs)},
      {"owl", std::string(rdf::kOwl)},
      {"xsd", std::string(rdf::kXsd)},
      {"skos", "http://www.w3.org/2004/02/skos/core#"},
      {"dcterms", "http://purl.org/dc/terms/"},
      {"foaf", "http://xmlns.com/foaf/0.1/"},
      {"schema", "https://schema.org/"},
      {"kennis", "https://w3id.org/kennis#"},
  };
  return k;
}

// ---- parser state ------------------------------------------------------------------------

class ParserState {
 public:
  ParserState(std::string_view text, std::string name)
      : begin_(text.data()), end_(text.data() + text.size()), name_(std::move(name)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
    for (const auto& [p, iri] : predefined_prefixes()) prefixes_.set(p, iri);
  }

  It begin() const { return begin_; }
  It end() const { return end_; }
  const std::string& name() const { return name_; }

  base::SourcePos pos(It p) const {
    const auto offset = static_cast<std::size_t>(p - begin_);
    const auto line_it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
    base::SourcePos pos;
    pos.line = static_cast<std::uint32_t>(line_it - line_starts_.begin() + 1);
    std::uint32_t col = 1;
    for (It q = begin_ + *line_it; q < p; ++q) {
      if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) ++col;
    }
    pos.column = col;
    return pos;
  }

  base::SourceRange range(It b, It e) const { return base::SourceRange{name_, pos(b), pos(e)}; }

  void error(It at, std::string message, std::string code, std::vector<std::string> notes = {}) {
    auto d = base::Diagnostic::error(std::move(message), range(at, at), std::move(code));
    d.notes = std::move(notes);
    diagnostics_.push_back(std::move(d));
  }
  void add(base::Diagnostic d) { diagnostics_.push_back(std::move(d)); }

  void declare_prefix(const std::string& p, const std::string& iri) {
    prefixes_.set(p, iri);
    declared_.emplace_back(p, iri);
  }
  const std::vector<std::pair<std::string, std::string>>& declared() const { return declared_; }
  void set_base(std::string iri) { base_ = std::move(iri); }

  /// The term at p (sparql::parse_term) with the prefixes and the base declared so far.
  base::Result<sparql::ParsedTerm> read_term(It p, It end) const {
    return sparql::parse_term(std::string_view(p, static_cast<std::size_t>(end - p)), prefixes_,
                              base_, pos(p), name_);
  }

  /// The expression at p (sparql::parse_expression) with the prefixes and the base declared
  /// so far.
  base::Result<sparql::ParsedExpression> read_expression(It p, It end) const {
    return sparql::parse_expression(std::string_view(p, static_cast<std::size_t>(end - p)),
                                    prefixes_, pos(p), name_, base_);
  }

  /// Reports `prefix:local` at `at` as an unknown prefix (K201), with a hint: the closest
  /// declared prefix, or the declaration of a well-known one.
  void report_unknown_prefix(It at, const std::string& prefix, const std::string& local) {
    std::vector<std::string> notes;
    std::string best;
    int best_d = 3;
    for (const auto& [p, iri] : prefixes_) {
      const int d = static_cast<int>(base::edit_distance(prefix, p));
      if (d < best_d) best_d = d, best = p;
    }
    if (!best.empty()) {
      notes.push_back("did you mean `" + best + ":" + local + "`?");
    }
    for (const auto& [p, iri] : well_known_prefixes()) {
      if (p == prefix) {
        notes.push_back("declare it: @prefix " + p + ": <" + iri + "> .");
      }
    }
    error(at, "unknown prefix '" + prefix + ":' in '" + prefix + ":" + local + "'", "K201",
          std::move(notes));
  }

  std::vector<base::Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

  RuleSet rules;

 private:
  It begin_;
  It end_;
  std::string name_;
  std::vector<std::size_t> line_starts_;
  sparql::PrefixMap prefixes_;
  std::vector<std::pair<std::string, std::string>> declared_;
  std::string base_;
  std::vector<base::Diagnostic> diagnostics_;
};

struct state_tag;

template <class Ctx>
ParserState& state_of(const Ctx& ctx) {
  return x3::get<state_tag>(ctx).get();
}

// ---- tokens --------------------------------------------------------------------------------

/// The skipper: white space and '#' comments (skip_ws). Not x3::space, whose character
/// classification asserts on bytes >= 0x80 (such as the first byte of 'é').
struct skipper_parser : x3::parser<skipper_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <class Iter, class Ctx, class RCtx, class A>
  bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, A&) const {
    It p = first;
    skip_ws(p, last);
    if (p == first) return false;
    first = p;
    return true;
  }
};

/// Base of the token primitives: skips white space, then calls Derived::scan(p, end, state,
/// value), which advances p and fills value, or returns false leaving the input alone.
template <class Derived, class Attr>
struct token_parser : x3::parser<Derived> {
  using attribute_type = Attr;
  static bool const has_attribute = !std::is_same_v<Attr, x3::unused_type>;

  template <class Iter, class Ctx, class RCtx, class A>
  bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, A& attr) const {
    Iter p = first;
    x3::skip_over(p, last, ctx);
    Attr value{};
    if (!static_cast<const Derived&>(*this).scan(p, last, state_of(ctx), value)) return false;
    if constexpr (has_attribute) x3::traits::move_to(value, attr);
    first = p;
    return true;
  }
};

/// Punctuation such as '[' or ':-'.
struct sym_parser : token_parser<sym_parser, x3::unused_type> {
  explicit sym_parser(const char* s) : text(s) {}
  bool scan(It& p, It end, ParserState&, x3::unused_type&) const {
    const std::size_t n = std::strlen(text);
    if (static_cast<std::size_t>(end - p) < n || std::memcmp(p, text, n) != 0) return false;
    p += n;
    return true;
  }
  const char* text;
};

/// A case-insensitive keyword not followed by a name character.
struct keyword_parser : token_parser<keyword_parser, x3::unused_type> {
  explicit keyword_parser(const char* w) : word(w) {}
  bool scan(It& p, It end, ParserState&, x3::unused_type&) const {
    const std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end - p) < n) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::toupper(static_cast<unsigned char>(p[i])) !=
          std::toupper(static_cast<unsigned char>(word[i])))
        return false;
    }
    if (p + n < end && (is_name_char(p[n]) || p[n] == ':')) return false;
    p += n;
    return true;
  }
  const char* word;
};

/// ?name or $name (sparql::parse_term); the value is the name without the sigil.
struct var_parser : token_parser<var_parser, std::string> {
  bool scan(It& p, It end, ParserState& st, std::string& name) const {
    if (p == end || (*p != '?' && *p != '$')) return false;
    auto r = st.read_term(p, end);
    if (!r.ok() || r->consumed == 0) return false;
    const auto* var = std::get_if<sparql::Var>(&r->term);
    if (var == nullptr) return false;
    name = var->name;
    p += r->consumed;
    return true;
  }
};

/// A rule name in @name(...): letters, digits and _ - . :
struct name_parser : token_parser<name_parser, std::string> {
  bool scan(It& p, It end, ParserState&, std::string& name) const {
    It q = p;
    while (q < end && (is_name_char(*q) || *q == '.' || *q == ':')) ++q;
    if (q == p) return false;
    name.assign(p, q);
    p = q;
    return true;
  }
};

/// PNAME_NS as in a prefix declaration: "name:" (the value is the name).
struct pname_ns_parser : token_parser<pname_ns_parser, std::string> {
  bool scan(It& p, It end, ParserState&, std::string& prefix) const {
    auto r = sparql::parse_prefix_name(std::string_view(p, static_cast<std::size_t>(end - p)));
    if (!r) return false;
    prefix = std::move(r->prefix);
    p += r->consumed;
    return true;
  }
};

/// IRIREF as in a prefix or base declaration, resolved against the base declared so far.
struct iriref_parser : token_parser<iriref_parser, std::string> {
  bool scan(It& p, It end, ParserState& st, std::string& iri) const {
    if (p == end || *p != '<') return false;
    auto r = st.read_term(p, end);
    if (!r.ok()) throw StatementError{r.error(), p};
    if (r->consumed == 0) return false;
    iri = std::get<rdf::Term>(r->term).value;  // a term that starts with '<' is an IRI
    p += r->consumed;
    return true;
  }
};

/// Any term of an atom (sparql::parse_term); reports unknown prefixes (K201) and blank nodes
/// (K207) without failing, so parsing goes on.
struct term_parser : token_parser<term_parser, RuleTerm> {
  bool scan(It& p, It end, ParserState& st, RuleTerm& out) const {
    auto r = st.read_term(p, end);
    if (!r.ok()) throw StatementError{r.error(), p};
    if (r->consumed == 0) return false;
    const It q = p + r->consumed;
    if (const auto& u = r->undefined_prefix)
      st.report_unknown_prefix(p + u->offset, u->prefix, u->local);
    if (auto* var = std::get_if<sparql::Var>(&r->term)) {
      out = RuleTerm::variable(std::move(var->name));
    } else {
      auto& term = std::get<rdf::Term>(r->term);
      if (term.is_blank()) {
        const std::string written = *p == '[' ? "[]" : std::string(p, q);
        st.error(p, "blank node '" + written + "' in a rule; use a variable", "K207");
      }
      out = RuleTerm::constant_term(std::move(term));
    }
    out.range = st.range(p, q);
    p = q;
    return true;
  }
};

/// The current position (after white space): lets actions know where their match began.
struct Pos {
  It p = nullptr;
};
struct mark_parser : token_parser<mark_parser, Pos> {
  bool scan(It& p, It, ParserState&, Pos& out) const {
    out.p = p;
    return true;
  }
};
/// The current position, before any white space: where a match ended.
struct end_mark_parser : x3::parser<end_mark_parser> {
  using attribute_type = Pos;
  static bool const has_attribute = true;
  template <class Iter, class Ctx, class RCtx, class A>
  bool parse(Iter& first, Iter const&, Ctx const&, RCtx&, A& attr) const {
    x3::traits::move_to(Pos{first}, attr);
    return true;
  }
};

/// A SPARQL expression, parsed by the SPARQL expression parser from the current position.
struct expression_parser : token_parser<expression_parser, expr::ExprPtr> {
  bool scan(It& p, It end, ParserState& st, expr::ExprPtr& out) const {
    if (p == end) return false;
    auto r = st.read_expression(p, end);
    if (!r.ok()) throw StatementError{r.error()};
    if (r->consumed == 0) return false;
    out = std::move(r->expr);
    p += r->consumed;
    return true;
  }
};

}  // namespace
}  // namespace kennis::rules

// Names of the primitives in "expected X" messages.
namespace boost::spirit::x3 {
template <>
struct get_info<kennis::rules::sym_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::sym_parser& p) const {
    return "'" + std::string(p.text) + "'";
  }
};
template <>
struct get_info<kennis::rules::keyword_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::keyword_parser& p) const {
    return "'" + std::string(p.word) + "'";
  }
};
template <>
struct get_info<kennis::rules::var_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::var_parser&) const { return "a variable"; }
};
template <>
struct get_info<kennis::rules::name_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::name_parser&) const { return "a rule name"; }
};
template <>
struct get_info<kennis::rules::pname_ns_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::pname_ns_parser&) const {
    return "a prefix name such as 'ex:'";
  }
};
template <>
struct get_info<kennis::rules::iriref_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::iriref_parser&) const {
    return "an IRI in angle brackets";
  }
};
template <>
struct get_info<kennis::rules::term_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::term_parser&) const {
    return "a term (variable, IRI, prefixed name or literal)";
  }
};
template <>
struct get_info<kennis::rules::expression_parser> {
  using result_type = std::string;
  std::string operator()(const kennis::rules::expression_parser&) const { return "an expression"; }
};
}  // namespace boost::spirit::x3

namespace kennis::rules {
namespace {

// ---- grammar ---------------------------------------------------------------------------------

const sym_parser lbracket{"["}, rbracket{"]"}, comma{","}, lparen{"("}, rparen{")"}, implies{":-"},
    dot{"."};
const keyword_parser kw_not{"NOT"}, kw_exists{"EXISTS"}, kw_in{"IN"}, kw_filter{"FILTER"},
    kw_bind{"BIND"}, kw_as{"AS"}, kw_aggregate{"AGGREGATE"}, kw_on{"ON"}, kw_prefix{"PREFIX"},
    kw_base{"BASE"}, at_prefix{"@prefix"}, at_base{"@base"}, at_name{"@name"};
const var_parser var;
const name_parser rule_name;
const pname_ns_parser pname_ns;
const iriref_parser iriref;
const term_parser term;
const expression_parser expression;
const mark_parser mark;
const end_mark_parser end_mark;

const skipper_parser skipper;

x3::rule<class atom_r, Atom> const atom = "a triple atom '[s, p, o]'";
x3::rule<class atoms_r, std::vector<Atom>> const atoms = "triple atoms";
x3::rule<class item_r, BodyItem> const item =
    "a body item (atom, NOT, NOT EXISTS, FILTER, BIND or AGGREGATE)";
x3::rule<class items_r, std::vector<BodyItem>> const items = "body items";
x3::rule<class not_exists_r, NotExists> const not_exists = "NOT EXISTS";
x3::rule<class negation_r, Negation> const negation = "NOT";
x3::rule<class filter_r, Filter> const filter = "FILTER";
x3::rule<class bind_r, Bind> const bind = "BIND";
x3::rule<class aggregate_r, AggregateItem> const aggregate = "AGGREGATE";
x3::rule<class agg_output_r, AggregateOutput> const agg_output = "an aggregate such as COUNT(?x)";
x3::rule<class agg_outputs_r, std::vector<AggregateOutput>> const agg_outputs = "'BIND'";
x3::rule<class vars_r, std::vector<std::string>> const vars = "variables";
x3::rule<class rule_body_r, Rule> const rule_body = "a rule";
x3::rule<class rule_r> const rule = "a rule";
x3::rule<class prefix_decl_r> const prefix_decl = "a prefix declaration";
x3::rule<class base_decl_r> const base_decl = "a base declaration";
x3::rule<class statement_r> const statement = "a rule, '@prefix' or 'PREFIX'";

template <class Ctx, class Attr>
base::SourceRange span(const Ctx& ctx, const Attr& attr) {
  constexpr int n = fusion::result_of::size<Attr>::value;
  return state_of(ctx).range(fusion::at_c<0>(attr).p, fusion::at_c<n - 1>(attr).p);
}

auto const build_atom = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  Atom a;
  a.terms = {std::move(fusion::at_c<1>(attr)), std::move(fusion::at_c<2>(attr)),
             std::move(fusion::at_c<3>(attr))};
  a.range = span(ctx, attr);
  x3::_val(ctx) = std::move(a);
};

auto const set_item = [](auto& ctx) { x3::_val(ctx).node = std::move(x3::_attr(ctx)); };

auto const build_not_exists = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  NotExists n;
  n.vars = std::move(fusion::at_c<1>(attr));
  n.atoms = std::move(fusion::at_c<2>(attr));
  n.range = span(ctx, attr);
  x3::_val(ctx) = std::move(n);
};

auto const build_negation = [](auto& ctx) { x3::_val(ctx) = Negation{std::move(x3::_attr(ctx))}; };

auto const build_filter = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) = Filter{std::move(fusion::at_c<1>(attr)), span(ctx, attr)};
};

auto const build_bind = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) =
      Bind{std::move(fusion::at_c<1>(attr)), std::move(fusion::at_c<2>(attr)), span(ctx, attr)};
};

auto const build_output = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) = AggregateOutput{std::move(fusion::at_c<1>(attr)),
                                  std::move(fusion::at_c<2>(attr)), span(ctx, attr)};
};

auto const build_aggregate = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  AggregateItem a;
  a.body = std::move(fusion::at_c<1>(attr));
  if (fusion::at_c<2>(attr)) a.group_vars = std::move(*fusion::at_c<2>(attr));
  a.outputs = std::move(fusion::at_c<3>(attr));
  a.range = span(ctx, attr);
  x3::_val(ctx) = std::move(a);
};

auto const build_rule_body = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  Rule r;
  r.head = std::move(fusion::at_c<1>(attr));
  if (fusion::at_c<2>(attr)) r.body = std::move(*fusion::at_c<2>(attr));
  r.range = span(ctx, attr);
  x3::_val(ctx) = std::move(r);
};

auto const add_named_rule = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  auto& st = state_of(ctx);
  Rule r = std::move(fusion::at_c<2>(attr));
  r.name = std::move(fusion::at_c<1>(attr));
  r.range.begin = st.range(fusion::at_c<0>(attr).p, fusion::at_c<0>(attr).p).begin;
  r.index = st.rules.rules.size();
  st.rules.rules.push_back(std::move(r));
};

auto const add_rule = [](auto& ctx) {
  auto& st = state_of(ctx);
  Rule r = std::move(x3::_attr(ctx));
  r.index = st.rules.rules.size();
  st.rules.rules.push_back(std::move(r));
};

auto const add_prefix = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  state_of(ctx).declare_prefix(fusion::at_c<0>(attr), fusion::at_c<1>(attr));
};

auto const set_base = [](auto& ctx) { state_of(ctx).set_base(x3::_attr(ctx)); };

auto const atom_def =
    (mark >> lbracket > term > comma > term > comma > term > rbracket > end_mark)[build_atom];
auto const atoms_def = atom > *(comma > atom);
auto const not_exists_def = (mark >> kw_not >> kw_exists > vars > kw_in > lparen > atoms > rparen >
                             end_mark)[build_not_exists];
auto const negation_def = (kw_not > atom)[build_negation];
auto const filter_def = (mark >> kw_filter > expression > end_mark)[build_filter];
auto const bind_def =
    (mark >> kw_bind >> lparen > expression > kw_as > var > rparen > end_mark)[build_bind];
auto const agg_output_def = (mark >> expression > kw_as > var > end_mark)[build_output];
auto const agg_outputs_def = kw_bind > (agg_output % comma);
auto const aggregate_def = (mark >> kw_aggregate > lparen > items > -(kw_on > vars) > agg_outputs >
                            rparen > end_mark)[build_aggregate];
auto const vars_def = +var;
auto const item_def = not_exists[set_item] | negation[set_item] | filter[set_item] |
                      bind[set_item] | aggregate[set_item] | atom[set_item];
auto const items_def = item > *(comma > item);
auto const rule_body_def = (mark >> atoms > implies > -items > dot > end_mark)[build_rule_body];
auto const rule_def = (mark >> at_name > lparen > rule_name > rparen > rule_body)[add_named_rule] |
                      rule_body[add_rule];
auto const prefix_decl_def =
    (at_prefix > pname_ns > iriref > dot)[add_prefix] | (kw_prefix > pname_ns > iriref)[add_prefix];
auto const base_decl_def = (at_base > iriref > dot)[set_base] | (kw_base > iriref)[set_base];
auto const statement_def = prefix_decl | base_decl | rule;

BOOST_SPIRIT_DEFINE(atom, atoms, item, items, not_exists, negation, filter, bind, aggregate,
                    agg_output, agg_outputs, vars, rule_body, rule, prefix_decl, base_decl,
                    statement)

// ---- driver --------------------------------------------------------------------------------

/// "'token'" for the text at p, or "end of input".
std::string found_text(It p, It end) {
  skip_ws(p, end);
  if (p == end) return "end of input";
  It q = p;
  const char c = *q;
  if (c == '<') {
    while (q < end && *q != '>' && *q != ' ' && *q != '\n' && q - p < 60) ++q;
    if (q < end && *q == '>') ++q;
  } else if (c == '"' || c == '\'') {
    ++q;
    while (q < end && *q != c && *q != '\n' && q - p < 40) ++q;
    if (q < end && *q == c) ++q;
  } else if (is_name_char(c) || c == '?' || c == '$' || c == ':' || c == '@' || c == '_') {
    ++q;
    while (q < end && (is_name_char(*q) || *q == ':' || *q == '.') && q - p < 40) ++q;
    while (q > p + 1 && q[-1] == '.') --q;
  } else {
    ++q;
    while (q < end && (static_cast<unsigned char>(*q) & 0xC0) == 0x80) ++q;
  }
  return "'" + std::string(p, q) + "'";
}

/// After an error, moves p past the end of the statement: a '.' followed by white space or
/// the end, outside IRIs, strings and comments.
void recover(It& p, It end) {
  while (p < end) {
    const char c = *p;
    if (c == '#') {
      while (p < end && *p != '\n') ++p;
    } else if (c == '<') {
      It q = p + 1;
      while (q < end && *q != '>' && *q != '\n' && *q != ' ') ++q;
      p = (q < end && *q == '>') ? q + 1 : p + 1;
    } else if (c == '"' || c == '\'') {
      ++p;
      while (p < end && *p != c && *p != '\n') {
        // A backslash escapes the next character, if there is one: a file may end in one.
        if (*p == '\\' && p + 1 < end) ++p;
        ++p;
      }
      if (p < end) ++p;
    } else if (c == '.' && (p + 1 == end || is_space(p[1]))) {
      ++p;
      return;
    } else {
      ++p;
    }
  }
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& predefined_prefixes() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"rdf", std::string(rdf::kRdf)},
      {"rdfs", std::string(rdf::kRdfs)},
      {"owl", std::string(rdf::kOwl)},
      {"xsd", std::string(rdf::kXsd)},
  };
  return k;
}

bool ParseResult::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(), [](const base::Diagnostic& d) {
    return d.severity == base::Severity::kError;
  });
}

ParseResult parse_rules(std::string_view text, const std::string& source_name) {
  ParserState st(text, source_name);
  It p = st.begin();
  const It end = st.end();
  const auto grammar = x3::with<state_tag>(std::ref(st))[statement];
  while (true) {
    assert(p <= end);  // recover() never moves past the end
    skip_ws(p, end);
    if (p == end) break;
    try {
      if (!x3::phrase_parse(p, end, grammar, skipper)) {
        st.error(p, "expected a rule, '@prefix' or 'PREFIX', found " + found_text(p, end), "K200");
        recover(p, end);
      }
    } catch (const x3::expectation_failure<It>& e) {
      It at = e.where();
      skip_ws(at, end);
      st.error(at, "expected " + e.which() + ", found " + found_text(at, end), "K200");
      p = at;
      recover(p, end);
    } catch (const StatementError& e) {
      base::Diagnostic d = e.diagnostic;
      if (d.code.empty()) d.code = "K200";
      st.add(std::move(d));
      // Resume after the statement that holds the term or expression.
      const auto& r = e.diagnostic.range;
      It at = p;
      if (e.resume != nullptr) {
        at = e.resume;
      } else if (r.begin.line > 0) {
        // Find the byte offset of the error position to recover from there.
        It q = st.begin();
        std::uint32_t line = 1;
        while (q < end && line < r.begin.line) {
          if (*q == '\n') ++line;
          ++q;
        }
        std::uint32_t col = 1;
        while (q < end && col < r.begin.column && *q != '\n') {
          ++q;
          while (q < end && (static_cast<unsigned char>(*q) & 0xC0) == 0x80) ++q;
          ++col;
        }
        if (q > at) at = q;
      }
      p = at;
      recover(p, end);
    }
  }
  ParseResult result;
  result.rules = std::move(st.rules);
  for (const auto& [name, iri] : st.declared()) result.rules.prefixes.set(name, iri);
  result.rules.files.push_back(source_name);
  result.diagnostics = st.take_diagnostics();
  // Backtracking can report one problem twice; keep one per (position, message).
  auto key = [](const base::Diagnostic& d) {
    return std::make_tuple(d.range.begin.line, d.range.begin.column, d.message);
  };
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
  result.diagnostics.erase(
      std::unique(result.diagnostics.begin(), result.diagnostics.end(),
                  [&](const auto& a, const auto& b) { return key(a) == key(b); }),
      result.diagnostics.end());
  return result;
}

ParseResult parse_rule_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ParseResult r;
    r.diagnostics.push_back(
        base::Diagnostic::error("cannot read rule file '" + path + "'", {path, {}, {}}, "K200"));
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_rules(ss.str(), path);
}

}  // namespace kennis::rules
