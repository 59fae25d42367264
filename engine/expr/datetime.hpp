// xsd:dateTime and xsd:date values: parsing (XSD 1.1 Part 2, 3.3.7 and 3.3.9; the lexical
// forms are read by rdf/xsd.hpp, the validator of every XSD form), the partial
// order of 3.3.7.3 / appendix D (values with and without timezone are compared assuming the
// missing timezone lies between -14:00 and +14:00, else the order is indeterminate) and the
// accessors behind YEAR ... TZ (SPARQL 1.1 section 17.4.5).
#pragma once

#include "expr/numeric.hpp"
#include "rdf/xsd.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kennis::expr {

/// A dateTime (or a date: time 00:00:00). Hour 24:00:00 is normalised to the next day.
struct DateTime : rdf::DateTimeFields {
  bool is_date = false;  ///< parsed from xsd:date
};

/// Parses an xsd:dateTime lexical form; nullopt if invalid.
std::optional<DateTime> parse_date_time(std::string_view lexical);
/// Parses an xsd:date lexical form; nullopt if invalid.
std::optional<DateTime> parse_date(std::string_view lexical);

enum class DateOrder { kLess, kEqual, kGreater, kIndeterminate };

/// The XSD order of two values of the same type (both dateTime or both date).
DateOrder compare_date_time(const DateTime& a, const DateTime& b);
/// A total order for ORDER BY: a value without timezone is taken as UTC. <0, 0, >0.
int compare_date_time_total(const DateTime& a, const DateTime& b);

/// The UTC dateTime (timezone Z) `ms` milliseconds after 1970-01-01T00:00:00Z.
DateTime date_time_from_unix_millis(std::int64_t ms);

/// xsd:dateTime lexical form (canonical: UTC values end in "Z", fraction without trailing
/// zeros). For a date value, the dateTime at 00:00:00 of that day.
std::string format_date_time(const DateTime& v);
/// SECONDS(): the seconds with fraction, as xsd:decimal.
Numeric date_time_seconds(const DateTime& v);
/// TIMEZONE(): the offset as an xsd:dayTimeDuration lexical form ("PT0S", "-PT8H",
/// "PT5H30M"). REQUIRES: v.has_timezone.
std::string timezone_duration(const DateTime& v);
/// TZ(): "Z", "-08:00", or "" without timezone.
std::string timezone_string(const DateTime& v);

}  // namespace kennis::expr
