// Term classification and XSD integer subtypes. See value.hpp.
#include "expr/value.hpp"

#include "rdf/xsd.hpp"

namespace kennis::expr {

std::string_view numeric_datatype(NumericType t) {
  switch (t) {
    case NumericType::kInteger:
      return rdf::kXsdInteger;
    case NumericType::kDecimal:
      return rdf::kXsdDecimal;
    case NumericType::kFloat:
      return rdf::kXsdFloat;
    case NumericType::kDouble:
      return rdf::kXsdDouble;
  }
  return rdf::kXsdDouble;
}

bool is_integer_datatype(std::string_view datatype) {
  return rdf::integer_datatype(datatype) != nullptr;
}

bool integer_in_range(std::string_view datatype, Int128 v) {
  const rdf::IntegerDatatype* t = rdf::integer_datatype(datatype);
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
  if (!rdf::is_xsd(dt)) return TermClass::kOtherLiteral;
  const std::string_view local = dt.substr(rdf::kXsd.size());
  TermClass cls = TermClass::kOtherLiteral;
  if (local == "decimal") {
    cls = TermClass::kDecimal;
  } else if (local == "double") {
    cls = TermClass::kDouble;
  } else if (local == "float") {
    cls = TermClass::kFloat;
  } else if (local == "boolean") {
    cls = TermClass::kBoolean;
  } else if (local == "dateTime") {
    cls = TermClass::kDateTime;
  } else if (local == "date") {
    cls = TermClass::kDate;
  } else if (rdf::integer_datatype(dt) != nullptr) {
    cls = TermClass::kInteger;
  } else {
    return TermClass::kOtherLiteral;
  }
  if (!rdf::valid_lexical_form(t.value, dt)) return TermClass::kIllTyped;
  // A valid exact number must also fit a Numeric (a 128-bit mantissa).
  if (is_numeric_class(cls) && !parse_numeric(t.value, numeric_type_of(cls))) {
    return TermClass::kIllTyped;
  }
  return cls;
}

}  // namespace kennis::expr
