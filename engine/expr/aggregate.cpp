// Aggregate accumulators (SPARQL 1.1 section 18.5.1). See aggregate.hpp.
#include "expr/aggregate.hpp"

#include <cctype>

namespace kennis::expr {

std::optional<AggregateKind> find_aggregate(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "COUNT") return AggregateKind::kCount;
  if (upper == "SUM") return AggregateKind::kSum;
  if (upper == "MIN") return AggregateKind::kMin;
  if (upper == "MAX") return AggregateKind::kMax;
  if (upper == "AVG") return AggregateKind::kAvg;
  if (upper == "SAMPLE") return AggregateKind::kSample;
  if (upper == "GROUP_CONCAT") return AggregateKind::kGroupConcat;
  return std::nullopt;
}

Accumulator::Accumulator(AggregateKind kind, bool distinct, std::string separator)
    : kind_(kind), distinct_(distinct), separator_(std::move(separator)) {}

void Accumulator::add_row(Row row) {
  if (distinct_) {
    if (rows_.emplace(row.begin(), row.end()).second) ++count_;
  } else {
    ++count_;
  }
}

void Accumulator::add(const Value& v, EvalContext& ctx) {
  TermReader& terms = ctx.terms();
  if (!v.ok()) {
    if (kind_ == AggregateKind::kSum || kind_ == AggregateKind::kAvg) failed_ = true;
    return;
  }
  if (failed_) return;
  if (distinct_ && !seen_.insert(ctx.intern(v)).second) return;
  switch (kind_) {
    case AggregateKind::kCount:
      ++count_;
      break;
    case AggregateKind::kSum:
    case AggregateKind::kAvg: {
      const std::optional<Numeric> n = as_numeric(v, terms);
      std::optional<Numeric> s;
      if (n) s = numeric_add(sum_, *n);
      if (!s) {
        failed_ = true;
        return;
      }
      sum_ = *s;
      ++count_;
      break;
    }
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      if (count_++ == 0) {
        best_ = v;
        return;
      }
      const int c = order_compare(v, best_, terms);
      if (kind_ == AggregateKind::kMin ? c < 0 : c > 0) best_ = v;
      break;
    }
    case AggregateKind::kSample:
      if (count_++ == 0) best_ = v;
      break;
    case AggregateKind::kGroupConcat: {
      const TermClass c = class_of(v, terms);
      if (c == TermClass::kBlank) {
        failed_ = true;
        return;
      }
      if (count_++ > 0) concat_ += separator_;
      std::string buffer;
      concat_ += term_view(v, terms, buffer).value;
      break;
    }
  }
}

Value Accumulator::result_value(EvalContext& /*ctx*/) const {
  if (failed_) return Value::error();
  switch (kind_) {
    case AggregateKind::kCount:
      return Value::numeric(Numeric::integer(count_));
    case AggregateKind::kSum:
      return Value::numeric(sum_);
    case AggregateKind::kAvg: {
      if (count_ == 0) return Value::numeric(Numeric::integer(0));
      const std::optional<Numeric> avg = numeric_divide(sum_, Numeric::integer(count_));
      return avg ? Value::numeric(*avg) : Value::error();
    }
    case AggregateKind::kMin:
    case AggregateKind::kMax:
    case AggregateKind::kSample:
      return count_ == 0 ? Value::error() : best_;
    case AggregateKind::kGroupConcat:
      return Value::string(concat_);
  }
  return Value::error();
}

base::Result<CompiledAggregate> compile_aggregate(const Aggregate& agg,
                                                  const SlotResolver& variables,
                                                  rdf::Dictionary& dict) {
  const std::optional<AggregateKind> kind = find_aggregate(agg.name);
  if (!kind) return base::Diagnostic::error("unknown aggregate " + agg.name);
  CompiledAggregate out;
  out.kind_ = *kind;
  out.distinct_ = agg.distinct;
  out.separator_ = agg.separator;
  if (!agg.arg) {
    if (*kind != AggregateKind::kCount) {
      return base::Diagnostic::error(agg.name + " expects an argument, found '*'");
    }
    return out;
  }
  base::Result<CompiledExpr> arg = compile(*agg.arg, variables, dict);
  if (!arg) return arg.error();
  out.arg_ = std::move(arg).value();
  return out;
}

}  // namespace kennis::expr
