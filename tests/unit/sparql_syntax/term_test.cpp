// parse_term and parse_prefix_name: the entry points the rule language reads its terms and
// prefix declarations with.
#include "base/diagnostic.hpp"
#include "sparql/syntax/ast.hpp"
#include "sparql/syntax/parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kennis::sparql {
namespace {

const PrefixMap kPrefixes = {
    {"ex", "http://example.org/"}, {"", "http://e/"}, {"xsd", "http://www.w3.org/2001/XMLSchema#"}};

/// The term and the text it took ("?x | rest"), "none" or the error.
std::string term(std::string_view text, std::string_view base = {}) {
  auto r = parse_term(text, kPrefixes, base, {1, 1}, "t.rules");
  if (!r) return base::to_string(r.error());
  if (r->consumed == 0) return "none";
  return to_string(r->term) + " |" + std::string(text.substr(r->consumed));
}

TEST(ParseTerm, VariablesIrisAndA) {
  EXPECT_EQ(term("?x, ?y"), "?x |, ?y");
  EXPECT_EQ(term("$x]"), "?x |]");
  EXPECT_EQ(term("<http://e/a> ]"), "<http://e/a> | ]");
  EXPECT_EQ(term("ex:a.b, "), "<http://example.org/a.b> |, ");
  EXPECT_EQ(term("ex:a\\~b%20c]"), "<http://example.org/a~b%20c> |]");
  EXPECT_EQ(term(":x]"), "<http://e/x> |]");
  EXPECT_EQ(term("ex:]"), "<http://example.org/> |]");
  EXPECT_EQ(term("a ,"), "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> | ,");
}

TEST(ParseTerm, RelativeIrisResolveAsInTheData) {
  EXPECT_EQ(term("<../q>", "http://ex/a/b"), "<http://ex/q> |");
  EXPECT_EQ(term("<#f>", "http://ex/a/b"), "<http://ex/a/b#f> |");
  EXPECT_EQ(term("<x>"), "<x> |");  // no base: as written
  // An absolute IRI stays as written, dot segments and all.
  EXPECT_EQ(term("<http://ex/a/../q>", "http://ex/b"), "<http://ex/a/../q> |");
}

TEST(ParseTerm, Literals) {
  EXPECT_EQ(term("\"a\\\"b\"@en-GB ]"), "\"a\\\"b\"@en-GB | ]");
  EXPECT_EQ(term("'x'^^xsd:token,"), "\"x\"^^<http://www.w3.org/2001/XMLSchema#token> |,");
  EXPECT_EQ(term("'''a\nb''' ]"), "\"a\\nb\" | ]");
  EXPECT_EQ(term("-2.5]"), "\"-2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> |]");
  EXPECT_EQ(term("1e3,"), "\"1e3\"^^<http://www.w3.org/2001/XMLSchema#double> |,");
  EXPECT_EQ(term("42 ]"), "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer> | ]");
  EXPECT_EQ(term("true]"), "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> |]");
}

TEST(ParseTerm, CodePointEscapesInStringsAndIris) {
  EXPECT_EQ(term("\"caf\\u00E9\""), "\"caf\xC3\xA9\" |");
  EXPECT_EQ(term("<http://e/\\U0001F46A>"), "<http://e/\xF0\x9F\x91\xAA> |");
  EXPECT_EQ(term("\"\\uD800\""), "t.rules:1:2: error: invalid code point escape '\\uD800'");
}

TEST(ParseTerm, BlankNodes) {
  EXPECT_EQ(term("_:b1 ,"), "_:b1 | ,");
  auto r = parse_term("[ ] ,", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 3u);
  EXPECT_TRUE(std::get<rdf::Term>(r->term).is_blank());
}

TEST(ParseTerm, NoTermIsNotAnError) {
  EXPECT_EQ(term("] :- ."), "none");
  EXPECT_EQ(term("FILTRE(?x)"), "none");
  EXPECT_EQ(term("<a b>"), "none");
  EXPECT_EQ(term(""), "none");
}

TEST(ParseTerm, MalformedTermIsAnError) {
  EXPECT_EQ(term("'x'^^ ]"), "t.rules:1:7: error: expected an IRI, found ']'");
  EXPECT_EQ(term("\"abc"),
            "t.rules:1:5: error: expected '\"' to end the string, found end of input");
  EXPECT_EQ(term("\"a\xFF\""), "t.rules:1:3: error: invalid UTF-8 byte");
}

TEST(ParseTerm, UndefinedPrefixIsReportedNotFatal) {
  auto r = parse_term("foaf:kn\\.ows ]", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 12u);
  ASSERT_TRUE(r->undefined_prefix.has_value());
  EXPECT_EQ(r->undefined_prefix->prefix, "foaf");
  EXPECT_EQ(r->undefined_prefix->local, "kn.ows");
  EXPECT_EQ(r->undefined_prefix->offset, 0u);

  r = parse_term("'x'^^dt:y", kPrefixes);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->undefined_prefix.has_value());
  EXPECT_EQ(r->undefined_prefix->prefix, "dt");
  EXPECT_EQ(r->undefined_prefix->offset, 5u);

  r = parse_term("ex:a", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->undefined_prefix.has_value());
}

TEST(ParseTerm, PositionsAreRelativeToTheOrigin) {
  auto r = parse_term("'x'^^ ]", kPrefixes, {}, {3, 10}, "r.rules");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(base::to_string(r.error()), "r.rules:3:16: error: expected an IRI, found ']'");
}

TEST(ParseTerm, ReadsOnlyTheTerm) {
  // What follows the term is not looked at: not even bytes that are not UTF-8.
  EXPECT_EQ(term("?x ] \xFF"), "?x | ] \xFF");
  auto r = parse_expression("?x > 1 ) \xFF", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 6u);
}

TEST(ParsePrefixName, PnameNsOnly) {
  auto r = parse_prefix_name("ex: <http://e/>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->prefix, "ex");
  EXPECT_EQ(r->consumed, 3u);
  r = parse_prefix_name(": <http://e/>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->prefix, "");
  r = parse_prefix_name("\xC3\xA9: <http://e/>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->prefix, "\xC3\xA9");
  EXPECT_FALSE(parse_prefix_name("ex:a <http://e/>").has_value());
  EXPECT_FALSE(parse_prefix_name("<http://e/>").has_value());
}

}  // namespace
}  // namespace kennis::sparql
