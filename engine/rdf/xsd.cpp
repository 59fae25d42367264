// Lexical spaces of XSD datatypes (XML Schema 1.1 Part 2, section 3). See xsd.hpp.
#include "rdf/xsd.hpp"

#include "rdf/vocab.hpp"

namespace kennis::rdf {

namespace {

constexpr std::int64_t kMaxYear = 999999999;
constexpr Int128 kI64Min = -static_cast<Int128>(9223372036854775807LL) - 1;
constexpr Int128 kI64Max = 9223372036854775807LL;
constexpr Int128 kU64Max = static_cast<Int128>(18446744073709551615ULL);

const IntegerDatatype kIntegerDatatypes[] = {
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

/// Reads the parts of date and time forms, left to right.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  /// Exactly n digits.
  bool digits(int n, int* out) {
    int v = 0;
    for (int k = 0; k < n; ++k) {
      if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
      v = v * 10 + (s_[i_++] - '0');
    }
    *out = v;
    return true;
  }
  /// '-'? yyyy+ (no leading zero beyond four digits), |year| <= kMaxYear.
  bool year(std::int64_t* out) {
    const bool neg = eat('-');
    const std::size_t start = i_;
    std::int64_t v = 0;
    while (i_ < s_.size() && is_digit(s_[i_])) {
      v = v * 10 + (s_[i_++] - '0');
      if (v > kMaxYear) return false;
    }
    const std::size_t n = i_ - start;
    if (n < 4 || (n > 4 && s_[start] == '0')) return false;
    *out = neg ? -v : v;
    return true;
  }
  /// yyyy '-' mm '-' dd, a day the month has.
  bool date(DateTimeFields* v) {
    if (!year(&v->year) || !eat('-') || !digits(2, &v->month) || !eat('-') || !digits(2, &v->day)) {
      return false;
    }
    return v->month >= 1 && v->month <= 12 && v->day >= 1 &&
           v->day <= days_in_month(v->year, v->month);
  }
  /// hh ':' mm ':' ss ('.' s+)?, at most 24:00:00 (which only as it is).
  bool time(DateTimeFields* v) {
    if (!digits(2, &v->hour) || !eat(':') || !digits(2, &v->minute) || !eat(':') ||
        !digits(2, &v->second)) {
      return false;
    }
    if (eat('.')) {
      const std::size_t start = i_;
      while (i_ < s_.size() && is_digit(s_[i_])) {
        if (v->fraction_digits < 18) {
          v->fraction = v->fraction * 10 + (s_[i_] - '0');
          ++v->fraction_digits;
        }
        ++i_;
      }
      if (i_ == start) return false;
    }
    if (v->minute > 59 || v->second > 59 || v->hour > 24) return false;
    return v->hour < 24 || (v->minute == 0 && v->second == 0 && v->fraction == 0);
  }
  /// (Z | (+|-) hh ':' mm)?, at most 14:00 either way.
  bool timezone(DateTimeFields* v) {
    if (done()) return true;
    if (eat('Z')) {
      v->has_timezone = true;
      v->timezone_minutes = 0;
      return true;
    }
    const bool neg = eat('-');
    if (!neg && !eat('+')) return false;
    int h = 0, m = 0;
    if (!digits(2, &h) || !eat(':') || !digits(2, &m)) return false;
    if (h > 14 || m > 59 || (h == 14 && m != 0)) return false;
    v->has_timezone = true;
    v->timezone_minutes = (neg ? -1 : 1) * (h * 60 + m);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

/// [+-]? digits
bool valid_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

/// An integer form of `type` within its bounds. Values beyond 128 bits are outside every
/// bound on their side.
bool valid_integer_of(std::string_view s, const IntegerDatatype& type) {
  if (!valid_integer(s)) return false;
  if (!type.min && !type.max) return true;
  const bool neg = s[0] == '-';
  if (s[0] == '+' || s[0] == '-') s.remove_prefix(1);
  Int128 v = 0;
  for (char c : s) {
    // Accumulate negatively so that the most negative value fits.
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, c - '0', &v)) {
      return neg ? !type.min : !type.max;
    }
  }
  if (!neg) {
    if (__builtin_sub_overflow(Int128{0}, v, &v)) return !type.max;
  }
  return (!type.min || v >= *type.min) && (!type.max || v <= *type.max);
}

/// [+-]? (digits ('.' digits?)? | '.' digits)
bool valid_decimal(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_digit(s[i])) {
      ++digits;
    } else if (s[i] != '.' || s.find('.', i + 1) != std::string_view::npos) {
      return false;
    }
  }
  return digits > 0;
}

/// decimal ([eE] [+-]? digits)? | [+-]? INF | NaN
bool valid_double(std::string_view s) {
  if (s == "INF" || s == "+INF" || s == "-INF" || s == "NaN") return true;
  const std::size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return valid_decimal(s);
  return valid_decimal(s.substr(0, e)) && valid_integer(s.substr(e + 1));
}

bool valid_time(std::string_view s) {
  Scanner sc(s);
  DateTimeFields v;
  return sc.time(&v) && sc.timezone(&v) && sc.done();
}

bool valid_g_year(std::string_view s) {
  Scanner sc(s);
  DateTimeFields v;
  return sc.year(&v.year) && sc.timezone(&v) && sc.done();
}

}  // namespace

std::string_view collapse_whitespace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

const IntegerDatatype* integer_datatype(std::string_view datatype) {
  if (!is_xsd(datatype)) return nullptr;
  const std::string_view local = datatype.substr(kXsd.size());
  for (const IntegerDatatype& t : kIntegerDatatypes) {
    if (t.name == local) return &t;
  }
  return nullptr;
}

std::optional<DateTimeFields> parse_xsd_date_time(std::string_view lexical) {
  Scanner sc(collapse_whitespace(lexical));
  DateTimeFields v;
  if (!sc.date(&v) || !sc.eat('T') || !sc.time(&v) || !sc.timezone(&v) || !sc.done()) {
    return std::nullopt;
  }
  // 24:00:00 is the first moment of the next day, which must have a year too.
  if (v.hour == 24 && v.year == kMaxYear && v.month == 12 && v.day == 31) return std::nullopt;
  return v;
}

std::optional<DateTimeFields> parse_xsd_date(std::string_view lexical) {
  Scanner sc(collapse_whitespace(lexical));
  DateTimeFields v;
  if (!sc.date(&v) || !sc.timezone(&v) || !sc.done()) return std::nullopt;
  return v;
}

bool valid_lexical_form(std::string_view lexical, std::string_view datatype) {
  if (!is_xsd(datatype)) return true;
  const std::string_view type = datatype.substr(kXsd.size());
  // Booleans are compared as written (as the evaluator always has).
  if (type == "boolean") {
    return lexical == "true" || lexical == "false" || lexical == "1" || lexical == "0";
  }
  const std::string_view s = collapse_whitespace(lexical);
  if (const IntegerDatatype* t = integer_datatype(datatype)) return valid_integer_of(s, *t);
  if (type == "decimal") return valid_decimal(s);
  if (type == "double" || type == "float") return valid_double(s);
  if (type == "dateTime") return parse_xsd_date_time(s).has_value();
  if (type == "date") return parse_xsd_date(s).has_value();
  if (type == "time") return valid_time(s);
  if (type == "gYear") return valid_g_year(s);
  return true;
}

}  // namespace kennis::rdf
