// The expression evaluator shared by SPARQL (FILTER, BIND, SELECT expressions, HAVING,
// ORDER BY, GROUP BY keys) and the rule language (FILTER, BIND): SPARQL 1.1 section 17
// "Expressions and Testing Values". Function reference for users: docs/expressions.md.
//
// Use:
//   1. compile() an AST once per query / rule: variables become row slots through a resolver,
//      constants are interned, built-in names are resolved, constant regexes are compiled.
//      The CompiledExpr is a flat, immutable tree; it does not refer to the AST afterwards.
//   2. Make one EvalContext per query evaluation (or per reasoner run) and per thread: it
//      carries the dictionary, the base IRI, NOW(), the RAND/UUID/BNODE generator, the
//      EXISTS callback and a per-term cache of parsed datatypes.
//   3. Evaluate against rows of rdf::TermId (kNoTerm = unbound):
//        filter(row, ctx)        FILTER / HAVING: true iff the effective boolean value is true
//        evaluate(row, ctx)      BIND / SELECT: the value interned, kNoTerm on error
//        evaluate_value(row, ctx)  the value without interning (aggregates, chaining)
//
// Errors (unbound variables, type errors, unknown extension functions) are values of the
// evaluation, never exceptions: kNoTerm, nullopt, or an error Value. Intermediate results are
// not interned; only evaluate() interns its result, so filters never grow the dictionary.
//
// Cost: a comparison of two bound ids of the same term is one cache lookup; numeric operands
// are parsed from their lexical form in place (no allocation). Strings are only copied when a
// function builds a new one (CONCAT, UCASE, ...).
#pragma once

#include "base/result.hpp"
#include "expr/ast.hpp"
#include "expr/datetime.hpp"
#include "expr/value.hpp"
#include "rdf/dictionary.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::expr {

class Regex;
namespace detail {
struct EvalState;
}

/// A row of bindings; index = slot.
using Row = std::span<const rdf::TermId>;

/// Evaluates EXISTS { pattern } against the current row (true iff the pattern has a
/// solution compatible with it). Negation (NOT EXISTS) is applied by the evaluator.
using ExistsFn = std::function<bool(const Exists&, Row)>;

/// Read access to the terms of a dictionary with a per-id cache of their TermClass.
class TermReader {
 public:
  explicit TermReader(const rdf::Dictionary& dict) : dict_(&dict) {}
  const rdf::Dictionary& dict() const { return *dict_; }
  /// REQUIRES: 0 < id <= dict().size().
  rdf::TermView view(rdf::TermId id) const { return dict_->term(id); }
  /// Cached classify(view(id)). REQUIRES: 0 < id <= dict().size().
  TermClass class_of(rdf::TermId id) {
    if (id < classes_.size() && classes_[id] != TermClass::kUnknown) return classes_[id];
    return classify_slow(id);
  }

 private:
  TermClass classify_slow(rdf::TermId id);
  const rdf::Dictionary* dict_;
  std::vector<TermClass> classes_;
};

struct EvalOptions {
  /// Base IRI for IRI()/URI() on relative references (the query's BASE).
  std::string base_iri;
  /// The value of NOW(); default: the time the context is made.
  std::optional<std::chrono::system_clock::time_point> now;
  /// Seed for RAND, UUID, STRUUID and fresh blank nodes; 0 = nondeterministic.
  std::uint64_t seed = 0;
};

/// State of one evaluation run. Not thread-safe: one per thread.
class EvalContext {
 public:
  explicit EvalContext(rdf::Dictionary& dict, EvalOptions options = {});
  ~EvalContext();
  EvalContext(const EvalContext&) = delete;
  EvalContext& operator=(const EvalContext&) = delete;

  rdf::Dictionary& dict() { return dict_; }
  TermReader& terms() { return terms_; }
  const std::string& base_iri() const;
  void set_base_iri(std::string base);

  /// Called for EXISTS / NOT EXISTS; if empty, EXISTS evaluates to an error.
  ExistsFn exists;

  /// The term for a value (interned if computed); kNoTerm for an error.
  rdf::TermId intern(const Value& v);
  /// Marks the start of a new solution for BNODE(str), which returns one blank node per
  /// string within a solution. Optional: without it, a row that agrees with every binding
  /// of the previous call's row (it may add bindings) counts as the same solution.
  void new_solution();

  /// The xsd:boolean terms "true" / "false".
  rdf::TermId boolean_term(bool b);

  /// Internal state of the built-in functions (NOW, RAND, BNODE, regex cache).
  detail::EvalState& state() { return *state_; }

 private:
  rdf::Dictionary& dict_;
  TermReader terms_;
  std::unique_ptr<detail::EvalState> state_;
};

/// The built-in functions, resolved at compile time.
enum class Builtin : std::uint8_t {
  kStr,
  kLang,
  kLangMatches,
  kDatatype,
  kBound,
  kIri,
  kBnode,
  kRand,
  kAbs,
  kCeil,
  kFloor,
  kRound,
  kConcat,
  kSubstr,
  kStrlen,
  kReplace,
  kUcase,
  kLcase,
  kEncodeForUri,
  kContains,
  kStrStarts,
  kStrEnds,
  kStrBefore,
  kStrAfter,
  kYear,
  kMonth,
  kDay,
  kHours,
  kMinutes,
  kSeconds,
  kTimezone,
  kTz,
  kNow,
  kUuid,
  kStrUuid,
  kMd5,
  kSha1,
  kSha256,
  kSha384,
  kSha512,
  kCoalesce,
  kIf,
  kStrLang,
  kStrDt,
  kSameTerm,
  kIsIri,
  kIsBlank,
  kIsLiteral,
  kIsNumeric,
  kRegex,
  // XSD constructor functions (casts, SPARQL 1.1 section 17.5)
  kCastString,
  kCastInteger,
  kCastDecimal,
  kCastFloat,
  kCastDouble,
  kCastBoolean,
  kCastDateTime,
  kCastDate,
  /// A cast to a type derived from xsd:integer (xsd:int, xsd:long, ...); datatype in `term`.
  kCastDerivedInteger,
  /// A function IRI the evaluator does not know: always an error.
  kUnknown,
};

/// A compiled expression: immutable, cheap to copy (shared storage), safe to evaluate from
/// several threads with one EvalContext each.
class CompiledExpr {
 public:
  /// An empty expression: evaluates to an error.
  CompiledExpr() = default;

  bool empty() const { return code_ == nullptr; }

  /// The value, interned; kNoTerm on error (unbound variable, type error, ...).
  rdf::TermId evaluate(Row row, EvalContext& ctx) const;
  /// The value without interning.
  Value evaluate_value(Row row, EvalContext& ctx) const;
  /// The effective boolean value (17.2.2); nullopt on error.
  std::optional<bool> evaluate_ebv(Row row, EvalContext& ctx) const;
  /// FILTER semantics: true iff the effective boolean value is true (errors reject).
  bool filter(Row row, EvalContext& ctx) const {
    const std::optional<bool> b = evaluate_ebv(row, ctx);
    return b.has_value() && *b;
  }

  /// The slots the expression reads (variables and aggregates), sorted, unique.
  const std::vector<int>& slots() const;
  /// If the expression is a single variable, its slot; else -1.
  int variable_slot() const;
  /// If the expression is a constant, its term; else kNoTerm.
  rdf::TermId constant() const;
  /// SPARQL-like text of the source expression.
  const std::string& text() const;

  struct Code;  // the flattened tree (evaluator.cpp)

 private:
  friend base::Result<CompiledExpr> compile(const Expr&,
                                            const std::function<int(std::string_view)>&,
                                            rdf::Dictionary&,
                                            const std::function<int(const Aggregate&)>&);
  std::shared_ptr<const Code> code_;
};

/// Maps a variable name (without '?') to its row slot, or -1 if it is never bound there
/// (it then evaluates as unbound: BOUND false, anything else an error).
using SlotResolver = std::function<int(std::string_view)>;
/// Maps an aggregate to the slot where the grouping operator stores its value; -1 if none.
/// Default: the Aggregate's own `slot` field.
using AggregateResolver = std::function<int(const Aggregate&)>;

/// Compiles `e`. Fails with a Diagnostic (no position: the caller adds its own) for an
/// unknown built-in name, a wrong number of arguments, BOUND of a non-variable, or an
/// aggregate without a slot. Unknown function IRIs compile (they evaluate to errors).
base::Result<CompiledExpr> compile(const Expr& e, const SlotResolver& variables,
                                   rdf::Dictionary& dict, const AggregateResolver& aggregates = {});

/// The number of arguments a built-in takes: [min, max] (max -1 = any).
std::pair<int, int> builtin_arity(Builtin fn);
/// The built-in named `name` (case-insensitive, e.g. "STRLEN", "sameTerm", "isURI"), or the
/// XSD cast named by the IRI when `iri` is true; nullopt if unknown.
std::optional<Builtin> find_builtin(std::string_view name, bool iri);

// ---- Operations on terms -----------------------------------------------------------------

/// Effective boolean value (17.2.2): booleans, numerics (false iff 0 or NaN), strings
/// (false iff empty); ill-typed booleans and numerics are false; others nullopt (error).
std::optional<bool> effective_boolean_value(const Value& v, TermReader& terms);
std::optional<bool> effective_boolean_value(rdf::TermId id, TermReader& terms);

/// The SPARQL operators = != < > <= >= (17.3 operator mapping, RDFterm-equal fallback):
/// nullopt on a type error. REQUIRES: op is one of kEq .. kGe.
std::optional<bool> compare_values(Op op, const Value& a, const Value& b, TermReader& terms);
std::optional<bool> compare_values(Op op, rdf::TermId a, rdf::TermId b, TermReader& terms);

/// sameTerm: identical RDF terms (language tags compared case-insensitively).
bool same_term(const Value& a, const Value& b, TermReader& terms);

/// The ORDER BY order (15.1), a total order: unbound < blank nodes < IRIs < literals;
/// literals by kind (numerics, simple strings, language strings, booleans, dateTimes, dates,
/// others), numerics by value, strings by code point, then by datatype and lexical form so
/// that distinct terms never compare equal. <0, 0, >0.
int order_compare(const Value& a, const Value& b, TermReader& terms);
int order_compare(rdf::TermId a, rdf::TermId b, TermReader& terms);

/// Typed views of a value; nullopt if the value is not of that type (or is ill-typed).
std::optional<Numeric> as_numeric(const Value& v, TermReader& terms);
std::optional<DateTime> as_date_time(const Value& v, TermReader& terms);  // dateTime or date
struct StringLiteral {
  std::string_view text;
  std::string_view lang;  ///< empty for simple literals / xsd:string
};
/// Simple, xsd:string or language-tagged literal.
std::optional<StringLiteral> as_string_literal(const Value& v, TermReader& terms);
/// The class of a value (computed values too); kUnknown for errors.
TermClass class_of(const Value& v, TermReader& terms);
/// The value as an RDF term; a computed number's lexical form is written to `buffer`, which
/// must outlive the view.
rdf::TermView term_view(const Value& v, TermReader& terms, std::string& buffer);

}  // namespace kennis::expr
