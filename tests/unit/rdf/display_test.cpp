// Short display forms: the table style (result tables, DOT pictures), the Turtle style
// (`kennis reason`, `explain`, `diff`), and abbreviating the IRIs of a printed text.
#include "rdf/display.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kennis::rdf {
namespace {

const PrefixMap kPrefixes = {{"e", "http://e/"}, {"xsd", std::string(kXsd)}};

std::string table(const Term& t, const PrefixMap& prefixes = kPrefixes) {
  return display_term(t.view(), prefixes, kTableDisplay);
}

std::string turtle(const Term& t, const PrefixMap& prefixes = kPrefixes) {
  return display_term(t.view(), prefixes, kTurtleDisplay);
}

Term typed(std::string lexical, std::string_view datatype) {
  return Term::literal(std::move(lexical), std::string(datatype));
}

TEST(DisplayTerm, TableShowsPlainValuesAndPrefixedNames) {
  EXPECT_EQ(table(Term::iri("http://e/a")), "e:a");
  EXPECT_EQ(table(Term::iri("http://e/a b")), "e:a b");
  EXPECT_EQ(table(Term::iri("http://e/a/b")), "<http://e/a/b>");
  EXPECT_EQ(table(Term::iri("http://other/x")), "<http://other/x>");
  EXPECT_EQ(table(Term::blank("b0")), "_:b0");
  EXPECT_EQ(table(Term::literal("say \"hi\"")), "say \"hi\"");
  EXPECT_EQ(table(typed("12", kXsdInteger)), "12");
  EXPECT_EQ(table(typed("1.5", kXsdDecimal)), "1.5");
  EXPECT_EQ(table(typed("1E0", kXsdDouble)), "1E0");
  EXPECT_EQ(table(typed("true", kXsdBoolean)), "true");
  EXPECT_EQ(table(Term::literal("hallo", {}, "nl")), "\"hallo\"@nl");
  EXPECT_EQ(table(typed("2024-01-01", kXsdDate)), "\"2024-01-01\"^^xsd:date");
  EXPECT_EQ(table(typed("x", "http://other/t")), "\"x\"^^<http://other/t>");
  EXPECT_EQ(table(Term::iri(std::string(kRdfType))),
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>");
}

TEST(DisplayTerm, TableTakesTheLongestNamespace) {
  const PrefixMap nested = {{"e", "http://e/"}, {"ev", "http://e/voc#"}};
  EXPECT_EQ(table(Term::iri("http://e/voc#x"), nested), "ev:x");
  const PrefixMap twice = {{"one", "http://e/"}, {"two", "http://e/"}};
  EXPECT_EQ(table(Term::iri("http://e/x"), twice), "one:x");
}

TEST(DisplayTerm, TurtleReadsBackAsTheSameTerm) {
  EXPECT_EQ(turtle(Term::iri("http://e/a-b_1")), "e:a-b_1");
  EXPECT_EQ(turtle(Term::iri("http://e/a.b")), "<http://e/a.b>");
  EXPECT_EQ(turtle(Term::iri("http://e/a b")), "<http://e/a\\u0020b>");
  EXPECT_EQ(turtle(Term::iri(std::string(kRdfType))), "a");
  EXPECT_EQ(turtle(Term::iri(std::string(kRdfType)), {{"rdf", std::string(kRdf)}}), "rdf:type");
  EXPECT_EQ(turtle(Term::blank("n1")), "_:n1");
  EXPECT_EQ(turtle(typed("12", kXsdInteger)), "12");
  EXPECT_EQ(turtle(typed("-12", kXsdInteger)), "\"-12\"^^xsd:integer");
  EXPECT_EQ(turtle(typed("false", kXsdBoolean)), "false");
  EXPECT_EQ(turtle(typed("1", kXsdBoolean)), "\"1\"^^xsd:boolean");
  EXPECT_EQ(turtle(typed("1.5", kXsdDecimal)), "\"1.5\"^^xsd:decimal");
  EXPECT_EQ(turtle(typed("a\"b", kXsdDate), {}), "\"a\\\"b\"^^xsd:date");
  EXPECT_EQ(turtle(Term::literal("line\n")), "\"line\\n\"");
  EXPECT_EQ(turtle(Term::literal("hallo", {}, "nl")), "\"hallo\"@nl");
  EXPECT_EQ(turtle(typed("x", "http://e/t")), "\"x\"^^<http://e/t>");
}

TEST(CompactIris, ReplacesEachIriThatAPrefixFits) {
  const PrefixMap prefixes = {{"e", "http://e/"}};
  EXPECT_EQ(compact_iris("(bgp (triple ?s <http://e/p> \"1\"^^<http://e/t>))", prefixes),
            "(bgp (triple ?s e:p \"1\"^^e:t))");
  EXPECT_EQ(compact_iris("filter (< ?x 3) <http://e/a/b> <http://o/x>", prefixes),
            "filter (< ?x 3) <http://e/a/b> <http://o/x>");
  EXPECT_EQ(compact_iris("open <http://e/x", prefixes), "open <http://e/x");
  EXPECT_EQ(compact_iris("<http://e/x>", {}), "<http://e/x>");
}

}  // namespace
}  // namespace kennis::rdf
