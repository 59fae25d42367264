// Built-in functions (SPARQL 1.1 section 17.4) and XSD casts (17.5).
#include "expr_test_util.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace kennis::expr::testing {
namespace {

using Fn = ExprTest;

const std::string kRdfLangString = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>";
std::string xsd(const std::string& local) { return "<" + kX + local + ">"; }
std::string q(const std::string& s) { return "\"" + s + "\""; }

TEST_F(Fn, TermAccessors) {
  bind("b", rdf::Term::blank("x"));
  EXPECT_EQ(eval(call("STR", {iri("http://a/")})), q("http://a/"));
  EXPECT_EQ(eval(call("STR", {typed("01", "integer")})), q("01"));
  EXPECT_EQ(eval(call("STR", {lang("chat", "fr")})), q("chat"));
  EXPECT_EQ(eval(call("STR", {bin(Op::kAdd, integer(1), integer(1))})), q("2"));
  EXPECT_EQ(eval(call("STR", {var("b")})), "error");
  EXPECT_EQ(eval(call("LANG", {lang("chat", "fr")})), q("fr"));
  EXPECT_EQ(eval(call("LANG", {str("chat")})), q(""));
  EXPECT_EQ(eval(call("LANG", {integer(1)})), q(""));
  EXPECT_EQ(eval(call("LANG", {iri("http://a/")})), "error");
  EXPECT_EQ(eval(call("DATATYPE", {integer(1)})), xsd("integer"));
  EXPECT_EQ(eval(call("DATATYPE", {typed("1", "int")})), xsd("int"));
  EXPECT_EQ(eval(call("DATATYPE", {str("a")})), xsd("string"));
  EXPECT_EQ(eval(call("DATATYPE", {lang("a", "en")})), kRdfLangString);
  EXPECT_EQ(eval(call("DATATYPE", {bin(Op::kDiv, integer(1), integer(2))})), xsd("decimal"));
  EXPECT_EQ(eval(call("DATATYPE", {call("UCASE", {lang("a", "en")})})), kRdfLangString);
  EXPECT_EQ(eval(call("DATATYPE", {var("b")})), "error");
}

TEST_F(Fn, TermTests) {
  bind("b", rdf::Term::blank("x"));
  declare("u");
  EXPECT_EQ(ebv(call("isIRI", {iri("http://a")})), "true");
  EXPECT_EQ(ebv(call("ISURI", {str("http://a")})), "false");
  EXPECT_EQ(ebv(call("isBlank", {var("b")})), "true");
  EXPECT_EQ(ebv(call("isLiteral", {integer(1)})), "true");
  EXPECT_EQ(ebv(call("isLiteral", {bin(Op::kAdd, integer(1), integer(1))})), "true");
  EXPECT_EQ(ebv(call("isNumeric", {integer(12)})), "true");
  EXPECT_EQ(ebv(call("isNumeric", {str("12")})), "false");
  EXPECT_EQ(ebv(call("isNumeric", {typed("1200", "byte")})), "false");  // out of range
  EXPECT_EQ(ebv(call("isNumeric", {typed("12", "nonNegativeInteger")})), "true");
  EXPECT_EQ(ebv(call("isIRI", {var("u")})), "error");
  EXPECT_EQ(ebv(call("BOUND", {var("u")})), "false");
  EXPECT_EQ(ebv(call("BOUND", {var("b")})), "true");
  EXPECT_EQ(ebv(call("BOUND", {var("not_in_scope")})), "false");
  EXPECT_EQ(ebv(call("sameTerm", {integer(1), dec("1.0")})), "false");
  EXPECT_EQ(ebv(call("sameTerm", {integer(1), integer(1)})), "true");
  EXPECT_EQ(ebv(call("sameTerm", {bin(Op::kAdd, integer(1), integer(1)), integer(2)})), "true");
  EXPECT_EQ(ebv(call("sameTerm", {lang("a", "en"), lang("a", "EN")})), "true");
  EXPECT_EQ(ebv(call("sameTerm", {str("a"), typed("a", "string")})), "true");
  EXPECT_EQ(ebv(call("sameTerm", {var("u"), var("u")})), "error");
}

TEST_F(Fn, FunctionalForms) {
  declare("u");
  const ExprPtr div0 = bin(Op::kDiv, integer(1), integer(0));
  EXPECT_EQ(eval(call("COALESCE", {var("u"), div0, integer(3)})), nt("3", "integer"));
  EXPECT_EQ(eval(call("COALESCE", {var("u")})), "error");
  EXPECT_EQ(eval(call("COALESCE", {})), "error");
  EXPECT_EQ(eval(call("IF", {boolean(true), integer(1), div0})), nt("1", "integer"));
  EXPECT_EQ(eval(call("IF", {str(""), integer(1), integer(2)})), nt("2", "integer"));
  EXPECT_EQ(eval(call("IF", {var("u"), integer(1), integer(2)})), "error");
  EXPECT_EQ(eval(call("IF", {boolean(false), integer(1), div0})), "error");
}

TEST_F(Fn, IriAndBlankNodes) {
  EXPECT_EQ(eval(call("IRI", {str("rel")})), "<http://example.org/base/rel>");
  EXPECT_EQ(eval(call("URI", {str("http://x/y")})), "<http://x/y>");
  EXPECT_EQ(eval(call("IRI", {iri("http://x/")})), "<http://x/>");
  EXPECT_EQ(eval(call("IRI", {lang("http://x/", "en")})), "error");
  EXPECT_EQ(eval(call("IRI", {integer(1)})), "error");
  ctx_.set_base_iri("http://other/a/b");
  EXPECT_EQ(eval(call("IRI", {str("../c")})), "<http://other/c>");

  bind("s", rdf::Term::literal("a"));
  declare("b");  // rows keep their width, as in the executors
  const CompiledExpr fresh = compiled(call("BNODE"));
  const CompiledExpr named = compiled(call("BNODE", {var("s")}));
  const rdf::TermId b1 = fresh.evaluate(row_, ctx_), b2 = fresh.evaluate(row_, ctx_);
  EXPECT_NE(b1, b2);
  EXPECT_TRUE(dict_.term(b1).is_blank());
  // Same string, same solution: same blank node; another solution: another one.
  const rdf::TermId n1 = named.evaluate(row_, ctx_);
  EXPECT_EQ(named.evaluate(row_, ctx_), n1);
  EXPECT_NE(n1, b1);
  bind("s", rdf::Term::literal("b"));
  const rdf::TermId n2 = named.evaluate(row_, ctx_);
  EXPECT_NE(n2, n1);
  bind("s", rdf::Term::literal("a"));
  const rdf::TermId n3 = named.evaluate(row_, ctx_);
  EXPECT_NE(n3, n1);
  // The executor binds (BNODE(?s) AS ?b) before the next expression of the same solution.
  bind_id("b", n3);
  EXPECT_EQ(named.evaluate(row_, ctx_), n3);
  ctx_.new_solution();
  EXPECT_NE(named.evaluate(row_, ctx_), n3);
  EXPECT_EQ(eval(call("BNODE", {lang("a", "en")})), "error");
  // Fresh labels never collide with labels already in the data.
  const std::string label(dict_.term(b2).value);
  const std::string next = label.substr(0, label.find('n') + 1) +
                           std::to_string(std::stoi(label.substr(label.find('n') + 1)) + 1);
  const rdf::TermId taken = dict_.intern(rdf::Term::blank(next));
  EXPECT_NE(fresh.evaluate(row_, ctx_), taken);
}

TEST_F(Fn, StringFunctions) {
  EXPECT_EQ(eval(call("STRLEN", {str("chat")})), nt("4", "integer"));
  EXPECT_EQ(eval(call("STRLEN", {lang("\xE9\xA3\x9F\xE3\x81\xB9\xE7\x89\xA9", "ja")})),
            nt("3", "integer"));
  EXPECT_EQ(eval(call("STRLEN", {integer(12)})), "error");
  EXPECT_EQ(eval(call("SUBSTR", {str("foobar"), integer(4)})), q("bar"));
  EXPECT_EQ(eval(call("SUBSTR", {str("foobar"), integer(4), integer(1)})), q("b"));
  EXPECT_EQ(eval(call("SUBSTR", {lang("foo", "en"), integer(1), integer(1)})), "\"f\"@en");
  EXPECT_EQ(eval(call("SUBSTR", {str("abc"), integer(0), integer(2)})), q("a"));
  EXPECT_EQ(eval(call("SUBSTR", {str("abc"), dec("1.5"), integer(1)})), q("b"));
  EXPECT_EQ(eval(call("SUBSTR", {str("abc"), integer(5)})), q(""));
  EXPECT_EQ(eval(call("SUBSTR", {str("\xF0\x9F\x91\xAAx"), integer(1), integer(1)})),
            q("\xF0\x9F\x91\xAA"));
  EXPECT_EQ(eval(call("SUBSTR", {str("abc"), str("1")})), "error");
  EXPECT_EQ(eval(call("UCASE", {lang("foo", "en")})), "\"FOO\"@en");
  EXPECT_EQ(eval(call("LCASE", {str("BAR")})), q("bar"));
  EXPECT_EQ(eval(call("LCASE", {iri("http://A")})), "error");
  EXPECT_EQ(eval(call("ENCODE_FOR_URI", {lang("Los Angeles", "en")})), q("Los%20Angeles"));
  EXPECT_EQ(eval(call("CONCAT", {str("a"), typed("b", "string")})), q("ab"));
  EXPECT_EQ(eval(call("CONCAT", {lang("a", "en"), lang("b", "en")})), "\"ab\"@en");
  EXPECT_EQ(eval(call("CONCAT", {lang("a", "en"), lang("b", "fr")})), q("ab"));
  EXPECT_EQ(eval(call("CONCAT", {lang("a", "en"), str("b")})), q("ab"));
  EXPECT_EQ(eval(call("CONCAT", {})), q(""));
  EXPECT_EQ(eval(call("CONCAT", {str("a"), integer(1)})), "error");
}

TEST_F(Fn, StringTestsRequireCompatibleArguments) {
  EXPECT_EQ(ebv(call("CONTAINS", {str("foobar"), str("oba")})), "true");
  EXPECT_EQ(ebv(call("STRSTARTS", {str("foobar"), str("foo")})), "true");
  EXPECT_EQ(ebv(call("STRSTARTS", {str("foobar"), str("bar")})), "false");
  EXPECT_EQ(ebv(call("STRENDS", {str("foobar"), str("bar")})), "true");
  EXPECT_EQ(ebv(call("STRENDS", {str("ar"), str("bar")})), "false");
  EXPECT_EQ(ebv(call("CONTAINS", {lang("abc", "en"), str("b")})), "true");
  EXPECT_EQ(ebv(call("CONTAINS", {lang("abc", "en"), lang("b", "EN")})), "true");
  EXPECT_EQ(ebv(call("CONTAINS", {lang("abc", "en"), lang("b", "fr")})), "error");
  EXPECT_EQ(ebv(call("CONTAINS", {str("abc"), lang("b", "en")})), "error");
  EXPECT_EQ(ebv(call("CONTAINS", {str("abc"), iri("http://b")})), "error");
  EXPECT_EQ(eval(call("STRBEFORE", {str("abc"), str("b")})), q("a"));
  EXPECT_EQ(eval(call("STRBEFORE", {lang("abc", "en"), str("bc")})), "\"a\"@en");
  EXPECT_EQ(eval(call("STRBEFORE", {lang("abc", "en"), str("z")})), q(""));
  EXPECT_EQ(eval(call("STRBEFORE", {lang("abc", "en"), str("")})), "\"\"@en");
  EXPECT_EQ(eval(call("STRAFTER", {str("abc"), str("b")})), q("c"));
  EXPECT_EQ(eval(call("STRAFTER", {lang("abc", "en"), str("a")})), "\"bc\"@en");
  EXPECT_EQ(eval(call("STRAFTER", {str("abc"), str("z")})), q(""));
  EXPECT_EQ(eval(call("STRAFTER", {call("UCASE", {str("abc")}), str("A")})), q("BC"));
  EXPECT_EQ(eval(call("STRAFTER", {str("abc"), lang("b", "en")})), "error");
}

TEST_F(Fn, LanguageTags) {
  EXPECT_EQ(ebv(call("LANGMATCHES", {str("en-GB"), str("en")})), "true");
  EXPECT_EQ(ebv(call("LANGMATCHES", {str("en"), str("EN")})), "true");
  EXPECT_EQ(ebv(call("LANGMATCHES", {str("eng"), str("en")})), "false");
  EXPECT_EQ(ebv(call("LANGMATCHES", {str("fr"), str("*")})), "true");
  EXPECT_EQ(ebv(call("LANGMATCHES", {str(""), str("*")})), "false");
  EXPECT_EQ(ebv(call("LANGMATCHES", {call("LANG", {lang("a", "de-AT")}), str("de")})), "true");
  EXPECT_EQ(eval(call("STRLANG", {str("abc"), str("en-GB")})), "\"abc\"@en-GB");
  EXPECT_EQ(eval(call("STRLANG", {lang("abc", "en"), str("fr")})), "error");
  EXPECT_EQ(eval(call("STRLANG", {str("abc"), str("")})), "error");
  EXPECT_EQ(eval(call("STRLANG", {str("abc"), str("not a tag")})), "error");
  EXPECT_EQ(eval(call("STRDT", {str("123"), iri(kX + "integer")})), nt("123", "integer"));
  EXPECT_EQ(eval(call("STRDT", {str("a"), iri(kX + "string")})), q("a"));
  EXPECT_EQ(eval(call("STRDT", {lang("a", "en"), iri(kX + "string")})), "error");
  EXPECT_EQ(eval(call("STRDT", {str("a"), str("http://dt")})), "error");
}

TEST_F(Fn, Regex) {
  bind("p", rdf::Term::literal("^a.c$"));
  EXPECT_EQ(ebv(call("REGEX", {str("Alice"), str("^ali"), str("i")})), "true");
  EXPECT_EQ(ebv(call("REGEX", {lang("Alice", "en"), str("^ali")})), "false");
  EXPECT_EQ(ebv(call("REGEX", {str("abc"), var("p")})), "true");  // pattern per row
  EXPECT_EQ(ebv(call("REGEX", {str("abcd"), var("p")})), "false");
  EXPECT_EQ(ebv(call("REGEX", {iri("http://a"), str("a")})), "error");
  EXPECT_EQ(ebv(call("REGEX", {str("a"), str("(")})), "error");
  EXPECT_EQ(ebv(call("REGEX", {str("a"), str("a"), str("z")})), "error");
  EXPECT_EQ(ebv(call("REGEX", {str("a"), lang("a", "en")})), "error");
  EXPECT_EQ(eval(call("REPLACE", {str("abcd"), str("b"), str("Z")})), q("aZcd"));
  EXPECT_EQ(eval(call("REPLACE", {lang("AbC", "en"), str("b"), str("x"), str("i")})), "\"AxC\"@en");
  EXPECT_EQ(eval(call("REPLACE", {str("abab"), str("(a)(b)"), str("$2$1")})), q("baba"));
  EXPECT_EQ(eval(call("REPLACE", {str("abc"), str("x*"), str("y")})), "error");
  EXPECT_EQ(eval(call("REPLACE", {str("abc"), var("p"), str("y")})), q("y"));
}

TEST_F(Fn, Numerics) {
  EXPECT_EQ(eval(call("ABS", {integer(-2)})), nt("2", "integer"));
  EXPECT_EQ(eval(call("ABS", {dec("-1.6")})), nt("1.6", "decimal"));
  EXPECT_EQ(eval(call("CEIL", {dec("-1.6")})), nt("-1.0", "decimal"));
  EXPECT_EQ(eval(call("FLOOR", {dbl("1.5E0")})), nt("1.0E0", "double"));
  EXPECT_EQ(eval(call("ROUND", {dec("2.5")})), nt("3.0", "decimal"));
  EXPECT_EQ(eval(call("ROUND", {dec("-2.5")})), nt("-2.0", "decimal"));
  EXPECT_EQ(eval(call("ROUND", {str("1")})), "error");
  const CompiledExpr rand = compiled(call("RAND"));
  for (int k = 0; k < 20; ++k) {
    const rdf::TermView v = dict_.term(rand.evaluate(row_, ctx_));
    EXPECT_EQ(v.datatype, kX + "double");
    const double x = std::stod(std::string(v.value));
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
}

TEST_F(Fn, DatesAndTimes) {
  const ExprPtr d = typed("2010-12-21T15:38:02.25-08:00", "dateTime");
  EXPECT_EQ(eval(call("YEAR", {d})), nt("2010", "integer"));
  EXPECT_EQ(eval(call("MONTH", {d})), nt("12", "integer"));
  EXPECT_EQ(eval(call("DAY", {d})), nt("21", "integer"));
  EXPECT_EQ(eval(call("HOURS", {d})), nt("15", "integer"));
  EXPECT_EQ(eval(call("MINUTES", {d})), nt("38", "integer"));
  EXPECT_EQ(eval(call("SECONDS", {d})), nt("2.25", "decimal"));
  EXPECT_EQ(eval(call("TIMEZONE", {d})), nt("-PT8H", "dayTimeDuration"));
  EXPECT_EQ(eval(call("TZ", {d})), q("-08:00"));
  const ExprPtr utc = typed("2010-06-21T11:28:01Z", "dateTime");
  EXPECT_EQ(eval(call("TIMEZONE", {utc})), nt("PT0S", "dayTimeDuration"));
  EXPECT_EQ(eval(call("TZ", {utc})), q("Z"));
  const ExprPtr local = typed("2011-02-01T01:02:03", "dateTime");
  EXPECT_EQ(eval(call("TIMEZONE", {local})), "error");
  EXPECT_EQ(eval(call("TZ", {local})), q(""));
  EXPECT_EQ(eval(call("YEAR", {typed("2006-08-23", "date")})), nt("2006", "integer"));
  EXPECT_EQ(eval(call("HOURS", {typed("2006-08-23", "date")})), "error");
  EXPECT_EQ(eval(call("YEAR", {str("2010-12-21T15:38:02Z")})), "error");
  EXPECT_EQ(eval(call("YEAR", {typed("2010-13-21T15:38:02Z", "dateTime")})), "error");
}

TEST_F(Fn, NowIsFixedPerContext) {
  EvalOptions o;
  o.now = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  EvalContext ctx(dict_, o);
  const CompiledExpr now = compiled(call("NOW"));
  const rdf::TermId a = now.evaluate(row_, ctx);
  EXPECT_EQ(rdf::to_ntriples(dict_.term(a)), nt("2023-11-14T22:13:20.123Z", "dateTime"));
  EXPECT_EQ(now.evaluate(row_, ctx), a);
  EXPECT_EQ(compiled(call("YEAR", {call("NOW")})).evaluate(row_, ctx),
            dict_.intern(rdf::Term::literal("2023", kX + "integer")));
}

TEST_F(Fn, Uuids) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const std::string u = eval(call("UUID"));
  ASSERT_GT(u.size(), 11u);
  EXPECT_EQ(u.substr(0, 10), "<urn:uuid:");
  EXPECT_TRUE(std::regex_match(u.substr(10, u.size() - 11), uuid)) << u;
  const std::string s = eval(call("STRUUID"));
  EXPECT_TRUE(std::regex_match(s.substr(1, s.size() - 2), uuid)) << s;
  EXPECT_NE(eval(call("STRUUID")), s);
}

TEST_F(Fn, Hashes) {
  EXPECT_EQ(eval(call("MD5", {str("abc")})), q("900150983cd24fb0d6963f7d28e17f72"));
  EXPECT_EQ(eval(call("MD5", {typed("abc", "string")})), q("900150983cd24fb0d6963f7d28e17f72"));
  EXPECT_EQ(eval(call("SHA1", {str("abc")})), q("a9993e364706816aba3e25717850c26c9cd0d89d"));
  EXPECT_EQ(eval(call("SHA256", {str("abc")})),
            q("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  EXPECT_EQ(eval(call("SHA384", {str("")})),
            q("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd"
              "51ad2f14898b95b"));
  EXPECT_EQ(eval(call("SHA512", {str("abc")})),
            q("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a83"
              "6ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
  EXPECT_EQ(eval(call("MD5", {lang("abc", "en")})), "error");
  EXPECT_EQ(eval(call("MD5", {integer(1)})), "error");
}

// The W3C sparql11/cast suite's data, value by value.
TEST_F(Fn, CastsToString) {
  EXPECT_EQ(eval(cast("string", iri("http://example.org/z"))), q("http://example.org/z"));
  EXPECT_EQ(eval(cast("string", str("+33.3300"))), q("+33.3300"));
  EXPECT_EQ(eval(cast("string", typed("0", "boolean"))), q("false"));
  EXPECT_EQ(eval(cast("string", dec("1.0"))), q("1"));
  EXPECT_EQ(eval(cast("string", dbl("1E0"))), q("1"));
  EXPECT_EQ(eval(cast("string", typed("-7.875", "float"))), q("-7.875"));
  EXPECT_EQ(eval(cast("string", typed("2002-10-10T17:00:00Z", "dateTime"))),
            q("2002-10-10T17:00:00Z"));
  EXPECT_EQ(eval(cast("string", lang("chat", "fr"))), q("chat"));
  EXPECT_EQ(eval(cast("string", typed("x", "integer"))), "error");
}

TEST_F(Fn, CastsToNumbers) {
  EXPECT_EQ(eval(cast("integer", str("13"))), nt("13", "integer"));
  EXPECT_EQ(eval(cast("integer", str("1.5"))), "error");
  EXPECT_EQ(eval(cast("integer", str("1E0"))), "error");
  EXPECT_EQ(eval(cast("integer", typed("1.25", "float"))), nt("1", "integer"));
  EXPECT_EQ(eval(cast("integer", dec("-2.5"))), nt("-2", "integer"));
  EXPECT_EQ(eval(cast("integer", boolean(true))), nt("1", "integer"));
  EXPECT_EQ(eval(cast("integer", iri("http://example.org/z"))), "error");
  EXPECT_EQ(eval(cast("integer", lang("1", "en"))), "error");
  EXPECT_EQ(eval(cast("decimal", str("+33.3300"))), nt("33.33", "decimal"));
  EXPECT_EQ(eval(cast("decimal", str("13"))), nt("13.0", "decimal"));
  EXPECT_EQ(eval(cast("decimal", str("1E0"))), "error");
  EXPECT_EQ(eval(cast("decimal", boolean(false))), nt("0.0", "decimal"));
  EXPECT_EQ(eval(cast("decimal", typed("-7.875", "float"))), nt("-7.875", "decimal"));
  EXPECT_EQ(eval(cast("decimal", dbl("INF"))), "error");
  EXPECT_EQ(eval(cast("double", str("-10.2E3"))), nt("-1.02E4", "double"));
  EXPECT_EQ(eval(cast("double", str("0"))), nt("0.0E0", "double"));
  EXPECT_EQ(eval(cast("double", boolean(true))), nt("1.0E0", "double"));
  EXPECT_EQ(eval(cast("double", str("string"))), "error");
  EXPECT_EQ(eval(cast("double", typed("2002-10-10T17:00:00Z", "dateTime"))), "error");
  EXPECT_EQ(eval(cast("float", str("1.5"))), nt("1.5E0", "float"));
  EXPECT_EQ(eval(cast("float", integer(1))), nt("1.0E0", "float"));
  EXPECT_EQ(eval(cast("int", str("300"))), nt("300", "int"));
  EXPECT_EQ(eval(cast("byte", str("300"))), "error");
  EXPECT_EQ(eval(cast("nonNegativeInteger", dec("-0.5"))), nt("0", "nonNegativeInteger"));
}

TEST_F(Fn, CastsToBooleanAndDates) {
  EXPECT_EQ(eval(cast("boolean", str("0"))), nt("false", "boolean"));
  EXPECT_EQ(eval(cast("boolean", str("true"))), nt("true", "boolean"));
  EXPECT_EQ(eval(cast("boolean", str("yes"))), "error");
  EXPECT_EQ(eval(cast("boolean", dec("0.0"))), nt("false", "boolean"));
  EXPECT_EQ(eval(cast("boolean", integer(2))), nt("true", "boolean"));
  EXPECT_EQ(eval(cast("boolean", dbl("NaN"))), nt("false", "boolean"));
  EXPECT_EQ(eval(cast("dateTime", str("2002-10-10T17:00:00Z"))),
            nt("2002-10-10T17:00:00Z", "dateTime"));
  EXPECT_EQ(eval(cast("dateTime", str("2002-10-10"))), "error");
  EXPECT_EQ(eval(cast("dateTime", typed("2006-08-23Z", "date"))),
            nt("2006-08-23T00:00:00Z", "dateTime"));
  EXPECT_EQ(eval(cast("dateTime", integer(1))), "error");
  EXPECT_EQ(eval(cast("date", typed("2006-08-23T10:00:00-05:00", "dateTime"))),
            nt("2006-08-23-05:00", "date"));
  EXPECT_EQ(eval(cast("date", str("2006-08-23"))), nt("2006-08-23", "date"));
}

}  // namespace
}  // namespace kennis::expr::testing
