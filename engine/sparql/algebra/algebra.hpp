// The SPARQL algebra (SPARQL 1.1 Query, section 18.2 and 18.4): the logical form of a query
// after translation from the syntax tree, before planning. Variables are numbered slots of one
// row layout shared by the whole query (subquery variables that are not projected get slots of
// their own, so that scoping needs no renaming at run time). Constants are dictionary ids.
//
// The tree is deliberately a single node type with a kind: planner passes rewrite it in place
// (see planner/). docs/internals/sparql.md describes the pipeline.
#pragma once

#include "expr/aggregate.hpp"
#include "expr/ast.hpp"
#include "expr/evaluator.hpp"
#include "rdf/dictionary.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace kennis::sparql::algebra {

using rdf::kNoTerm;
using rdf::TermId;

/// Index of a variable in a row. -1: none.
using Slot = int;
inline constexpr Slot kNoSlot = -1;

/// A position of a triple or path pattern: a constant term or a variable.
struct PatternTerm {
  TermId term = kNoTerm;  ///< the constant; kNoTerm if a variable
  Slot var = kNoSlot;

  static PatternTerm constant(TermId t) { return PatternTerm{t, kNoSlot}; }
  static PatternTerm variable(Slot s) { return PatternTerm{kNoTerm, s}; }
  bool is_var() const { return var != kNoSlot; }
  friend bool operator==(const PatternTerm&, const PatternTerm&) = default;
};

struct TriplePattern {
  PatternTerm s, p, o;
};

/// A property path (section 9.1 / 18.4).
struct Path;
using PathPtr = std::shared_ptr<const Path>;

enum class PathKind : std::uint8_t {
  kLink,         ///< iri
  kInverse,      ///< ^P
  kSequence,     ///< P1 / P2 / ...
  kAlternative,  ///< P1 | P2 | ...
  kZeroOrMore,   ///< P*
  kOneOrMore,    ///< P+
  kZeroOrOne,    ///< P?
  kNegated,      ///< !(iri | ^iri ...)
};

struct Path {
  PathKind kind = PathKind::kLink;
  TermId iri = kNoTerm;          ///< kLink
  std::vector<PathPtr> args;     ///< kInverse, kSequence, kAlternative, kZeroOr*, kOneOrMore
  std::vector<TermId> forward;   ///< kNegated: excluded forward predicates
  std::vector<TermId> backward;  ///< kNegated: excluded inverse predicates
};

enum class OpKind : std::uint8_t {
  kBgp,       ///< triples
  kPath,      ///< subject path object
  kJoin,      ///< args[0] ⋈ args[1] ... (n-ary after flattening)
  kLeftJoin,  ///< LeftJoin(args[0], args[1], exprs)
  kFilter,    ///< Filter(exprs (conjunction), args[0])
  kUnion,     ///< args[0] ∪ args[1]
  kMinus,     ///< Minus(args[0], args[1])
  kGraph,     ///< Graph(graph, args[0])
  kExtend,    ///< Extend(args[0], slots[0], exprs[0])
  kGroup,     ///< Group(exprs as keys into slots, args[0]) with aggregates
  kOrderBy,   ///< OrderBy(args[0], order)
  kProject,   ///< Project(args[0], slots)
  kDistinct,  ///< Distinct(args[0]) over slots (the projected variables)
  kReduced,   ///< Reduced(args[0]) over slots
  kSlice,     ///< Slice(args[0], offset, limit)
  kValues,    ///< inline data: slots, rows (flattened; kNoTerm = UNDEF)
};

/// An expression compiled against the query's row layout.
struct Expression {
  expr::CompiledExpr code;
  /// Slots the expression reads: its variables and aggregates, and every variable its EXISTS
  /// patterns may bind (they are substituted from the row). Sorted, unique.
  std::vector<Slot> reads;
  /// Indexes into Query::exists of the EXISTS patterns in it.
  std::vector<int> exists;
  const std::string& text() const { return code.text(); }
};
using ExprRef = std::shared_ptr<const Expression>;

struct OrderKey {
  ExprRef expr;
  bool descending = false;
};

/// An aggregate (COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT) computed by a Group node
/// into `slot`.
struct AggregateBinding {
  Slot slot = kNoSlot;
  expr::CompiledAggregate aggregate;
  std::string text;         ///< e.g. "COUNT(DISTINCT ?x)"
  std::vector<int> exists;  ///< EXISTS patterns in the argument (indexes into Query::exists)
};

inline constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

struct Op;
using OpPtr = std::unique_ptr<Op>;

struct Op {
  OpKind kind = OpKind::kBgp;
  std::vector<OpPtr> args;
  std::vector<TriplePattern> triples;  ///< kBgp
  PatternTerm subject, object;         ///< kPath
  PathPtr path;                        ///< kPath
  std::vector<ExprRef> exprs;          ///< kFilter, kLeftJoin: conjuncts; kExtend: 1; kGroup: keys
  std::vector<Slot> slots;             ///< kExtend: target; kProject/kDistinct/kReduced/kValues;
                                       ///< kGroup: one slot per key
  std::vector<OrderKey> order;         ///< kOrderBy
  std::vector<TermId> rows;            ///< kValues: row_count rows of slots.size() ids
  std::size_t row_count = 0;           ///< kValues
  std::vector<AggregateBinding> aggregates;  ///< kGroup
  PatternTerm graph;                         ///< kGraph
  std::uint64_t offset = 0;                  ///< kSlice
  std::uint64_t limit = kNoLimit;            ///< kSlice

  static OpPtr make(OpKind kind) {
    auto op = std::make_unique<Op>();
    op->kind = kind;
    return op;
  }
  /// The empty BGP: one solution binding nothing (the join identity).
  static OpPtr unit() { return make(OpKind::kBgp); }
  static OpPtr binary(OpKind kind, OpPtr a, OpPtr b);
  OpPtr clone() const;
  bool is_unit() const { return kind == OpKind::kBgp && triples.empty(); }
};

/// The names of the query's variables, one per slot. Hidden variables (blank nodes in
/// patterns, path intermediates, non-projected subquery variables, aggregates) have names
/// that cannot be written in SPARQL ("_b0", "x~1", ".agg0").
struct VarTable {
  std::vector<std::string> names;
  std::vector<bool> hidden;
  Slot add(std::string name, bool is_hidden) {
    names.push_back(std::move(name));
    hidden.push_back(is_hidden);
    return static_cast<Slot>(names.size() - 1);
  }
  std::size_t size() const { return names.size(); }
};

enum class QueryForm : std::uint8_t { kSelect, kAsk, kConstruct, kDescribe };

/// A term in a CONSTRUCT template: a constant, a variable, or a template blank node (a fresh
/// node per solution).
struct TemplateTerm {
  enum class Kind : std::uint8_t { kConstant, kVariable, kBlank } kind = Kind::kConstant;
  TermId term = kNoTerm;
  Slot var = kNoSlot;
  int blank = -1;  ///< index of the template blank node
};

struct TemplateTriple {
  TemplateTerm s, p, o;
};

/// FROM / FROM NAMED, as IRIs.
struct DatasetClause {
  std::vector<std::string> from;
  std::vector<std::string> from_named;
  bool present() const { return !from.empty() || !from_named.empty(); }
};

/// The pattern of an EXISTS / NOT EXISTS. The evaluator hands the expr::Exists node back to
/// the executor, which finds the pattern by its handle.
struct ExistsInfo {
  std::shared_ptr<const expr::PatternHandle> handle;
  OpPtr op;
};

/// A query in algebra form.
struct Query {
  QueryForm form = QueryForm::kSelect;
  OpPtr root;
  VarTable vars;
  /// SELECT: the result columns in order. DESCRIBE: variables to describe.
  std::vector<Slot> projection;
  /// CONSTRUCT template; `template_blanks` is the number of distinct template blank nodes.
  std::vector<TemplateTriple> construct;
  int template_blanks = 0;
  /// DESCRIBE: constant resources to describe.
  std::vector<TermId> describe_terms;
  DatasetClause dataset;
  /// Every EXISTS pattern in the query's expressions, in the order found.
  std::vector<ExistsInfo> exists;
  /// The query's base IRI (for IRI() and friends at run time).
  std::string base_iri;
};

/// Slots a pattern mentions, split by how sure they are to be bound in a solution:
/// `certain` slots are bound in every solution, `possible` in some (certain ⊆ possible).
struct VarSets {
  std::vector<bool> certain;
  std::vector<bool> possible;
};

/// Computes certain/possible slots of `op` (over `width` slots).
VarSets var_sets(const Op& op, std::size_t width);

/// Prints the tree in an SSE-like form, one operator per line, indented.
std::string to_string(const Op& op, const VarTable& vars, const rdf::Dictionary& dict,
                      int indent = 0);
std::string to_string(const Path& p, const rdf::Dictionary& dict);
std::string to_string(const PatternTerm& t, const VarTable& vars, const rdf::Dictionary& dict);

}  // namespace kennis::sparql::algebra
