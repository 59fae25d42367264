// The Session: the pipeline every front end drives, end to end on small files.
#include "session/session.hpp"

#include "base/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kennis::session {
namespace {

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kennis-session-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "data");
    write("data/a.ttl",
          "@prefix : <http://e/> .\n"
          ":a :knows :b .\n"
          ":b :knows :c .\n");
    write("r.rules",
          "@prefix : <http://e/> .\n"
          "@name(trans) [?x, :reaches, ?z] :- [?x, :knows, ?z] .\n"
          "[?x, :reaches, ?z] :- [?x, :reaches, ?y], [?y, :knows, ?z] .\n");
    write("changes.txt", "# one more\n+ <http://e/c> <http://e/knows> <http://e/d> .\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::size_t count(Session& s, const std::string& query) {
    QuerySpec spec;
    spec.text = query;
    auto result = s.execute(s.prepare(spec));
    return result.table.rows();
  }

  std::filesystem::path dir_;
};

TEST_F(SessionTest, LoadsFoldersMaterialisesAndQueriesTheInferredGraph) {
  Session s;
  const auto stats = s.load({path("data")});
  EXPECT_EQ(stats.files, 1u);
  EXPECT_EQ(s.data().store().size(), 2u);
  s.load_rules({path("r.rules")});
  EXPECT_EQ(s.materialise().derived, 3u);  // a→b, b→c, a→c
  EXPECT_EQ(s.derived(), 3u);
  EXPECT_EQ(s.materialise().derived, 0u);  // once
  EXPECT_EQ(count(s, "SELECT * WHERE { ?x <http://e/reaches> ?y }"), 3u);
}

TEST_F(SessionTest, QueriesMaterialiseFirstAndBindDocumentedParameters) {
  Session s;
  s.load({path("data/a.ttl")});
  s.load_rules({path("r.rules")});
  QuerySpec spec;
  spec.text =
      "# Title: Reach\n# @param from IRI where to start\n"
      "PREFIX : <http://e/>\nSELECT ?y WHERE { ?from :reaches ?y }";
  spec.params = {"from=<http://e/a>"};
  const PreparedQuery q = s.prepare(spec);
  EXPECT_EQ(q.header.title, "Reach");
  EXPECT_EQ(q.shape, results::Shape::kSolutions);
  ASSERT_FALSE(q.prefixes.empty());
  EXPECT_EQ(q.prefixes[0].name, "");  // the query's own, then the data's
  EXPECT_EQ(s.execute(q).table.rows(), 2u);
  spec.params.clear();
  EXPECT_THROW(s.prepare(spec), base::UsageError);  // a documented parameter left unbound
  spec.require_all_params = false;
  EXPECT_EQ(s.execute(s.prepare(spec)).table.rows(), 3u);
}

TEST_F(SessionTest, ChangesAreAppliedIncrementallyAndQueriesSeeThem) {
  Session s;
  s.load({path("data")});
  s.load_rules({path("r.rules")});
  s.materialise();
  const Changes changes = s.read_changes(path("changes.txt"));
  ASSERT_EQ(changes.additions.size(), 1u);
  const reason::UpdateStats us = s.apply(changes);
  EXPECT_EQ(us.inferred.size(), 3u);  // a→d, b→d, c→d
  EXPECT_EQ(count(s, "SELECT * WHERE { ?x <http://e/reaches> ?y }"), 6u);
}

TEST_F(SessionTest, ExplainsWithNamesAndOrigins) {
  Options o;
  o.track_origins = true;
  o.record_ranks = true;
  Session s(o);
  s.load_rules({path("r.rules")});
  s.load({path("data")});
  const reason::Triple t = s.parse_triple(":a :reaches :c");
  EXPECT_EQ(s.name(t.s), ":a");
  auto proof = s.explain(t);
  ASSERT_TRUE(proof.has_value());
  const std::string text = reason::to_text(*proof, [&](rdf::TermId id) { return s.name(id); });
  EXPECT_NE(text.find(":a :reaches :c"), std::string::npos) << text;
  EXPECT_NE(text.find("a.ttl:2:"), std::string::npos) << text;
  EXPECT_FALSE(s.explain(s.parse_triple(":c :reaches :a")).has_value());
  EXPECT_THROW(s.parse_triple(":a :b"), base::UsageError);
}

TEST_F(SessionTest, ErrorsNameWhatWentWrong) {
  Session s;
  EXPECT_THROW(s.load({path("nope.ttl")}), base::UsageError);
  EXPECT_THROW(s.load({"-"}), base::UsageError);  // stdin needs a syntax
  write("bad.ttl", "@prefix : <http://e/> .\n:a :b .\n");
  try {
    s.load({path("bad.ttl")});
    FAIL() << "bad data must be reported";
  } catch (const base::DataError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().range.begin.line, 2u);
  }
  write("bad.rules", "[?x, <http://e/p>, ?y] :- .\n");
  EXPECT_THROW(s.load_rules({path("bad.rules")}), base::DataError);
  EXPECT_THROW(s.load_rules({path("missing.rules")}), base::UsageError);
  QuerySpec spec;
  spec.text = "SELECT * WHERE { ?s ?p }";
  EXPECT_THROW(s.prepare(spec), base::DataError);
}

TEST_F(SessionTest, TextDocumentsLoadWithAGivenSyntax) {
  Session s;
  s.load_text("<http://e/x> <http://e/y> <http://e/z> .\n", "<stdin>", rdf::Syntax::kNTriples);
  EXPECT_EQ(s.data().store().size(), 1u);
  EXPECT_THROW(s.load_text("<x> <y> <z> .", "<stdin>"), base::UsageError);
}

}  // namespace
}  // namespace kennis::session
