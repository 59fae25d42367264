// SPARQL 1.1 Query abstract syntax tree, kept close to the W3C grammar (SPARQL 1.1 Query
// Language, section 19.8). Produced by parser.hpp, consumed by the algebra translator
// (section 18.2). What the parser already did:
//   - prefixed names are expanded and relative IRIs resolved against BASE: every IRI is absolute
//     (or as written, when there is no base at all);
//   - Turtle abbreviations (`;` `,` `a`, `[ ... ]`, collections `( ... )`) are expanded into
//     plain triple patterns; anonymous blank nodes get generated labels (see
//     is_generated_blank) that cannot clash with labels written in the query;
//   - numbers, booleans and strings are rdf::Term literals with their XSD datatype;
//   - expressions are expr::Expr trees (expr/ast.hpp); EXISTS patterns are ExistsPattern
//     handles that hold a GroupGraphPattern.
// What it did not do: algebra translation (joins, LeftJoin, filters scoped to groups,
// simplification of property paths into triples), that is the translator's job.
#pragma once

#include "base/diagnostic.hpp"
#include "expr/ast.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/term.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kennis::sparql {

/// The PREFIX declarations of a query, in order (rdf::PrefixMap, the one prefix map type).
using PrefixMap = rdf::PrefixMap;

/// A query variable, by name without the `?` or `$` sigil (`?x` and `$x` are the same).
struct Var {
  std::string name;
  friend bool operator==(const Var&, const Var&) = default;
};

/// A position in a triple pattern. Blank nodes are rdf::Term of kind kBlank: in a WHERE
/// pattern they act as variables that are not projected (section 4.1.4); in a CONSTRUCT
/// template they are minted fresh for each solution.
using VarOrTerm = std::variant<Var, rdf::Term>;

/// True iff `t` is a blank node the parser minted for `[]`, `[ ... ]` or a collection.
bool is_generated_blank(const rdf::Term& t);

// ---------------------------------------------------------------------------------------
// Property paths (section 9, productions [88]-[96]).

struct Path;
using PathPtr = std::shared_ptr<const Path>;

enum class PathKind {
  kLink,         ///< iri (or `a`)
  kInverse,      ///< ^path
  kSequence,     ///< path / path / ...
  kAlternative,  ///< path | path | ...
  kZeroOrMore,   ///< path*
  kOneOrMore,    ///< path+
  kZeroOrOne,    ///< path?
  kNegatedSet,   ///< !iri, !^iri, !(iri | ^iri | ...)
};

struct Path {
  PathKind kind = PathKind::kLink;
  rdf::Term iri;              ///< kLink only
  std::vector<PathPtr> args;  ///< kInverse and the modifiers: one; kSequence/kAlternative: >= 2
  std::vector<rdf::Term> forward;  ///< kNegatedSet: the excluded IRIs
  std::vector<rdf::Term> inverse;  ///< kNegatedSet: the excluded ^IRIs
};

/// The predicate of a triple pattern: a variable, an IRI, or a property path that is more
/// than a single IRI.
using Verb = std::variant<Var, rdf::Term, PathPtr>;

struct TriplePattern {
  VarOrTerm subject;
  Verb predicate;
  VarOrTerm object;
  base::SourcePos pos;  ///< where the subject was written
};

// ---------------------------------------------------------------------------------------
// Group graph patterns (productions [53]-[68]).

struct Query;
struct PatternElement;

/// [53] GroupGraphPattern ::= '{' ( SubSelect | GroupGraphPatternSub ) '}'
/// The elements in the order written. A `{ SELECT ... }` group holds exactly one
/// SubSelect element.
struct GroupGraphPattern {
  std::vector<PatternElement> elements;
  base::SourcePos pos;  ///< the '{'
};

/// [55] TriplesBlock: consecutive triple patterns (one block per stretch of triples between
/// other elements; a FILTER between two blocks does not end the basic graph pattern).
struct TriplesBlock {
  std::vector<TriplePattern> triples;
};

/// [68] Filter ::= 'FILTER' Constraint. Applies to the whole enclosing group.
struct Filter {
  expr::ExprPtr condition;
};

/// [60] Bind ::= 'BIND' '(' Expression 'AS' Var ')'
struct Bind {
  expr::ExprPtr expr;
  Var var;
};

/// [57] OptionalGraphPattern ::= 'OPTIONAL' GroupGraphPattern
struct OptionalPattern {
  GroupGraphPattern pattern;
};

/// [66] MinusGraphPattern ::= 'MINUS' GroupGraphPattern
struct MinusPattern {
  GroupGraphPattern pattern;
};

/// [67] GroupOrUnionGraphPattern with a single group: `{ ... }` nested in a group.
struct NestedGroup {
  GroupGraphPattern pattern;
};

/// [67] GroupOrUnionGraphPattern with two or more groups: `{ ... } UNION { ... } ...`.
struct UnionPattern {
  std::vector<GroupGraphPattern> branches;
};

/// [58] GraphGraphPattern ::= 'GRAPH' VarOrIri GroupGraphPattern
struct GraphPattern {
  VarOrTerm name;  ///< a Var or an IRI
  GroupGraphPattern pattern;
};

/// [59] ServiceGraphPattern ::= 'SERVICE' 'SILENT'? VarOrIri GroupGraphPattern
struct ServicePattern {
  bool silent = false;
  VarOrTerm endpoint;  ///< a Var or an IRI
  GroupGraphPattern pattern;
};

/// [62] DataBlock (VALUES): one row per solution; std::nullopt is UNDEF. Every row has
/// exactly vars.size() entries.
struct DataBlock {
  std::vector<Var> vars;
  std::vector<std::vector<std::optional<rdf::Term>>> rows;
};

/// [8] SubSelect, as the only element of its group.
struct SubSelect {
  std::shared_ptr<const Query> query;
};

/// [56] GraphPatternNotTriples, or a TriplesBlock.
struct PatternElement {
  std::variant<TriplesBlock, Filter, Bind, OptionalPattern, MinusPattern, NestedGroup, UnionPattern,
               GraphPattern, ServicePattern, DataBlock, SubSelect>
      node;
  base::SourcePos pos;  ///< where the element starts (its keyword, '{' or first triple)
};

/// The pattern of EXISTS { ... } / NOT EXISTS { ... } inside an expression (expr::Exists).
class ExistsPattern : public expr::PatternHandle {
 public:
  explicit ExistsPattern(GroupGraphPattern pattern) : pattern_(std::move(pattern)) {}
  const GroupGraphPattern& pattern() const { return pattern_; }
  /// The pattern in the canonical form of sparql::to_string.
  std::string to_string() const override;

 private:
  GroupGraphPattern pattern_;
};

/// The group pattern of an EXISTS expression node. REQUIRES: e.pattern was made by this
/// parser (an ExistsPattern).
const GroupGraphPattern& exists_pattern(const expr::Exists& e);

// ---------------------------------------------------------------------------------------
// Queries (productions [1]-[28]).

enum class QueryForm { kSelect, kConstruct, kDescribe, kAsk };

/// One item of [9] SelectClause: `?v` (expr is null) or `(expr AS ?v)`.
struct Projection {
  Var var;
  expr::ExprPtr expr;
  base::SourcePos pos;
};

/// [13] DatasetClause ::= 'FROM' ( DefaultGraphClause | NamedGraphClause )
struct DatasetClause {
  rdf::Term iri;
  bool named = false;
};

/// [20] GroupCondition: an expression (a plain `?v` is an expr::Variable), optionally
/// bound to a variable with `(expr AS ?v)`.
struct GroupCondition {
  expr::ExprPtr expr;
  std::optional<Var> var;
  base::SourcePos pos;
};

/// [24] OrderCondition
struct OrderCondition {
  expr::ExprPtr expr;
  bool descending = false;
};

/// [2] Query (also used for [8] SubSelect, with form kSelect and no prologue or dataset).
struct Query {
  QueryForm form = QueryForm::kSelect;
  base::SourcePos pos;  ///< the SELECT, CONSTRUCT, DESCRIBE or ASK keyword

  // [4] Prologue: the final BASE and all PREFIX declarations (already applied).
  std::string base_iri;
  PrefixMap prefixes;

  // [9] SelectClause
  bool distinct = false;
  bool reduced = false;
  bool select_star = false;  ///< SELECT * (and DESCRIBE *: see describe_star)
  std::vector<Projection> projection;

  // [10] ConstructQuery: the template. For `CONSTRUCT WHERE { T }` the template is T and
  // `where` is a group holding the same triples; construct_where is set.
  std::vector<TriplePattern> construct_template;
  bool construct_where = false;

  // [11] DescribeQuery
  std::vector<VarOrTerm> describe;  ///< Vars and IRIs
  bool describe_star = false;

  std::vector<DatasetClause> dataset;
  /// [17] WhereClause; absent only for DESCRIBE without WHERE.
  std::optional<GroupGraphPattern> where;

  // [18] SolutionModifier
  std::vector<GroupCondition> group_by;
  std::vector<expr::ExprPtr> having;
  std::vector<OrderCondition> order_by;
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> offset;

  /// [28] ValuesClause (trailing VALUES).
  std::optional<DataBlock> values;

  /// True iff the query groups: it has GROUP BY, or an aggregate in SELECT, HAVING or
  /// ORDER BY (then the solutions are grouped, into one group without GROUP BY).
  bool is_aggregated() const;
};

/// Canonical one-line printed forms, for tests, plans and `kennis explain --show=ast`:
/// keywords upper case, IRIs in full (<...>), literals in N-Triples form, expressions fully
/// parenthesised, Turtle abbreviations expanded.
std::string to_string(const Query& q);
std::string to_string(const GroupGraphPattern& g);
std::string to_string(const Path& p);
std::string to_string(const VarOrTerm& t);
std::string to_string(const TriplePattern& t);
/// An expression in the same canonical form (fully parenthesised, terms in N-Triples form);
/// expr::to_string is the shorter form for plans and messages.
std::string expression_to_string(const expr::Expr& e);

}  // namespace kennis::sparql
