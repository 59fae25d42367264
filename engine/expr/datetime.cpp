// xsd:dateTime / xsd:date values and their order. See datetime.hpp.
#include "expr/datetime.hpp"

#include <cstdio>

namespace kennis::expr {
namespace {

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
  std::optional<rdf::DateTimeFields> fields = rdf::parse_xsd_date_time(lexical);
  if (!fields) return std::nullopt;
  DateTime v{*fields, false};
  if (v.hour == 24) {
    // 24:00:00 is the first moment of the next day.
    std::int64_t days = days_from_civil(v.year, v.month, v.day) + 1;
    civil_from_days(days, &v.year, &v.month, &v.day);
    v.hour = 0;
  }
  return v;
}

std::optional<DateTime> parse_date(std::string_view lexical) {
  std::optional<rdf::DateTimeFields> fields = rdf::parse_xsd_date(lexical);
  if (!fields) return std::nullopt;
  return DateTime{*fields, true};
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
