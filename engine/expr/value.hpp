// Values during expression evaluation.
//
// Rows hold rdf::TermIds; the evaluator works on Values so that intermediate results
// (?x + 1, LCASE(?name), a comparison) are not interned into the Dictionary. A Value is an
// interned term, a computed number, a boolean, or a computed string literal (simple or
// language-tagged); IRIs and blank nodes are always interned terms. Only the result of a
// top-level evaluate() is interned (EvalContext::intern).
//
// TermClass is the evaluator's view of a term's datatype (SPARQL 1.1 section 17.1 operand
// types), computed once per term id and cached by the EvalContext.
#pragma once

#include "expr/numeric.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/term.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kennis::expr {

enum class TermClass : std::uint8_t {
  kUnknown = 0,  ///< not classified yet (cache slots only)
  kIri,
  kBlank,
  kString,      ///< simple literal (xsd:string)
  kLangString,  ///< rdf:langString
  kInteger,     ///< xsd:integer or a type derived from it, value in range
  kDecimal,
  kFloat,
  kDouble,
  kBoolean,
  kDateTime,
  kDate,
  kOtherLiteral,  ///< a datatype the evaluator has no operators for
  kIllTyped,      ///< a datatype above with a lexical form outside its lexical space
};

/// Classifies a term by kind and datatype, validating the lexical form of the datatypes the
/// evaluator knows. O(length of the lexical form).
TermClass classify(const rdf::TermView& t);

inline bool is_numeric_class(TermClass c) {
  return c >= TermClass::kInteger && c <= TermClass::kDouble;
}
/// REQUIRES: is_numeric_class(c).
inline NumericType numeric_type_of(TermClass c) {
  return static_cast<NumericType>(static_cast<int>(c) - static_cast<int>(TermClass::kInteger));
}
/// The datatype IRI of computed numbers of type t.
std::string_view numeric_datatype(NumericType t);

/// If `datatype` is xsd:integer or one of its derived types, checks that v is in the range of
/// that type (xsd:byte: -128..127, xsd:positiveInteger: > 0, ...). True for other datatypes.
bool integer_in_range(std::string_view datatype, Int128 v);
/// True iff `datatype` is xsd:integer or derived from it.
bool is_integer_datatype(std::string_view datatype);

class Value {
 public:
  enum class Kind : std::uint8_t { kError, kTerm, kNumeric, kBoolean, kString };

  /// An error (unbound variable, type error, ...).
  Value() = default;
  static Value error() { return Value(); }
  /// The interned term `id`; kNoTerm gives an error.
  static Value term(rdf::TermId id) {
    Value v;
    if (id != rdf::kNoTerm) v.kind_ = Kind::kTerm, v.id_ = id;
    return v;
  }
  /// The interned numeric term `id` whose value is already known (constants).
  static Value numeric_term(rdf::TermId id, const Numeric& n) {
    Value v = term(id);
    v.num_ = n;
    v.has_num_ = true;
    return v;
  }
  static Value numeric(const Numeric& n) {
    Value v;
    v.kind_ = Kind::kNumeric;
    v.num_ = n;
    return v;
  }
  static Value boolean(bool b) {
    Value v;
    v.kind_ = Kind::kBoolean;
    v.bool_ = b;
    return v;
  }
  /// A string literal whose text and language tag outlive the Value (dictionary storage,
  /// static strings): no copy.
  static Value string_ref(std::string_view text, std::string_view lang = {}) {
    Value v;
    v.kind_ = Kind::kString;
    v.text_ = text;
    v.lang_ = lang;
    return v;
  }
  /// A string literal owning its text and language tag.
  static Value string(std::string text, std::string_view lang = {}) {
    Value v;
    v.kind_ = Kind::kString;
    const std::size_t n = text.size();
    text.append(lang);
    auto owned = std::make_shared<const std::string>(std::move(text));
    v.text_ = std::string_view(*owned).substr(0, n);
    v.lang_ = std::string_view(*owned).substr(n);
    v.storage_ = std::move(owned);
    return v;
  }

  Kind kind() const { return kind_; }
  bool ok() const { return kind_ != Kind::kError; }
  bool is_term() const { return kind_ == Kind::kTerm; }
  /// REQUIRES: is_term().
  rdf::TermId id() const { return id_; }
  /// REQUIRES: kind() == kNumeric, or known_numeric().
  const Numeric& num() const { return num_; }
  /// True for computed numbers and numeric terms made with numeric_term().
  bool known_numeric() const { return kind_ == Kind::kNumeric || has_num_; }
  /// REQUIRES: kind() == kBoolean.
  bool boolean_value() const { return bool_; }
  /// REQUIRES: kind() == kString. The lexical form.
  std::string_view text() const { return text_; }
  /// REQUIRES: kind() == kString. The language tag, empty for xsd:string.
  std::string_view lang() const { return lang_; }
  /// True iff the text is owned by this Value (and its copies) rather than the dictionary.
  bool owns_text() const { return storage_ != nullptr; }

 private:
  Kind kind_ = Kind::kError;
  bool bool_ = false;
  bool has_num_ = false;
  rdf::TermId id_ = rdf::kNoTerm;
  Numeric num_;
  std::string_view text_;
  std::string_view lang_;
  std::shared_ptr<const std::string> storage_;  // text + lang of computed strings
};

}  // namespace kennis::expr
