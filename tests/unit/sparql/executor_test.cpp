// The executor: joins over ids, scoping, paths, graphs, early stop.
#include "fixture.hpp"
#include "sparql/exec/path_eval.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kennis::sparql::testing {
namespace {

using ::testing::ElementsAre;

TEST(Executor, JoinsThroughSharedVariables) {
  Fixture f;
  f.add("ex:a ex:knows ex:b");
  f.add("ex:b ex:knows ex:c");
  f.add("ex:c ex:name \"C\"");
  EXPECT_THAT(f.select("SELECT ?x ?n WHERE { ?x ex:knows ?y . ?y ex:knows ?z . ?z ex:name ?n }"),
              ElementsAre("?x=ex:a ?n=C"));
}

TEST(Executor, InnerGroupFilterDoesNotSeeOuterBindings) {
  Fixture f;
  f.add("ex:a ex:p 1");
  f.add("ex:a ex:q 2");
  // ?v is not bound inside the inner group, so the filter there is an error: no rows.
  EXPECT_TRUE(f.select("SELECT * WHERE { ?x ex:p ?v { ?x ex:q ?w FILTER(?v < ?w) } }").empty());
  EXPECT_THAT(f.select("SELECT ?x WHERE { ?x ex:p ?v { ?x ex:q ?w } FILTER(?v < ?w) }"),
              ElementsAre("?x=ex:a"));
}

TEST(Executor, OptionalRightSideIsCheckedAgainstTheWholeLeftRow) {
  Fixture f;
  f.add("ex:a ex:p ex:b");
  f.add("ex:a ex:q ex:c");
  f.add("ex:z ex:r ex:d");
  // ?y is bound by the outer join only after the OPTIONAL's bottom-up evaluation.
  EXPECT_THAT(f.select("SELECT ?x ?y WHERE { ?x ex:p ?b { ?x ex:q ?c OPTIONAL { ?y ex:r ?d } } }"),
              ElementsAre("?x=ex:a ?y=ex:z"));
}

TEST(Executor, LimitStopsEarlyAndOffsetSkips) {
  Fixture f;
  for (int i = 0; i < 10; ++i) f.add("ex:s ex:p " + std::to_string(i));
  EXPECT_EQ(f.select("SELECT ?o WHERE { ex:s ex:p ?o } LIMIT 3").size(), 3u);
  EXPECT_THAT(f.select("SELECT ?o WHERE { ex:s ex:p ?o } ORDER BY DESC(?o) OFFSET 8"),
              ElementsAre("?o=0", "?o=1"));
}

TEST(Executor, GraphVariableRangesOverNamedGraphs) {
  Fixture f;
  f.add("ex:s ex:p 1", "ex:g1");
  f.add("ex:s ex:p 2", "ex:g2");
  f.add("ex:s ex:p 3");
  EXPECT_THAT(f.select("SELECT ?g ?o WHERE { GRAPH ?g { ex:s ex:p ?o } }"),
              ElementsAre("?g=ex:g1 ?o=1", "?g=ex:g2 ?o=2"));
  EXPECT_THAT(f.select("SELECT ?o WHERE { ex:s ex:p ?o }"), ElementsAre("?o=3"));
}

TEST(PathEval, ArbitraryLengthPathVisitsEachNodeOnce) {
  Fixture f;
  f.add("ex:a ex:n ex:b");
  f.add("ex:b ex:n ex:a");
  f.add("ex:b ex:n ex:c");
  const rdf::TermId g = store::kDefaultGraph;
  exec::GraphScope scope(f.store(), &g, 1);
  exec::PathEvaluator eval(scope);
  algebra::Path link;
  link.kind = algebra::PathKind::kLink;
  link.iri = f.term("ex:n");
  algebra::Path plus;
  plus.kind = algebra::PathKind::kOneOrMore;
  plus.args.push_back(std::make_shared<algebra::Path>(link));
  exec::Pairs pairs;
  eval.eval(plus, f.term("ex:a"), rdf::kNoTerm, pairs);
  std::vector<std::string> reached;
  for (const auto& [s, o] : pairs) reached.push_back(f.show(o));
  std::sort(reached.begin(), reached.end());
  EXPECT_THAT(reached, ElementsAre("ex:a", "ex:b", "ex:c"));

  algebra::Path star = plus;
  star.kind = algebra::PathKind::kZeroOrMore;
  pairs.clear();
  eval.eval(star, f.term("ex:zzz"), rdf::kNoTerm, pairs);
  ASSERT_EQ(pairs.size(), 1u);  // the zero-length path of a constant not in the data
  EXPECT_EQ(f.show(pairs[0].second), "ex:zzz");
}

TEST(PathEval, InverseOfASequenceReversesIt) {
  algebra::Path a, b, seq;
  a.kind = b.kind = algebra::PathKind::kLink;
  a.iri = 1;
  b.iri = 2;
  seq.kind = algebra::PathKind::kSequence;
  seq.args = {std::make_shared<algebra::Path>(a), std::make_shared<algebra::Path>(b)};
  const auto inv = exec::invert(seq);
  ASSERT_EQ(inv->kind, algebra::PathKind::kSequence);
  ASSERT_EQ(inv->args.size(), 2u);
  EXPECT_EQ(inv->args[0]->kind, algebra::PathKind::kInverse);
  EXPECT_EQ(inv->args[0]->args[0]->iri, 2u);
  EXPECT_EQ(inv->args[1]->args[0]->iri, 1u);
}

}  // namespace
}  // namespace kennis::sparql::testing
