// XPath numerics: lexical spaces, canonical forms, promotion, exact decimal arithmetic.
#include "expr/numeric.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace kennis::expr {
namespace {

Numeric parse(std::string_view s, NumericType t) {
  auto n = parse_numeric(s, t);
  EXPECT_TRUE(n.has_value()) << s;
  return n.value_or(Numeric{});
}
Numeric i(std::string_view s) { return parse(s, NumericType::kInteger); }
Numeric d(std::string_view s) { return parse(s, NumericType::kDecimal); }
Numeric f(std::string_view s) { return parse(s, NumericType::kFloat); }
Numeric g(std::string_view s) { return parse(s, NumericType::kDouble); }

std::string canon(std::optional<Numeric> n) { return n ? canonical_lexical(*n) : "error"; }

TEST(Numeric, ParsesLexicalSpaces) {
  EXPECT_EQ(canon(i("+0042")), "42");
  EXPECT_EQ(canon(i(" -7 ")), "-7");  // whitespace collapsed
  EXPECT_FALSE(parse_numeric("1.0", NumericType::kInteger));
  EXPECT_FALSE(parse_numeric("", NumericType::kInteger));
  EXPECT_FALSE(parse_numeric("+", NumericType::kInteger));
  EXPECT_FALSE(parse_numeric("1 2", NumericType::kInteger));
  EXPECT_EQ(canon(d("+33.3300")), "33.33");
  EXPECT_EQ(canon(d(".5")), "0.5");
  EXPECT_EQ(canon(d("5.")), "5.0");
  EXPECT_EQ(canon(d("-0.0")), "0.0");
  EXPECT_FALSE(parse_numeric("1E0", NumericType::kDecimal));
  EXPECT_FALSE(parse_numeric(".", NumericType::kDecimal));
  EXPECT_EQ(canon(g("-10.2E3")), "-1.02E4");
  EXPECT_EQ(canon(g("1e0")), "1.0E0");
  EXPECT_EQ(canon(g("INF")), "INF");
  EXPECT_EQ(canon(g("-INF")), "-INF");
  EXPECT_EQ(canon(g("NaN")), "NaN");
  EXPECT_EQ(canon(g("1E400")), "INF");  // beyond the range: rounds to infinity
  EXPECT_EQ(canon(g("1E-400")), "0.0E0");
  EXPECT_FALSE(parse_numeric("nan", NumericType::kDouble));
  EXPECT_FALSE(parse_numeric("1E", NumericType::kDouble));
  EXPECT_FALSE(parse_numeric("0x10", NumericType::kDouble));
  EXPECT_EQ(canon(f("0.1")), "1.0E-1");
  EXPECT_EQ(canon(f("1.25")), "1.25E0");
}

TEST(Numeric, IntegersBeyondSixtyFourBits) {
  const Numeric big = i("170141183460469231731687303715884105727");  // 2^127 - 1
  EXPECT_EQ(canon(big), "170141183460469231731687303715884105727");
  EXPECT_FALSE(parse_numeric("170141183460469231731687303715884105728", NumericType::kInteger));
  EXPECT_EQ(canon(i("-170141183460469231731687303715884105728")),
            "-170141183460469231731687303715884105728");
  EXPECT_EQ(canon(numeric_add(big, i("1"))), "error");  // overflow is an error, not a wrap
  EXPECT_EQ(canon(numeric_multiply(i("9223372036854775807"), i("9223372036854775807"))),
            "85070591730234615847396907784232501249");
}

TEST(Numeric, CanonicalDoubles) {
  EXPECT_EQ(canon(Numeric::of_double(1.5)), "1.5E0");
  EXPECT_EQ(canon(Numeric::of_double(100)), "1.0E2");
  EXPECT_EQ(canon(Numeric::of_double(0.001)), "1.0E-3");
  EXPECT_EQ(canon(Numeric::of_double(-0.0)), "-0.0E0");
  EXPECT_EQ(canon(Numeric::of_double(123456789.0)), "1.23456789E8");
  EXPECT_EQ(canon(Numeric::of_double(0.1 + 0.2)), "3.0000000000000004E-1");
}

TEST(Numeric, XPathStringForm) {
  EXPECT_EQ(xpath_string(d("1.0")), "1");
  EXPECT_EQ(xpath_string(d("-2.50")), "-2.5");
  EXPECT_EQ(xpath_string(g("1E0")), "1");
  EXPECT_EQ(xpath_string(g("0E1")), "0");
  EXPECT_EQ(xpath_string(f("-7.875")), "-7.875");
  EXPECT_EQ(xpath_string(g("1E6")), "1.0E6");
  EXPECT_EQ(xpath_string(g("1.5E-7")), "1.5E-7");
  EXPECT_EQ(xpath_string(g("123456.5")), "123456.5");
}

TEST(Numeric, PromotionFollowsOperandTypes) {
  EXPECT_EQ(canon(numeric_add(i("1"), i("1"))), "2");
  EXPECT_EQ(numeric_add(i("1"), i("1"))->type, NumericType::kInteger);
  EXPECT_EQ(canon(numeric_add(i("1"), d("0.5"))), "1.5");
  EXPECT_EQ(numeric_add(i("1"), d("0.5"))->type, NumericType::kDecimal);
  EXPECT_EQ(canon(numeric_add(d("0.5"), f("1"))), "1.5E0");
  EXPECT_EQ(numeric_add(d("0.5"), f("1"))->type, NumericType::kFloat);
  EXPECT_EQ(numeric_add(f("1"), g("1"))->type, NumericType::kDouble);
  // float arithmetic is rounded to float precision
  EXPECT_EQ(canon(numeric_add(f("0.1"), f("0.2"))), "3.0E-1");
}

TEST(Numeric, DecimalArithmeticIsExact) {
  EXPECT_EQ(canon(numeric_add(d("0.1"), d("0.2"))), "0.3");
  EXPECT_EQ(canon(numeric_subtract(d("1.10"), d("0.1"))), "1.0");
  EXPECT_EQ(canon(numeric_multiply(d("1.5"), d("-0.2"))), "-0.3");
  EXPECT_EQ(canon(numeric_divide(d("11.1"), i("5"))), "2.22");
}

TEST(Numeric, IntegerDivisionIsDecimal) {
  EXPECT_EQ(canon(numeric_divide(i("1"), i("2"))), "0.5");
  EXPECT_EQ(numeric_divide(i("4"), i("2"))->type, NumericType::kDecimal);
  EXPECT_EQ(canon(numeric_divide(i("4"), i("2"))), "2.0");
  EXPECT_EQ(canon(numeric_divide(i("1"), i("3"))), "0.33333333333333333333");
  EXPECT_EQ(canon(numeric_divide(i("2"), i("3"))), "0.66666666666666666667");
  EXPECT_EQ(canon(numeric_divide(i("-1"), i("8"))), "-0.125");
  EXPECT_EQ(canon(numeric_divide(d("1"), d("0.001"))), "1000.0");
  EXPECT_EQ(canon(numeric_divide(i("1"), i("0"))), "error");
  EXPECT_EQ(canon(numeric_divide(d("1.5"), d("0.0"))), "error");
  EXPECT_EQ(canon(numeric_divide(g("1"), g("0"))), "INF");
  EXPECT_EQ(canon(numeric_divide(g("0"), g("0"))), "NaN");
}

TEST(Numeric, Rounding) {
  EXPECT_EQ(canon(numeric_round(d("2.5"))), "3.0");
  EXPECT_EQ(canon(numeric_round(d("-2.5"))), "-2.0");  // half towards positive infinity
  EXPECT_EQ(canon(numeric_round(d("-1.6"))), "-2.0");
  EXPECT_EQ(canon(numeric_round(g("2.4999"))), "2.0E0");
  EXPECT_EQ(canon(numeric_round(g("-0.4"))), "-0.0E0");
  EXPECT_EQ(canon(numeric_round(i("7"))), "7");
  EXPECT_EQ(canon(numeric_ceil(d("-1.6"))), "-1.0");
  EXPECT_EQ(canon(numeric_ceil(d("1.1"))), "2.0");
  EXPECT_EQ(canon(numeric_floor(d("-1.6"))), "-2.0");
  EXPECT_EQ(canon(numeric_floor(g("1.5"))), "1.0E0");
  EXPECT_EQ(canon(numeric_abs(d("-1.6"))), "1.6");
  EXPECT_EQ(canon(numeric_abs(i("-2"))), "2");
}

TEST(Numeric, ComparesAcrossTypes) {
  EXPECT_TRUE(numeric_compare(i("1"), d("1.0")) == 0);
  EXPECT_TRUE(numeric_compare(i("1"), g("1E0")) == 0);
  EXPECT_TRUE(numeric_compare(d("0.30"), d("0.3")) == 0);
  EXPECT_TRUE(numeric_compare(d("-1.5"), i("-1")) < 0);
  EXPECT_TRUE(numeric_compare(d("123456789012345678901234.5"), d("0.000000000000000000001")) > 0);
  EXPECT_TRUE(numeric_compare(g("NaN"), g("NaN")) == std::partial_ordering::unordered);
  EXPECT_TRUE(numeric_compare(g("-INF"), i("-99999999999")) < 0);
}

TEST(Numeric, Casts) {
  EXPECT_EQ(canon(cast_numeric(g("-7.875"), NumericType::kInteger)), "-7");
  EXPECT_EQ(canon(cast_numeric(f("1.25"), NumericType::kDecimal)), "1.25");
  EXPECT_EQ(canon(cast_numeric(g("0.1"), NumericType::kDecimal)), "0.1");
  EXPECT_EQ(canon(cast_numeric(g("1E20"), NumericType::kDecimal)), "100000000000000000000.0");
  EXPECT_EQ(canon(cast_numeric(d("2.5"), NumericType::kInteger)), "2");
  EXPECT_EQ(canon(cast_numeric(g("INF"), NumericType::kInteger)), "error");
  EXPECT_EQ(canon(cast_numeric(g("NaN"), NumericType::kDecimal)), "error");
  EXPECT_EQ(canon(cast_numeric(i("13"), NumericType::kDouble)), "1.3E1");
  EXPECT_EQ(canon(cast_numeric(d("0.1"), NumericType::kFloat)), "1.0E-1");
}

}  // namespace
}  // namespace kennis::expr
