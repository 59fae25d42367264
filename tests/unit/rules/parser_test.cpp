// Rule parser: printed forms of parsed rules, and the exact text of syntax errors.
#include "rules/parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kennis::rules {
namespace {

std::string parse_to_string(const std::string& text) {
  ParseResult r = parse_rules(text, "t.rules");
  std::string out;
  for (const auto& d : r.diagnostics) out += base::to_string(d) + "\n";
  for (const Rule& rule : r.rules.rules) out += to_string(rule) + "\n";
  return out;
}

std::string first_error(const std::string& text) {
  ParseResult r = parse_rules(text, "t.rules");
  if (r.diagnostics.empty()) return "";
  return base::to_string(r.diagnostics.front());
}

TEST(RuleParser, ParsesRuleWithPrefixesAndNegation) {
  EXPECT_EQ(parse_to_string("@prefix : <http://e/> .\n"
                            "@name(gap)\n"
                            "[?s, :hasGap, ?c] :- [?s, a, :SME], NOT [?s, :has, ?c] .\n"),
            "@name(gap) [?s, <http://e/hasGap>, ?c] :- [?s, "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>, <http://e/SME>], NOT [?s, "
            "<http://e/has>, ?c] .\n");
}

TEST(RuleParser, SparqlStylePrefixAndFacts) {
  EXPECT_EQ(parse_to_string("PREFIX ex: <http://e/>\n[ex:a, ex:b, ex:c] :- .\n"),
            "[<http://e/a>, <http://e/b>, <http://e/c>] :- .\n");
}

TEST(RuleParser, SeveralHeadAtomsAndComments) {
  EXPECT_EQ(parse_to_string("# comment\n@prefix : <http://e/> . # trailing\n"
                            "[?x, :p, ?y], [?y, :q, ?x] :- [?x, :r, ?y] . # done\n"),
            "[?x, <http://e/p>, ?y], [?y, <http://e/q>, ?x] :- [?x, <http://e/r>, ?y] .\n");
}

TEST(RuleParser, Literals) {
  EXPECT_EQ(parse_to_string("[<http://e/a>, <http://e/p>, ?x] :- [?x, <http://e/q>, 1], "
                            "[?x, <http://e/q>, -2.5], [?x, <http://e/q>, 1e3], "
                            "[?x, <http://e/q>, \"a\\\"b\"@en-GB], [?x, <http://e/q>, true], "
                            "[?x, <http://e/q>, 'x'^^xsd:token] .\n"),
            "[<http://e/a>, <http://e/p>, ?x] :- [?x, <http://e/q>, "
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>], [?x, <http://e/q>, "
            "\"-2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>], [?x, <http://e/q>, "
            "\"1e3\"^^<http://www.w3.org/2001/XMLSchema#double>], [?x, <http://e/q>, "
            "\"a\\\"b\"@en-GB], [?x, <http://e/q>, "
            "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>], [?x, <http://e/q>, "
            "\"x\"^^<http://www.w3.org/2001/XMLSchema#token>] .\n");
}

TEST(RuleParser, NotExists) {
  EXPECT_EQ(parse_to_string("@prefix : <http://e/> .\n"
                            "[?s, :gap, ?c] :- [?s, :needs, ?c], "
                            "NOT EXISTS ?v IN ([?s, :has, ?v], [?v, :broader, ?c]) .\n"),
            "[?s, <http://e/gap>, ?c] :- [?s, <http://e/needs>, ?c], NOT EXISTS ?v IN ([?s, "
            "<http://e/has>, ?v], [?v, <http://e/broader>, ?c]) .\n");
}

TEST(RuleParser, ExpectedFoundWithPosition) {
  EXPECT_EQ(first_error("@prefix : <http://e/> .\n[?x, :p ?y] :- .\n"),
            "t.rules:2:9: error: [K200] expected ',', found '?y'");
  EXPECT_EQ(first_error("@prefix : <http://e/> .\n[?x, :p, ?y] :- [?y, :q, ?x]\n"),
            "t.rules:3:1: error: [K200] expected '.', found end of input");
  EXPECT_EQ(first_error("[?x, <http://e/p>, ?y] [?y, <http://e/p>, ?x] .\n"),
            "t.rules:1:24: error: [K200] expected ':-', found '['");
  EXPECT_EQ(
      first_error("[?x, <http://e/p>, ?y] :- [?y, <http://e/p>, ?x], FILTRE(?x) .\n"),
      "t.rules:1:51: error: [K200] expected a body item (atom, NOT, NOT EXISTS, FILTER, BIND or "
      "AGGREGATE), found 'FILTRE'");
  EXPECT_EQ(first_error("hello\n"),
            "t.rules:1:1: error: [K200] expected a rule, '@prefix' or 'PREFIX', found 'hello'");
}

TEST(RuleParser, ReportsEveryBadStatement) {
  ParseResult r = parse_rules(
      "[?x, <http://e/p> ?y] :- .\n[?x, <http://e/p>, ?y] :- [?y, <http://e/q>, ?x] .\n"
      "[?x ?y] :- .\n",
      "t.rules");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].range.begin.line, 1u);
  EXPECT_EQ(r.diagnostics[1].range.begin.line, 3u);
  EXPECT_EQ(r.rules.rules.size(), 1u);
}

TEST(RuleParser, UnknownPrefixSuggestsDeclaredOne) {
  ParseResult r = parse_rules(
      "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
      "[?a, skso:broader, ?b] :- [?b, skos:narrower, ?a] .\n",
      "t.rules");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(base::to_string(r.diagnostics[0]),
            "t.rules:2:6: error: [K201] unknown prefix 'skso:' in 'skso:broader'");
  EXPECT_EQ(r.diagnostics[0].code, "K201");
  ASSERT_EQ(r.diagnostics[0].notes.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].notes[0], "did you mean `skos:broader`?");
}

TEST(RuleParser, UnknownWellKnownPrefixSaysHowToDeclare) {
  ParseResult r = parse_rules("[?a, skos:broader, ?b] :- [?b, skos:narrower, ?a] .\n", "t.rules");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].notes.back(),
            "declare it: @prefix skos: <http://www.w3.org/2004/02/skos/core#> .");
}

TEST(RuleParser, BlankNodesAreRejected) {
  EXPECT_EQ(first_error("[?a, <http://e/p>, _:b] :- [?a, <http://e/q>, ?c] .\n"),
            "t.rules:1:20: error: [K207] blank node '_:b' in a rule; use a variable");
}

TEST(RuleParser, ColumnsCountCodePoints) {
  EXPECT_EQ(first_error("# é\n[\"é\", <http://e/p> ?y] :- .\n"),
            "t.rules:2:20: error: [K200] expected ',', found '?y'");
}

TEST(RuleParser, RelativeIrisResolveAsInTheData) {
  // RFC 3986 resolution (rdf::resolve_iri), the same as for the Turtle data: `<../q>` against
  // <http://ex/a/b> is <http://ex/q>, not <http://ex/a/../q>.
  EXPECT_EQ(parse_to_string("@base <http://ex/a/b> .\n"
                            "[?s, <http://ex/r>, ?o] :- [?s, <../q>, ?o] .\n"),
            "[?s, <http://ex/r>, ?o] :- [?s, <http://ex/q>, ?o] .\n");
  // A base or prefix IRI is itself resolved against the base before it.
  EXPECT_EQ(parse_to_string("BASE <http://ex/a/b>\nBASE <../c/>\nPREFIX p: <d/>\n"
                            "[?s, <q>, ?o] :- [?s, p:r, ?o] .\n"),
            "[?s, <http://ex/c/q>, ?o] :- [?s, <http://ex/c/d/r>, ?o] .\n");
  // So are IRIs in expressions.
  EXPECT_EQ(parse_to_string("@base <http://ex/a/b> .\n"
                            "[?s, <r>, ?o] :- [?s, <p>, ?o], FILTER(?o != <../q>) .\n"),
            "[?s, <http://ex/a/r>, ?o] :- [?s, <http://ex/a/p>, ?o], FILTER(?o != "
            "<http://ex/q>) .\n");
}

TEST(RuleParser, EscapesInStringsAndIris) {
  EXPECT_EQ(parse_to_string("[<http://e/\\u00E9>, <http://e/p>, \"\\U0001F46A\"] :- .\n"),
            "[<http://e/\xC3\xA9>, <http://e/p>, \"\xF0\x9F\x91\xAA\"] :- .\n");
  EXPECT_EQ(first_error("[<http://e/a>, <http://e/p>, \"\\uDC00\"] :- .\n"),
            "t.rules:1:31: error: [K200] invalid code point escape '\\uDC00'");
}

TEST(RuleParser, MalformedTermEndsItsStatementOnly) {
  ParseResult r = parse_rules(
      "[<http://e/a>, <http://e/p>, 'x'^^] :- .\n[<http://e/a>, <http://e/p>, 1] :- .\n",
      "t.rules");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(base::to_string(r.diagnostics[0]),
            "t.rules:1:35: error: [K200] expected an IRI, found ']'");
  EXPECT_EQ(r.rules.rules.size(), 1u);
}

TEST(RuleParser, UnknownPrefixOfADatatype) {
  EXPECT_EQ(first_error("[<http://e/a>, <http://e/p>, 'x'^^dt:y] :- .\n"),
            "t.rules:1:35: error: [K201] unknown prefix 'dt:' in 'dt:y'");
}

TEST(RuleParser, RecoveryStopsAtTheEndOfTheInput) {
  // A statement that is wrong and ends inside a string, on a backslash: recovery must not
  // step past the end of the text.
  for (const char* text : {"x \"\\", "x '\\", "[?x, <http://e/p>, ?y] :- [?x, \"\\"}) {
    ParseResult r = parse_rules(text, "t.rules");
    ASSERT_EQ(r.diagnostics.size(), 1u) << text;
    EXPECT_EQ(r.diagnostics[0].code, "K200");
    EXPECT_EQ(r.diagnostics[0].range.begin.line, 1u);
  }
  EXPECT_EQ(first_error("x \"\\"),
            "t.rules:1:1: error: [K200] expected a rule, '@prefix' or 'PREFIX', found 'x'");
}

TEST(RuleParser, BytesAboveAsciiAreNeverWhiteSpace) {
  EXPECT_EQ(first_error("@prefix : <http://e/> .\n[?x, :q, ?y] :- [?x, :p, ?y] \xC3\xA9 .\n"),
            "t.rules:2:30: error: [K200] expected '.', found '\xC3\xA9'");
  EXPECT_EQ(parse_to_string("PREFIX \xC3\xA9: <http://e/>\n"
                            "[?x, \xC3\xA9:q, ?y] :- [?x, \xC3\xA9:p, ?y] .\n"),
            "[?x, <http://e/q>, ?y] :- [?x, <http://e/p>, ?y] .\n");
  EXPECT_EQ(first_error("@prefix : <http://e/> .\n[?x, :q, ?y] :- [?x, :p, ?y], \xA0 .\n"),
            "t.rules:2:31: error: [K200] expected a body item (atom, NOT, NOT EXISTS, FILTER, BIND "
            "or AGGREGATE), found '\xA0'");
}

}  // namespace
}  // namespace kennis::rules
