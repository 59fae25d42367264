// QuadStore: staged insert/erase and commit, every triple pattern (all 8 bound/unbound
// combinations, in one graph and across graphs) against a brute-force model, the two-level
// LSM runs under many small commits, bulk loading, graphs, counts and early stop.
#include "store/quad_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

namespace kennis::store {
namespace {

using Tuple = std::tuple<TermId, TermId, TermId, TermId>;  // g, s, p, o

Tuple tuple_of(const Quad& q) { return {q.g, q.s, q.p, q.o}; }

TermId pick(std::mt19937& rng, TermId n) { return static_cast<TermId>(rng() % n); }

// The reference model: a set of quads.
struct Model {
  std::set<Tuple> quads;
  std::vector<Tuple> match(const Pattern& pat) const {
    std::vector<Tuple> out;
    for (const Tuple& t : quads) {
      const auto [g, s, p, o] = t;
      if (pat.g != kAnyGraph && pat.g != g) continue;
      if (pat.s != kNoTerm && pat.s != s) continue;
      if (pat.p != kNoTerm && pat.p != p) continue;
      if (pat.o != kNoTerm && pat.o != o) continue;
      out.push_back(t);
    }
    return out;
  }
};

std::vector<Tuple> lookup(const QuadStore& store, const Pattern& pat) {
  std::vector<Tuple> out;
  store.for_each(pat, [&](const Quad& q) { out.push_back(tuple_of(q)); });
  std::sort(out.begin(), out.end());
  return out;
}

// Checks every pattern over the given terms (each position bound to each term or unbound),
// in every graph and across graphs.
void check_all_patterns(const QuadStore& store, const Model& model,
                        const std::vector<TermId>& terms, const std::vector<TermId>& graphs) {
  ASSERT_EQ(store.size(), model.quads.size());
  std::vector<TermId> choices = terms;
  choices.push_back(kNoTerm);
  std::vector<TermId> graph_choices = graphs;
  graph_choices.push_back(kAnyGraph);
  for (TermId g : graph_choices) {
    for (TermId s : choices) {
      for (TermId p : choices) {
        for (TermId o : choices) {
          const Pattern pat{s, p, o, g};
          const auto expected = model.match(pat);
          const auto actual = lookup(store, pat);
          ASSERT_EQ(actual, expected)
              << "pattern s=" << s << " p=" << p << " o=" << o << " g=" << g;
          ASSERT_EQ(store.count(pat), expected.size());
          if (s != kNoTerm && p != kNoTerm && o != kNoTerm && g != kAnyGraph) {
            ASSERT_EQ(store.contains(Quad{s, p, o, g}), !expected.empty());
          }
        }
      }
    }
  }
}

TEST(OrderingFor, BoundPositionsAreAPrefix) {
  for (int mask = 0; mask < 8; ++mask) {
    const bool s = mask & 1, p = mask & 2, o = mask & 4;
    const Ordering ord = ordering_for(s, p, o);
    const Key k = to_key(ord, s ? 1 : 0, p ? 1 : 0, o ? 1 : 0);
    // Bound positions (1) must come before unbound ones (0) in the key.
    EXPECT_GE(k.a, k.b) << mask;
    EXPECT_GE(k.b, k.c) << mask;
  }
}

TEST(QuadStore, EmptyStore) {
  QuadStore store;
  EXPECT_EQ(store.size(), 0u);
  EXPECT_TRUE(store.graphs().empty());
  EXPECT_EQ(store.count(Pattern{}), 0u);
  EXPECT_FALSE(store.contains(Quad{1, 2, 3, kDefaultGraph}));
  EXPECT_EQ(store.graph(kDefaultGraph), nullptr);
  EXPECT_EQ(store.commit(), std::make_pair(std::size_t{0}, std::size_t{0}));
}

TEST(QuadStore, InsertIsVisibleOnlyAfterCommit) {
  QuadStore store;
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  store.insert(Quad{1, 2, 4, 9});
  EXPECT_TRUE(store.has_pending());
  EXPECT_EQ(store.size(), 0u);
  EXPECT_FALSE(store.contains(Quad{1, 2, 3, kDefaultGraph}));
  std::vector<Quad> added;
  const auto [inserted, erased] = store.commit(&added, nullptr);
  EXPECT_FALSE(store.has_pending());
  EXPECT_EQ(inserted, 2u);
  EXPECT_EQ(erased, 0u);
  EXPECT_EQ(added.size(), 2u);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_TRUE(store.contains(Quad{1, 2, 3, kDefaultGraph}));
  EXPECT_TRUE(store.contains(Quad{1, 2, 4, 9}));
  EXPECT_FALSE(store.contains(Quad{1, 2, 4, kDefaultGraph}));
  EXPECT_TRUE(store.contains_triple(1, 2, 4));
  EXPECT_FALSE(store.contains_triple(4, 2, 1));
  // Inserting what is there changes nothing.
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  added.clear();
  EXPECT_EQ(store.commit(&added, nullptr).first, 0u);
  EXPECT_TRUE(added.empty());
}

TEST(QuadStore, EraseAppliesAfterInsertInTheSameCommit) {
  QuadStore store;
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  store.insert(Quad{4, 5, 6, kDefaultGraph});
  store.commit();
  store.erase(Quad{1, 2, 3, kDefaultGraph});
  store.erase(Quad{7, 7, 7, kDefaultGraph});  // absent: nothing happens
  store.insert(Quad{8, 8, 8, kDefaultGraph});
  store.erase(Quad{8, 8, 8, kDefaultGraph});  // inserted, then erased
  std::vector<Quad> added, removed;
  const auto [inserted, erased] = store.commit(&added, &removed);
  EXPECT_EQ(inserted, 1u);
  EXPECT_EQ(erased, 2u);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_TRUE(store.contains(Quad{4, 5, 6, kDefaultGraph}));
  EXPECT_FALSE(store.contains(Quad{8, 8, 8, kDefaultGraph}));
  ASSERT_EQ(removed.size(), 2u);
}

TEST(QuadStore, EmptiedGraphsDisappear) {
  QuadStore store;
  store.insert(Quad{1, 2, 3, 5});
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  store.insert(Quad{1, 2, 3, 4});
  store.commit();
  EXPECT_EQ(store.graphs(), (std::vector<TermId>{kDefaultGraph, 4, 5}));
  store.erase(Quad{1, 2, 3, 4});
  store.commit();
  EXPECT_EQ(store.graphs(), (std::vector<TermId>{kDefaultGraph, 5}));
  store.clear_graph(kDefaultGraph);
  EXPECT_EQ(store.graphs(), (std::vector<TermId>{5}));
  EXPECT_EQ(store.size(), 1u);
}

TEST(QuadStore, EveryPatternMatchesTheModel) {
  std::mt19937 rng(42);
  QuadStore store;
  Model model;
  const std::vector<TermId> graphs = {kDefaultGraph, 100, 101};
  for (int i = 0; i < 3000; ++i) {
    // Small id ranges so that patterns have many matches and many misses.
    const Quad q{1 + pick(rng, 12), 20 + pick(rng, 4), 1 + pick(rng, 30),
                 graphs[pick(rng, static_cast<TermId>(graphs.size()))]};
    store.insert(q);
    model.quads.insert(tuple_of(q));
  }
  store.commit();
  // Sampled terms: subjects, predicates, objects, and one id that is nowhere.
  const std::vector<TermId> terms = {1, 5, 12, 20, 23, 29, 30, 999};
  check_all_patterns(store, model, terms, {kDefaultGraph, 100, 101, 555});
}

TEST(QuadStore, ManySmallCommitsMergeRunsCorrectly) {
  // Many small commits grow the `recent` runs and fold them into `main` repeatedly;
  // erasures hit both runs. After every commit the store agrees with the model.
  std::mt19937 rng(9);
  QuadStore store;
  Model model;
  const std::vector<TermId> terms = {1, 2, 3, 7, 15, 31, 40};
  for (int round = 0; round < 200; ++round) {
    const int inserts = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < inserts; ++i) {
      const Quad q{1 + pick(rng, 40), 1 + pick(rng, 6), 1 + pick(rng, 40),
                   pick(rng, 5) == 0 ? TermId{77} : kDefaultGraph};
      store.insert(q);
      model.quads.insert(tuple_of(q));
    }
    if (round % 3 == 2 && !model.quads.empty()) {
      for (int i = 0; i < 10; ++i) {
        auto it = model.quads.begin();
        std::advance(it, static_cast<long>(rng() % model.quads.size()));
        const auto [g, s, p, o] = *it;
        store.erase(Quad{s, p, o, g});
        model.quads.erase(it);
      }
    }
    store.commit();
    ASSERT_EQ(store.size(), model.quads.size()) << "round " << round;
    if (round % 20 == 0 || round == 199) {
      check_all_patterns(store, model, terms, {kDefaultGraph, 77});
    }
  }
}

TEST(QuadStore, DeletedKeysOfTheMainRunAreMarkedThenDroppedAndCanComeBack) {
  // A large main run (bulk-loaded), then single erasures (marked gone, not moved), erasures
  // of triples that are then inserted again (revived), erasures in `recent`, and enough
  // erasures to rewrite `main`. Patterns, counts, sizes and predicate counts follow the model.
  std::mt19937 rng(5);
  QuadStore store;
  Model model;
  std::vector<Key> keys;
  for (TermId s = 1; s <= 30; ++s) {
    for (TermId p = 1; p <= 3; ++p) {
      for (TermId o = 1; o <= 10; ++o) {
        keys.push_back(Key{s, p, o});
        model.quads.insert(Tuple{kDefaultGraph, s, p, o});
      }
    }
  }
  store.insert_bulk(kDefaultGraph, std::move(keys));
  const std::vector<TermId> terms = {1, 2, 3, 9, 10, 30, 31};
  auto random_present = [&] {
    auto it = model.quads.begin();
    std::advance(it, static_cast<long>(rng() % model.quads.size()));
    return *it;
  };
  for (int round = 0; round < 120; ++round) {
    const int action = static_cast<int>(rng() % 4);
    std::vector<Tuple> erased;
    const int n = action == 3 ? 25 : 1 + static_cast<int>(rng() % 2);
    for (int i = 0; i < n && !model.quads.empty(); ++i) {
      const Tuple t = random_present();
      const auto [g, s, p, o] = t;
      store.erase(Quad{s, p, o, g});
      model.quads.erase(t);
      erased.push_back(t);
    }
    store.commit();
    if (action == 1) {  // put some back: they leave the gone run
      for (const Tuple& t : erased) {
        const auto [g, s, p, o] = t;
        store.insert(Quad{s, p, o, g});
        model.quads.insert(t);
      }
    } else if (action == 2) {  // new triples into `recent`, some erased at once
      for (int i = 0; i < 3; ++i) {
        const Quad q{40 + pick(rng, 5), 1 + pick(rng, 3), 1 + pick(rng, 10), kDefaultGraph};
        store.insert(q);
        model.quads.insert(tuple_of(q));
      }
    }
    store.commit();
    ASSERT_EQ(store.size(), model.quads.size()) << "round " << round;
    if (round % 10 == 0 || round == 119) {
      check_all_patterns(store, model, terms, {kDefaultGraph});
      std::map<TermId, std::size_t> per_p;
      for (const auto& [g, s, p, o] : model.quads) ++per_p[p];
      using Counts = std::vector<std::pair<TermId, std::size_t>>;
      const Counts counts = store.graph(kDefaultGraph)->predicate_counts();
      const Counts expected(per_p.begin(), per_p.end());
      ASSERT_EQ(counts, expected) << "round " << round;
    }
  }
}

TEST(QuadStore, BulkInsertIntoEmptyAndNonEmptyGraphs) {
  QuadStore store;
  Model model;
  std::vector<Key> keys = {{3, 1, 2}, {1, 1, 1}, {3, 1, 2}, {2, 2, 2}};
  EXPECT_EQ(store.insert_bulk(kDefaultGraph, std::move(keys)), 3u);
  std::vector<Key> more = {{1, 1, 1}, {4, 4, 4}, {0 + 5, 1, 2}};
  EXPECT_EQ(store.insert_bulk(kDefaultGraph, std::move(more)), 2u);
  for (const Key& k : std::vector<Key>{{3, 1, 2}, {1, 1, 1}, {2, 2, 2}, {4, 4, 4}, {5, 1, 2}})
    model.quads.insert({kDefaultGraph, k.a, k.b, k.c});
  check_all_patterns(store, model, {1, 2, 3, 4, 5, 6}, {kDefaultGraph});
}

TEST(QuadStore, ForEachStopsWhenTheCallbackSaysSo) {
  QuadStore store;
  for (TermId i = 1; i <= 10; ++i) store.insert(Quad{1, 2, i, kDefaultGraph});
  store.commit();
  int seen = 0;
  const bool finished = store.for_each(Pattern{1, 2, kNoTerm, kAnyGraph}, [&](const Quad&) {
    ++seen;
    return seen < 3;
  });
  EXPECT_FALSE(finished);
  EXPECT_EQ(seen, 3);
  EXPECT_TRUE(store.for_each(Pattern{}, [](const Quad&) { return true; }));
}

TEST(QuadStore, ATripleInSeveralGraphsIsReportedOncePerGraph) {
  QuadStore store;
  store.insert(Quad{1, 2, 3, kDefaultGraph});
  store.insert(Quad{1, 2, 3, 8});
  store.insert(Quad{1, 2, 3, 9});
  store.commit();
  EXPECT_EQ(store.count(Pattern{1, 2, 3, kAnyGraph}), 3u);
  EXPECT_EQ(store.count(Pattern{1, 2, 3, 8}), 1u);
  EXPECT_EQ(store.count(Pattern{1, 2, 3, 7}), 0u);
}

TEST(QuadStore, PredicateCountsAndMemory) {
  QuadStore store;
  const std::size_t empty = store.memory_bytes();
  for (TermId i = 1; i <= 100; ++i) {
    store.insert(Quad{i, 7, 1, kDefaultGraph});
    if (i % 4 == 0) store.insert(Quad{i, 3, 2, kDefaultGraph});
  }
  store.commit();
  const GraphTable* t = store.graph(kDefaultGraph);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->predicate_counts(),
            (std::vector<std::pair<TermId, std::size_t>>{{3, 25}, {7, 100}}));
  EXPECT_GE(store.memory_bytes(), empty + 125 * 3 * sizeof(Key));
}

// sort_unique packs and radix-sorts keys whose ids fit in 64 bits together, and falls back
// to std::sort otherwise; both must agree with a comparison sort.
TEST(SortUnique, AgreesWithStdSortForSmallAndLargeIds) {
  std::mt19937 rng(7);
  for (const TermId max_id : {TermId{3}, TermId{5000}, TermId{1} << 21, TermId{1} << 22,
                              std::numeric_limits<TermId>::max() - 1}) {
    for (const std::size_t n :
         {std::size_t{0}, std::size_t{10}, std::size_t{5000}, std::size_t{100000}}) {
      std::uniform_int_distribution<TermId> id(1, max_id);
      std::vector<Key> keys;
      for (std::size_t i = 0; i < n; ++i) {
        keys.push_back(Key{id(rng), id(rng), id(rng)});
        if (i % 3 == 0) keys.push_back(keys.back());  // duplicates
      }
      std::vector<Key> expected = keys;
      std::sort(expected.begin(), expected.end());
      expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
      std::vector<Key> in_place = keys;
      sort_unique(keys);
      EXPECT_EQ(keys, expected) << "max id " << max_id << ", " << n << " keys";
      sort_unique(in_place, /*in_place=*/true);
      EXPECT_EQ(in_place, expected) << "in place, max id " << max_id << ", " << n << " keys";
    }
  }
}

TEST(SortUnique, ColumnsOfDifferentWidthsKeepTheirOrder) {
  // a wide, b one bit, c narrow: packing must not let one column spill into another.
  std::vector<Key> keys;
  for (TermId a = 1; a < 40; ++a) {
    for (TermId b : {TermId{1}, TermId{1}}) {
      for (TermId c = 1; c < 40; ++c) keys.push_back(Key{(40 - a) << 20, b, 40 - c});
    }
  }
  std::vector<Key> copy = keys;
  sort_unique(keys);
  sort_unique(copy, /*in_place=*/true);
  EXPECT_EQ(copy, keys);
  ASSERT_EQ(keys.size(), 39u * 39u);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(keys.front(), (Key{1u << 20, 1, 1}));
  EXPECT_EQ(keys.back(), (Key{39u << 20, 1, 39}));
}

}  // namespace
}  // namespace kennis::store
