// XSD lexical spaces: the one validator behind `kennis check` (K101) and the evaluator's
// ill-typed literals, integer bounds, and the fields of dateTime and date forms.
#include "rdf/xsd.hpp"

#include "rdf/vocab.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kennis::rdf {
namespace {

bool valid(std::string_view lexical, std::string_view local) {
  return valid_lexical_form(lexical, std::string(kXsd) + std::string(local));
}

TEST(ValidLexicalForm, Integers) {
  EXPECT_TRUE(valid("12", "integer"));
  EXPECT_TRUE(valid("-0012", "integer"));
  EXPECT_TRUE(valid("+7", "integer"));
  EXPECT_TRUE(valid(" 12\n", "integer"));  // whitespace collapsed
  EXPECT_TRUE(valid("123456789012345678901234567890123456789012", "integer"));
  EXPECT_FALSE(valid("12x", "integer"));
  EXPECT_FALSE(valid("1 2", "integer"));
  EXPECT_FALSE(valid("", "integer"));
  EXPECT_FALSE(valid("+", "integer"));
  EXPECT_FALSE(valid("1.0", "integer"));
}

TEST(ValidLexicalForm, DerivedIntegersStayInTheirRange) {
  EXPECT_TRUE(valid("127", "byte"));
  EXPECT_FALSE(valid("128", "byte"));
  EXPECT_TRUE(valid("-128", "byte"));
  EXPECT_TRUE(valid("18446744073709551615", "unsignedLong"));
  EXPECT_FALSE(valid("18446744073709551616", "unsignedLong"));
  EXPECT_TRUE(valid("-9223372036854775808", "long"));
  EXPECT_FALSE(valid("-9223372036854775809", "long"));
  EXPECT_TRUE(valid("-0", "nonNegativeInteger"));
  EXPECT_FALSE(valid("-1", "nonNegativeInteger"));
  EXPECT_FALSE(valid("+000", "positiveInteger"));
  EXPECT_TRUE(valid("99999999999999999999999999999999999999999999", "positiveInteger"));
  EXPECT_TRUE(valid("-99999999999999999999999999999999999999999999", "nonPositiveInteger"));
  EXPECT_FALSE(valid("99999999999999999999999999999999999999999999", "negativeInteger"));
  EXPECT_FALSE(valid("99999999999999999999999999999999999999999999", "long"));
}

TEST(ValidLexicalForm, DecimalsAndFloatingPoint) {
  EXPECT_TRUE(valid("1.5", "decimal"));
  EXPECT_TRUE(valid("-.5", "decimal"));
  EXPECT_TRUE(valid("5.", "decimal"));
  EXPECT_FALSE(valid(".", "decimal"));
  EXPECT_FALSE(valid("1.2.3", "decimal"));
  EXPECT_FALSE(valid("1e3", "decimal"));
  EXPECT_TRUE(valid("1e3", "double"));
  EXPECT_TRUE(valid("-1.5E-07", "float"));
  EXPECT_TRUE(valid("INF", "double"));
  EXPECT_TRUE(valid("+INF", "double"));
  EXPECT_TRUE(valid("NaN", "float"));
  EXPECT_FALSE(valid("-NaN", "double"));
  EXPECT_FALSE(valid("inf", "double"));
  EXPECT_FALSE(valid("1e", "double"));
  EXPECT_FALSE(valid("e5", "double"));
}

TEST(ValidLexicalForm, BooleansAsWritten) {
  for (const char* b : {"true", "false", "1", "0"}) EXPECT_TRUE(valid(b, "boolean")) << b;
  EXPECT_FALSE(valid("yes", "boolean"));
  EXPECT_FALSE(valid("TRUE", "boolean"));
  EXPECT_FALSE(valid(" true", "boolean"));
}

TEST(ValidLexicalForm, DatesAndTimes) {
  EXPECT_TRUE(valid("2024-02-29", "date"));
  EXPECT_FALSE(valid("2023-02-29", "date"));
  EXPECT_FALSE(valid("2024-13-01", "date"));
  EXPECT_TRUE(valid("-0044-03-15Z", "date"));
  EXPECT_FALSE(valid("02024-01-01", "date"));
  EXPECT_TRUE(valid("12024-01-01", "date"));
  EXPECT_TRUE(valid("2024-01-01T10:00:00.5+14:00", "dateTime"));
  EXPECT_FALSE(valid("2024-01-01T10:00:00+14:30", "dateTime"));
  EXPECT_TRUE(valid("2024-12-31T24:00:00", "dateTime"));
  EXPECT_FALSE(valid("2024-12-31T24:00:01", "dateTime"));
  EXPECT_FALSE(valid("2024-12-31T10:60:00", "dateTime"));
  EXPECT_FALSE(valid("2024-12-31T10:00:00.", "dateTime"));
  EXPECT_FALSE(valid("999999999-12-31T24:00:00", "dateTime"));
  EXPECT_FALSE(valid("2024-01-01", "dateTime"));
  EXPECT_TRUE(valid("23:59:59.999Z", "time"));
  EXPECT_FALSE(valid("25:00:00", "time"));
  EXPECT_TRUE(valid("2019", "gYear"));
  EXPECT_TRUE(valid("-2019+01:00", "gYear"));
  EXPECT_FALSE(valid("19", "gYear"));
}

TEST(ValidLexicalForm, OtherDatatypesAcceptEverything) {
  EXPECT_TRUE(valid("anything at all", "string"));
  EXPECT_TRUE(valid("not a uri", "anyURI"));
  EXPECT_TRUE(valid("P1Y", "duration"));
  EXPECT_TRUE(valid_lexical_form("12x", "http://example.org/integer"));
}

TEST(IntegerDatatype, NamesTheDerivedTypesWithTheirBounds) {
  const IntegerDatatype* byte = integer_datatype(std::string(kXsd) + "byte");
  ASSERT_NE(byte, nullptr);
  EXPECT_TRUE(*byte->min == -128);
  EXPECT_TRUE(*byte->max == 127);
  EXPECT_NE(integer_datatype(kXsdInteger), nullptr);
  EXPECT_FALSE(integer_datatype(kXsdInteger)->min.has_value());
  EXPECT_EQ(integer_datatype(kXsdDecimal), nullptr);
  EXPECT_EQ(integer_datatype("http://example.org/byte"), nullptr);
}

TEST(ParseXsdDateTime, KeepsTheFieldsAsWritten) {
  const auto v = parse_xsd_date_time(" 2024-12-31T23:59:58.250-05:30 ");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->year, 2024);
  EXPECT_EQ(v->month, 12);
  EXPECT_EQ(v->day, 31);
  EXPECT_EQ(v->hour, 23);
  EXPECT_EQ(v->minute, 59);
  EXPECT_EQ(v->second, 58);
  EXPECT_EQ(v->fraction, 250);
  EXPECT_EQ(v->fraction_digits, 3);
  EXPECT_TRUE(v->has_timezone);
  EXPECT_EQ(v->timezone_minutes, -330);
  const auto midnight = parse_xsd_date_time("2024-12-31T24:00:00.000");
  ASSERT_TRUE(midnight.has_value());
  EXPECT_EQ(midnight->day, 31);
  EXPECT_EQ(midnight->hour, 24);
  const auto d = parse_xsd_date("2024-03-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->has_timezone);
  EXPECT_EQ(d->hour, 0);
  EXPECT_FALSE(parse_xsd_date("2024-03-01T00:00:00").has_value());
}

TEST(CollapseWhitespace, TrimsXmlSpaceAtBothEnds) {
  EXPECT_EQ(collapse_whitespace(" \t\r\n1 2\n"), "1 2");
  EXPECT_EQ(collapse_whitespace("   "), "");
}

}  // namespace
}  // namespace kennis::rdf
