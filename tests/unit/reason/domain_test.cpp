// The domain rules (ontology/rules/kennis.rules) over the ontology and the Northern
// Netherlands data: they load and stratify, and incremental updates of random asserted
// triples give the same inferred graph as materialising from scratch.
#include "reason/reasoner.hpp"
#include "rules/load.hpp"
#include "store/dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

namespace kennis::reason {
namespace {

namespace fs = std::filesystem;
const std::string kSource = KENNIS_SOURCE_DIR;

std::vector<std::string> data_paths() {
  std::vector<std::string> paths;
  for (const auto& e : fs::directory_iterator(kSource + "/ontology")) {
    if (e.path().extension() == ".ttl") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  paths.push_back(kSource + "/datasets/northern-nl");
  return paths;
}

/// The inferred graph as sorted N-Triples lines.
std::set<std::string> inferred(const store::Dataset& ds, const Reasoner& r) {
  std::set<std::string> out;
  store::Pattern pat;
  pat.g = r.inferred_graph();
  ds.store().for_each(pat, [&](const store::Quad& q) {
    out.insert(rdf::to_ntriples(ds.dict().term(q.s)) + " " + rdf::to_ntriples(ds.dict().term(q.p)) +
               " " + rdf::to_ntriples(ds.dict().term(q.o)));
  });
  return out;
}

class Domain : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kSource + "/ontology/rules/kennis.rules") ||
        !fs::exists(kSource + "/datasets/northern-nl")) {
      GTEST_SKIP() << "domain rules or data not in this checkout";
    }
    rules_ = rules::load_rule_files({kSource + "/ontology/rules/kennis.rules"});
    std::string errors;
    for (const auto& d : rules_.diagnostics) errors += base::to_string(d) + "\n";
    ASSERT_TRUE(rules_.ok()) << errors;
  }
  rules::LoadedRules rules_;
};

TEST_F(Domain, IncrementalUpdatesMatchRematerialisation) {
  store::Dataset ds;
  ASSERT_TRUE(ds.load(data_paths(), {}).ok());
  std::vector<store::Quad> asserted;
  ds.store().for_each(store::Pattern{}, [&](const store::Quad& q) { asserted.push_back(q); });
  auto made = Reasoner::create(rules_, ds.dict(), ds.store());
  ASSERT_TRUE(made.ok());
  Reasoner& r = *made.value();
  r.materialise();
  const std::set<std::string> original = inferred(ds, r);
  EXPECT_GT(original.size(), 1000u);

  std::mt19937 rng(11);
  std::set<std::size_t> removed_idx;
  for (int step = 0; step < 8; ++step) {
    // Remove a few random asserted triples, or add some removed ones back.
    std::vector<store::Quad> adds, removes;
    if (step % 2 == 0 || removed_idx.empty()) {
      for (int k = 0; k < 1 + step % 3; ++k) {
        const std::size_t i =
            std::uniform_int_distribution<std::size_t>(0, asserted.size() - 1)(rng);
        if (removed_idx.insert(i).second) removes.push_back(asserted[i]);
      }
    } else {
      for (std::size_t i : removed_idx) adds.push_back(asserted[i]);
      removed_idx.clear();
    }
    r.update(adds, removes);

    // The same asserted data, materialised from scratch.
    store::Dataset fresh;
    ASSERT_TRUE(fresh.load(data_paths(), {}).ok());
    for (std::size_t i : removed_idx) {
      const store::Quad& q = asserted[i];
      store::Quad fq{fresh.dict().find(ds.dict().term(q.s)), fresh.dict().find(ds.dict().term(q.p)),
                     fresh.dict().find(ds.dict().term(q.o)), q.g};
      if (q.g != store::kDefaultGraph) fq.g = fresh.dict().find(ds.dict().term(q.g));
      fresh.store().erase(fq);
    }
    fresh.store().commit();
    auto fr = Reasoner::create(rules_, fresh.dict(), fresh.store());
    ASSERT_TRUE(fr.ok());
    fr.value()->materialise();
    ASSERT_EQ(inferred(ds, r), inferred(fresh, *fr.value())) << "step " << step;
  }
  // Everything added back: the original inferred graph again.
  std::vector<store::Quad> adds;
  for (std::size_t i : removed_idx) adds.push_back(asserted[i]);
  r.update(adds, {});
  EXPECT_EQ(inferred(ds, r), original);
}

}  // namespace
}  // namespace kennis::reason
