// UTF-8 helpers, case mapping, percent-encoding, RFC 3986 resolution, XPath regexes,
// xsd:dateTime values.
#include "expr/text.hpp"

#include "expr/datetime.hpp"
#include "expr/regex.hpp"

#include <gtest/gtest.h>

namespace kennis::expr {
namespace {

TEST(Text, CountsAndSlicesCodePoints) {
  EXPECT_EQ(code_point_count("fran\xC3\xA7"
                             "ais"),
            8u);
  EXPECT_EQ(code_point_count("\xF0\x9F\x91\xAA"), 1u);  // U+1F46A, outside the BMP
  EXPECT_EQ(code_point_substr("fran\xC3\xA7"
                              "ais",
                              3, 5),
            "n\xC3\xA7");
  EXPECT_EQ(code_point_substr("abc", 1, 99), "bc");
  EXPECT_EQ(code_point_substr("abc", 5, 9), "");
  EXPECT_EQ(u32_to_utf8(utf8_to_u32("\xF0\x9F\x91\xAA"
                                    "x")),
            "\xF0\x9F\x91\xAA"
            "x");
  EXPECT_EQ(utf8_to_u32("a\xFF"
                        "b"),
            std::u32string(U"a\uFFFDb"));  // invalid byte
}

TEST(Text, MapsCase) {
  EXPECT_EQ(to_upper("foo bar"), "FOO BAR");
  EXPECT_EQ(to_lower("BAZ"), "baz");
  EXPECT_EQ(to_upper("\xC3\xA9t\xC3\xA9"), "\xC3\x89T\xC3\x89");  // été -> ÉTÉ
  EXPECT_EQ(to_upper("\xE9\xA3\x9F"), "\xE9\xA3\x9F");            // no case
  EXPECT_TRUE(equals_ignore_case("en-GB", "EN-gb"));
  EXPECT_FALSE(equals_ignore_case("en", "en-gb"));
}

TEST(Text, EncodesForUri) {
  EXPECT_EQ(encode_for_uri("Los Angeles"), "Los%20Angeles");
  EXPECT_EQ(encode_for_uri("100% a-b_c.d~"), "100%25%20a-b_c.d~");
  EXPECT_EQ(encode_for_uri("\xC3\xA7"), "%C3%A7");
}

bool matches(const char* pattern, const char* flags, std::string_view text) {
  const std::optional<Regex> re = Regex::compile(pattern, flags);
  EXPECT_TRUE(re.has_value()) << pattern;
  return re && re->search(text) == std::optional<bool>(true);
}

std::string replace(const char* pattern, const char* flags, std::string_view text,
                    std::string_view replacement) {
  const std::optional<Regex> re = Regex::compile(pattern, flags);
  if (!re) return "bad pattern";
  return re->replace(text, replacement).value_or("error");
}

TEST(Regex, MatchesWithFlags) {
  EXPECT_TRUE(matches("^ab", "", "abc"));
  EXPECT_FALSE(matches("^AB", "", "abc"));
  EXPECT_TRUE(matches("^AB", "i", "abc"));
  EXPECT_TRUE(matches("\xC3\x89T\xC3\x89", "i", "\xC3\xA9t\xC3\xA9"));  // ETE / ete
  EXPECT_FALSE(matches("a.b", "", "a\nb"));
  EXPECT_TRUE(matches("a.b", "s", "a\nb"));
  EXPECT_FALSE(matches("^b", "", "a\nb"));
  EXPECT_TRUE(matches("^b", "m", "a\nb"));
  EXPECT_FALSE(matches("a$", "", "a\nb"));
  EXPECT_TRUE(matches("a$", "m", "a\nb"));
  EXPECT_TRUE(matches("a b c", "x", "abc"));
  EXPECT_TRUE(matches("[ ]", "x", "a b"));  // whitespace in classes stays
  EXPECT_TRUE(matches("a.c", "q", "xa.cx"));
  EXPECT_FALSE(matches("a.c", "q", "abc"));
  EXPECT_TRUE(matches("^.$", "", "\xF0\x9F\x91\xAA"));  // one code point
  EXPECT_TRUE(matches("", "", "abc"));
}

TEST(Regex, Syntax) {
  EXPECT_TRUE(matches("^a{2,3}$", "", "aaa"));
  EXPECT_FALSE(matches("^a{2,3}$", "", "aaaa"));
  EXPECT_TRUE(matches("^a{2,}$", "", "aaaaa"));
  EXPECT_TRUE(matches("^(ab|cd)+$", "", "abcdab"));
  EXPECT_TRUE(matches("^(?:ab)?c$", "", "c"));
  EXPECT_TRUE(matches("^[a-c-[b]]+$", "", "acca"));  // class subtraction
  EXPECT_FALSE(matches("^[a-c-[b]]+$", "", "abc"));
  EXPECT_TRUE(matches("^[^a-c]$", "", "d"));
  EXPECT_TRUE(matches("^[-a]+$", "", "-a-"));
  EXPECT_TRUE(matches("^[a\\-]+$", "", "a-a"));
  EXPECT_TRUE(matches("^[a\\\\]+$", "", "a\\a"));
  EXPECT_TRUE(matches("^\\d+\\s\\w+$", "", "42 abc"));
  EXPECT_FALSE(matches("^\\w$", "", "!"));
  EXPECT_TRUE(matches("^\\p{Lu}\\p{Ll}+$", "", "Hello"));
  EXPECT_FALSE(matches("^\\p{Lu}+$", "", "Hello"));
  EXPECT_TRUE(matches("^[\\p{L}]+$", "",
                      "fran\xC3\xA7"
                      "ais"));
  EXPECT_TRUE(matches("^\\P{L}+$", "", "123"));
  EXPECT_TRUE(matches("^\\p{IsBasicLatin}+$", "", "abc"));
  EXPECT_FALSE(matches("^\\p{IsBasicLatin}+$", "", "\xC3\xA9"));
  EXPECT_TRUE(matches("^\\i\\c*$", "", "ex:name-1"));
  EXPECT_TRUE(matches("^\\p{Sc}$", "", "\xE2\x82\xAC"));       // euro sign
  EXPECT_TRUE(matches("^\\p{Nd}+$", "", "\xD9\xA3\xD9\xA4"));  // Arabic-Indic digits
  EXPECT_TRUE(matches("(a)\\1", "", "xaax"));
  EXPECT_FALSE(matches("(a)\\1", "", "xabx"));
  EXPECT_TRUE(matches("^(a)\\1{2}$", "", "aaa"));
  EXPECT_TRUE(matches("^(A)\\1$", "i", "aA"));
}

TEST(Regex, RejectsBadPatternsAndFlags) {
  for (const char* bad : {"(", ")", "[a-z", "a**", "a{2", "a{3,2}", "*a", "[]", "[z-a]", "\\q",
                          "\\p{Xx}", "\\p{IsNoSuchBlock}", "\\1", "(a)\\2", "[a[b]]"}) {
    EXPECT_FALSE(Regex::compile(bad, "")) << bad;
  }
  EXPECT_FALSE(Regex::compile("a", "g"));
  EXPECT_FALSE(Regex::compile("a{100000}{100000}", ""));  // too large, not a hang
}

TEST(Regex, Replaces) {
  EXPECT_EQ(replace("b", "", "abcb", "Z"), "aZcZ");
  EXPECT_EQ(replace("(a)(b)", "", "abab", "$2$1"), "baba");
  EXPECT_EQ(replace("a", "", "a", "\\$1"), "$1");
  EXPECT_EQ(replace("(a)", "", "a", "$12"), "a2");  // only group 1 exists
  EXPECT_EQ(replace("a|ab", "", "ab", "X"), "Xb");  // leftmost alternative first (Perl)
  EXPECT_EQ(replace("a.*?a", "", "abracadabra", "*"), "*c*bra");  // XPath F&O example
  EXPECT_EQ(replace("(ab)|(a)", "", "abcd", "[1=$1][2=$2]"), "[1=ab][2=]cd");
  EXPECT_EQ(replace("a(.)", "", "abracadabra", "a$1$1"), "abbraccaddabbra");
  EXPECT_EQ(replace("^(.*?)d(.*)$", "", "abcdefghi", "$1NEW$2"), "abcNEWefghi");
  EXPECT_EQ(replace("\\s+", "", "a  b \t c", " "), "a b c");
  EXPECT_EQ(replace("E", "i", "\xC3\xA9te", "x"), "\xC3\xA9tx");
  EXPECT_EQ(replace("x*", "", "abc", "Y"), "error");  // matches ""
  EXPECT_EQ(replace("a", "", "a", "$"), "error");
  EXPECT_EQ(replace("a", "", "a", "\\n"), "error");
  EXPECT_EQ(replace("b", "q", "a.b", "$"), "error");
}

TEST(Regex, LongTextsTakeLinearTime) {
  const std::string text(200000, 'a');
  EXPECT_TRUE(matches("^a*$", "", text));
  EXPECT_TRUE(matches("(a|b)+$", "", text));
  EXPECT_FALSE(matches("a*a*a*c", "", text));  // catastrophic for a backtracker
  EXPECT_FALSE(matches("(a|aa)*b", "", text));
  EXPECT_EQ(replace("a", "", text, "b"), std::string(200000, 'b'));
  // Back-references backtrack within a step budget: undecided rather than a hang.
  const std::optional<Regex> re = Regex::compile("(a*)*\\1b", "");
  ASSERT_TRUE(re);
  EXPECT_EQ(re->search(std::string(5000, 'a')), std::nullopt);
}

TEST(Regex, RandomPatternsNeverCrash) {
  // Random mixes of metacharacters: every pattern either compiles or is rejected, and
  // compiled ones answer on random texts.
  const std::string alphabet = "ab()[]{}|*+?.^$\\-,0123pP{L}sdwic:xn";
  std::uint32_t seed = 12345;
  auto next = [&seed]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  int compiled = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string pattern, text;
    const std::size_t n = next() % 12;
    for (std::size_t k = 0; k < n; ++k) pattern.push_back(alphabet[next() % alphabet.size()]);
    for (std::size_t k = 0; k < 20; ++k) text.push_back("ab\n-1"[next() % 5]);
    const std::optional<Regex> re = Regex::compile(pattern, i % 3 == 0 ? "i" : "");
    if (!re) continue;
    ++compiled;
    (void)re->search(text);
    (void)re->replace(text, "<$0>");
  }
  EXPECT_GT(compiled, 300);
}

TEST(DateTime, ParsesAndValidates) {
  const auto v = parse_date_time("2010-12-21T15:38:02.25-08:00");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->year, 2010);
  EXPECT_EQ(v->month, 12);
  EXPECT_EQ(v->hour, 15);
  EXPECT_EQ(v->timezone_minutes, -480);
  EXPECT_EQ(timezone_duration(*v), "-PT8H");
  EXPECT_EQ(timezone_string(*v), "-08:00");
  EXPECT_EQ(canonical_lexical(date_time_seconds(*v)), "2.25");
  EXPECT_FALSE(parse_date_time("2010-02-30T00:00:00"));
  EXPECT_FALSE(parse_date_time("2010-1-01T00:00:00"));
  EXPECT_FALSE(parse_date_time("2010-01-01T00:00:60"));
  EXPECT_FALSE(parse_date_time("2010-01-01T00:00:00+15:00"));
  EXPECT_FALSE(parse_date_time("2010-01-01"));
  EXPECT_TRUE(parse_date_time("2012-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_date_time("2100-02-29T00:00:00Z"));
  const auto midnight = parse_date_time("1999-12-31T24:00:00Z");
  ASSERT_TRUE(midnight);
  EXPECT_EQ(format_date_time(*midnight), "2000-01-01T00:00:00Z");
  EXPECT_EQ(format_date_time(*parse_date_time("-0044-03-15T12:00:00.500")),
            "-0044-03-15T12:00:00.5");
  EXPECT_TRUE(parse_date("2006-08-23Z"));
  EXPECT_FALSE(parse_date("2006-08-23T00:00:00"));
}

TEST(DateTime, OrdersWithAndWithoutTimezones) {
  auto dt = [](const char* s) { return *parse_date_time(s); };
  EXPECT_EQ(compare_date_time(dt("2010-01-01T10:00:00Z"), dt("2010-01-01T11:00:00+01:00")),
            DateOrder::kEqual);
  EXPECT_EQ(compare_date_time(dt("2010-01-01T10:00:00Z"), dt("2010-01-01T10:00:01Z")),
            DateOrder::kLess);
  // Without a timezone the value could be up to 14 hours either way.
  EXPECT_EQ(compare_date_time(dt("2010-01-01T10:00:00Z"), dt("2010-01-01T10:00:00")),
            DateOrder::kIndeterminate);
  EXPECT_EQ(compare_date_time(dt("2010-01-02T10:00:00Z"), dt("2010-01-01T10:00:00")),
            DateOrder::kGreater);
  EXPECT_EQ(compare_date_time(dt("2010-01-01T10:00:00"), dt("2010-01-02T10:00:00Z")),
            DateOrder::kLess);
  EXPECT_EQ(compare_date_time(*parse_date("2006-08-23Z"), *parse_date("2006-08-22")),
            DateOrder::kGreater);
  EXPECT_EQ(compare_date_time(*parse_date("2006-08-23Z"), *parse_date("2006-08-23")),
            DateOrder::kIndeterminate);
}

TEST(DateTime, FromUnixMillis) {
  EXPECT_EQ(format_date_time(date_time_from_unix_millis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_date_time(date_time_from_unix_millis(951782400123)), "2000-02-29T00:00:00.123Z");
  EXPECT_EQ(format_date_time(date_time_from_unix_millis(-1)), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace kennis::expr
