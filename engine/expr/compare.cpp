// The value semantics of SPARQL 1.1 section 17: effective boolean value (17.2.2), the operator
// mapping of = != < > <= >= with RDFterm-equal as fallback (17.3, 17.4.1.7), and the ORDER BY
// order (15.1). The evaluator (evaluator.cpp) compiles and runs expressions on top of them.
#include "expr/eval_internal.hpp"
#include "expr/text.hpp"

#include <algorithm>
#include <compare>

namespace kennis::expr {
namespace {

// ---- comparison categories -----------------------------------------------------------------

enum class Category : std::uint8_t {
  kNone,
  kBlank,
  kIri,
  kNumeric,
  kString,
  kLangString,
  kBoolean,
  kDateTime,
  kDate,
  kOther
};

Category category_of(TermClass c) {
  switch (c) {
    case TermClass::kUnknown:
      return Category::kNone;
    case TermClass::kIri:
      return Category::kIri;
    case TermClass::kBlank:
      return Category::kBlank;
    case TermClass::kString:
      return Category::kString;
    case TermClass::kLangString:
      return Category::kLangString;
    case TermClass::kInteger:
    case TermClass::kDecimal:
    case TermClass::kFloat:
    case TermClass::kDouble:
      return Category::kNumeric;
    case TermClass::kBoolean:
      return Category::kBoolean;
    case TermClass::kDateTime:
      return Category::kDateTime;
    case TermClass::kDate:
      return Category::kDate;
    case TermClass::kOtherLiteral:
    case TermClass::kIllTyped:
      return Category::kOther;
  }
  return Category::kOther;
}

bool is_literal_category(Category c) { return c >= Category::kNumeric; }

std::optional<bool> as_boolean(const Value& v, TermReader& terms) {
  if (v.kind() == Value::Kind::kBoolean) return v.boolean_value();
  if (v.is_term() && terms.class_of(v.id()) == TermClass::kBoolean) {
    const std::string_view s = terms.view(v.id()).value;
    return s == "true" || s == "1";
  }
  return std::nullopt;
}

/// Text of a string-category value (simple or language-tagged).
std::string_view string_text(const Value& v, TermReader& terms) {
  return v.is_term() ? terms.view(v.id()).value : v.text();
}
std::string_view string_lang(const Value& v, TermReader& terms) {
  return v.is_term() ? terms.view(v.id()).lang : v.lang();
}

std::partial_ordering order_of(DateOrder o) {
  switch (o) {
    case DateOrder::kLess:
      return std::partial_ordering::less;
    case DateOrder::kEqual:
      return std::partial_ordering::equivalent;
    case DateOrder::kGreater:
      return std::partial_ordering::greater;
    case DateOrder::kIndeterminate:
      return std::partial_ordering::unordered;
  }
  return std::partial_ordering::unordered;
}

}  // namespace

namespace detail {

std::optional<bool> values_equal(const Value& a, const Value& b, TermReader& terms) {
  if (!a.ok() || !b.ok()) return std::nullopt;
  if (a.is_term() && b.is_term() && a.id() == b.id()) {
    const TermClass c = terms.class_of(a.id());
    if (c == TermClass::kFloat || c == TermClass::kDouble) {
      return !as_numeric(a, terms)->is_nan();  // NaN != NaN
    }
    return true;
  }
  const Category ca = category_of(class_of(a, terms));
  const Category cb = category_of(class_of(b, terms));
  if (ca != cb) {
    // Literals of two different known types are different values; a literal of an unknown
    // type may or may not equal anything but itself (RDFterm-equal: error).
    if (is_literal_category(ca) && is_literal_category(cb) &&
        (ca == Category::kOther || cb == Category::kOther)) {
      return std::nullopt;
    }
    return false;
  }
  switch (ca) {
    case Category::kNumeric:
      return numeric_compare(*as_numeric(a, terms), *as_numeric(b, terms)) == 0;
    case Category::kString:
      return string_text(a, terms) == string_text(b, terms);
    case Category::kLangString:
      return string_text(a, terms) == string_text(b, terms) &&
             equals_ignore_case(string_lang(a, terms), string_lang(b, terms));
    case Category::kBoolean:
      return *as_boolean(a, terms) == *as_boolean(b, terms);
    case Category::kDateTime:
    case Category::kDate: {
      const DateOrder o = compare_date_time(*as_date_time(a, terms), *as_date_time(b, terms));
      if (o == DateOrder::kIndeterminate) return std::nullopt;
      return o == DateOrder::kEqual;
    }
    case Category::kOther:
      if (same_term(a, b, terms)) return true;
      return std::nullopt;
    default:  // IRIs and blank nodes are interned: different ids, different terms
      return same_term(a, b, terms);
  }
}

}  // namespace detail

namespace {

using detail::upper_ascii;
using detail::values_equal;

/// The order of < > <= >=; nullopt if the operands are not comparable (a type error).
std::optional<std::partial_ordering> values_order(const Value& a, const Value& b,
                                                  TermReader& terms) {
  if (!a.ok() || !b.ok()) return std::nullopt;
  const Category ca = category_of(class_of(a, terms));
  const Category cb = category_of(class_of(b, terms));
  if (ca != cb) return std::nullopt;
  switch (ca) {
    case Category::kNumeric:
      return numeric_compare(*as_numeric(a, terms), *as_numeric(b, terms));
    case Category::kString:
      return string_text(a, terms).compare(string_text(b, terms)) <=> 0;
    case Category::kBoolean:
      return *as_boolean(a, terms) <=> *as_boolean(b, terms);
    case Category::kDateTime:
    case Category::kDate: {
      const DateOrder o = compare_date_time(*as_date_time(a, terms), *as_date_time(b, terms));
      if (o == DateOrder::kIndeterminate) return std::nullopt;
      return order_of(o);
    }
    default:
      return std::nullopt;
  }
}

int sign_of(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }
int sign_of(std::strong_ordering c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

int literal_rank(Category c) {
  switch (c) {
    case Category::kNumeric:
      return 0;
    case Category::kString:
      return 1;
    case Category::kLangString:
      return 2;
    case Category::kBoolean:
      return 3;
    case Category::kDateTime:
      return 4;
    case Category::kDate:
      return 5;
    default:
      return 6;
  }
}

}  // namespace

// ---- value semantics -----------------------------------------------------------------------

TermClass TermReader::classify_slow(rdf::TermId id) {
  if (id == rdf::kNoTerm || id > dict_->size()) return TermClass::kUnknown;
  if (classes_.size() <= id) classes_.resize(std::max<std::size_t>(id + 1, dict_->size() + 1));
  const TermClass c = classify(dict_->term(id));
  classes_[id] = c;
  return c;
}

TermClass class_of(const Value& v, TermReader& terms) {
  switch (v.kind()) {
    case Value::Kind::kError:
      return TermClass::kUnknown;
    case Value::Kind::kTerm:
      return terms.class_of(v.id());
    case Value::Kind::kNumeric:
      return static_cast<TermClass>(static_cast<int>(TermClass::kInteger) +
                                    static_cast<int>(v.num().type));
    case Value::Kind::kBoolean:
      return TermClass::kBoolean;
    case Value::Kind::kString:
      return v.lang().empty() ? TermClass::kString : TermClass::kLangString;
  }
  return TermClass::kUnknown;
}

std::optional<Numeric> as_numeric(const Value& v, TermReader& terms) {
  if (v.known_numeric()) return v.num();
  if (!v.is_term()) return std::nullopt;
  const TermClass c = terms.class_of(v.id());
  if (!is_numeric_class(c)) return std::nullopt;
  return parse_numeric(terms.view(v.id()).value, numeric_type_of(c));
}

std::optional<DateTime> as_date_time(const Value& v, TermReader& terms) {
  if (!v.is_term()) return std::nullopt;
  switch (terms.class_of(v.id())) {
    case TermClass::kDateTime:
      return parse_date_time(terms.view(v.id()).value);
    case TermClass::kDate:
      return parse_date(terms.view(v.id()).value);
    default:
      return std::nullopt;
  }
}

std::optional<StringLiteral> as_string_literal(const Value& v, TermReader& terms) {
  if (v.kind() == Value::Kind::kString) return StringLiteral{v.text(), v.lang()};
  if (!v.is_term()) return std::nullopt;
  const TermClass c = terms.class_of(v.id());
  if (c != TermClass::kString && c != TermClass::kLangString) return std::nullopt;
  const rdf::TermView t = terms.view(v.id());
  return StringLiteral{t.value, t.lang};
}

rdf::TermView term_view(const Value& v, TermReader& terms, std::string& buffer) {
  switch (v.kind()) {
    case Value::Kind::kError:
      return {};
    case Value::Kind::kTerm:
      return terms.view(v.id());
    case Value::Kind::kNumeric:
      buffer.clear();
      append_canonical(buffer, v.num());
      return {rdf::TermKind::kLiteral, buffer, numeric_datatype(v.num().type), {}};
    case Value::Kind::kBoolean:
      return {rdf::TermKind::kLiteral, v.boolean_value() ? "true" : "false", rdf::kXsdBoolean, {}};
    case Value::Kind::kString:
      return {rdf::TermKind::kLiteral, v.text(),
              v.lang().empty() ? rdf::kXsdString : rdf::kRdfLangString, v.lang()};
  }
  return {};
}

std::optional<bool> effective_boolean_value(const Value& v, TermReader& terms) {
  switch (v.kind()) {
    case Value::Kind::kError:
      return std::nullopt;
    case Value::Kind::kBoolean:
      return v.boolean_value();
    case Value::Kind::kNumeric:
      return !v.num().is_zero() && !v.num().is_nan();
    case Value::Kind::kString:
      return !v.text().empty();
    case Value::Kind::kTerm:
      break;
  }
  const TermClass c = terms.class_of(v.id());
  switch (c) {
    case TermClass::kBoolean:
      return as_boolean(v, terms);
    case TermClass::kString:
    case TermClass::kLangString:
      return !terms.view(v.id()).value.empty();
    case TermClass::kIllTyped: {
      // An invalid boolean or numeric lexical form has EBV false; others are errors.
      const std::string_view dt = terms.view(v.id()).datatype;
      if (dt == rdf::kXsdBoolean || dt == rdf::kXsdDecimal || dt == rdf::kXsdFloat ||
          dt == rdf::kXsdDouble || is_integer_datatype(dt)) {
        return false;
      }
      return std::nullopt;
    }
    default:
      if (is_numeric_class(c)) {
        const std::optional<Numeric> n = as_numeric(v, terms);
        return !n->is_zero() && !n->is_nan();
      }
      return std::nullopt;
  }
}

std::optional<bool> effective_boolean_value(rdf::TermId id, TermReader& terms) {
  return effective_boolean_value(Value::term(id), terms);
}

std::optional<bool> compare_values(Op op, const Value& a, const Value& b, TermReader& terms) {
  switch (op) {
    case Op::kEq:
      return values_equal(a, b, terms);
    case Op::kNe: {
      const std::optional<bool> eq = values_equal(a, b, terms);
      if (!eq) return std::nullopt;
      return !*eq;
    }
    default:
      break;
  }
  const std::optional<std::partial_ordering> o = values_order(a, b, terms);
  if (!o) return std::nullopt;
  switch (op) {
    case Op::kLt:
      return *o == std::partial_ordering::less;
    case Op::kGt:
      return *o == std::partial_ordering::greater;
    case Op::kLe:
      return *o == std::partial_ordering::less || *o == 0;
    case Op::kGe:
      return *o == std::partial_ordering::greater || *o == 0;
    default:
      return std::nullopt;
  }
}

std::optional<bool> compare_values(Op op, rdf::TermId a, rdf::TermId b, TermReader& terms) {
  return compare_values(op, Value::term(a), Value::term(b), terms);
}

bool same_term(const Value& a, const Value& b, TermReader& terms) {
  if (!a.ok() || !b.ok()) return false;
  if (a.is_term() && b.is_term() && a.id() == b.id()) return true;
  std::string buf_a, buf_b;
  const rdf::TermView x = term_view(a, terms, buf_a);
  const rdf::TermView y = term_view(b, terms, buf_b);
  if (x.kind != y.kind || x.value != y.value) return false;
  if (x.kind != rdf::TermKind::kLiteral) return true;
  auto datatype = [](std::string_view dt) { return dt.empty() ? rdf::kXsdString : dt; };
  return datatype(x.datatype) == datatype(y.datatype) && equals_ignore_case(x.lang, y.lang);
}

int order_compare(const Value& a, const Value& b, TermReader& terms) {
  if (a.is_term() && b.is_term() && a.id() == b.id()) return 0;
  auto rank = [&](const Value& v, Category c) {
    if (!v.ok()) return 0;
    if (c == Category::kBlank) return 1;
    if (c == Category::kIri) return 2;
    return 3;
  };
  const Category ca = category_of(class_of(a, terms));
  const Category cb = category_of(class_of(b, terms));
  const int ra = rank(a, ca), rb = rank(b, cb);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra == 0) return 0;
  std::string buf_a, buf_b;
  const rdf::TermView x = term_view(a, terms, buf_a);
  const rdf::TermView y = term_view(b, terms, buf_b);
  if (ra < 3) return sign_of(x.value.compare(y.value));
  const int la = literal_rank(ca), lb = literal_rank(cb);
  if (la != lb) return la < lb ? -1 : 1;
  int c = 0;
  switch (ca) {
    case Category::kNumeric: {
      const Numeric p = *as_numeric(a, terms), q = *as_numeric(b, terms);
      if (p.is_nan() || q.is_nan()) {
        c = p.is_nan() == q.is_nan() ? 0 : p.is_nan() ? -1 : 1;
      } else {
        const std::partial_ordering o = numeric_compare(p, q);
        c = o < 0 ? -1 : o > 0 ? 1 : 0;
      }
      break;
    }
    case Category::kBoolean:
      c = int{*as_boolean(a, terms)} - int{*as_boolean(b, terms)};
      break;
    case Category::kDateTime:
    case Category::kDate:
      c = compare_date_time_total(*as_date_time(a, terms), *as_date_time(b, terms));
      break;
    case Category::kLangString:
      c = sign_of(x.value.compare(y.value));
      if (c == 0) c = sign_of(upper_ascii(x.lang).compare(upper_ascii(y.lang)));
      break;
    case Category::kOther:
      c = sign_of(x.datatype.compare(y.datatype));
      break;
    default:
      break;
  }
  if (c != 0) return c;
  // Equal values of distinct terms (1 and 1.0, "01"): order by the terms themselves.
  return sign_of(rdf::compare_terms(x, y));
}

int order_compare(rdf::TermId a, rdf::TermId b, TermReader& terms) {
  if (a == b) return 0;
  return order_compare(Value::term(a), Value::term(b), terms);
}

}  // namespace kennis::expr
