// Printing expressions (to_string) and AST inspection.
#include "expr_test_util.hpp"

#include <gtest/gtest.h>

namespace kennis::expr::testing {
namespace {

std::string show(const ExprPtr& e) { return to_string(*e); }

TEST(Ast, PrintsConstants) {
  EXPECT_EQ(show(integer(-3)), "-3");
  EXPECT_EQ(show(dec("1.50")), "1.50");
  EXPECT_EQ(show(dbl("1.5E0")), "1.5E0");
  EXPECT_EQ(show(boolean(true)), "true");
  EXPECT_EQ(show(typed("01x", "integer")), "\"01x\"^^<" + kX + "integer>");
  EXPECT_EQ(show(typed("1", "double")), "\"1\"^^<" + kX + "double>");
  EXPECT_EQ(show(str("say \"hi\"\n")), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(show(lang("chat", "fr")), "\"chat\"@fr");
  EXPECT_EQ(show(iri("http://a/b")), "<http://a/b>");
  EXPECT_EQ(show(term(rdf::Term::blank("b0"))), "_:b0");
}

TEST(Ast, PrintsMinimalParentheses) {
  const ExprPtr x = var("x"), y = var("y"), z = var("z");
  EXPECT_EQ(show(bin(Op::kMul, bin(Op::kAdd, x, y), z)), "(?x + ?y) * ?z");
  EXPECT_EQ(show(bin(Op::kAdd, x, bin(Op::kMul, y, z))), "?x + ?y * ?z");
  EXPECT_EQ(show(bin(Op::kSub, bin(Op::kSub, x, y), z)), "?x - ?y - ?z");
  EXPECT_EQ(show(bin(Op::kSub, x, bin(Op::kSub, y, z))), "?x - (?y - ?z)");
  EXPECT_EQ(show(bin(Op::kOr, bin(Op::kAnd, x, y), z)), "?x && ?y || ?z");
  EXPECT_EQ(show(bin(Op::kAnd, bin(Op::kOr, x, y), z)), "(?x || ?y) && ?z");
  EXPECT_EQ(show(bin(Op::kEq, bin(Op::kEq, x, y), z)), "(?x = ?y) = ?z");
  EXPECT_EQ(show(un(Op::kNot, bin(Op::kEq, x, y))), "!(?x = ?y)");
  EXPECT_EQ(show(un(Op::kNeg, integer(-1))), "-(-1)");
  EXPECT_EQ(show(un(Op::kNot, un(Op::kNot, x))), "!!?x");
  EXPECT_EQ(show(in(x, {integer(1), str("a")})), "?x IN (1, \"a\")");
  EXPECT_EQ(show(un(Op::kNot, in(x, {}, true))), "!(?x NOT IN ())");
}

TEST(Ast, PrintsCallsAndAggregates) {
  EXPECT_EQ(show(call("REGEX", {var("s"), str("^a"), str("i")})), "REGEX(?s, \"^a\", \"i\")");
  EXPECT_EQ(show(cast("integer", var("s"))), "xsd:integer(?s)");
  EXPECT_EQ(show(make_expr(Call{"http://ex.org/f", true, {}})), "<http://ex.org/f>()");
  EXPECT_EQ(show(make_expr(Aggregate{"COUNT", true, nullptr, " ", -1})), "COUNT(DISTINCT *)");
  EXPECT_EQ(show(make_expr(Aggregate{"GROUP_CONCAT", false, var("n"), ", ", -1})),
            "GROUP_CONCAT(?n; SEPARATOR=\", \")");
  EXPECT_EQ(show(make_expr(Exists{false, nullptr})), "EXISTS { ... }");
}

TEST(Ast, Inspection) {
  const ExprPtr e = bin(Op::kAnd, bin(Op::kGt, var("a"), var("b")), call("BOUND", {var("a")}));
  EXPECT_EQ(variables_of(*e), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(contains_aggregate(*e));
  EXPECT_TRUE(contains_aggregate(
      *bin(Op::kAdd, integer(1), make_expr(Aggregate{"SUM", false, var("x"), " ", -1}))));
  EXPECT_EQ(op_symbol(Op::kNe), "!=");
}

}  // namespace
}  // namespace kennis::expr::testing
