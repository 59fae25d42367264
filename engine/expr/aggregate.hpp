// Aggregates (SPARQL 1.1 section 18.5.1): COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT,
// each optionally DISTINCT, with one Accumulator per group.
//
// Errors in the argument (unbound variable, type error) follow common practice where the
// specification leaves room: COUNT, MIN, MAX, SAMPLE and GROUP_CONCAT skip them; SUM and AVG
// become errors (as does a non-numeric value). MIN and MAX use the ORDER BY order, so they
// accept any mix of terms. Empty groups: COUNT 0, SUM 0, AVG 0, GROUP_CONCAT "", MIN / MAX /
// SAMPLE unbound. GROUP_CONCAT joins the lexical forms of literals and IRIs (blank nodes are
// errors) into a simple literal. DISTINCT compares RDF terms (1 and 1.0 are distinct).
//
// Use (a grouping operator):
//   auto agg = compile_aggregate(ast, resolver, dict);      // once
//   Accumulator acc = agg->make_accumulator();               // per group
//   for (row : group) agg->accumulate(acc, row, ctx);
//   TermId value = acc.result(ctx);                          // kNoTerm = unbound
#pragma once

#include "base/result.hpp"
#include "expr/ast.hpp"
#include "expr/evaluator.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kennis::expr {

enum class AggregateKind : std::uint8_t { kCount, kSum, kMin, kMax, kAvg, kSample, kGroupConcat };

/// The aggregate named `name` (case-insensitive); nullopt if none.
std::optional<AggregateKind> find_aggregate(std::string_view name);

class Accumulator {
 public:
  explicit Accumulator(AggregateKind kind, bool distinct = false, std::string separator = " ");

  /// COUNT(*): one more solution. With DISTINCT, `row` (the solution's bindings) is
  /// compared with the rows seen before.
  void add_row(Row row = {});
  /// One evaluated argument (an error Value for unbound / failed evaluation).
  void add(const Value& v, EvalContext& ctx);
  void add(rdf::TermId id, EvalContext& ctx) { add(Value::term(id), ctx); }

  /// The aggregate's value; an error Value if it has none.
  Value result_value(EvalContext& ctx) const;
  /// The aggregate's value interned; kNoTerm if it has none (the variable stays unbound).
  rdf::TermId result(EvalContext& ctx) const { return ctx.intern(result_value(ctx)); }

 private:
  AggregateKind kind_;
  bool distinct_;
  std::string separator_;
  bool failed_ = false;
  std::uint64_t count_ = 0;
  Numeric sum_ = Numeric::integer(0);
  Value best_;  // MIN, MAX, SAMPLE
  std::string concat_;
  std::unordered_set<rdf::TermId> seen_;     // DISTINCT values
  std::set<std::vector<rdf::TermId>> rows_;  // COUNT(DISTINCT *)
};

/// An aggregate with its argument compiled.
class CompiledAggregate {
 public:
  AggregateKind kind() const { return kind_; }
  bool distinct() const { return distinct_; }
  /// True for COUNT(*).
  bool counts_rows() const { return arg_.empty(); }

  Accumulator make_accumulator() const { return Accumulator(kind_, distinct_, separator_); }
  /// Evaluates the argument on `row` and adds it (COUNT(*): adds the row).
  void accumulate(Accumulator& acc, Row row, EvalContext& ctx) const {
    if (arg_.empty())
      acc.add_row(row);
    else
      acc.add(arg_.evaluate_value(row, ctx), ctx);
  }

 private:
  friend base::Result<CompiledAggregate> compile_aggregate(const Aggregate&, const SlotResolver&,
                                                           rdf::Dictionary&);
  AggregateKind kind_ = AggregateKind::kCount;
  bool distinct_ = false;
  std::string separator_ = " ";
  CompiledExpr arg_;
};

/// Compiles an aggregate's argument; fails for an unknown aggregate name, a missing argument
/// (only COUNT takes *), or a failing argument expression.
base::Result<CompiledAggregate> compile_aggregate(const Aggregate& agg,
                                                  const SlotResolver& variables,
                                                  rdf::Dictionary& dict);

}  // namespace kennis::expr
