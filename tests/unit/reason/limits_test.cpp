// Limits on materialisation and update: rules that would derive forever stop with a
// base::LimitError naming the rule that was still deriving and the triples derived so far.
#include "base/limits.hpp"

#include "reason_fixture.hpp"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace kennis::reason::testing {
namespace {

const char* kPrefix = "@prefix : <http://e/> .\n";

/// Mints a new IRI for the end of every :next chain, forever: each round adds one link per
/// chain (the IRIs stay short: a digest of the one before).
const char* kMint =
    "@name(mint) [?y, :next, ?z] :- [?x, :next, ?y], "
    "BIND(IRI(CONCAT(\"http://e/\", MD5(STR(?y)))) AS ?z) .\n";

std::string chains(int n) {
  std::string s = kPrefix;
  for (int i = 0; i < n; ++i)
    s += ":a" + std::to_string(i) + " :next :b" + std::to_string(i) + " .\n";
  return s;
}

base::LimitError materialise_until_stopped(World& w, const base::Limits& limits) {
  try {
    w.reasoner->materialise(limits);
  } catch (const base::LimitError& e) {
    return e;
  }
  ADD_FAILURE() << "materialisation ran to its end";
  return base::LimitError(base::LimitKind::kCancelled, "");
}

TEST(ReasonLimits, DerivedTriplesStopARuleThatMintsForever) {
  World w;
  w.load(chains(100));
  w.set_rules(std::string(kPrefix) + kMint);
  base::Limits limits;
  limits.max_derived = 2000;
  const base::LimitError e = materialise_until_stopped(w, limits);
  EXPECT_EQ(e.kind(), base::LimitKind::kDerived);
  // 100 per round: the round that passes 2000 stops it.
  EXPECT_STREQ(e.what(),
               "materialisation stopped: more than 2000 triples derived (--max-derived) while "
               "rule `mint` was deriving; 2100 triples derived so far");
}

TEST(ReasonLimits, AnUnnamedRuleIsNamedByWhereItIs) {
  World w;
  w.load(chains(10));
  w.set_rules(std::string(kPrefix) +
              "[?y, :next, ?z] :- [?x, :next, ?y], "
              "BIND(IRI(CONCAT(\"http://e/\", MD5(STR(?y)))) AS ?z) .\n");
  base::Limits limits;
  limits.max_derived = 10;
  const base::LimitError e = materialise_until_stopped(w, limits);
  EXPECT_STREQ(e.what(),
               "materialisation stopped: more than 10 triples derived (--max-derived) while the "
               "rule at test.rules:2 was deriving; 20 triples derived so far");
}

TEST(ReasonLimits, TimeoutStopsARuleThatMintsForever) {
  World w;
  w.load(chains(10));
  w.set_rules(std::string(kPrefix) + kMint);
  base::Limits limits;
  limits.timeout_seconds = 0.3;
  const base::LimitError e = materialise_until_stopped(w, limits);
  EXPECT_EQ(e.kind(), base::LimitKind::kTimeout);
  const std::string m = e.what();
  EXPECT_EQ(m.rfind("materialisation stopped after 0.3 s (--timeout) while rule `mint` was "
                    "deriving; ",
                    0),
            0u)
      << m;
}

TEST(ReasonLimits, CancelStopsALongJoinInsideARule) {
  // One rule, one round, 27 million body solutions: stopped inside the rule's evaluation.
  World w;
  std::string data = kPrefix;
  for (int i = 0; i < 300; ++i) data += ":s" + std::to_string(i) + " :p :o .\n";
  w.load(data);
  w.set_rules(std::string(kPrefix) +
                  "@name(cube) [?a, :q, ?c] :- [?a, :p, ?x], [?b, :p, ?y], [?c, :p, ?z] .\n",
              ReasonerOptions{.threads = 1});
  std::atomic<bool> cancel{false};
  base::Limits limits;
  limits.cancel = &cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel.store(true);
  });
  const base::LimitError e = materialise_until_stopped(w, limits);
  canceller.join();
  EXPECT_EQ(e.kind(), base::LimitKind::kCancelled);
  EXPECT_STREQ(
      e.what(),
      "materialisation cancelled while rule `cube` was deriving; 0 triples derived so far");
}

TEST(ReasonLimits, WithinTheLimitsNothingChanges) {
  World w;
  w.load(std::string(kPrefix) + ":a :knows :b . :b :knows :c .\n");
  w.set_rules(std::string(kPrefix) + "[?x, :knows, ?z] :- [?x, :knows, ?y], [?y, :knows, ?z] .\n");
  base::Limits limits;
  limits.timeout_seconds = 60;
  limits.max_derived = 1;
  limits.max_memory = std::uint64_t{1} << 50;
  EXPECT_EQ(w.reasoner->materialise(limits).derived, 1u);
  EXPECT_EQ(w.inferred(), std::vector<std::string>{"<http://e/a> <http://e/knows> <http://e/c> ."});
}

TEST(ReasonLimits, UpdateStopsAndLeavesTheAssertedChangesMade) {
  World w;
  w.load(std::string(kPrefix) + ":a :next :b .\n");
  w.set_rules(std::string(kPrefix) +
              "@name(step) [?y, :next, ?z] :- [?x, :next, ?y], "
              "BIND(IRI(CONCAT(STR(?y), \"x\")) AS ?z), "
              "FILTER(STRLEN(STR(?z)) < 20) .\n");
  w.reasoner->materialise();
  const TermId c = w.dict.intern_iri("http://e/c");
  const TermId next = w.dict.intern_iri("http://e/next");
  const TermId a = w.dict.intern_iri("http://e/a");
  // The new link starts a chain of its own, which the rule would extend forever without the
  // FILTER; max_derived stops it first.
  base::Limits limits;
  limits.max_derived = 3;
  try {
    w.reasoner->update({{a, next, c, store::kDefaultGraph}}, {}, limits);
    ADD_FAILURE() << "the update ran to its end";
  } catch (const base::LimitError& e) {
    EXPECT_EQ(e.kind(), base::LimitKind::kDerived);
    EXPECT_NE(std::string(e.what()).find("while rule `step` was deriving"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(w.store.contains({a, next, c, store::kDefaultGraph}));
}

}  // namespace
}  // namespace kennis::reason::testing
