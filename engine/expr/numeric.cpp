// XPath numeric operators over exact (128-bit mantissa + scale) and IEEE values.
// See numeric.hpp; XPath F&O 3.1 section 4.2 (operators) and 4.4 (fn:abs ... fn:round).
#include "expr/numeric.hpp"

#include "rdf/xsd.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>
#include <utility>

namespace kennis::expr {
namespace {

constexpr Int128 kInt128Max = static_cast<Int128>(~static_cast<UInt128>(0) >> 1);

constexpr std::array<Int128, kMaxScale + 1> make_pow10() {
  std::array<Int128, kMaxScale + 1> t{};
  Int128 v = 1;
  for (int i = 0; i <= kMaxScale; ++i) {
    t[static_cast<std::size_t>(i)] = v;
    if (i < kMaxScale) v *= 10;
  }
  return t;
}
constexpr std::array<Int128, kMaxScale + 1> kPow10 = make_pow10();

Int128 pow10(int k) { return kPow10[static_cast<std::size_t>(k)]; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// m / 10^k rounded half to even. REQUIRES: 0 <= k <= kMaxScale.
Int128 div_pow10_round(Int128 m, int k) {
  if (k == 0) return m;
  const Int128 p = pow10(k);
  Int128 q = m / p;
  Int128 r = m % p;  // same sign as m
  if (r < 0) r = -r;
  const Int128 half = p / 2;
  if (r > half || (r == half && (q % 2 != 0))) q += (m < 0 ? -1 : 1);
  return q;
}

/// floor(m / 10^k). REQUIRES: 0 <= k <= kMaxScale.
Int128 floor_div_pow10(Int128 m, int k) {
  const Int128 p = pow10(k);
  Int128 q = m / p;
  if (m % p != 0 && m < 0) --q;
  return q;
}

bool mul_pow10(Int128 m, int k, Int128* out) {
  if (k > kMaxScale) return m == 0 ? (*out = 0, true) : false;
  return !__builtin_mul_overflow(m, pow10(k), out);
}

/// Rounds an exact value to at most kMaxScale fractional digits.
Numeric make_decimal_rounded(Int128 m, int scale) {
  if (scale > kMaxScale) {
    const int drop = scale - kMaxScale;
    m = drop > kMaxScale ? 0 : div_pow10_round(m, drop);
    scale = kMaxScale;
  }
  return Numeric::decimal(m, scale);
}

std::partial_ordering compare_exact(Int128 am, int sa, Int128 bm, int sb) {
  if (sa == sb) return am <=> bm;
  const int s = sa > sb ? sa : sb;
  const Int128 ia = am / pow10(sa);
  const Int128 ib = bm / pow10(sb);
  if (ia != ib) return ia < ib ? std::partial_ordering::less : std::partial_ordering::greater;
  // |fraction| < 10^sa, so scaling it to s <= 38 digits cannot overflow.
  const Int128 fa = (am % pow10(sa)) * pow10(s - sa);
  const Int128 fb = (bm % pow10(sb)) * pow10(s - sb);
  if (fa == fb) return std::partial_ordering::equivalent;
  return fa < fb ? std::partial_ordering::less : std::partial_ordering::greater;
}

/// Brings two exact values to one scale; when scaling up overflows, the more precise one
/// is rounded down instead. False iff no common scale fits.
bool align(Int128 am, int sa, Int128 bm, int sb, Int128* ao, Int128* bo, int* so) {
  int s = sa > sb ? sa : sb;
  const int lo = sa < sb ? sa : sb;
  for (; s >= lo; --s) {
    Int128 a2 = 0, b2 = 0;
    const bool a_ok =
        sa <= s ? mul_pow10(am, s - sa, &a2) : (a2 = div_pow10_round(am, sa - s), true);
    const bool b_ok =
        sb <= s ? mul_pow10(bm, s - sb, &b2) : (b2 = div_pow10_round(bm, sb - s), true);
    if (a_ok && b_ok) {
      *ao = a2, *bo = b2, *so = s;
      return true;
    }
  }
  return false;
}

NumericType wider(NumericType a, NumericType b) { return a > b ? a : b; }

Numeric make_real(NumericType t, double v) {
  return t == NumericType::kFloat ? Numeric::of_float(v) : Numeric::of_double(v);
}

void append_int128(std::string& out, Int128 v) {
  char buf[48];
  int n = 0;
  const bool neg = v < 0;
  UInt128 u = neg ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u != 0);
  if (neg) out.push_back('-');
  while (n > 0) out.push_back(buf[--n]);
}

void append_decimal(std::string& out, Int128 m, int scale, bool point_zero) {
  if (m < 0) out.push_back('-');
  std::string digits;
  append_int128(digits, m);
  if (m < 0) digits.erase(0, 1);
  if (scale == 0) {
    out += digits;
    if (point_zero) out += ".0";
    return;
  }
  if (static_cast<int>(digits.size()) <= scale) {
    digits.insert(0, static_cast<std::size_t>(scale) - digits.size() + 1, '0');
  }
  const std::size_t point = digits.size() - static_cast<std::size_t>(scale);
  out.append(digits, 0, point);
  out.push_back('.');
  out.append(digits, point);
}

template <class F>
void append_real_canonical(std::string& out, F v) {
  if (v != v) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-INF" : "INF";
    return;
  }
  if (v == 0) {
    out += std::signbit(v) ? "-0.0E0" : "0.0E0";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::size_t e = s.find('e');
  std::string_view mant = s.substr(0, e);
  int exp = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exp);
  out += mant;
  if (mant.find('.') == std::string_view::npos) out += ".0";
  out.push_back('E');
  out += std::to_string(exp);
}

template <class F>
void append_real_xpath(std::string& out, F v) {
  const F a = v < 0 ? -v : v;
  if (v == 0) {
    out += std::signbit(v) ? "-0" : "0";
  } else if (a >= static_cast<F>(1e-6) && a < static_cast<F>(1e6)) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    out.append(buf, static_cast<std::size_t>(res.ptr - buf));
  } else {
    append_real_canonical(out, v);
  }
}

// [+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)? | [+-]? INF | NaN
std::optional<double> parse_real(std::string_view s, bool as_float) {
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "INF" || s == "+INF") return std::numeric_limits<double>::infinity();
  if (s == "-INF") return -std::numeric_limits<double>::infinity();
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t body = i;
  std::size_t int_digits = 0, frac_digits = 0;
  // Decimal exponent of the leading non-zero digit, to tell overflow from underflow.
  bool nonzero = false;
  long lead = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (nonzero)
      ++lead;
    else if (s[i] != '0')
      nonzero = true;
    ++i, ++int_digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++frac_digits;
      if (!nonzero && s[i] != '0') nonzero = true, lead = -static_cast<long>(frac_digits);
      ++i;
    }
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i >= s.size() || !is_digit(s[i])) return std::nullopt;
    while (i < s.size() && is_digit(s[i])) {
      if (exp < 100000000) exp = exp * 10 + (s[i] - '0');
      ++i;
    }
    if (neg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  const bool negative = s[0] == '-';
  std::string_view num = s.substr(body);
  const double out_of_range = lead + exp > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  double v = 0;
  if (as_float) {
    float f = 0;
    auto r = std::from_chars(num.data(), num.data() + num.size(), f);
    if (r.ec == std::errc::result_out_of_range)
      f = static_cast<float>(out_of_range);
    else if (r.ec != std::errc() || r.ptr != num.data() + num.size())
      return std::nullopt;
    v = f;
  } else {
    auto r = std::from_chars(num.data(), num.data() + num.size(), v);
    if (r.ec == std::errc::result_out_of_range)
      v = out_of_range;
    else if (r.ec != std::errc() || r.ptr != num.data() + num.size())
      return std::nullopt;
  }
  return negative ? -v : v;
}

// [+-]? digits
std::optional<Int128> parse_integer(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i >= s.size()) return std::nullopt;
  if (s.size() - i <= 18) {  // fits in 64 bits: no 128-bit arithmetic
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
      if (!is_digit(s[i])) return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return Int128{neg ? -v : v};
  }
  Int128 v = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return std::nullopt;
    // Accumulate negatively so that the most negative value fits.
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, s[i] - '0', &v)) {
      return std::nullopt;
    }
  }
  if (!neg) {
    if (v == -kInt128Max - 1) return std::nullopt;
    v = -v;
  }
  return v;
}

// [+-]? (digits ('.' digits?)? | '.' digits)
std::optional<Numeric> parse_decimal(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  Int128 m = 0;
  int scale = 0;
  std::size_t digits = 0;
  bool saturated = false;  // further fractional digits no longer fit and are dropped
  while (i < s.size() && is_digit(s[i])) {
    if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, s[i] - '0', &m)) {
      return std::nullopt;
    }
    ++i, ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      Int128 next = 0;
      if (!saturated && scale < kMaxScale && !__builtin_mul_overflow(m, 10, &next) &&
          !__builtin_add_overflow(next, s[i] - '0', &next)) {
        m = next;
        ++scale;
      } else if (!saturated) {
        saturated = true;
        if (s[i] >= '5' && m < kInt128Max) ++m;  // round the last kept digit
      }
      ++i, ++digits;
    }
  }
  if (digits == 0 || i != s.size()) return std::nullopt;
  return Numeric::decimal(neg ? -m : m, scale);
}

/// A finite double as an exact decimal, from its shortest round-trip digits.
std::optional<Numeric> real_to_decimal(double v, bool as_float) {
  if (!std::isfinite(v)) return std::nullopt;
  char buf[64];
  std::to_chars_result res =
      as_float ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v),
                               std::chars_format::scientific)
               : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::size_t e = s.find('e');
  int exp = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exp);
  Int128 m = 0;
  int frac = 0;
  bool neg = false, after_point = false;
  for (char c : s.substr(0, e)) {
    if (c == '-')
      neg = true;
    else if (c == '.')
      after_point = true;
    else {
      m = m * 10 + (c - '0');
      if (after_point) ++frac;
    }
  }
  if (neg) m = -m;
  int scale = frac - exp;
  if (scale < 0) {
    if (!mul_pow10(m, -scale, &m)) return std::nullopt;
    scale = 0;
  }
  return make_decimal_rounded(m, scale);
}

}  // namespace

Numeric Numeric::decimal(Int128 mantissa, int scale) {
  while (scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  return Numeric{mantissa, 0, NumericType::kDecimal, static_cast<std::int8_t>(scale)};
}

Numeric Numeric::of_float(double v) {
  return Numeric{0, static_cast<double>(static_cast<float>(v)), NumericType::kFloat, 0};
}

double Numeric::to_double() const {
  if (!is_exact()) return real;
  if (scale == 0 && mantissa > -(Int128(1) << 53) && mantissa < (Int128(1) << 53)) {
    return static_cast<double>(mantissa);
  }
  std::string s;
  append_int128(s, mantissa);
  s += "e-" + std::to_string(scale);
  double v = 0;
  std::from_chars(s.data() + (s[0] == '-' ? 1 : 0), s.data() + s.size(), v);
  return mantissa < 0 ? -v : v;
}

std::optional<Numeric> parse_numeric(std::string_view lexical, NumericType type) {
  const std::string_view s = rdf::collapse_whitespace(lexical);
  switch (type) {
    case NumericType::kInteger:
      if (auto v = parse_integer(s)) return Numeric::integer(*v);
      return std::nullopt;
    case NumericType::kDecimal:
      return parse_decimal(s);
    case NumericType::kFloat:
      if (auto v = parse_real(s, true)) return Numeric::of_float(*v);
      return std::nullopt;
    case NumericType::kDouble:
      if (auto v = parse_real(s, false)) return Numeric::of_double(*v);
      return std::nullopt;
  }
  return std::nullopt;
}

void append_canonical(std::string& out, const Numeric& n) {
  switch (n.type) {
    case NumericType::kInteger:
      append_int128(out, n.mantissa);
      break;
    case NumericType::kDecimal:
      append_decimal(out, n.mantissa, n.scale, true);
      break;
    case NumericType::kFloat:
      append_real_canonical(out, static_cast<float>(n.real));
      break;
    case NumericType::kDouble:
      append_real_canonical(out, n.real);
      break;
  }
}

std::string canonical_lexical(const Numeric& n) {
  std::string s;
  append_canonical(s, n);
  return s;
}

std::string xpath_string(const Numeric& n) {
  std::string s;
  switch (n.type) {
    case NumericType::kInteger:
      append_int128(s, n.mantissa);
      break;
    case NumericType::kDecimal:
      append_decimal(s, n.mantissa, n.scale, false);
      break;
    case NumericType::kFloat:
      append_real_xpath(s, static_cast<float>(n.real));
      break;
    case NumericType::kDouble:
      append_real_xpath(s, n.real);
      break;
  }
  return s;
}

std::string int128_to_string(Int128 v) {
  std::string s;
  append_int128(s, v);
  return s;
}

Numeric promote(const Numeric& n, NumericType to) {
  if (to <= n.type) return n;
  switch (to) {
    case NumericType::kInteger:
      return n;
    case NumericType::kDecimal:
      return Numeric::decimal(n.mantissa, n.scale);
    case NumericType::kFloat: {
      if (!n.is_exact()) return Numeric::of_float(n.real);
      // Round once, straight to float.
      std::string s;
      append_int128(s, n.mantissa < 0 ? -n.mantissa : n.mantissa);
      s += "e-" + std::to_string(n.scale);
      float f = 0;
      std::from_chars(s.data(), s.data() + s.size(), f);
      return Numeric::of_float(n.mantissa < 0 ? -f : f);
    }
    case NumericType::kDouble:
      return Numeric::of_double(n.to_double());
  }
  return n;
}

std::optional<Numeric> cast_numeric(const Numeric& n, NumericType to) {
  if (to >= n.type) return promote(n, to);
  switch (to) {
    case NumericType::kInteger: {
      if (n.type == NumericType::kDecimal) return Numeric::integer(n.mantissa / pow10(n.scale));
      if (!std::isfinite(n.real) || std::fabs(n.real) >= 1.7e38) return std::nullopt;
      return Numeric::integer(static_cast<Int128>(std::trunc(n.real)));
    }
    case NumericType::kDecimal:
      return real_to_decimal(n.real, n.type == NumericType::kFloat);
    case NumericType::kFloat:
      return Numeric::of_float(n.real);
    case NumericType::kDouble:
      return n;
  }
  return std::nullopt;
}

std::optional<Numeric> numeric_add(const Numeric& a, const Numeric& b) {
  const NumericType t = wider(a.type, b.type);
  if (t >= NumericType::kFloat) return make_real(t, promote(a, t).real + promote(b, t).real);
  Int128 am = a.mantissa, bm = b.mantissa, r = 0;
  int s = a.scale;
  if (a.scale != b.scale && !align(a.mantissa, a.scale, b.mantissa, b.scale, &am, &bm, &s)) {
    return std::nullopt;
  }
  if (__builtin_add_overflow(am, bm, &r)) return std::nullopt;
  return t == NumericType::kInteger ? Numeric::integer(r) : Numeric::decimal(r, s);
}

std::optional<Numeric> numeric_subtract(const Numeric& a, const Numeric& b) {
  auto nb = numeric_negate(b);
  if (!nb) return std::nullopt;
  return numeric_add(a, *nb);
}

std::optional<Numeric> numeric_multiply(const Numeric& a, const Numeric& b) {
  const NumericType t = wider(a.type, b.type);
  if (t >= NumericType::kFloat) return make_real(t, promote(a, t).real * promote(b, t).real);
  Int128 am = a.mantissa, bm = b.mantissa, r = 0;
  int sa = a.scale, sb = b.scale;
  // On overflow, give up fractional digits of the more precise operand, one at a time.
  while (__builtin_mul_overflow(am, bm, &r)) {
    if (sa == 0 && sb == 0) return std::nullopt;
    if (sa >= sb)
      am = div_pow10_round(am, 1), --sa;
    else
      bm = div_pow10_round(bm, 1), --sb;
  }
  if (t == NumericType::kInteger) return Numeric::integer(r);
  return make_decimal_rounded(r, sa + sb);
}

std::optional<Numeric> numeric_divide(const Numeric& a, const Numeric& b) {
  NumericType t = wider(a.type, b.type);
  if (t >= NumericType::kFloat) return make_real(t, promote(a, t).real / promote(b, t).real);
  if (b.mantissa == 0) return std::nullopt;  // FOAR0001
  // value = (an / bn) * 10^(sb - sa); long division producing fractional digits.
  Int128 n = a.mantissa, d = b.mantissa;
  const bool neg = (n < 0) != (d < 0);
  if (n == -kInt128Max - 1 || d == -kInt128Max - 1) return std::nullopt;
  if (n < 0) n = -n;
  if (d < 0) d = -d;
  int exp10 = b.scale - a.scale;
  // Keep the remainder times 10 in range.
  while (d > kInt128Max / 10) {
    d = div_pow10_round(d, 1), n = div_pow10_round(n, 1);
    if (d == 0) return std::nullopt;
  }
  Int128 q = n / d, r = n % d;
  int frac = 0;
  // fractional digits of the result = frac - exp10
  while (r != 0 && frac - exp10 < kDivisionDigits) {
    Int128 q10 = 0;
    if (__builtin_mul_overflow(q, 10, &q10) || q10 > kInt128Max - 9) break;
    r *= 10;
    q = q10 + r / d;
    r %= d;
    ++frac;
  }
  if (r != 0) {                  // round half to even on the remainder
    const Int128 twice = r * 2;  // r < d <= kInt128Max / 10
    if (twice > d || (twice == d && q % 2 != 0)) ++q;
  }
  int scale = frac - exp10;
  if (scale < 0) {
    if (!mul_pow10(q, -scale, &q)) return std::nullopt;
    scale = 0;
  }
  return make_decimal_rounded(neg ? -q : q, scale);
}

std::optional<Numeric> numeric_negate(const Numeric& a) {
  if (!a.is_exact()) return make_real(a.type, -a.real);
  if (a.mantissa == -kInt128Max - 1) return std::nullopt;
  Numeric r = a;
  r.mantissa = -a.mantissa;
  return r;
}

std::optional<Numeric> numeric_abs(const Numeric& a) {
  if (!a.is_exact()) return make_real(a.type, std::fabs(a.real));
  return a.mantissa < 0 ? numeric_negate(a) : std::optional<Numeric>(a);
}

std::optional<Numeric> numeric_floor(const Numeric& a) {
  switch (a.type) {
    case NumericType::kInteger:
      return a;
    case NumericType::kDecimal:
      return Numeric::decimal(floor_div_pow10(a.mantissa, a.scale), 0);
    default:
      return make_real(a.type, std::floor(a.real));
  }
}

std::optional<Numeric> numeric_ceil(const Numeric& a) {
  switch (a.type) {
    case NumericType::kInteger:
      return a;
    case NumericType::kDecimal:
      if (a.mantissa == -kInt128Max - 1) return std::nullopt;
      return Numeric::decimal(-floor_div_pow10(-a.mantissa, a.scale), 0);
    default: {
      double c = std::ceil(a.real);
      if (c == 0 && a.real < 0) c = -0.0;
      return make_real(a.type, c);
    }
  }
}

std::optional<Numeric> numeric_round(const Numeric& a) {
  switch (a.type) {
    case NumericType::kInteger:
      return a;
    case NumericType::kDecimal: {
      if (a.scale == 0) return a;
      // floor(x + 0.5), computed on the mantissa: + 5 * 10^(scale-1)
      Int128 m = 0;
      if (__builtin_add_overflow(a.mantissa, 5 * pow10(a.scale - 1), &m)) return std::nullopt;
      return Numeric::decimal(floor_div_pow10(m, a.scale), 0);
    }
    default: {
      const double x = a.real;
      if (!std::isfinite(x)) return a;
      double r = std::floor(x);
      if (x - r >= 0.5) r += 1;
      if (r == 0 && std::signbit(x)) r = -0.0;
      return make_real(a.type, r);
    }
  }
}

std::partial_ordering numeric_compare(const Numeric& a, const Numeric& b) {
  const NumericType t = wider(a.type, b.type);
  if (t >= NumericType::kFloat) return promote(a, t).real <=> promote(b, t).real;
  return compare_exact(a.mantissa, a.scale, b.mantissa, b.scale);
}

}  // namespace kennis::expr
