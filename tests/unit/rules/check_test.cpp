// Safety checks and stratification: which rules are rejected, with which message.
#include "rules/check.hpp"

#include "rules/load.hpp"
#include "rules/stratify.hpp"

#include <gtest/gtest.h>

namespace kennis::rules {
namespace {

std::string errors(const std::string& text) {
  LoadedRules r = load_rule_text("@prefix : <http://e/> .\n" + text, "t.rules");
  std::string out;
  for (const auto& d : r.diagnostics) out += d.code + " " + base::to_string(d) + "\n";
  return out;
}

TEST(RuleCheck, SafeRulesPass) {
  EXPECT_EQ(errors("[?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] .\n"), "");
}

TEST(RuleCheck, UnsafeHeadVariableNamesRuleAndVariable) {
  EXPECT_EQ(
      errors("@name(r1) [?x, :p, ?z] :- [?x, :p, ?y] .\n"),
      "K202 t.rules:2:20: error: [K202] unsafe rule `r1`: head variable ?z is not bound by the "
      "body\n");
}

TEST(RuleCheck, FactWithVariable) {
  EXPECT_EQ(
      errors("[?x, :p, :a] :- .\n"),
      "K202 t.rules:2:2: error: [K202] unsafe rule `rule at t.rules:2`: head variable ?x is not "
      "bound by the body\n");
}

TEST(RuleCheck, NegatedVariableMustBeBound) {
  EXPECT_EQ(
      errors("[?x, :q, :a] :- [?x, :p, :b], NOT [?x, :r, ?y] .\n"),
      "K203 t.rules:2:44: error: [K203] variable ?y of NOT in rule `rule at t.rules:2` is not "
      "bound by a positive atom\n");
}

TEST(RuleCheck, LiteralSubjectInHead) {
  EXPECT_EQ(errors("[\"x\", :q, :a] :- .\n"),
            "K209 t.rules:2:2: error: [K209] literal \"x\" in subject position of a head atom; "
            "subjects are IRIs\n");
}

TEST(RuleCheck, DuplicateNames) {
  EXPECT_EQ(errors("@name(a) [:x, :q, :a] :- .\n@name(a) [:x, :q, :b] :- .\n"),
            "K210 t.rules:3:1: error: [K210] duplicate rule name `a`\n");
}

TEST(Stratify, NegationCycleIsNamed) {
  EXPECT_EQ(errors("@name(win) [?x, :win, :yes] :- [?x, :move, ?y], NOT [?y, :win, :yes] .\n"),
            "K206 t.rules:2:53: error: [K206] rules cannot be stratified: `win` depends through "
            "negation or aggregation on its own consequences (cycle: `win` -NOT-> itself)\n");
  EXPECT_EQ(
      errors("@name(a) [?x, :p, :t] :- [?x, :n, :t], NOT [?x, :q, :t] .\n"
             "@name(b) [?x, :q, :t] :- [?x, :p, :t] .\n"),
      "K206 t.rules:2:44: error: [K206] rules cannot be stratified: `a` depends through negation "
      "or aggregation on its own consequences (cycle: `a` -NOT-> `b` -> `a`)\n");
}

TEST(Stratify, ComponentsInDependencyOrder) {
  LoadedRules r = load_rule_text(
      "@prefix : <http://e/> .\n"
      "@name(gap) [?x, :gap, ?c] :- [?x, :needs, ?c], NOT [?x, :has, ?c] .\n"
      "@name(has) [?x, :has, ?c] :- [?x, :learnt, ?c] .\n"
      "@name(tc) [?x, :learnt, ?z] :- [?x, :learnt, ?y], [?y, :learnt, ?z] .\n"
      "@name(other) [?x, :q, ?y] :- [?x, :q2, ?y] .\n",
      "t.rules");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_string(r.strata, r.rules),
            "stratum 0:\n  {tc} recursive\n  {has}\n  {other}\nstratum 1:\n  {gap} "
            "negation/aggregation\n");
}

TEST(Stratify, ConstantsSeparateTypeAtoms) {
  // [?x, a, :A] does not unify with [?x, a, :B]: no cycle.
  EXPECT_EQ(errors("[?x, a, :A] :- [?x, a, :T], NOT [?x, a, :B] .\n"
                   "[?x, a, :B] :- [?x, a, :T], [?x, :p, ?y] .\n"),
            "");
}

}  // namespace
}  // namespace kennis::rules
