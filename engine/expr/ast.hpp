// Expression AST shared by SPARQL (FILTER, BIND, SELECT expressions, HAVING, ORDER BY) and
// the rule language (FILTER, BIND, AGGREGATE). One tree, one evaluator (evaluator.hpp), so a
// built-in behaves the same in both. Grammar: SPARQL 1.1 section 19.8, productions [110]-[131].
#pragma once

#include "rdf/term.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kennis::expr {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class Op {
  // binary
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kGt,
  kLe,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  // unary
  kNot,
  kNeg,
  kPlus,
};

/// ?name or $name (name stored without the sigil). `slot` is filled by resolve passes
/// (index into a row of bindings); -1 until then.
struct Variable {
  std::string name;
  int slot = -1;
};

/// An RDF term written in the expression (IRI, literal, number, boolean).
struct Constant {
  rdf::Term term;
};

struct Unary {
  Op op;
  ExprPtr arg;
};

struct Binary {
  Op op;
  ExprPtr lhs;
  ExprPtr rhs;
};

/// lhs IN (list) / lhs NOT IN (list).
struct InList {
  bool negated = false;
  ExprPtr lhs;
  std::vector<ExprPtr> list;
};

/// A built-in call (name upper-cased: "STR", "REGEX", "COALESCE", "IF", "BOUND", ...) or,
/// when `iri` is true, a function named by IRI (XSD casts such as xsd:integer(?x)).
struct Call {
  std::string name;
  bool iri = false;
  std::vector<ExprPtr> args;
};

/// An aggregate: COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT. `arg` is null for
/// COUNT(*). Evaluated by the grouping operator, not by the scalar evaluator; `slot` is
/// where the grouping operator puts the aggregate's value.
struct Aggregate {
  std::string name;
  bool distinct = false;
  ExprPtr arg;
  std::string separator = " ";
  int slot = -1;
};

/// Opaque handle to a graph pattern owned by the SPARQL layer (EXISTS { ... }).
class PatternHandle {
 public:
  virtual ~PatternHandle() = default;
  /// The pattern as text for to_string(); "{ ... }" unless the owner says better.
  virtual std::string to_string() const { return "{ ... }"; }
};

/// EXISTS { pattern } / NOT EXISTS { pattern }.
struct Exists {
  bool negated = false;
  std::shared_ptr<const PatternHandle> pattern;
};

struct Expr {
  std::variant<Variable, Constant, Unary, Binary, InList, Call, Aggregate, Exists> node;
};

template <class T>
ExprPtr make_expr(T node) {
  return std::make_shared<const Expr>(Expr{std::move(node)});
}

/// SPARQL-like text of the expression, for plans, errors and tests: minimal parentheses,
/// numbers and booleans in short form, XSD function IRIs as xsd:name.
std::string to_string(const Expr& e);

/// The operator's SPARQL spelling ("||", "=", "!", ...).
std::string_view op_symbol(Op op);

/// Names of the variables the expression reads (not those inside EXISTS patterns), in order
/// of first occurrence, without duplicates.
std::vector<std::string> variables_of(const Expr& e);

/// True iff the expression contains an aggregate.
bool contains_aggregate(const Expr& e);

}  // namespace kennis::expr
