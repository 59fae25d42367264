// Stratification: the dependency edges found through the head index are exactly those of
// trying every head against every body atom, in the same order; large rule sets stratify in
// time about linear in rules and edges. Tests named *LargeInput* run under a time limit
// (tests/CMakeLists.txt); nothing is timed here.
#include "rules/stratify.hpp"

#include "rules/load.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace kennis::rules {
namespace {

/// Every dependency of every rule by trying each head of each rule against each body atom:
/// "r -> q" or "r -NOT-> q", in body-atom order and then by q.
std::string brute_force_edges(const RuleSet& rules) {
  std::string out;
  const std::size_t n = rules.rules.size();
  for (std::size_t r = 0; r < n; ++r) {
    std::vector<std::pair<std::size_t, bool>> deps;
    auto visit = [&](const Atom& atom, bool negative) {
      for (std::size_t q = 0; q < n; ++q) {
        bool hit = false;
        for (const Atom& h : rules.rules[q].head) hit = hit || unifiable(h, atom);
        if (!hit) continue;
        bool known = false;
        for (auto& d : deps) {
          if (d.first != q) continue;
          known = true;
          d.second = d.second || negative;
        }
        if (!known) deps.emplace_back(q, negative);
      }
    };
    for (const BodyItem& item : rules.rules[r].body) {
      if (const auto* a = std::get_if<Atom>(&item.node)) visit(*a, false);
      if (const auto* neg = std::get_if<Negation>(&item.node)) visit(neg->atom, true);
    }
    for (const auto& [q, negative] : deps) {
      out += std::to_string(r) + (negative ? " -NOT-> " : " -> ") + std::to_string(q) + "\n";
    }
  }
  return out;
}

std::string edges(const Stratification& s) {
  std::string out;
  for (std::size_t r = 0; r < s.depends_on.size(); ++r) {
    for (const Dependency& d : s.depends_on[r]) {
      out += std::to_string(r) + (d.negative ? " -NOT-> " : " -> ") + std::to_string(d.rule) + "\n";
    }
  }
  return out;
}

TEST(Stratify, HeadIndexFindsTheEdgesOfTryingEveryPair) {
  // Random small rules over three predicates, three constants and two variables (repeated
  // variables included), some under NOT; heads and bodies mix constants and variables in
  // every position.
  std::mt19937 random(7);
  auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  const std::vector<std::string> ends = {"?x", "?y", ":a", ":b", ":c", ":p"};
  const std::vector<std::string> predicates = {":p", ":q", "a", "?y"};
  auto atom = [&] { return "[" + pick(ends) + ", " + pick(predicates) + ", " + pick(ends) + "]"; };
  for (int round = 0; round < 20; ++round) {
    std::string text = "@prefix : <http://e/> .\n";
    for (int i = 0; i < 30; ++i) {
      // The first body atom binds ?x and ?y, so any head or negated atom is safe.
      const std::string head = atom();
      text += head + " :- [?x, :p, ?y], " + (random() % 3 == 0 ? "NOT " : "") + atom() + " .\n";
    }
    LoadedRules loaded = load_rule_text(text, "random.rules");
    ASSERT_EQ(loaded.rules.rules.size(), 30u) << text;
    Stratification s;
    (void)stratify(loaded.rules, s);
    EXPECT_EQ(edges(s), brute_force_edges(loaded.rules)) << text;
  }
}

TEST(StratifyLargeInput, TwentyThousandRules) {
  // A chain of 10,000 predicate rules, a chain of 10,000 class rules each also reading its
  // step's predicate, one rule every class test reads (its head's class is a variable), and
  // one rule on top through negation.
  std::string text = "@prefix : <http://e/> .\n[?x, a, ?c] :- [?x, :instanceOf, ?c] .\n";
  for (int i = 1; i <= 10000; ++i) {
    const std::string k = std::to_string(i), next = std::to_string(i + 1);
    text += "[?x, :p" + next + ", ?y] :- [?x, :p" + k + ", ?y] .\n";
    text += "[?x, a, :C" + next + "] :- [?x, a, :C" + k + "], [?x, :p" + next + ", ?y] .\n";
  }
  text += "[?x, a, :Done] :- [?x, a, :C1], NOT [?x, a, :C10001] .\n";
  LoadedRules loaded = load_rule_text(text, "many.rules");
  ASSERT_TRUE(loaded.ok());
  const Stratification& s = loaded.strata;
  ASSERT_EQ(loaded.rules.rules.size(), 20002u);
  EXPECT_EQ(s.components.size(), 20002u);  // nothing is recursive
  EXPECT_EQ(s.strata, 2u);
  // Evaluation order: every rule after the rules it reads.
  std::size_t deps = 0;
  for (std::size_t r = 0; r < s.depends_on.size(); ++r) {
    for (const Dependency& d : s.depends_on[r]) {
      EXPECT_LT(s.component_of[d.rule], s.component_of[r]);
      ++deps;
    }
  }
  // Predicate rules read the one before; class rules the one before, their step's predicate
  // rule and the variable-class rule; the last rule reads the variable-class rule and the
  // last class rule.
  EXPECT_EQ(deps, 9999u + (9999u + 10000u + 10000u) + 2u);
  EXPECT_EQ(s.components.back().rules, std::vector<std::size_t>{20001});
  EXPECT_EQ(s.components.back().stratum, 1u);
}

}  // namespace
}  // namespace kennis::rules
