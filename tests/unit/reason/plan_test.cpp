// Rule plans for large bodies: past twelve atoms the order is greedy, with fan-outs kept in a
// heap and computed again only when a variable they read is bound. Tests named *LargeInput*
// run under a time limit (tests/CMakeLists.txt); nothing is timed here.
#include "reason_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace kennis::reason::testing {
namespace {

/// Turtle for a ring of ten nodes linked by :next.
std::string ring() {
  std::string ttl = "@prefix : <http://e/> .\n";
  for (int i = 0; i < 10; ++i) {
    ttl += ":n" + std::to_string(i) + " :next :n" + std::to_string((i + 1) % 10) + " .\n";
  }
  return ttl;
}

TEST(RulePlan, GreedyBeyondTwelveAtomsFollowsTheJoins) {
  World w;
  w.load(ring());
  // Thirteen atoms, written in reverse: the plan starts from one and walks the chain.
  std::string body;
  for (int i = 12; i >= 0; --i) {
    body += std::string(i == 12 ? "" : ", ") + "[?x" + std::to_string(i) + ", :next, ?x" +
            std::to_string(i + 1) + "]";
  }
  w.set_rules("@prefix : <http://e/> .\n[?x0, :far, ?x13] :- " + body + " .\n");
  w.reasoner->materialise();
  EXPECT_EQ(w.inferred().size(), 10u);
  const std::string plans = w.reasoner->plans_text();
  // Only the first scan binds both its variables: every later one reads a variable an
  // earlier one bound (a free variable is printed with a star).
  std::size_t scans = 0, both_free = 0;
  for (std::size_t at = plans.find("scan ["); at != std::string::npos;
       at = plans.find("scan [", at + 1)) {
    const std::string line = plans.substr(at, plans.find('\n', at) - at);
    ++scans;
    if (std::count(line.begin(), line.end(), '*') == 2) ++both_free;
  }
  EXPECT_EQ(scans, 13u) << plans;
  EXPECT_EQ(both_free, 1u) << plans;
}

TEST(RulePlanLargeInput, TwoThousandBodyAtoms) {
  World w;
  w.load(ring());
  std::string body;
  for (int i = 0; i < 2000; ++i) {
    body += std::string(i == 0 ? "" : ", ") + "[?x" + std::to_string(i) + ", :next, ?x" +
            std::to_string(i + 1) + "]";
  }
  w.set_rules("@prefix : <http://e/> .\n[?x0, :far, ?x2000] :- " + body + " .\n");
  w.reasoner->materialise();
  // 2,000 steps around a ring of ten come back where they started.
  ASSERT_EQ(w.inferred().size(), 10u);
  EXPECT_EQ(w.inferred().front(), "<http://e/n0> <http://e/far> <http://e/n0> .");
}

}  // namespace
}  // namespace kennis::reason::testing
