// Aggregates (SPARQL 1.1 section 18.5.1), including the W3C aggregates suite's cases.
#include "expr/aggregate.hpp"

#include "expr_test_util.hpp"

#include <gtest/gtest.h>

namespace kennis::expr::testing {
namespace {

class Agg : public ExprTest {
 protected:
  /// Runs the aggregate over one row per value of ?o (kNoTerm: ?o unbound).
  std::string run(const std::string& name, std::vector<rdf::Term> values, bool distinct = false,
                  std::string separator = " ", ExprPtr arg = var("o")) {
    declare("o");
    auto agg = compile_aggregate(Aggregate{name, distinct, arg, separator, -1}, resolver(), dict_);
    EXPECT_TRUE(agg.ok());
    if (!agg.ok()) return "compile error";
    Accumulator acc = agg->make_accumulator();
    for (const rdf::Term& v : values) {
      bind_id("o", v.value == "UNBOUND" ? rdf::kNoTerm : dict_.intern(v));
      agg->accumulate(acc, row_, ctx_);
    }
    const rdf::TermId id = acc.result(ctx_);
    return id == rdf::kNoTerm ? "unbound" : rdf::to_ntriples(dict_.term(id));
  }
};

rdf::Term I(const char* v) { return rdf::Term::literal(v, kX + "integer"); }
rdf::Term D(const char* v) { return rdf::Term::literal(v, kX + "decimal"); }
rdf::Term G(const char* v) { return rdf::Term::literal(v, kX + "double"); }
rdf::Term S(const char* v) { return rdf::Term::literal(v); }
const rdf::Term kUnbound = rdf::Term::iri("UNBOUND");

TEST_F(Agg, Count) {
  EXPECT_EQ(run("COUNT", {I("1"), I("1"), kUnbound, S("a")}), nt("3", "integer"));
  EXPECT_EQ(run("COUNT", {I("1"), I("1"), D("1.0"), S("a")}, true), nt("3", "integer"));
  EXPECT_EQ(run("COUNT", {}), nt("0", "integer"));
  auto star = compile_aggregate(Aggregate{"COUNT", false, nullptr, " ", -1}, resolver(), dict_);
  ASSERT_TRUE(star.ok());
  EXPECT_TRUE(star->counts_rows());
  Accumulator all = star->make_accumulator();
  Accumulator distinct(AggregateKind::kCount, true);
  const std::vector<rdf::TermId> r1{1, 2}, r2{1, 3};
  for (const auto* r : {&r1, &r2, &r1}) {
    star->accumulate(all, *r, ctx_);
    distinct.add_row(*r);
  }
  EXPECT_EQ(rdf::to_ntriples(dict_.term(all.result(ctx_))), nt("3", "integer"));
  EXPECT_EQ(rdf::to_ntriples(dict_.term(distinct.result(ctx_))), nt("2", "integer"));
}

TEST_F(Agg, SumAndAvg) {
  EXPECT_EQ(run("SUM", {I("1"), I("2"), I("3")}), nt("6", "integer"));
  EXPECT_EQ(run("SUM", {I("1"), D("2.2")}), nt("3.2", "decimal"));
  EXPECT_EQ(run("SUM", {G("2.5E-1"), D("2.25")}), nt("2.5E0", "double"));
  EXPECT_EQ(run("SUM", {}), nt("0", "integer"));
  EXPECT_EQ(run("SUM", {I("1"), S("2")}), "unbound");
  EXPECT_EQ(run("SUM", {I("1"), kUnbound}), "unbound");
  EXPECT_EQ(run("SUM", {I("1"), I("1"), I("2")}, true), nt("3", "integer"));
  // agg-avg-01: 1.0, 2.2, 3.5, 2.2, 2.2
  EXPECT_EQ(run("AVG", {D("1.0"), D("2.2"), D("3.5"), D("2.2"), D("2.2")}), nt("2.22", "decimal"));
  EXPECT_EQ(run("AVG", {I("1"), I("2"), I("3"), I("4")}), nt("2.5", "decimal"));
  EXPECT_EQ(run("AVG", {I("1"), I("2")}, false), nt("1.5", "decimal"));
  EXPECT_EQ(run("AVG", {}), nt("0", "integer"));
  // agg-err-01: a blank node among the values
  EXPECT_EQ(run("AVG", {I("1"), rdf::Term::blank("b2"), I("3")}), "unbound");
}

TEST_F(Agg, AvgOfCastsW3cAggErr02) {
  // AVG(IF(isNumeric(?o), ?o, COALESCE(xsd:double(?o), 0)))
  const ExprPtr arg = call("IF", {call("isNumeric", {var("o")}), var("o"),
                                  call("COALESCE", {cast("double", var("o")), integer(0)})});
  EXPECT_EQ(run("AVG", {I("1"), S("2"), I("3"), I("4")}, false, " ", arg), nt("2.5E0", "double"));
  EXPECT_EQ(run("AVG", {I("1"), rdf::Term::blank("b2"), I("3"), I("4")}, false, " ", arg),
            nt("2.0", "decimal"));
}

TEST_F(Agg, MinMaxSample) {
  EXPECT_EQ(run("MIN", {D("2.2"), D("1.0"), D("3.5")}), nt("1.0", "decimal"));
  EXPECT_EQ(run("MAX", {I("1"), D("2.2"), G("2E-1")}), nt("2.2", "decimal"));
  EXPECT_EQ(run("MAX", {}), "unbound");
  EXPECT_EQ(run("MIN", {I("1"), rdf::Term::blank("b2"), I("3")}), "_:b2");  // ORDER BY order
  EXPECT_EQ(run("MAX", {I("4"), S("a"), I("3")}), "\"a\"");
  EXPECT_EQ(run("MIN", {kUnbound, I("3")}), nt("3", "integer"));
  EXPECT_EQ(run("SAMPLE", {kUnbound, I("3"), I("4")}), nt("3", "integer"));
  EXPECT_EQ(run("SAMPLE", {}), "unbound");
  // MIN over computed values
  EXPECT_EQ(run("MIN", {I("3"), I("1")}, false, " ", bin(Op::kMul, var("o"), dec("0.5"))),
            nt("0.5", "decimal"));
}

TEST_F(Agg, GroupConcat) {
  EXPECT_EQ(run("GROUP_CONCAT", {I("1"), I("22")}), "\"1 22\"");
  EXPECT_EQ(run("GROUP_CONCAT", {I("1"), I("22")}, false, ":"), "\"1:22\"");
  EXPECT_EQ(
      run("GROUP_CONCAT", {rdf::Term::literal("1", {}, "en"), rdf::Term::literal("2", {}, "en")}),
      "\"1 2\"");
  EXPECT_EQ(run("GROUP_CONCAT", {S("1"), S("2"), S("1")}, true), "\"1 2\"");
  EXPECT_EQ(run("GROUP_CONCAT", {}), "\"\"");
  EXPECT_EQ(run("GROUP_CONCAT", {S("a"), kUnbound, rdf::Term::iri("http://x")}), "\"a http://x\"");
  EXPECT_EQ(run("GROUP_CONCAT", {S("a"), rdf::Term::blank("b")}), "unbound");
}

TEST_F(Agg, CompileErrors) {
  auto r = compile_aggregate(Aggregate{"MEDIAN", false, var("o"), " ", -1}, resolver(), dict_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "unknown aggregate MEDIAN");
  r = compile_aggregate(Aggregate{"SUM", false, nullptr, " ", -1}, resolver(), dict_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "SUM expects an argument, found '*'");
  EXPECT_EQ(find_aggregate("group_concat"), AggregateKind::kGroupConcat);
}

}  // namespace
}  // namespace kennis::expr::testing
