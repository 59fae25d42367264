// xsd:dateTime / xsd:date parsing and order. See datetime.hpp.
#include "expr/datetime.hpp"

#include <cstdio>

namespace kennis::expr {
namespace {

constexpr std::int64_t kMaxYear = 999999999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms").
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t* y, int* m, int* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
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
  // '-'? yyyy+ (no leading zero beyond four digits)
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
  // ('.' digit+)?
  void fraction(DateTime* v) {
    if (!eat('.')) return;
    while (i_ < s_.size() && is_digit(s_[i_])) {
      if (v->fraction_digits < 18) {
        v->fraction = v->fraction * 10 + (s_[i_] - '0');
        ++v->fraction_digits;
      }
      ++i_;
    }
  }
  // (Z | (+|-) hh ':' mm)?
  bool timezone(DateTime* v) {
    if (done()) return true;
    if (eat('Z')) {
      v->has_timezone = true;
      v->timezone_minutes = 0;
      return true;
    }
    const char sign = peek();
    if (sign != '+' && sign != '-') return false;
    ++i_;
    int h = 0, m = 0;
    if (!digits(2, &h) || !eat(':') || !digits(2, &m)) return false;
    if (h > 14 || m > 59 || (h == 14 && m != 0)) return false;
    v->has_timezone = true;
    v->timezone_minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }
  std::size_t pos() const { return i_; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::string_view collapse(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool parse_date_part(Scanner& sc, DateTime* v) {
  if (!sc.year(&v->year) || !sc.eat('-') || !sc.digits(2, &v->month) || !sc.eat('-') ||
      !sc.digits(2, &v->day)) {
    return false;
  }
  return v->month >= 1 && v->month <= 12 && v->day >= 1 &&
         v->day <= days_in_month(v->year, v->month);
}

/// Seconds since the epoch (local time, timezone not applied) scaled by 10^18, plus fraction.
Int128 local_instant(const DateTime& v) {
  const std::int64_t days = days_from_civil(v.year, v.month, v.day);
  const std::int64_t secs = days * 86400 + v.hour * 3600 + v.minute * 60 + v.second;
  std::int64_t frac = v.fraction;
  for (int k = v.fraction_digits; k < 18; ++k) frac *= 10;
  return static_cast<Int128>(secs) * 1000000000000000000LL + frac;
}

constexpr Int128 kFourteenHours = static_cast<Int128>(14 * 3600) * 1000000000000000000LL;

Int128 utc_instant(const DateTime& v) {
  return local_instant(v) - static_cast<Int128>(v.timezone_minutes) * 60 * 1000000000000000000LL;
}

DateOrder order_of(Int128 a, Int128 b) {
  return a < b ? DateOrder::kLess : a > b ? DateOrder::kGreater : DateOrder::kEqual;
}

void append_2(std::string& out, int v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

std::optional<DateTime> parse_date_time(std::string_view lexical) {
  Scanner sc(collapse(lexical));
  DateTime v;
  if (!parse_date_part(sc, &v) || !sc.eat('T') || !sc.digits(2, &v.hour) || !sc.eat(':') ||
      !sc.digits(2, &v.minute) || !sc.eat(':') || !sc.digits(2, &v.second)) {
    return std::nullopt;
  }
  const std::size_t dot = sc.pos();
  sc.fraction(&v);
  if (sc.pos() == dot + 1) return std::nullopt;  // '.' without digits
  if (!sc.timezone(&v) || !sc.done()) return std::nullopt;
  if (v.minute > 59 || v.second > 59) return std::nullopt;
  if (v.hour == 24) {
    if (v.minute != 0 || v.second != 0 || v.fraction != 0) return std::nullopt;
    std::int64_t days = days_from_civil(v.year, v.month, v.day) + 1;
    civil_from_days(days, &v.year, &v.month, &v.day);
    v.hour = 0;
    if (v.year > kMaxYear) return std::nullopt;
  } else if (v.hour > 23) {
    return std::nullopt;
  }
  return v;
}

std::optional<DateTime> parse_date(std::string_view lexical) {
  Scanner sc(collapse(lexical));
  DateTime v;
  v.is_date = true;
  if (!parse_date_part(sc, &v) || !sc.timezone(&v) || !sc.done()) return std::nullopt;
  return v;
}

DateOrder compare_date_time(const DateTime& a, const DateTime& b) {
  if (a.has_timezone == b.has_timezone) return order_of(utc_instant(a), utc_instant(b));
  // One value lacks a timezone: it may be anywhere from 14 hours earlier to 14 hours later.
  if (a.has_timezone) {
    const Int128 p = utc_instant(a), q = local_instant(b);
    if (p < q - kFourteenHours) return DateOrder::kLess;
    if (p > q + kFourteenHours) return DateOrder::kGreater;
    return DateOrder::kIndeterminate;
  }
  const Int128 p = local_instant(a), q = utc_instant(b);
  if (p + kFourteenHours < q) return DateOrder::kLess;
  if (p - kFourteenHours > q) return DateOrder::kGreater;
  return DateOrder::kIndeterminate;
}

int compare_date_time_total(const DateTime& a, const DateTime& b) {
  const Int128 p = utc_instant(a), q = utc_instant(b);
  if (p != q) return p < q ? -1 : 1;
  if (a.has_timezone != b.has_timezone) return a.has_timezone ? 1 : -1;
  return 0;
}

DateTime date_time_from_unix_millis(std::int64_t ms) {
  std::int64_t days = ms / 86400000;
  std::int64_t rest = ms % 86400000;
  if (rest < 0) rest += 86400000, --days;
  DateTime v;
  civil_from_days(days, &v.year, &v.month, &v.day);
  v.hour = static_cast<int>(rest / 3600000);
  v.minute = static_cast<int>(rest / 60000 % 60);
  v.second = static_cast<int>(rest / 1000 % 60);
  v.fraction = rest % 1000;
  v.fraction_digits = 3;
  v.has_timezone = true;
  v.timezone_minutes = 0;
  return v;
}

std::string format_date_time(const DateTime& v) {
  std::string out;
  char buf[32];
  if (v.year < 0) {
    std::snprintf(buf, sizeof buf, "-%04lld", static_cast<long long>(-v.year));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(v.year));
  }
  out += buf;
  out.push_back('-');
  append_2(out, v.month);
  out.push_back('-');
  append_2(out, v.day);
  out.push_back('T');
  append_2(out, v.hour);
  out.push_back(':');
  append_2(out, v.minute);
  out.push_back(':');
  append_2(out, v.second);
  if (v.fraction != 0) {
    std::string digits = std::to_string(v.fraction);
    digits.insert(0, static_cast<std::size_t>(v.fraction_digits) - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out.push_back('.');
    out += digits;
  }
  out += timezone_string(v);
  return out;
}

Numeric date_time_seconds(const DateTime& v) {
  Int128 m = v.second;
  for (int k = 0; k < v.fraction_digits; ++k) m *= 10;
  return Numeric::decimal(m + v.fraction, v.fraction_digits);
}

std::string timezone_duration(const DateTime& v) {
  int m = v.timezone_minutes;
  if (m == 0) return "PT0S";
  std::string out;
  if (m < 0) out.push_back('-'), m = -m;
  out += "PT";
  if (m / 60 != 0) out += std::to_string(m / 60) + "H";
  if (m % 60 != 0) out += std::to_string(m % 60) + "M";
  return out;
}

std::string timezone_string(const DateTime& v) {
  if (!v.has_timezone) return "";
  if (v.timezone_minutes == 0) return "Z";
  int m = v.timezone_minutes;
  std::string out(1, m < 0 ? '-' : '+');
  if (m < 0) m = -m;
  append_2(out, m / 60);
  out.push_back(':');
  append_2(out, m % 60);
  return out;
}

}  // namespace kennis::expr
