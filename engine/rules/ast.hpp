// Rule language AST: Datalog over RDF triple atoms with stratified negation, FILTER/BIND
// (SPARQL 1.1 expressions, shared with the query engine through expr/ast.hpp) and grouped
// aggregation. The language is documented for ontology maintainers in docs/rules.md.
//
//   [?sme, :hasGap, ?c] :- [?sme, a, :SME], [?sme, :activeIn, ?s],
//                          [?s, :requiresCompetence, ?c], NOT [?sme, :hasCompetence, ?c] .
#pragma once

#include "base/diagnostic.hpp"
#include "expr/ast.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/term.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace kennis::rules {

/// A term of an atom: a variable (`?x`) or a constant RDF term (IRI or literal; rule files
/// cannot contain blank nodes).
struct RuleTerm {
  bool is_variable = false;
  std::string var;     ///< variable name without '?', when is_variable
  rdf::Term constant;  ///< when !is_variable
  base::SourceRange range;

  static RuleTerm variable(std::string name, base::SourceRange range = {});
  static RuleTerm constant_term(rdf::Term t, base::SourceRange range = {});
};

/// A triple atom `[s, p, o]`.
struct Atom {
  std::array<RuleTerm, 3> terms;
  base::SourceRange range;

  const RuleTerm& s() const { return terms[0]; }
  const RuleTerm& p() const { return terms[1]; }
  const RuleTerm& o() const { return terms[2]; }
};

struct BodyItem;

/// `NOT [s, p, o]`: true iff the triple (all variables bound) is not entailed.
struct Negation {
  Atom atom;
};

/// `NOT EXISTS ?v... IN (atoms)`: true iff no binding of the listed (existential)
/// variables satisfies the atoms; every other variable must be bound outside.
struct NotExists {
  std::vector<std::string> vars;
  std::vector<Atom> atoms;
  base::SourceRange range;
};

/// `FILTER(expr)`: keeps the solutions for which expr has effective boolean value true.
struct Filter {
  expr::ExprPtr expr;
  base::SourceRange range;
};

/// `BIND(expr AS ?var)`: extends a solution with the value of expr; the rule does not fire
/// for solutions where expr raises an error.
struct Bind {
  expr::ExprPtr expr;
  std::string var;
  base::SourceRange range;
};

/// One `agg AS ?var` of an AGGREGATE; `aggregate` is an expr::Aggregate node.
struct AggregateOutput {
  expr::ExprPtr aggregate;
  std::string var;
  base::SourceRange range;
};

/// `AGGREGATE(body ON ?g... BIND agg AS ?v, ...)`: groups the solutions of `body` by the ON
/// variables and binds one row per group. Only the ON variables and the outputs are visible
/// outside; the other variables of `body` are local to it. Without ON variables there is
/// one group, even when `body` has no solution (COUNT is then 0, as in SPARQL).
struct AggregateItem {
  std::vector<BodyItem> body;
  std::vector<std::string> group_vars;
  std::vector<AggregateOutput> outputs;
  base::SourceRange range;
};

struct BodyItem {
  std::variant<Atom, Negation, NotExists, Filter, Bind, AggregateItem> node;
  base::SourceRange range() const;
};

/// `@name(id) HEAD :- BODY .` — an empty body makes the head atoms facts.
struct Rule {
  std::string name;  ///< from @name(...), or "" (see display_name)
  std::vector<Atom> head;
  std::vector<BodyItem> body;
  base::SourceRange range;
  std::size_t index = 0;  ///< position in its RuleSet

  /// The name, or "rule at FILE:LINE" when unnamed.
  std::string display_name() const;
};

/// A parsed, checked rule file (or several concatenated).
struct RuleSet {
  std::vector<Rule> rules;
  /// Prefixes declared, in declaration order (of files appended, the first wins).
  rdf::PrefixMap prefixes;
  /// Source files read, in order.
  std::vector<std::string> files;

  /// Appends `other`'s rules (renumbering them), prefixes and files.
  void append(RuleSet other);
};

/// Rule-language text of the parts, with full IRIs: `[?x, <http://e/p>, "1"^^<...>]`.
std::string to_string(const RuleTerm& t);
std::string to_string(const Atom& a);
std::string to_string(const BodyItem& item);
std::string to_string(const Rule& r);

/// Variables of an expression tree, in order of first occurrence (Exists nodes are opaque).
void collect_variables(const expr::Expr& e, std::vector<std::string>& out);

}  // namespace kennis::rules
