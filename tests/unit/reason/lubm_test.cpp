// LUBM(1): univ-bench.rules over the generated data derives exactly the reference closure
// (../shared/datasets/lubm/lubm1-closure.nt.gz), and the 14 queries, evaluated as rules over
// the materialised store, give the published answer counts (expected-counts.tsv).
#include "reason/reasoner.hpp"
#include "rules/load.hpp"
#include "store/dataset.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kennis::reason {
namespace {

namespace fs = std::filesystem;

const std::string kLubm = std::string(KENNIS_SHARED_DIR) + "/datasets/lubm";
const std::string kSource = KENNIS_SOURCE_DIR;

class Sink : public rdf::StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId, std::uint32_t, std::uint32_t) override {
    triples.insert(Triple{s, p, o});
  }
  std::set<Triple> triples;
};

class Lubm : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kLubm + "/lubm1.nt.gz")) {
      GTEST_SKIP() << "LUBM data not found in " << kLubm << "; skipping";
    }
  }
};

TEST_F(Lubm, Lubm1ClosureIsExactlyTheReference) {
  store::Dataset ds;
  auto loaded = ds.load({kLubm + "/univ-bench.ttl", kLubm + "/lubm1.nt.gz"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  auto rules = rules::load_rule_files({kSource + "/datasets/lubm/univ-bench.rules"});
  ASSERT_TRUE(rules.ok());
  auto reasoner = Reasoner::create(rules, ds.dict(), ds.store());
  ASSERT_TRUE(reasoner.ok());
  MaterialiseStats stats = reasoner.value()->materialise();
  EXPECT_EQ(stats.derived, 48561u);

  // The reference: closure minus asserted data.
  Sink closure, asserted;
  rdf::ReadOptions nt;
  nt.syntax = rdf::Syntax::kNTriples;
  nt.blank_prefix = "closure-";
  ASSERT_TRUE(rdf::read_file(kLubm + "/lubm1-closure.nt.gz", ds.dict(), closure, nt).ok());
  nt.blank_prefix = "data-";
  ASSERT_TRUE(rdf::read_file(kLubm + "/lubm1.nt.gz", ds.dict(), asserted, nt).ok());
  std::set<Triple> expected;
  for (const Triple& t : closure.triples) {
    if (!asserted.triples.count(t)) expected.insert(t);
  }
  std::set<Triple> derived;
  store::Pattern pat;
  pat.g = reasoner.value()->inferred_graph();
  ds.store().for_each(pat, [&](const store::Quad& q) { derived.insert(Triple{q.s, q.p, q.o}); });
  ASSERT_EQ(derived.size(), expected.size());

  // Triples without blank nodes are identical; a blank node (an anonymous restriction)
  // is compared by the set of subjects typed with it.
  auto split = [&](const std::set<Triple>& ts, std::set<Triple>& plain,
                   std::multiset<std::vector<TermId>>& blank_groups) {
    std::map<TermId, std::vector<TermId>> by_blank;
    for (const Triple& t : ts) {
      if (ds.dict().kind(t.o) == rdf::TermKind::kBlank) {
        by_blank[t.o].push_back(t.s);
      } else {
        plain.insert(t);
      }
    }
    for (auto& [b, subjects] : by_blank) {
      std::sort(subjects.begin(), subjects.end());
      blank_groups.insert(subjects);
    }
  };
  std::set<Triple> plain_expected, plain_derived;
  std::multiset<std::vector<TermId>> groups_expected, groups_derived;
  split(expected, plain_expected, groups_expected);
  split(derived, plain_derived, groups_derived);
  EXPECT_EQ(plain_derived.size(), plain_expected.size());
  EXPECT_TRUE(plain_derived == plain_expected);
  EXPECT_EQ(derived.size() - plain_derived.size(), 11173u);
  EXPECT_TRUE(groups_derived == groups_expected);
}

TEST_F(Lubm, QueryCountsMatchThePublishedAnswers) {
  std::map<std::string, std::size_t> expected;
  std::ifstream tsv(kLubm + "/expected-counts.tsv");
  std::string line;
  std::getline(tsv, line);  // header
  while (std::getline(tsv, line)) {
    std::istringstream cols(line);
    std::string q;
    std::size_t lubm1 = 0;
    cols >> q >> lubm1;
    expected[q] = lubm1;
  }
  ASSERT_EQ(expected.size(), 14u);

  store::Dataset ds;
  ASSERT_TRUE(ds.load({kLubm + "/univ-bench.ttl", kLubm + "/lubm1.nt.gz"}, {}).ok());
  auto rules = rules::load_rule_files({kSource + "/datasets/lubm/univ-bench.rules"});
  ASSERT_TRUE(rules.ok());
  auto reasoner = Reasoner::create(rules, ds.dict(), ds.store());
  ASSERT_TRUE(reasoner.ok());
  reasoner.value()->materialise();

  auto queries = rules::load_rule_files({kSource + "/datasets/lubm/queries.rules"});
  ASSERT_TRUE(queries.ok());
  ReasonerOptions qo;
  qo.inferred_graph = "https://w3id.org/kennis/lubm#answers";
  auto answers = Reasoner::create(queries, ds.dict(), ds.store(), qo);
  ASSERT_TRUE(answers.ok());
  answers.value()->materialise();

  const TermId answers_p = ds.dict().find_iri("https://w3id.org/kennis/lubm#answers");
  std::map<std::string, std::size_t> actual;
  store::Pattern pat;
  pat.p = answers_p;
  ds.store().for_each(pat, [&](const store::Quad& q) {
    const std::string name(
        ds.dict().term(q.s).value.substr(std::string_view("https://w3id.org/kennis/lubm#").size()));
    actual[name] = std::stoul(std::string(ds.dict().term(q.o).value));
  });
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace kennis::reason
