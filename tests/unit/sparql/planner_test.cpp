// The planner: join order from statistics, filter placement, scoping masks, hash joins, and
// passes switched off by name.
#include "fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kennis::sparql::testing {
namespace {

void people(Fixture& f) {
  for (int i = 0; i < 20; ++i) {
    const std::string p = "ex:p" + std::to_string(i);
    f.add(p + " ex:type ex:Person");
    f.add(p + " ex:age " + std::to_string(20 + i));
  }
  f.add("ex:p3 ex:worksFor ex:acme");
}

TEST(Planner, StartsFromTheMostSelectivePattern) {
  Fixture f;
  people(f);
  planner::PlanOptions o;
  o.disabled = {"intersect-joins"};
  // The type test comes last: every ?x that works for ex:acme is a Person (measured on a
  // sample), so testing it earlier would remove nothing.
  EXPECT_EQ(
      f.plan("SELECT ?x WHERE { ?x ex:type ex:Person . ?x ex:age ?a . ?x ex:worksFor ex:acme }", o),
      "project (?x)  ~1\n"
      "  join  ~1\n"
      "    scan ?x ex:worksFor ex:acme  ~1\n"
      "    scan ?x ex:age ?a  ~1\n"
      "    scan ?x ex:type ex:Person  ~1\n");
}

TEST(Planner, IntersectsTwoRangesThatBindTheSameVariable) {
  Fixture f;
  people(f);
  EXPECT_EQ(f.plan("SELECT ?x WHERE { ?x ex:type ex:Person . ?x ex:worksFor ex:acme }"),
            "project (?x)  ~1\n"
            "  join  ~1\n"
            "    intersect on ?x  ~1\n"
            "      scan ?x ex:worksFor ex:acme  ~1\n"
            "      scan ?x ex:type ex:Person  ~20\n");
  EXPECT_THAT(f.select("SELECT ?x WHERE { ?x ex:type ex:Person . ?x ex:worksFor ex:acme }"),
              ::testing::ElementsAre("?x=ex:p3"));
}

TEST(Planner, WithoutOrderJoinsKeepsTheWrittenOrder) {
  Fixture f;
  people(f);
  planner::PlanOptions o;
  o.disabled = {"order-joins", "intersect-joins"};
  EXPECT_EQ(f.plan("SELECT ?x WHERE { ?x ex:type ex:Person . ?x ex:worksFor ex:acme }", o),
            "project (?x)  ~20\n"
            "  join  ~20\n"
            "    scan ?x ex:type ex:Person  ~20\n"
            "    scan ?x ex:worksFor ex:acme  ~1\n");
}

TEST(Planner, FilterRunsRightAfterItsVariablesAreBound) {
  Fixture f;
  people(f);
  const std::string plan =
      f.plan("SELECT ?x WHERE { ?x ex:type ex:Person . ?x ex:age ?a FILTER(?a > 30) }");
  EXPECT_NE(plan.find("scan ?x ex:age ?a  ~1\n    filter ?a > 30"), std::string::npos) << plan;
}

TEST(Planner, OptionalHidesVariablesItsLeftSideDoesNotBind) {
  Fixture f;
  people(f);
  const std::string plan =
      f.plan("SELECT * WHERE { ?x ex:type ex:Person OPTIONAL { ?x ex:worksFor ?c } }");
  EXPECT_NE(plan.find("optional  [scope hides ?c]"), std::string::npos) << plan;
}

TEST(Planner, IndependentSubPlanIsMaterialisedOnce) {
  Fixture f;
  people(f);
  const std::string plan =
      f.plan("SELECT * WHERE { ?x ex:worksFor ?c { ?y ex:age ?a } UNION { ?y ex:type ?t } }");
  EXPECT_NE(plan.find("materialize"), std::string::npos) << plan;
  planner::PlanOptions o;
  o.disabled = {"hash-join"};
  EXPECT_EQ(
      f.plan("SELECT * WHERE { ?x ex:worksFor ?c { ?y ex:age ?a } UNION { ?y ex:type ?t } }", o)
          .find("materialize"),
      std::string::npos);
}

TEST(Planner, UnknownPassIsAnError) {
  Fixture f;
  people(f);
  planner::PlanOptions o;
  o.disabled = {"no-such-pass"};
  EXPECT_EQ(f.plan("SELECT * WHERE { ?s ?p ?o }", o)
                .rfind("error: unknown planner pass 'no-such-pass'", 0),
            0u);
}

TEST(Planner, ResultsDoNotDependOnThePasses) {
  Fixture f;
  people(f);
  const std::string q =
      "SELECT ?x ?c WHERE { ?x ex:type ex:Person ; ex:age ?a FILTER(?a < 25) "
      "OPTIONAL { ?x ex:worksFor ?c } }";
  const auto all = f.select(q);
  EXPECT_EQ(all.size(), 5u);
  for (const char* pass : {"order-joins", "push-filters", "intersect-joins", "hash-join"}) {
    exec::QueryEngine engine(f.dict(), f.store());
    exec::QueryOptions o;
    o.plan.disabled = {pass};
    auto p = engine.prepare("PREFIX ex: <http://ex/> " + q, "<test>", o);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(engine.execute(p.value()).table.rows(), all.size()) << pass;
  }
}

// A group of 2,000 triple patterns: the greedy order computes an element's estimate again
// only when a variable it reads is bound, so this plans in a fraction of a second. Tests named
// *LargeInput* run under a time limit (tests/CMakeLists.txt); nothing is timed here.
TEST(PlannerLargeInput, TwoThousandPatterns) {
  Fixture f;
  for (int i = 0; i < 10; ++i) {
    f.add("ex:n" + std::to_string(i) + " ex:next ex:n" + std::to_string((i + 1) % 10));
    f.add("ex:n" + std::to_string(i) + " ex:type ex:Node");
  }
  // A chain of 1,500 steps around the ten-node ring, and 500 type tests along it.
  std::string body;
  for (int i = 0; i < 1500; ++i) {
    body += " ?x" + std::to_string(i) + " ex:next ?x" + std::to_string(i + 1) + " .";
  }
  for (int i = 0; i < 1500; i += 3) body += " ?x" + std::to_string(i) + " ex:type ex:Node .";
  const std::string query = "SELECT (COUNT(*) AS ?n) WHERE {" + body + " }";
  const std::string plan = f.plan(query);
  std::size_t scans = 0;
  for (std::size_t at = plan.find("scan "); at != std::string::npos;
       at = plan.find("scan ", at + 1)) {
    ++scans;
  }
  EXPECT_EQ(scans, 2000u);
  EXPECT_THAT(f.select(query), ::testing::ElementsAre("?n=10"));
}

}  // namespace
}  // namespace kennis::sparql::testing
