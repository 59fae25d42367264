// XSD datatypes (XML Schema 1.1 Part 2): the lexical spaces of the datatypes Kennis knows,
// the one validator of lexical forms (`kennis check` K101, and the SPARQL evaluator telling
// ill-typed literals, expr::classify), the bounds of xsd:integer's derived types, and the
// fields of dateTime and date forms (section 3.3.7, 3.3.9), which expr turns into values.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kennis::rdf {

__extension__ typedef __int128 Int128;

/// `lexical` without the whitespace (space, tab, CR, LF) at either end: the "collapse"
/// whitespace facet of the non-string datatypes, for forms without inner whitespace.
std::string_view collapse_whitespace(std::string_view lexical);

/// xsd:integer or a datatype derived from it by restricting its range.
struct IntegerDatatype {
  std::string_view name;  ///< local name in the XSD namespace
  std::optional<Int128> min, max;
};

/// The integer datatype `datatype` (an IRI) names, or nullptr.
const IntegerDatatype* integer_datatype(std::string_view datatype);

/// The fields of a dateTime or date lexical form, as written (24:00:00 is not normalised).
struct DateTimeFields {
  std::int64_t year = 1;  ///< astronomical numbering (0 = 1 BCE); |year| < 10^9
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::int64_t fraction = 0;  ///< fractional second = fraction / 10^fraction_digits
  int fraction_digits = 0;    ///< at most 18; further digits are dropped
  bool has_timezone = false;
  int timezone_minutes = 0;  ///< offset from UTC, -840 .. 840
};

/// The fields of an xsd:dateTime lexical form (whitespace collapsed); nullopt if it is not
/// one: a day the month does not have, 24:00:00 other than exactly, a timezone beyond 14:00.
std::optional<DateTimeFields> parse_xsd_date_time(std::string_view lexical);
/// The fields of an xsd:date lexical form (whitespace collapsed); nullopt if it is not one.
std::optional<DateTimeFields> parse_xsd_date(std::string_view lexical);

/// True iff `lexical` is in the lexical space of the XSD datatype `datatype` (an IRI):
/// integer and its derived types (within their range), decimal, float, double, boolean,
/// dateTime, date, time and gYear. Other datatypes (string types, anyURI, non-XSD ones)
/// accept every form.
bool valid_lexical_form(std::string_view lexical, std::string_view datatype);

}  // namespace kennis::rdf
