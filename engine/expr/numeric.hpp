// Numeric values of the four primitive XSD numeric types and the XPath operators on them
// (XPath Functions and Operators 3.1, section 4: op:numeric-add ... fn:round), with the type
// promotion of SPARQL 1.1 section 17.3 (integer -> decimal -> float -> double).
//
// xsd:integer and xsd:decimal are exact: a 128-bit mantissa and a decimal scale (at most 38
// fractional digits). Overflow of the mantissa is an error (XPath FOAR0002), never a wrap.
// Decimal division keeps kDivisionDigits fractional digits, rounded half to even.
// xsd:float values are held as doubles rounded to float precision after every operation.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kennis::expr {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

/// The primitive numeric types in promotion order.
enum class NumericType : std::uint8_t { kInteger = 0, kDecimal = 1, kFloat = 2, kDouble = 3 };

/// Fractional digits kept by decimal division (XPath leaves the precision to us; >= 18).
inline constexpr int kDivisionDigits = 20;
/// The largest decimal scale (fractional digits) a Numeric holds.
inline constexpr int kMaxScale = 38;

/// A numeric value. Integers and decimals: value = mantissa / 10^scale (scale 0 for
/// integers; decimals are kept with trailing zeros stripped). Floats and doubles: `real`.
struct Numeric {
  Int128 mantissa = 0;
  double real = 0;
  NumericType type = NumericType::kInteger;
  std::int8_t scale = 0;

  static Numeric integer(Int128 v) { return Numeric{v, 0, NumericType::kInteger, 0}; }
  /// A decimal mantissa / 10^scale, normalised (trailing zeros stripped).
  /// REQUIRES: 0 <= scale <= kMaxScale.
  static Numeric decimal(Int128 mantissa, int scale);
  static Numeric of_float(double v);  ///< rounds to float precision
  static Numeric of_double(double v) { return Numeric{0, v, NumericType::kDouble, 0}; }

  bool is_exact() const { return type <= NumericType::kDecimal; }
  bool is_nan() const { return !is_exact() && real != real; }
  bool is_zero() const { return is_exact() ? mantissa == 0 : real == 0; }
  /// The value as a double (nearest).
  double to_double() const;
};

/// Parses the lexical form of a value of `type` (XSD 1.1 lexical spaces, whitespace
/// collapsed). nullopt if the form is not in the lexical space or does not fit.
std::optional<Numeric> parse_numeric(std::string_view lexical, NumericType type);

/// Appends the canonical lexical form: integer "-12", decimal "1.5" / "2.0",
/// double and float "1.5E0" / "1.0E-7" / "INF" / "NaN" (XSD 1.0 canonical representations).
void append_canonical(std::string& out, const Numeric& n);
std::string canonical_lexical(const Numeric& n);
/// The form of an XPath cast to xs:string: integral decimals without ".0", doubles with
/// 1e-6 <= |v| < 1e6 in decimal notation ("1", "2.5"), others as canonical.
std::string xpath_string(const Numeric& n);

/// The value converted to a wider (or equal) type. REQUIRES: to >= n.type.
Numeric promote(const Numeric& n, NumericType to);
/// XPath casts between numeric types (to a narrower type too): nullopt when the value has no
/// image (NaN or INF to integer/decimal, overflow).
std::optional<Numeric> cast_numeric(const Numeric& n, NumericType to);

/// Arithmetic after promotion to the wider operand type; integer / integer is decimal.
/// nullopt on error: exact division by zero, overflow.
std::optional<Numeric> numeric_add(const Numeric& a, const Numeric& b);
std::optional<Numeric> numeric_subtract(const Numeric& a, const Numeric& b);
std::optional<Numeric> numeric_multiply(const Numeric& a, const Numeric& b);
std::optional<Numeric> numeric_divide(const Numeric& a, const Numeric& b);
std::optional<Numeric> numeric_negate(const Numeric& a);
/// fn:abs, fn:ceiling, fn:floor, fn:round (half towards positive infinity); type preserved.
std::optional<Numeric> numeric_abs(const Numeric& a);
std::optional<Numeric> numeric_ceil(const Numeric& a);
std::optional<Numeric> numeric_floor(const Numeric& a);
std::optional<Numeric> numeric_round(const Numeric& a);

/// Value comparison after promotion; unordered iff a NaN is involved.
std::partial_ordering numeric_compare(const Numeric& a, const Numeric& b);

/// Decimal digits of |v| (for Int128, which std::to_chars does not take).
std::string int128_to_string(Int128 v);

}  // namespace kennis::expr
