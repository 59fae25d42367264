// Statistics: exact counts, distinct values across graphs (each value once) and per graph
// summed (once per graph), and when each form is taken again.
#include "store/statistics.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace kennis::store {
namespace {

constexpr TermId kP = 10, kQ = 11, kNamed = 100;

void add(QuadStore& store, TermId s, TermId p, TermId o, TermId g = kDefaultGraph) {
  store.insert(Quad{s, p, o, g});
  store.commit();
}

TEST(Statistics, CountsAreExactPerGraphAndOverGraphs) {
  QuadStore store;
  add(store, 1, kP, 2);
  add(store, 1, kP, 3);
  add(store, 1, kP, 2, kNamed);
  Statistics stats(store);
  EXPECT_EQ(stats.count(kNoTerm, kP, kNoTerm), 3u);
  EXPECT_EQ(stats.count(1, kP, 2), 2u);
  EXPECT_EQ(stats.count(1, kP, kNoTerm, kNamed), 1u);
  EXPECT_EQ(stats.count(kNoTerm, kP, kNoTerm, std::vector<TermId>{kDefaultGraph, kNamed}), 3.0);
  EXPECT_EQ(stats.count(kNoTerm, kP, kNoTerm, std::vector<TermId>{kAnyGraph}), 3.0);
  EXPECT_EQ(stats.count(kNoTerm, kQ, kNoTerm), 0u);
}

TEST(Statistics, DistinctValuesAcrossGraphsAndPerGraph) {
  QuadStore store;
  add(store, 1, kP, 2);
  add(store, 1, kP, 3);
  add(store, 4, kP, 2);
  add(store, 1, kP, 2, kNamed);
  add(store, 5, kQ, 6, kNamed);
  Statistics stats(store);
  // Across graphs: subjects {1, 4}, objects {2, 3}.
  EXPECT_EQ(stats.distinct(kP, 0), 2u);
  EXPECT_EQ(stats.distinct(kP, 2), 2u);
  // Per graph, summed: default {1, 4} and {2, 3}; named {1} and {2}.
  const PredicateStats* p = stats.predicate(kP);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->triples, 4u);
  EXPECT_EQ(p->subjects, 3u);
  EXPECT_EQ(p->objects, 3u);
  EXPECT_EQ(stats.subjects(), 4.0);  // default {1, 4}, named {1, 5}
  EXPECT_EQ(stats.objects(), 4.0);   // p: 3, q: 1
  EXPECT_EQ(stats.predicates(), 2.0);
}

TEST(Statistics, UnknownPredicates) {
  QuadStore store;
  Statistics stats(store);
  EXPECT_EQ(stats.distinct(kP, 0), 1u);
  EXPECT_EQ(stats.predicate(kP), nullptr);
  EXPECT_EQ(stats.subjects(), 1.0);
  EXPECT_EQ(stats.objects(), 1.0);
  EXPECT_EQ(stats.predicates(), 1.0);
}

TEST(Statistics, AcrossGraphsFiguresAreTakenAgainWhenTheCountMovesByHalf) {
  QuadStore store;
  for (TermId s = 1; s <= 4; ++s) add(store, s, kP, 50);
  Statistics stats(store);
  EXPECT_EQ(stats.distinct(kP, 0), 4u);
  add(store, 5, kP, 50);
  add(store, 6, kP, 50);
  EXPECT_EQ(stats.distinct(kP, 0), 4u);  // 6 triples: not more than half again as many
  add(store, 7, kP, 50);
  EXPECT_EQ(stats.distinct(kP, 0), 7u);
}

TEST(Statistics, PerGraphFiguresAreTakenAgainWhenTheStoreChangesSize) {
  QuadStore store;
  add(store, 1, kP, 2);
  Statistics stats(store);
  EXPECT_EQ(stats.predicate(kP)->subjects, 1u);
  add(store, 3, kP, 2);
  EXPECT_EQ(stats.predicate(kP)->subjects, 2u);
  EXPECT_EQ(stats.predicate(kP)->objects, 1u);
}

}  // namespace
}  // namespace kennis::store
