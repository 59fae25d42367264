// parse_expression: the entry point the rule language uses for FILTER and BIND bodies.
#include "base/diagnostic.hpp"
#include "sparql/syntax/ast.hpp"
#include "sparql/syntax/parser.hpp"

#include <gtest/gtest.h>

namespace kennis::sparql {
namespace {

const PrefixMap kPrefixes = {{"ex", "http://example.org/"},
                             {"xsd", "http://www.w3.org/2001/XMLSchema#"}};

std::string parse(std::string_view text) {
  auto r = parse_expression(text, kPrefixes);
  if (!r) return "error: " + base::to_string(r.error());
  return expression_to_string(*r->expr);
}

std::string error_of(std::string_view text, base::SourcePos origin = {1, 1}) {
  auto r = parse_expression(text, kPrefixes, origin, "rules.kr");
  if (r) return "parsed: " + expression_to_string(*r->expr);
  return base::to_string(r.error());
}

TEST(ParseExpression, OperatorsByPrecedence) {
  EXPECT_EQ(parse("?a || ?b && ?c = 1 + 2 * 3"),
            "(?a || (?b && (?c = (\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> + "
            "(\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> * "
            "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>)))))");
  EXPECT_EQ(parse("!?x"), "!?x");
  EXPECT_EQ(parse("?x - -1"), "(?x - \"-1\"^^<http://www.w3.org/2001/XMLSchema#integer>)");
  EXPECT_EQ(parse("?x -1"), "(?x - \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>)");
}

TEST(ParseExpression, BuiltinsAndFunctions) {
  EXPECT_EQ(parse("regex(str(?x), \"^a\", 'i')"), "REGEX(STR(?x), \"^a\", \"i\")");
  EXPECT_EQ(parse("isURI(?x)"), "ISIRI(?x)");
  EXPECT_EQ(parse("xsd:integer(?n)"), "<http://www.w3.org/2001/XMLSchema#integer>(?n)");
  EXPECT_EQ(parse("ex:f()"), "<http://example.org/f>()");
  EXPECT_EQ(parse("?x IN (1, ex:a)"),
            "(?x IN (\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>, <http://example.org/a>))");
  EXPECT_EQ(parse("?x NOT IN ()"), "(?x NOT IN ())");
  EXPECT_EQ(parse("BNODE()"), "BNODE()");
  EXPECT_EQ(parse("COALESCE(?a, ?b, 'c')"), "COALESCE(?a, ?b, \"c\")");
}

TEST(ParseExpression, Literals) {
  EXPECT_EQ(parse("\"chat\"@fr"), "\"chat\"@fr");
  EXPECT_EQ(parse("'1'^^xsd:decimal"), "\"1\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
  EXPECT_EQ(parse("\"a\\u0041\\n\""), "\"aA\\n\"");
  EXPECT_EQ(parse("true"), "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>");
  EXPECT_EQ(parse("1.5e3"), "\"1.5e3\"^^<http://www.w3.org/2001/XMLSchema#double>");
  EXPECT_EQ(parse(".5"), "\".5\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
}

TEST(ParseExpression, Aggregates) {
  EXPECT_EQ(parse("COUNT(DISTINCT *)"), "COUNT(DISTINCT *)");
  EXPECT_EQ(parse("group_concat(?x ; separator = ',')"), "GROUP_CONCAT(?x; SEPARATOR=\",\")");
  EXPECT_EQ(parse("SUM(?x) / COUNT(?x)"), "(SUM(?x) / COUNT(?x))");
}

TEST(ParseExpression, Exists) {
  EXPECT_EQ(parse("NOT EXISTS { ?s ex:p ?o }"), "NOT EXISTS { ?s <http://example.org/p> ?o . }");
}

TEST(ParseExpression, ConsumedStopsAtTheExpressionEnd) {
  auto r = parse_expression("?x > 1 ) .", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 6u);
  r = parse_expression("?x  # comment\n AS ?y)", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 2u);
  r = parse_expression("STR(?x)", kPrefixes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed, 7u);
}

TEST(ParseExpression, ErrorsArePositionedFromTheOrigin) {
  EXPECT_EQ(error_of("?x + ", {3, 10}),
            "rules.kr:3:15: error: expected an expression, found end of input");
  EXPECT_EQ(error_of("foo:bar(?x)", {2, 5}), "rules.kr:2:5: error: undefined prefix 'foo:'");
  EXPECT_EQ(error_of("REGEX(?x)"), "rules.kr:1:1: error: REGEX takes 2 or 3 arguments, found 1");
  EXPECT_EQ(error_of("(?x = 1"), "rules.kr:1:8: error: expected ')', found end of input");
  EXPECT_EQ(error_of("BOUND(1)"), "rules.kr:1:1: error: BOUND takes a variable");
  EXPECT_EQ(error_of("?x = \n  'é' + )", {1, 1}),
            "rules.kr:2:9: error: expected an expression, found ')'");
}

}  // namespace
}  // namespace kennis::sparql
