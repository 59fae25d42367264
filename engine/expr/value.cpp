// Term classification and XSD integer subtypes. See value.hpp.
#include "expr/value.hpp"

#include "expr/datetime.hpp"

#include <optional>

namespace kennis::expr {
namespace {

struct IntegerType {
  std::string_view name;  // local name after the XSD namespace
  std::optional<Int128> min, max;
};

constexpr Int128 kI64Min = -static_cast<Int128>(9223372036854775807LL) - 1;
constexpr Int128 kI64Max = 9223372036854775807LL;
constexpr Int128 kU64Max = static_cast<Int128>(18446744073709551615ULL);

const IntegerType kIntegerTypes[] = {
    {"integer", std::nullopt, std::nullopt},
    {"nonPositiveInteger", std::nullopt, 0},
    {"negativeInteger", std::nullopt, -1},
    {"long", kI64Min, kI64Max},
    {"int", -2147483648LL, 2147483647LL},
    {"short", -32768, 32767},
    {"byte", -128, 127},
    {"nonNegativeInteger", 0, std::nullopt},
    {"unsignedLong", 0, kU64Max},
    {"unsignedInt", 0, 4294967295LL},
    {"unsignedShort", 0, 65535},
    {"unsignedByte", 0, 255},
    {"positiveInteger", 1, std::nullopt},
};

const IntegerType* integer_type(std::string_view datatype) {
  if (datatype.substr(0, rdf::kXsd.size()) != rdf::kXsd) return nullptr;
  const std::string_view local = datatype.substr(rdf::kXsd.size());
  for (const IntegerType& t : kIntegerTypes) {
    if (t.name == local) return &t;
  }
  return nullptr;
}

}  // namespace

std::string_view numeric_datatype(NumericType t) {
  switch (t) {
    case NumericType::kInteger:
      return kXsdInteger;
    case NumericType::kDecimal:
      return kXsdDecimal;
    case NumericType::kFloat:
      return kXsdFloat;
    case NumericType::kDouble:
      return kXsdDouble;
  }
  return kXsdDouble;
}

bool is_integer_datatype(std::string_view datatype) { return integer_type(datatype) != nullptr; }

bool integer_in_range(std::string_view datatype, Int128 v) {
  const IntegerType* t = integer_type(datatype);
  if (t == nullptr) return true;
  return (!t->min || v >= *t->min) && (!t->max || v <= *t->max);
}

TermClass classify(const rdf::TermView& t) {
  switch (t.kind) {
    case rdf::TermKind::kIri:
      return TermClass::kIri;
    case rdf::TermKind::kBlank:
      return TermClass::kBlank;
    case rdf::TermKind::kLiteral:
      break;
  }
  if (!t.lang.empty()) return TermClass::kLangString;
  const std::string_view dt = t.datatype;
  if (dt.empty() || dt == rdf::kXsdString) return TermClass::kString;
  if (dt.size() <= rdf::kXsd.size() || dt.substr(0, rdf::kXsd.size()) != rdf::kXsd) {
    return TermClass::kOtherLiteral;
  }
  const std::string_view local = dt.substr(rdf::kXsd.size());
  auto numeric = [&](NumericType type, TermClass cls) {
    return parse_numeric(t.value, type) ? cls : TermClass::kIllTyped;
  };
  if (local == "decimal") return numeric(NumericType::kDecimal, TermClass::kDecimal);
  if (local == "double") return numeric(NumericType::kDouble, TermClass::kDouble);
  if (local == "float") return numeric(NumericType::kFloat, TermClass::kFloat);
  if (local == "boolean") {
    const std::string_view v = t.value;
    return (v == "true" || v == "false" || v == "1" || v == "0") ? TermClass::kBoolean
                                                                 : TermClass::kIllTyped;
  }
  if (local == "dateTime") {
    return parse_date_time(t.value) ? TermClass::kDateTime : TermClass::kIllTyped;
  }
  if (local == "date") return parse_date(t.value) ? TermClass::kDate : TermClass::kIllTyped;
  if (const IntegerType* it = integer_type(dt)) {
    const auto n = parse_numeric(t.value, NumericType::kInteger);
    if (!n || (it->min && n->mantissa < *it->min) || (it->max && n->mantissa > *it->max)) {
      return TermClass::kIllTyped;
    }
    return TermClass::kInteger;
  }
  return TermClass::kOtherLiteral;
}

}  // namespace kennis::expr
