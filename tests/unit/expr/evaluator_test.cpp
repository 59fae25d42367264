// Operators, three-valued logic, comparisons (SPARQL 1.1 17.2, 17.3), compilation errors and
// the ORDER BY order.
#include "expr_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kennis::expr::testing {
namespace {

using Eval = ExprTest;

TEST_F(Eval, ArithmeticPromotesTypes) {
  EXPECT_EQ(eval(bin(Op::kAdd, integer(1), integer(1))), nt("2", "integer"));
  EXPECT_EQ(eval(bin(Op::kDiv, integer(1), integer(2))), nt("0.5", "decimal"));
  EXPECT_EQ(eval(bin(Op::kDiv, integer(4), integer(2))), nt("2.0", "decimal"));
  EXPECT_EQ(eval(bin(Op::kMul, dec("1.5"), integer(2))), nt("3.0", "decimal"));
  EXPECT_EQ(eval(bin(Op::kAdd, dbl("1.5E0"), integer(1))), nt("2.5E0", "double"));
  EXPECT_EQ(eval(bin(Op::kSub, typed("1.5", "float"), integer(1))), nt("5.0E-1", "float"));
  EXPECT_EQ(eval(bin(Op::kAdd, typed("5", "byte"), typed("3", "unsignedInt"))), nt("8", "integer"));
  EXPECT_EQ(eval(un(Op::kNeg, dec("1.5"))), nt("-1.5", "decimal"));
  EXPECT_EQ(eval(un(Op::kPlus, typed("05", "integer"))), nt("05", "integer"));  // same term
  EXPECT_EQ(eval(bin(Op::kDiv, integer(1), integer(0))), "error");
  EXPECT_EQ(eval(bin(Op::kDiv, dbl("1E0"), integer(0))), nt("INF", "double"));
  EXPECT_EQ(eval(bin(Op::kAdd, integer(1), str("1"))), "error");
  EXPECT_EQ(eval(bin(Op::kAdd, integer(1), typed("x", "integer"))), "error");  // ill-typed
  EXPECT_EQ(eval(un(Op::kNeg, str("1"))), "error");
}

TEST_F(Eval, UnboundVariablesAreErrors) {
  declare("u");
  bind("x", rdf::Term::literal("3", kX + "integer"));
  EXPECT_EQ(eval(bin(Op::kAdd, var("x"), integer(1))), nt("4", "integer"));
  EXPECT_EQ(eval(bin(Op::kAdd, var("u"), integer(1))), "error");
  EXPECT_EQ(eval(bin(Op::kAdd, var("not_in_scope"), integer(1))), "error");
  EXPECT_EQ(eval(var("x")), nt("3", "integer"));
  EXPECT_EQ(eval(var("u")), "error");
}

TEST_F(Eval, ThreeValuedLogic) {
  declare("u");
  const ExprPtr t = boolean(true), f = boolean(false), e = var("u");
  EXPECT_EQ(ebv(bin(Op::kOr, t, e)), "true");
  EXPECT_EQ(ebv(bin(Op::kOr, e, t)), "true");
  EXPECT_EQ(ebv(bin(Op::kOr, f, e)), "error");
  EXPECT_EQ(ebv(bin(Op::kOr, e, e)), "error");
  EXPECT_EQ(ebv(bin(Op::kOr, f, f)), "false");
  EXPECT_EQ(ebv(bin(Op::kAnd, f, e)), "false");
  EXPECT_EQ(ebv(bin(Op::kAnd, e, f)), "false");
  EXPECT_EQ(ebv(bin(Op::kAnd, t, e)), "error");
  EXPECT_EQ(ebv(bin(Op::kAnd, t, t)), "true");
  EXPECT_EQ(ebv(un(Op::kNot, e)), "error");
  EXPECT_EQ(ebv(un(Op::kNot, f)), "true");
  EXPECT_EQ(eval(bin(Op::kAnd, t, t)), nt("true", "boolean"));
}

TEST_F(Eval, EffectiveBooleanValue) {
  EXPECT_EQ(ebv(str("")), "false");
  EXPECT_EQ(ebv(str("x")), "true");
  EXPECT_EQ(ebv(lang("", "en")), "false");
  EXPECT_EQ(ebv(integer(0)), "false");
  EXPECT_EQ(ebv(dec("0.0")), "false");
  EXPECT_EQ(ebv(dbl("NaN")), "false");
  EXPECT_EQ(ebv(dbl("-1E0")), "true");
  EXPECT_EQ(ebv(typed("0", "boolean")), "false");
  EXPECT_EQ(ebv(typed("1", "boolean")), "true");
  EXPECT_EQ(ebv(typed("yes", "boolean")), "false");  // invalid lexical form: false
  EXPECT_EQ(ebv(typed("abc", "integer")), "false");
  EXPECT_EQ(ebv(iri("http://example.org/")), "error");
  EXPECT_EQ(ebv(typed("2010-01-01T00:00:00Z", "dateTime")), "error");
  EXPECT_EQ(ebv(term(rdf::Term::literal("x", "http://example.org/dt"))), "error");
}

TEST_F(Eval, EqualityUsesValues) {
  EXPECT_EQ(ebv(bin(Op::kEq, integer(1), dec("1.0"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, integer(1), dbl("1E0"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("01", "integer"), typed("1", "int"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, dbl("NaN"), dbl("NaN"))), "false");
  EXPECT_EQ(ebv(bin(Op::kNe, dbl("NaN"), dbl("NaN"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, str("a"), typed("a", "string"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, lang("a", "en"), lang("a", "EN"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, lang("a", "en"), str("a"))), "false");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("true", "boolean"), typed("1", "boolean"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("2010-01-01T10:00:00Z", "dateTime"),
                    typed("2010-01-01T11:00:00+01:00", "dateTime"))),
            "true");
  EXPECT_EQ(ebv(bin(Op::kEq, iri("http://a"), iri("http://a"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, iri("http://a"), iri("http://b"))), "false");
  EXPECT_EQ(ebv(bin(Op::kEq, iri("http://a"), str("http://a"))), "false");
}

TEST_F(Eval, EqualityFallsBackToRdfTermEqual) {
  // Literals of two known, different types: different values.
  EXPECT_EQ(ebv(bin(Op::kEq, integer(1), str("1"))), "false");
  EXPECT_EQ(ebv(bin(Op::kNe, integer(1), str("1"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("2006-08-23T09:00:00+01:00", "dateTime"),
                    typed("2006-08-23", "date"))),
            "false");
  // Unknown datatypes: equal only if the same term, else unknown (an error).
  const ExprPtr a = term(rdf::Term::literal("a", "http://example.org/t"));
  const ExprPtr b = term(rdf::Term::literal("b", "http://example.org/t"));
  EXPECT_EQ(ebv(bin(Op::kEq, a, a)), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, a, b)), "error");
  EXPECT_EQ(ebv(bin(Op::kNe, a, b)), "error");
  EXPECT_EQ(ebv(bin(Op::kEq, a, integer(1))), "error");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("x", "integer"), typed("x", "integer"))), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("x", "integer"), integer(1))), "error");
  EXPECT_EQ(ebv(bin(Op::kEq, a, iri("http://example.org/t"))), "false");
}

TEST_F(Eval, DateComparisonsWithMissingTimezones) {
  // W3C open-world date-1 .. date-3
  const ExprPtr d = typed("2006-08-23", "date");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("2006-08-23", "date"), d)), "true");
  EXPECT_EQ(ebv(bin(Op::kEq, typed("2006-08-23Z", "date"), d)), "error");
  EXPECT_EQ(ebv(bin(Op::kNe, typed("2006-08-23+00:00", "date"), d)), "error");
  EXPECT_EQ(ebv(bin(Op::kNe, typed("2001-01-01Z", "date"), d)), "true");
  EXPECT_EQ(ebv(bin(Op::kGt, typed("2006-08-23Z", "date"), typed("2006-08-22", "date"))), "true");
  EXPECT_EQ(ebv(bin(Op::kGt, typed("2006-08-23T09:00:00+01:00", "dateTime"),
                    typed("2006-08-22", "date"))),
            "error");
}

TEST_F(Eval, OrderingOperators) {
  EXPECT_EQ(ebv(bin(Op::kLt, integer(1), dec("1.5"))), "true");
  EXPECT_EQ(ebv(bin(Op::kLe, integer(2), dbl("2E0"))), "true");
  EXPECT_EQ(ebv(bin(Op::kGe, dbl("NaN"), integer(1))), "false");
  EXPECT_EQ(ebv(bin(Op::kLt, str("abc"), str("abd"))), "true");
  EXPECT_EQ(ebv(bin(Op::kLt, str("Z"), str("a"))), "true");  // code point order
  EXPECT_EQ(ebv(bin(Op::kGt, str("\xC3\xA9"), str("z"))), "true");
  EXPECT_EQ(ebv(bin(Op::kLt, typed("false", "boolean"), typed("true", "boolean"))), "true");
  EXPECT_EQ(ebv(bin(Op::kLt, typed("2010-01-01T00:00:00Z", "dateTime"),
                    typed("2010-01-01T00:00:00-01:00", "dateTime"))),
            "true");
  EXPECT_EQ(ebv(bin(Op::kLt, lang("a", "en"), lang("b", "en"))), "error");
  EXPECT_EQ(ebv(bin(Op::kLt, iri("http://a"), iri("http://b"))), "error");
  EXPECT_EQ(ebv(bin(Op::kLt, integer(1), str("2"))), "error");
  EXPECT_EQ(ebv(bin(Op::kLe, iri("http://a"), iri("http://a"))), "error");
}

TEST_F(Eval, LeafComparisonsAgreeWithTheGeneralPath) {
  // ?a op ?b takes a shortcut on ids; COALESCE(?a) op COALESCE(?b) builds Values.
  const std::vector<rdf::Term> terms = {
      rdf::Term::literal("1", kX + "integer"),
      rdf::Term::literal("01", kX + "integer"),
      rdf::Term::literal("1.0", kX + "decimal"),
      rdf::Term::literal("NaN", kX + "double"),
      rdf::Term::literal("2E0", kX + "double"),
      rdf::Term::literal("x", kX + "integer"),
      rdf::Term::literal("1"),
      rdf::Term::literal("a", {}, "en"),
      rdf::Term::iri("http://a"),
      rdf::Term::blank("b"),
      rdf::Term::literal("t", "http://dt"),
      rdf::Term::literal("true", kX + "boolean"),
  };
  const Op ops[] = {Op::kEq, Op::kNe, Op::kLt, Op::kGt, Op::kLe, Op::kGe};
  declare("a");
  declare("b");
  for (const rdf::Term& x : terms) {
    for (const rdf::Term& y : terms) {
      bind("a", x);
      bind("b", y);
      for (Op op : ops) {
        EXPECT_EQ(ebv(bin(op, var("a"), var("b"))),
                  ebv(bin(op, call("COALESCE", {var("a")}), call("COALESCE", {var("b")}))))
            << rdf::to_ntriples(x) << " " << op_symbol(op) << " " << rdf::to_ntriples(y);
      }
    }
  }
  declare("u");
  EXPECT_EQ(ebv(bin(Op::kEq, var("u"), var("u"))), "error");
  EXPECT_EQ(ebv(bin(Op::kLt, integer(1), dec("1.5"))), "true");
}

TEST_F(Eval, InAndNotIn) {
  declare("u");
  EXPECT_EQ(ebv(in(integer(2), {integer(1), dec("2.0")})), "true");
  EXPECT_EQ(ebv(in(integer(2), {})), "false");
  EXPECT_EQ(ebv(in(integer(2), {integer(1), integer(3)})), "false");
  EXPECT_EQ(ebv(in(integer(2), {var("u"), integer(2)})), "true");
  EXPECT_EQ(ebv(in(integer(2), {var("u"), integer(3)})), "error");
  EXPECT_EQ(ebv(in(integer(2), {integer(1)}, true)), "true");
  EXPECT_EQ(ebv(in(integer(2), {integer(2)}, true)), "false");
  EXPECT_EQ(ebv(in(integer(2), {var("u"), integer(2)}, true)), "false");
  EXPECT_EQ(ebv(in(integer(2), {var("u")}, true)), "error");
  EXPECT_EQ(ebv(in(var("u"), {integer(1)})), "error");
  EXPECT_EQ(ebv(in(var("u"), {})), "false");
  EXPECT_EQ(ebv(in(var("u"), {}, true)), "true");
  EXPECT_EQ(ebv(in(iri("http://a"), {str("http://a"), iri("http://a")})), "true");
}

TEST_F(Eval, CompileReportsMisuse) {
  EXPECT_EQ(compile_error(call("NOSUCH", {integer(1)})), "unknown function NOSUCH");
  EXPECT_EQ(compile_error(call("STRLEN", {})), "STRLEN expects 1 argument, found 0");
  EXPECT_EQ(compile_error(call("substr", {str("a")})), "SUBSTR expects 2 to 3 arguments, found 1");
  EXPECT_EQ(compile_error(call("BOUND", {integer(1)})), "BOUND expects a variable");
  EXPECT_EQ(compile_error(make_expr(Aggregate{"COUNT", false, var("x"), " ", -1})),
            "aggregate COUNT(?x) is only allowed in a grouped query");
  EXPECT_EQ(compile_error(make_expr(Binary{Op::kAdd, integer(1), nullptr})),
            "malformed expression: missing operand");
  ExprPtr deep = boolean(true);
  for (int i = 0; i < 1500; ++i) deep = un(Op::kNot, deep);
  EXPECT_EQ(compile_error(deep), "expression nested more than 1000 levels deep");
  ExprPtr fine = boolean(true);
  for (int i = 0; i < 900; ++i) fine = un(Op::kNot, fine);
  EXPECT_EQ(ebv(fine), "true");
  // Unknown function IRIs compile and evaluate to errors (SPARQL 17.6).
  EXPECT_EQ(compile_error(make_expr(Call{"http://example.org/f", true, {}})), "");
  EXPECT_EQ(eval(make_expr(Call{"http://example.org/f", true, {}})), "error");
  // Built-in names are case-insensitive.
  EXPECT_EQ(eval(call("strLen", {str("abc")})), nt("3", "integer"));
}

TEST_F(Eval, AggregatesReadTheirSlot) {
  bind("x", rdf::Term::literal("1", kX + "integer"));
  bind("agg", rdf::Term::literal("5", kX + "integer"));
  const ExprPtr e = bin(Op::kGt, make_expr(Aggregate{"SUM", false, var("x"), " ", 1}), integer(2));
  EXPECT_EQ(ebv(e), "true");
  auto c = compile(*e, resolver(), dict_, [](const Aggregate&) { return 0; });
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->evaluate_ebv(row_, ctx_), std::optional<bool>(false));  // reads ?x's slot: 1
}

TEST_F(Eval, ExistsUsesTheCallback) {
  struct Handle : PatternHandle {
    std::string to_string() const override { return "{ ?s ?p ?o }"; }
  };
  auto pattern = std::make_shared<Handle>();
  const ExprPtr exists = make_expr(Exists{false, pattern});
  const ExprPtr not_exists = make_expr(Exists{true, pattern});
  EXPECT_EQ(ebv(exists), "error");  // no callback
  int calls = 0;
  ctx_.exists = [&](const Exists& e, Row) {
    ++calls;
    EXPECT_EQ(e.pattern.get(), pattern.get());
    return true;
  };
  EXPECT_EQ(ebv(exists), "true");
  EXPECT_EQ(ebv(not_exists), "false");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(to_string(*not_exists), "NOT EXISTS { ?s ?p ?o }");
}

TEST_F(Eval, CompiledExpressionIntrospection) {
  bind("a", rdf::Term::iri("http://a"));
  bind("b", rdf::Term::iri("http://b"));
  const CompiledExpr c = compiled(bin(Op::kEq, var("b"), var("a")));
  EXPECT_EQ(c.slots(), (std::vector<int>{0, 1}));
  EXPECT_EQ(c.variable_slot(), -1);
  EXPECT_EQ(c.text(), "?b = ?a");
  EXPECT_EQ(compiled(var("b")).variable_slot(), 1);
  EXPECT_NE(compiled(integer(3)).constant(), rdf::kNoTerm);
  EXPECT_TRUE(CompiledExpr().empty());
  EXPECT_EQ(CompiledExpr().evaluate(row_, ctx_), rdf::kNoTerm);
}

TEST_F(Eval, FiltersDoNotGrowTheDictionary) {
  bind("x", rdf::Term::literal("7", kX + "integer"));
  const CompiledExpr f =
      compiled(bin(Op::kAnd, bin(Op::kGt, bin(Op::kMul, var("x"), dec("1.5")), integer(3)),
                   bin(Op::kEq, call("UCASE", {call("STR", {var("x")})}), str("7"))));
  const std::size_t before = dict_.size();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(f.filter(row_, ctx_));
  EXPECT_EQ(dict_.size(), before);
}

TEST_F(Eval, OrderByIsTotal) {
  std::vector<rdf::TermId> ids = {
      dict_.intern(rdf::Term::literal("b")),
      dict_.intern(rdf::Term::literal("10", kX + "integer")),
      dict_.intern(rdf::Term::iri("http://z")),
      dict_.intern(rdf::Term::literal("a", {}, "en")),
      dict_.intern(rdf::Term::literal("2.5", kX + "decimal")),
      dict_.intern(rdf::Term::blank("b1")),
      dict_.intern(rdf::Term::literal("1.0", kX + "decimal")),
      dict_.intern(rdf::Term::literal("1", kX + "integer")),
      dict_.intern(rdf::Term::literal("true", kX + "boolean")),
      dict_.intern(rdf::Term::iri("http://a")),
      dict_.intern(rdf::Term::literal("x", "http://example.org/t")),
      dict_.intern(rdf::Term::literal("NaN", kX + "double")),
      rdf::kNoTerm,
      dict_.intern(rdf::Term::literal("2000-01-01T00:00:00Z", kX + "dateTime")),
      dict_.intern(rdf::Term::literal("a")),
  };
  std::sort(ids.begin(), ids.end(),
            [&](rdf::TermId a, rdf::TermId b) { return order_compare(a, b, ctx_.terms()) < 0; });
  std::vector<std::string> out;
  for (rdf::TermId id : ids) out.push_back(id ? rdf::to_ntriples(dict_.term(id)) : "UNDEF");
  EXPECT_EQ(out, (std::vector<std::string>{
                     "UNDEF", "_:b1", "<http://a>", "<http://z>", nt("NaN", "double"),
                     nt("1", "integer"), nt("1.0", "decimal"), nt("2.5", "decimal"),
                     nt("10", "integer"), "\"a\"", "\"b\"", "\"a\"@en", nt("true", "boolean"),
                     nt("2000-01-01T00:00:00Z", "dateTime"), "\"x\"^^<http://example.org/t>"}));
  // antisymmetric on every pair
  for (rdf::TermId a : ids) {
    for (rdf::TermId b : ids) {
      EXPECT_EQ(order_compare(a, b, ctx_.terms()), -order_compare(b, a, ctx_.terms()));
    }
  }
}

}  // namespace
}  // namespace kennis::expr::testing
