// The Session carries limits: Options::query_limits for every query (a QuerySpec may bring
// its own, and a cancel flag), Options::reason_limits for materialise() and apply(). A limit
// hit gives no partial result and leaves no partial inferred graph behind.
#include "base/limits.hpp"

#include "session/session.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace kennis::session {
namespace {

class SessionLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kennis-session-limits-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::string data = "@prefix : <http://e/> .\n";
    for (int i = 0; i < 50; ++i) data += ":a" + std::to_string(i) + " :next :b .\n";
    write("data.ttl", data);
    write("mint.rules",
          "@prefix : <http://e/> .\n"
          "@name(mint) [?y, :next, ?z] :- [?x, :next, ?y], "
          "BIND(IRI(CONCAT(\"http://e/\", MD5(STR(?y)))) AS ?z) .\n");
    write("bounded.rules",
          "@prefix : <http://e/> .\n"
          "@name(step) [?y, :next, ?z] :- [?x, :next, ?y], "
          "BIND(IRI(CONCAT(STR(?y), \"x\")) AS ?z), FILTER(STRLEN(STR(?z)) < 16) .\n");
    write("changes.txt",
          "+ <http://e/c> <http://e/next> <http://e/d> .\n"
          "+ <http://e/e> <http://e/next> <http://e/f> .\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(SessionLimits, OptionsLimitEveryQueryAndASpecMayOverride) {
  Options o;
  o.query_limits.max_rows = 10;
  Session s(o);
  s.load({path("data.ttl")});
  QuerySpec spec;
  spec.text = "SELECT * WHERE { ?s ?p ?o }";
  const PreparedQuery q = s.prepare(spec);
  EXPECT_EQ(q.limits.max_rows, 10u);
  EXPECT_THROW(s.execute(q), base::LimitError);
  spec.limits = base::Limits{};
  EXPECT_EQ(s.execute(s.prepare(spec)).table.rows(), 50u);
}

TEST_F(SessionLimits, ACancelFlagStopsTheQuery) {
  Session s;
  s.load({path("data.ttl")});
  std::atomic<bool> cancel{true};
  QuerySpec spec;
  spec.text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
  spec.cancel = &cancel;
  const PreparedQuery q = s.prepare(spec);
  try {
    s.execute(q);
    ADD_FAILURE() << "not cancelled";
  } catch (const base::LimitError& e) {
    EXPECT_EQ(e.kind(), base::LimitKind::kCancelled);
  }
  cancel.store(false);
  EXPECT_EQ(s.execute(q).table.rows(), 1u);
}

TEST_F(SessionLimits, MaterialisationThatHitsALimitLeavesNoInferences) {
  Options o;
  o.reason_limits.max_derived = 500;
  Session s(o);
  s.load({path("data.ttl")});
  s.load_rules({path("mint.rules")});
  try {
    s.materialise();
    ADD_FAILURE() << "not stopped";
  } catch (const base::LimitError& e) {
    EXPECT_EQ(e.kind(), base::LimitKind::kDerived);
    EXPECT_NE(std::string(e.what()).find("rule `mint`"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(s.materialised());
  EXPECT_EQ(s.data().store().size(), 50u);  // the asserted triples only
  // A query materialises first, and hits the limit again: no answer from half the rules.
  QuerySpec spec;
  spec.text = "SELECT * WHERE { ?s ?p ?o }";
  EXPECT_THROW(s.prepare(spec), base::LimitError);
}

TEST_F(SessionLimits, UpdateThatHitsALimitKeepsTheChangesAndDropsTheInferences) {
  // The rule derives 5 links from :b (IRIs up to 15 characters); the change set starts two
  // more chains, 2 links a round.
  Options o;
  o.reason_limits.max_derived = 6;
  Session s(o);
  s.load({path("data.ttl")});
  s.load_rules({path("bounded.rules")});
  EXPECT_EQ(s.materialise().derived, 5u);
  try {
    s.apply(s.read_changes(path("changes.txt")));
    ADD_FAILURE() << "not stopped";
  } catch (const base::LimitError& e) {
    EXPECT_EQ(e.kind(), base::LimitKind::kDerived);
    EXPECT_EQ(std::string(e.what()).rfind("update stopped: more than 6 triples derived", 0), 0u)
        << e.what();
  }
  EXPECT_FALSE(s.materialised());
  EXPECT_EQ(s.data().store().size(), 52u);  // the asserted triples, with the two added
}

}  // namespace
}  // namespace kennis::session
