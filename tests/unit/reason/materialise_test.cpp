// Materialisation: small rule sets whose inferred graphs are checked line by line.
#include "reason_fixture.hpp"

#include <random>

namespace kennis::reason::testing {
namespace {

const char* kPrefix = "@prefix : <http://e/> .\n";

std::string run(const std::string& data, const std::string& rules) {
  World w;
  w.load(std::string(kPrefix) + data);
  w.set_rules(std::string(kPrefix) + rules);
  w.reasoner->materialise();
  return w.inferred_text();
}

TEST(Materialise, TransitiveClosure) {
  EXPECT_EQ(run(":a :p :b . :b :p :c . :c :p :d .", "[?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] ."),
            "<http://e/a> <http://e/p> <http://e/c> .\n"
            "<http://e/a> <http://e/p> <http://e/d> .\n"
            "<http://e/b> <http://e/p> <http://e/d> .\n");
}

TEST(Materialise, AssertedTriplesAreNotInferred) {
  EXPECT_EQ(run(":a :p :b . :b :p :c . :a :p :c .", "[?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] ."),
            "");
}

TEST(Materialise, NegationSeesLowerStratum) {
  EXPECT_EQ(run(":s a :SME ; :needs :c1, :c2 . :s :has :c0 . :c0 :implies :c1 .",
                "[?x, :has, ?c] :- [?x, :has, ?d], [?d, :implies, ?c] .\n"
                "[?x, :gap, ?c] :- [?x, a, :SME], [?x, :needs, ?c], NOT [?x, :has, ?c] ."),
            "<http://e/s> <http://e/gap> <http://e/c2> .\n"
            "<http://e/s> <http://e/has> <http://e/c1> .\n");
}

TEST(Materialise, NotExists) {
  EXPECT_EQ(run(":a :knows :b . :b :knows :c . :c a :Expert .",
                "[?x, :noExpertFriend, true] :- [?x, :knows, ?y], "
                "NOT EXISTS ?z IN ([?x, :knows, ?z], [?z, a, :Expert]) ."),
            "<http://e/a> <http://e/noExpertFriend> "
            "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n");
}

TEST(Materialise, Facts) {
  EXPECT_EQ(run("", "[:a, :b, :c] :- .\n[?x, :d, :e] :- [?x, :b, :c] ."),
            "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/d> <http://e/e> .\n");
}

TEST(Materialise, MutualRecursion) {
  EXPECT_EQ(run(":a :next :b . :b :next :c . :c :next :d . :a a :Even .",
                "[?y, a, :Odd] :- [?x, a, :Even], [?x, :next, ?y] .\n"
                "[?y, a, :Even] :- [?x, a, :Odd], [?x, :next, ?y] ."),
            "<http://e/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Odd> .\n"
            "<http://e/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Even> .\n"
            "<http://e/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Odd> .\n");
}

TEST(Materialise, VariablePredicate) {
  EXPECT_EQ(
      run(":p :sub :q . :q :sub :r . :a :p :b .", "[?x, ?q, ?y] :- [?p, :sub, ?q], [?x, ?p, ?y] ."),
      "<http://e/a> <http://e/q> <http://e/b> .\n<http://e/a> <http://e/r> <http://e/b> .\n");
}

TEST(Materialise, LiteralSubjectsAreNotDerived) {
  EXPECT_EQ(run(":a :name \"A\" .", "[?y, :nameOf, ?x] :- [?x, :name, ?y] ."), "");
}

TEST(Materialise, RepeatedVariableInAtom) {
  EXPECT_EQ(
      run(":a :p :a . :a :p :b .", "[?x, :loop, true] :- [?x, :p, ?x] ."),
      "<http://e/a> <http://e/loop> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n");
}

TEST(Materialise, StatsPerStratum) {
  World w;
  w.load(std::string(kPrefix) + ":a :p :b . :b :p :c . :x :q :y .");
  w.set_rules(std::string(kPrefix) +
              "[?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] .\n"
              "[?x, :r, ?y] :- [?x, :q, ?y], NOT [?x, :p, ?y] .");
  MaterialiseStats s = w.reasoner->materialise();
  ASSERT_EQ(s.strata.size(), 2u);
  EXPECT_EQ(s.strata[0].derived, 1u);
  EXPECT_EQ(s.strata[1].derived, 1u);
  EXPECT_EQ(s.derived, 2u);
}

}  // namespace
}  // namespace kennis::reason::testing

namespace kennis::reason::testing {
namespace {

TEST(Materialise, FilterAndBind) {
  EXPECT_EQ(run(":a :score 3 . :b :score 1 . :c :score \"x\" .",
                "[?x, :double, ?d] :- [?x, :score, ?s], FILTER(?s > 2), BIND(?s * 2 AS ?d) ."),
            "<http://e/a> <http://e/double> \"6\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(Materialise, TypePromotion) {
  EXPECT_EQ(run(":a :x 1 ; :y 2.5 .",
                "[?s, :sum, ?z] :- [?s, :x, ?x], [?s, :y, ?y], BIND(?x + ?y AS ?z) ."),
            "<http://e/a> <http://e/sum> \"3.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n");
}

TEST(Materialise, AggregateCount) {
  EXPECT_EQ(run(":s1 :gap :c1, :c2 . :s2 :gap :c1 . :c1 :ket :k1 . :c2 :ket :k1 .",
                "[?k, :smeGapCount, ?n] :- AGGREGATE([?sme, :gap, ?c], [?c, :ket, ?k] ON ?k "
                "BIND COUNT(DISTINCT ?sme) AS ?n) ."),
            "<http://e/k1> <http://e/smeGapCount> "
            "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(Materialise, AggregateWithoutGroupsCountsZero) {
  EXPECT_EQ(
      run(":a :p :b .", "[:stats, :gaps, ?n] :- AGGREGATE([?x, :gap, ?y] BIND COUNT(*) AS ?n) ."),
      "<http://e/stats> <http://e/gaps> \"0\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(Materialise, AggregateJoinedWithOuterAtoms) {
  EXPECT_EQ(run(":s1 a :SME ; :gap :c1, :c2 . :s2 a :SME .",
                "[?s, :gapCount, ?n] :- [?s, a, :SME], "
                "AGGREGATE([?s, :gap, ?c] ON ?s BIND COUNT(?c) AS ?n, "
                "GROUP_CONCAT(STR(?c); SEPARATOR=\",\") AS ?all) ."),
            "<http://e/s1> <http://e/gapCount> "
            "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

// Rounds of a component without FILTER or BIND run their rules on several threads; the
// inferred graph must not depend on it. Small data, with the work threshold at 0 so that
// every round is split.
TEST(Materialise, ThreadsDeriveTheSameGraphAsOneThread) {
  const std::string rules = std::string(kPrefix) + R"(
@name(trans)  [?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] .
@name(sym)    [?y, :q, ?x] :- [?x, :q, ?y] .
@name(sub)    [?x, :p, ?y] :- [?x, :q, ?y] .
@name(dom)    [?x, a, :Node] :- [?x, :p, ?y] .
@name(sc)     [?x, a, ?d] :- [?c, :sub, ?d], [?x, a, ?c] .
@name(back)   [?x, :r, ?y] :- [?x, a, :Top], [?y, :p, ?x], NOT [?y, :q, ?x] .
)";
  std::mt19937 rng(11);
  for (int trial = 0; trial < 5; ++trial) {
    std::string data = std::string(kPrefix) + ":Node :sub :Mid . :Mid :sub :Top .\n";
    std::uniform_int_distribution<int> node(0, 40), pred(0, 2);
    for (int i = 0; i < 120; ++i) {
      const char* p[] = {":p", ":q", ":q"};
      data += ":n" + std::to_string(node(rng)) + " " + p[pred(rng)] + " :n" +
              std::to_string(node(rng)) + " .\n";
    }
    World one, many;
    one.load(data);
    many.load(data);
    ReasonerOptions serial;
    serial.threads = 1;
    ReasonerOptions parallel;
    parallel.threads = 4;
    parallel.parallel_min_work = 0;
    one.set_rules(rules, serial);
    many.set_rules(rules, parallel);
    const MaterialiseStats a = one.reasoner->materialise();
    const MaterialiseStats b = many.reasoner->materialise();
    EXPECT_GT(a.derived, 0u);
    EXPECT_EQ(a.derived, b.derived) << "trial " << trial;
    EXPECT_EQ(one.inferred_text(), many.inferred_text()) << "trial " << trial;
  }
}

}  // namespace
}  // namespace kennis::reason::testing
