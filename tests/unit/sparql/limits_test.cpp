// Limits on query execution: a timeout, a row limit, a cancel flag set from another thread.
// A query that hits one throws base::LimitError and gives no result.
#include "base/limits.hpp"

#include "fixture.hpp"
#include "sparql/exec/engine.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace kennis::sparql {
namespace {

using testing::Fixture;

/// 200 triples: a three-way cartesian product has 8 million solutions, enough to outlast
/// the limits below by far.
void fill(Fixture& f) {
  for (int i = 0; i < 200; ++i) {
    f.add("ex:s" + std::to_string(i) + " ex:p ex:o" + std::to_string(i % 7));
  }
}

constexpr const char* kCartesian =
    "PREFIX ex: <http://ex/> SELECT (COUNT(*) AS ?n) "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

base::LimitError run_until_stopped(Fixture& f, const std::string& query,
                                   const base::Limits& limits) {
  exec::QueryEngine engine(f.dict(), f.store());
  auto p = engine.prepare(query, "<test>");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  try {
    engine.execute(p.value(), limits);
  } catch (const base::LimitError& e) {
    return e;
  }
  ADD_FAILURE() << "the query ran to its end";
  return base::LimitError(base::LimitKind::kCancelled, "");
}

TEST(QueryLimits, TimeoutStopsACartesianProduct) {
  Fixture f;
  fill(f);
  base::Limits limits;
  limits.timeout_seconds = 0.2;
  const auto t0 = std::chrono::steady_clock::now();
  const base::LimitError e = run_until_stopped(f, kCartesian, limits);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(e.kind(), base::LimitKind::kTimeout);
  EXPECT_STREQ(e.what(), "query stopped after 0.2 s (--timeout)");
  EXPECT_LT(s, 5.0);
}

TEST(QueryLimits, CancelFromAnotherThread) {
  Fixture f;
  fill(f);
  std::atomic<bool> cancel{false};
  base::Limits limits;
  limits.cancel = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.store(true);
  });
  const base::LimitError e = run_until_stopped(f, kCartesian, limits);
  canceller.join();
  EXPECT_EQ(e.kind(), base::LimitKind::kCancelled);
  EXPECT_STREQ(e.what(), "query cancelled");
}

TEST(QueryLimits, CancelStopsPropertyPaths) {
  Fixture f;
  // A chain of 1000 links: ?x ex:next* ?y has half a million pairs.
  for (int i = 0; i < 1000; ++i) {
    f.add("ex:n" + std::to_string(i) + " ex:next ex:n" + std::to_string(i + 1));
  }
  std::atomic<bool> cancel{true};
  base::Limits limits;
  limits.cancel = &cancel;
  const base::LimitError e = run_until_stopped(
      f, "PREFIX ex: <http://ex/> SELECT (COUNT(*) AS ?n) { ?x ex:next* ?y }", limits);
  EXPECT_EQ(e.kind(), base::LimitKind::kCancelled);
}

TEST(QueryLimits, MaxRowsIsAnErrorNeverATruncatedAnswer) {
  Fixture f;
  fill(f);
  base::Limits limits;
  limits.max_rows = 10;
  const base::LimitError e =
      run_until_stopped(f, "PREFIX ex: <http://ex/> SELECT * { ?s ?p ?o }", limits);
  EXPECT_EQ(e.kind(), base::LimitKind::kRows);
  EXPECT_STREQ(e.what(), "query stopped: its answer has more than 10 rows (--max-rows)");

  // Within the limit (LIMIT, or few enough rows): the whole answer.
  exec::QueryEngine engine(f.dict(), f.store());
  auto p = engine.prepare("PREFIX ex: <http://ex/> SELECT * { ?s ?p ?o } LIMIT 10", "<test>");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(engine.execute(p.value(), limits).table.rows(), 10u);
}

TEST(QueryLimits, MaxRowsCountsDistinctTriplesOfAGraphAnswer) {
  Fixture f;
  fill(f);
  base::Limits limits;
  limits.max_rows = 7;
  exec::QueryEngine engine(f.dict(), f.store());
  // 200 solutions, 7 distinct triples: within the limit.
  auto p = engine.prepare("PREFIX ex: <http://ex/> CONSTRUCT { ?o a ex:Thing } { ?s ex:p ?o }",
                          "<test>");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(engine.execute(p.value(), limits).triples.size(), 200u);
  const base::LimitError e = run_until_stopped(
      f, "PREFIX ex: <http://ex/> CONSTRUCT { ?s a ex:Thing } { ?s ex:p ?o }", limits);
  EXPECT_EQ(e.kind(), base::LimitKind::kRows);
}

TEST(QueryLimits, NoLimitsRunToTheEnd) {
  Fixture f;
  fill(f);
  EXPECT_EQ(f.select("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"),
            std::vector<std::string>{"?n=40000"});
}

}  // namespace
}  // namespace kennis::sparql
