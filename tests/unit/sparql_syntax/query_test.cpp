// parse_query: the AST in its canonical printed form, for each part of the grammar.
#include "base/diagnostic.hpp"
#include "sparql/syntax/ast.hpp"
#include "sparql/syntax/parser.hpp"
#include "sparql/syntax/scope.hpp"

#include <gtest/gtest.h>

namespace kennis::sparql {
namespace {

// The canonical form, or the diagnostic.
std::string q(std::string_view text, std::string_view base = {}) {
  ParseOptions options;
  options.base_iri = base;
  auto r = parse_query(text, "q.rq", options);
  if (!r) return base::to_string(r.error());
  return to_string(r.value());
}

const std::string kInt = "^^<http://www.w3.org/2001/XMLSchema#integer>";

TEST(ParseQuery, SelectForms) {
  EXPECT_EQ(q("SELECT * WHERE { ?s ?p ?o }"), "SELECT * WHERE { ?s ?p ?o . }");
  EXPECT_EQ(q("select distinct ?s $p { ?s ?p ?o }"), "SELECT DISTINCT ?s ?p WHERE { ?s ?p ?o . }");
  EXPECT_EQ(q("SELECT REDUCED (?o + 1 AS ?n) {?s ?p ?o}"),
            "SELECT REDUCED ((?o + \"1\"" + kInt + ") AS ?n) WHERE { ?s ?p ?o . }");
  EXPECT_EQ(q("ASK {}"), "ASK WHERE { }");
  EXPECT_EQ(q("DESCRIBE <http://a> ?x"), "DESCRIBE <http://a> ?x");
  EXPECT_EQ(q("DESCRIBE * { ?x ?p ?o }"), "DESCRIBE * WHERE { ?x ?p ?o . }");
}

TEST(ParseQuery, Prologue) {
  EXPECT_EQ(q("BASE <http://example.org/a/b> PREFIX : <c#> SELECT * { :x <../d> <e?f> }"),
            "SELECT * WHERE { <http://example.org/a/c#x> <http://example.org/d> "
            "<http://example.org/a/e?f> . }");
  EXPECT_EQ(q("PREFIX p: <http://one/> PREFIX p: <http://two/> ASK { p:x p:y p:z }"),
            "ASK WHERE { <http://two/x> <http://two/y> <http://two/z> . }");
  EXPECT_EQ(q("ASK { <rel> ?p ?o }", "file:///w3c/q.rq"),
            "ASK WHERE { <file:///w3c/rel> ?p ?o . }");
  EXPECT_EQ(q("ASK { <rel> ?p ?o }"), "ASK WHERE { <rel> ?p ?o . }");
  auto r = parse_query("BASE <http://b/> PREFIX ex: <x/> ASK {}");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->base_iri, "http://b/");
  EXPECT_EQ(r->prefixes.at("ex"), "http://b/x/");
}

TEST(ParseQuery, Construct) {
  EXPECT_EQ(q("CONSTRUCT { ?s <p> _:b . _:b <q> [] } WHERE { ?s ?p ?o }"),
            "CONSTRUCT { ?s <p> _:b . _:b <q> _:#0 . } WHERE { ?s ?p ?o . }");
  EXPECT_EQ(q("CONSTRUCT {} WHERE {}"), "CONSTRUCT { } WHERE { }");
  EXPECT_EQ(q("CONSTRUCT WHERE { ?s <p> ?o }"), "CONSTRUCT WHERE { ?s <p> ?o . }");
  auto r = parse_query("CONSTRUCT FROM <g> WHERE { ?s <p> ?o }");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->construct_where);
  EXPECT_EQ(r->construct_template.size(), 1u);
  EXPECT_EQ(r->dataset.size(), 1u);
}

TEST(ParseQuery, Dataset) {
  EXPECT_EQ(q("SELECT * FROM <http://g1> FROM NAMED <http://g2> { GRAPH ?g { ?s ?p ?o } }"),
            "SELECT * FROM <http://g1> FROM NAMED <http://g2> WHERE { GRAPH ?g { ?s ?p ?o . } }");
}

TEST(ParseQuery, TurtleAbbreviations) {
  EXPECT_EQ(q("ASK { ?s a <C> ; <p> 1, 2.5, -3e0 ; }"),
            "ASK WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <C> . ?s <p> \"1\"" +
                kInt +
                " . ?s <p> \"2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> . ?s <p> "
                "\"-3e0\"^^<http://www.w3.org/2001/XMLSchema#double> . }");
  EXPECT_EQ(q("ASK { [ <p> ?o ] <q> [] }"), "ASK WHERE { _:#0 <p> ?o . _:#0 <q> _:#1 . }");
  // Inner nodes are complete (and numbered) first.
  EXPECT_EQ(q("ASK { [ <p> [ <q> ?o ] ] }"), "ASK WHERE { _:#1 <p> _:#0 . _:#0 <q> ?o . }");
  EXPECT_EQ(q("ASK { ?s <p> ( 1 ?x ) . ?s <q> () }"),
            "ASK WHERE { ?s <p> _:#0 . _:#0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
            "\"1\"" +
                kInt +
                " . _:#0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:#1 . "
                "_:#1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x . _:#1 "
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> . ?s <q> "
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> . }");
  EXPECT_EQ(q("ASK { ?s <p> 'a'@en-GB, \"\"\"b\"c\"\"\", '''d''', \"x\"^^<http://dt>, true }"),
            "ASK WHERE { ?s <p> \"a\"@en-GB . ?s <p> \"b\\\"c\" . ?s <p> \"d\" . ?s <p> "
            "\"x\"^^<http://dt> . ?s <p> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> . }");
}

TEST(ParseQuery, PrefixedNamesWithEscapes) {
  EXPECT_EQ(q("PREFIX : <http://e/> ASK { :a\\~b.c :p%3D :12.3 }"),
            "ASK WHERE { <http://e/a~b.c> <http://e/p%3D> <http://e/12.3> . }");
  EXPECT_EQ(q("PREFIX og: <http://ogp.me/ns#> ASK { ?x og:audio:title ?t . }"),
            "ASK WHERE { ?x <http://ogp.me/ns#audio:title> ?t . }");
}

TEST(ParseQuery, PropertyPaths) {
  EXPECT_EQ(q("ASK { ?s <a>/^<b>|<c>* ?o }"), "ASK WHERE { ?s ((<a>/^<b>)|<c>*) ?o . }");
  EXPECT_EQ(q("ASK { ?s (<a>|<b>)+ ?o }"), "ASK WHERE { ?s (<a>|<b>)+ ?o . }");
  EXPECT_EQ(q("ASK { ?s !(<a>|^<b>|a) ?o . ?s !<c> ?o }"),
            "ASK WHERE { ?s !(<a>|<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>|^<b>) ?o . "
            "?s !(<c>) ?o . }");
  EXPECT_EQ(q("ASK { ?s <a>? ?o }"), "ASK WHERE { ?s <a>? ?o . }");
  // `?x` after a path is a variable, and `+1` a number, not modifiers.
  EXPECT_EQ(q("ASK { ?s <a> ?o }"), "ASK WHERE { ?s <a> ?o . }");
  EXPECT_EQ(q("ASK { ?s <a> +1 }"), "ASK WHERE { ?s <a> \"+1\"" + kInt + " . }");
  EXPECT_EQ(q("ASK { ?s (<a>) ?o }"), "ASK WHERE { ?s <a> ?o . }");
  EXPECT_EQ(q("ASK { ?s (^<a>)* ?o . ?s ^<a>* ?o . ?s (<a>*)+ ?o }"),
            "ASK WHERE { ?s (^<a>)* ?o . ?s ^(<a>*) ?o . ?s (<a>*)+ ?o . }");
}

TEST(ParseQuery, GraphPatterns) {
  EXPECT_EQ(q("SELECT * { ?s ?p ?o OPTIONAL { ?s <q> ?x FILTER(?x > 1) } MINUS { ?s <r> ?y } }"),
            "SELECT * WHERE { ?s ?p ?o . OPTIONAL { ?s <q> ?x . FILTER((?x > \"1\"" + kInt +
                ")) } MINUS { ?s <r> ?y . } }");
  EXPECT_EQ(q("SELECT * { { ?s <a> ?o } UNION { ?s <b> ?o } UNION {} {} }"),
            "SELECT * WHERE { { ?s <a> ?o . } UNION { ?s <b> ?o . } UNION { } { } }");
  EXPECT_EQ(q("SELECT * { GRAPH <g> { ?s ?p ?o } SERVICE SILENT <http://x> { ?s ?p ?o } }"),
            "SELECT * WHERE { GRAPH <g> { ?s ?p ?o . } SERVICE SILENT <http://x> { ?s ?p ?o . } }");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o . BIND(STR(?o) AS ?str) FILTER regex(?str, 'x') }"),
            "SELECT * WHERE { ?s ?p ?o . BIND(STR(?o) AS ?str) FILTER(REGEX(?str, \"x\")) }");
  EXPECT_EQ(q("SELECT * { FILTER NOT EXISTS { ?s ?p ?o } FILTER <http://f>(?x) }"),
            "SELECT * WHERE { FILTER(NOT EXISTS { ?s ?p ?o . }) FILTER(<http://f>(?x)) }");
}

TEST(ParseQuery, Values) {
  EXPECT_EQ(q("SELECT * { VALUES ?x { 1 <a> } VALUES (?y ?z) { (UNDEF 'b') (<c> false) } }"),
            "SELECT * WHERE { VALUES (?x) { (\"1\"" + kInt +
                ") (<a>) } VALUES (?y ?z) { (UNDEF \"b\") (<c> "
                "\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>) } }");
  EXPECT_EQ(q("SELECT * { } VALUES () { () () }"), "SELECT * WHERE { } VALUES () { () () }");
  EXPECT_EQ(q("SELECT ?x { } VALUES ?x { -1 }"),
            "SELECT ?x WHERE { } VALUES (?x) { (\"-1\"" + kInt + ") }");
  EXPECT_EQ(q("SELECT * { VALUES (?a ?b) {\n (1) } }"),
            "q.rq:2:2: error: VALUES row has 1 value, expected 2");
  EXPECT_EQ(q("SELECT * { VALUES (?a ?a) {} }"),
            "q.rq:1:23: error: variable ?a appears twice in the VALUES header");
  EXPECT_EQ(q("SELECT * { VALUES ?a { _:b } }"), "q.rq:1:24: error: expected '}', found '_:b'");
}

TEST(ParseQuery, SubqueriesAndModifiers) {
  EXPECT_EQ(q("SELECT ?s (COUNT(?o) AS ?n) { { SELECT ?s ?o { ?s ?p ?o } LIMIT 5 } } GROUP BY ?s "
              "HAVING (COUNT(?o) > 1) ORDER BY DESC(?n) ?s LIMIT 10 OFFSET 20"),
            "SELECT ?s (COUNT(?o) AS ?n) WHERE { { SELECT ?s ?o WHERE { ?s ?p ?o . } LIMIT 5 } } "
            "GROUP BY ?s HAVING (COUNT(?o) > \"1\"" +
                kInt + ") ORDER BY DESC(?n) ASC(?s) LIMIT 10 OFFSET 20");
  EXPECT_EQ(q("SELECT ?k (SAMPLE(?o) AS ?x) { ?s ?p ?o } GROUP BY (STR(?s) AS ?k) LCASE(?p) "
              "OFFSET 3 LIMIT 4"),
            "SELECT ?k (SAMPLE(?o) AS ?x) WHERE { ?s ?p ?o . } GROUP BY (STR(?s) AS ?k) "
            "LCASE(?p) LIMIT 4 OFFSET 3");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o } ORDER BY ASC(?o) STR(?s) (?p)"),
            "SELECT * WHERE { ?s ?p ?o . } ORDER BY ASC(?o) ASC(STR(?s)) ASC(?p)");
  EXPECT_EQ(q("SELECT * {} LIMIT 99999999999999999999999"),
            "q.rq:1:13: error: number 99999999999999999999999 is too large");
}

TEST(ParseQuery, KeywordsAreCaseInsensitiveExceptA) {
  EXPECT_EQ(q("select * where { ?s a ?o optional { ?s ?p ?o } filter(bound(?o)) }"),
            "SELECT * WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?o . "
            "OPTIONAL { ?s ?p ?o . } FILTER(BOUND(?o)) }");
  EXPECT_EQ(
      q("SELECT * { ?s A ?o }"),
      "q.rq:1:15: error: expected a predicate (an IRI, a variable, 'a' or a path), found 'A'");
}

TEST(ParseQuery, CommentsAndEscapes) {
  EXPECT_EQ(q("# header\nSELECT * # comment { }\n{ ?s <p#q> '#' } # end"),
            "SELECT * WHERE { ?s <p#q> \"#\" . }");
  EXPECT_EQ(q("ASK { ?s ?p \"\\U0001f46a\\u00e9\" }"),
            "ASK WHERE { ?s ?p \"\xF0\x9F\x91\xAA\xC3\xA9\" . }");
  EXPECT_EQ(q("ASK \\u007B ?s ?p ?o }"), "ASK WHERE { ?s ?p ?o . }");
  EXPECT_EQ(q("\xEF\xBB\xBF"
              "ASK {}"),
            "ASK WHERE { }");
  EXPECT_EQ(q("\xEF\xBB\xBF"
              "ASK { ?x }"),
            "q.rq:1:10: error: expected a predicate (an IRI, a "
            "variable, 'a' or a path), found '}'");
}

TEST(ParseQuery, SyntaxErrorsSayWhatWasExpectedAndWhere) {
  EXPECT_EQ(q(""),
            "q.rq:1:1: error: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found end of input");
  EXPECT_EQ(q("SELECT ?x\nWHERE { ?x ?p }"), "q.rq:2:15: error: expected an object, found '}'");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o ?x ?y ?z }"), "q.rq:1:21: error: expected '}', found '?x'");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o } garbage"),
            "q.rq:1:23: error: expected end of query, found 'garbage'");
  EXPECT_EQ(q("SELECT * { ?s ?p \"unterminated }"),
            "q.rq:1:33: error: expected '\"' to end the string, found end of input");
  EXPECT_EQ(q("SELECT * { ?s ex:p ?o }"), "q.rq:1:15: error: undefined prefix 'ex:'");
  EXPECT_EQ(q("SELECT * {\r\n  \xC3\xA9t\xC3\xA9 ?p ?o }"),
            "q.rq:2:3: error: expected '}', found '\xC3\xA9t\xC3\xA9'");
  EXPECT_EQ(q("SELECT ('\xC3\xA9' AS ?x) { FILTER(?x = ) }"),
            "q.rq:1:34: error: expected an expression, found ')'");
  EXPECT_EQ(q("ASK { ?s ?p \\u0041BC }"), "q.rq:1:13: error: expected an object, found 'ABC'");
  EXPECT_EQ(q("ASK { FILTER(?x) ?y }"),
            "q.rq:1:21: error: expected a predicate (an IRI, a "
            "variable, 'a' or a path), found '}'");
  EXPECT_EQ(q("SELECT * WHERE { OPTIONAL ?x }"), "q.rq:1:27: error: expected '{', found '?x'");
  EXPECT_EQ(q("SELECT (SUM(?x, ?y) AS ?s) {}"), "q.rq:1:15: error: expected ')', found ','");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o } GROUP ?s"), "q.rq:1:29: error: expected 'BY', found '?s'");
  EXPECT_EQ(q("ASK { ?s ?p \xFF }"), "q.rq:1:13: error: invalid UTF-8 byte");
  EXPECT_EQ(q("ASK { ?s ?p \"\\uD800\" }"),
            "q.rq:1:14: error: invalid code point escape '\\uD800'");
}

TEST(ParseQuery, ScopeRules) {
  EXPECT_EQ(q("SELECT * { ?s ?p ?o . BIND(1 AS ?o) }"),
            "q.rq:1:23: error: BIND assigns variable ?o, which is already in scope at this point "
            "of the group");
  EXPECT_EQ(q("SELECT * { BIND(1 AS ?o) ?s ?p ?o }"),
            "SELECT * WHERE { BIND(\"1\"" + kInt + " AS ?o) ?s ?p ?o . }");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o { BIND(1 AS ?o) } }"),
            "SELECT * WHERE { ?s ?p ?o . { BIND(\"1\"" + kInt + " AS ?o) } }");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o MINUS { ?x ?y ?z } BIND(1 AS ?z) }"),
            "SELECT * WHERE { ?s ?p ?o . MINUS { ?x ?y ?z . } BIND(\"1\"" + kInt + " AS ?z) }");
  EXPECT_EQ(q("SELECT (1 AS ?o) { ?s ?p ?o }"),
            "q.rq:1:8: error: variable ?o is already in scope; '(... AS ?o)' must introduce a new "
            "variable");
  EXPECT_EQ(q("SELECT ?x (1 AS ?x) { }"), "q.rq:1:11: error: variable ?x is projected twice");
  EXPECT_EQ(q("SELECT (1 AS ?a) (?a + 1 AS ?b) { }"),
            "SELECT (\"1\"" + kInt + " AS ?a) ((?a + \"1\"" + kInt + ") AS ?b) WHERE { }");
}

TEST(ParseQuery, GroupingRules) {
  EXPECT_EQ(q("SELECT * { ?s ?p ?o } GROUP BY ?s"),
            "q.rq:1:1: error: SELECT * is not allowed in a query with GROUP BY or aggregates");
  EXPECT_EQ(
      q("SELECT ?o { ?s ?p ?o } GROUP BY ?s"),
      "q.rq:1:8: error: variable ?o is selected but neither grouped (GROUP BY) nor aggregated");
  EXPECT_EQ(
      q("SELECT (?o + COUNT(*) AS ?n) { ?s ?p ?o }"),
      "q.rq:1:8: error: variable ?o is used outside an aggregate but is not grouped (GROUP BY)");
  EXPECT_EQ(q("SELECT ?s (COUNT(*) AS ?n) (?n * 2 AS ?m) { ?s ?p ?o } GROUP BY ?s"),
            "SELECT ?s (COUNT(*) AS ?n) ((?n * \"2\"" + kInt +
                ") AS ?m) WHERE { ?s ?p ?o . } GROUP BY ?s");
  EXPECT_EQ(q("SELECT ?k { ?s ?p ?o } GROUP BY (STR(?s) AS ?k)"),
            "SELECT ?k WHERE { ?s ?p ?o . } GROUP BY (STR(?s) AS ?k)");
  EXPECT_EQ(q("SELECT * { ?s ?p ?o FILTER(COUNT(?o) > 1) }"),
            "q.rq:1:21: error: aggregate COUNT is not allowed in a graph pattern (FILTER, BIND)");
  EXPECT_EQ(q("SELECT (SUM(MAX(?o)) AS ?x) { ?s ?p ?o }"),
            "q.rq:1:8: error: aggregate MAX inside an aggregate");
  EXPECT_EQ(q("SELECT (1 AS ?x) { ?s ?p ?o } GROUP BY (COUNT(?o))"),
            "q.rq:1:40: error: aggregate COUNT is not allowed in GROUP BY");
  auto r = parse_query("SELECT (COUNT(*) AS ?n) {} ");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_aggregated());
}

TEST(ParseQuery, BlankNodeLabelsStayInOneBasicGraphPattern) {
  EXPECT_EQ(
      q("SELECT * { _:a ?p ?v . FILTER(true) . _:a ?q 7 }"),
      "SELECT * WHERE { _:a ?p ?v . FILTER(\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>) "
      "_:a ?q \"7\"" +
          kInt + " . }");
  EXPECT_EQ(q("SELECT * { _:a ?p ?v . OPTIONAL { _:a ?q 1 } }"),
            "q.rq:1:35: error: blank node _:a is used in two basic graph patterns; a label may "
            "appear in one only");
  EXPECT_EQ(q("SELECT * { { _:a ?p ?v } UNION { _:a ?q 1 } }"),
            "q.rq:1:34: error: blank node _:a is used in two basic graph patterns; a label may "
            "appear in one only");
  EXPECT_EQ(q("SELECT * { _:a ?p ?v . BIND(1 AS ?x) _:a ?q 1 }"),
            "q.rq:1:38: error: blank node _:a is used in two basic graph patterns; a label may "
            "appear in one only");
  EXPECT_EQ(q("CONSTRUCT { _:a <p> ?v } { _:a ?p ?v }"),
            "CONSTRUCT { _:a <p> ?v . } WHERE { _:a ?p ?v . }");
}

TEST(ParseQuery, DeepNestingIsAnErrorNotACrash) {
  std::string deep =
      "ASK { FILTER(" + std::string(5000, '(') + "1" + std::string(5000, ')') + ") }";
  std::string result = q(deep);
  EXPECT_NE(result.find("error: nesting deeper than 200 levels"), std::string::npos) << result;
  std::string groups = "ASK " + std::string(5000, '{') + std::string(5000, '}');
  EXPECT_NE(q(groups).find("error: nesting deeper than"), std::string::npos);
  std::string lists = "ASK { ?s ?p " + std::string(5000, '[') + std::string(5000, ']') + " }";
  EXPECT_NE(q(lists).find("error:"), std::string::npos);
  std::string collections =
      "ASK { ?s ?p " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }";
  EXPECT_NE(q(collections).find("error: nesting deeper than"), std::string::npos);
  std::string paths =
      "ASK { ?s " + std::string(5000, '(') + "<p>" + std::string(5000, ')') + " ?o }";
  EXPECT_NE(q(paths).find("error: nesting deeper than"), std::string::npos);
}

TEST(ParseQuery, LongOperatorChainsAreBounded) {
  std::string chain;
  for (int i = 0; i < 4000; ++i) chain += "?x = " + std::to_string(i) + " || ";
  EXPECT_EQ(q("ASK { FILTER(" + chain + "false) }").find("error"), std::string::npos);
  for (int i = 0; i < 2000; ++i) chain += "?x = " + std::to_string(i) + " || ";
  EXPECT_NE(q("ASK { FILTER(" + chain + "false) }")
                .find("error: expression nested deeper than 5000 levels (for long lists of "
                      "alternatives use IN or VALUES)"),
            std::string::npos);
}

TEST(Scope, InScopeAndProjectedVariables) {
  auto r = parse_query(
      "SELECT * { ?a <p> ?b OPTIONAL { ?b <q> ?c } MINUS { ?d <r> ?e } FILTER(?f) "
      "BIND(1 AS ?g) { SELECT ?h (1 AS ?i) { ?h <s> ?j } } GRAPH ?k { ?l <t> [] } VALUES ?m { 1 } "
      "}");
  ASSERT_TRUE(r.ok()) << base::to_string(r.error());
  EXPECT_EQ(projected_variables(r.value()),
            (std::vector<std::string>{"a", "b", "c", "g", "h", "i", "k", "l", "m"}));
}

}  // namespace
}  // namespace kennis::sparql
