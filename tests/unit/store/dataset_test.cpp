// Dataset: loading files and folders (by extension, recursively, sorted), graphs per syntax,
// blank nodes scoped per file, prefixes, origins, and errors.
#include "store/dataset.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace kennis::store {
namespace {

class DatasetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kennis-dataset-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& content) {
    const std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  TermId iri(Dataset& ds, const std::string& v) { return ds.dict().find_iri(v); }
  std::filesystem::path dir_;
};

TEST_F(DatasetTest, LoadsFoldersRecursivelyInSortedOrder) {
  file("b/two.nt", "<http://e/a> <http://e/p> <http://e/b> .\n");
  file("a/one.ttl", "@prefix e: <http://e/> .\ne:a e:p e:c .\n");
  file("a/notes.txt", "not RDF, skipped");
  file("c/three.nq", "<http://e/a> <http://e/p> <http://e/d> <http://e/g> .\n");
  Dataset ds;
  auto stats = ds.load({dir_.string()}, LoadOptions{});
  ASSERT_TRUE(stats.ok()) << base::to_string(stats.error());
  EXPECT_EQ(stats->files, 3u);
  EXPECT_EQ(stats->statements, 3u);
  EXPECT_EQ(stats->quads_added, 3u);
  ASSERT_EQ(ds.files().size(), 3u);
  EXPECT_NE(ds.files()[0].find("a/one.ttl"), std::string::npos);
  EXPECT_NE(ds.files()[1].find("b/two.nt"), std::string::npos);
  EXPECT_NE(ds.files()[2].find("c/three.nq"), std::string::npos);
  EXPECT_EQ(ds.store().size(), 3u);
  EXPECT_EQ(ds.store().graphs(), (std::vector<TermId>{kDefaultGraph, iri(ds, "http://e/g")}));
}

TEST_F(DatasetTest, TriGKeepsNamedGraphsAndIntoGraphRedirectsTriples) {
  const std::string trig = file("d.trig",
                                "@prefix e: <http://e/> .\n"
                                "e:a e:p e:b .\n"
                                "e:g { e:a e:p e:c }\n");
  const std::string ttl = file("d.ttl", "<http://e/x> <http://e/p> <http://e/y> .\n");
  Dataset ds;
  const TermId into = ds.dict().intern_iri("http://e/into");
  LoadOptions options;
  options.into_graph = into;
  ASSERT_TRUE(ds.load({trig, ttl}, options).ok());
  const TermId g = iri(ds, "http://e/g");
  EXPECT_EQ(ds.store().count(Pattern{kNoTerm, kNoTerm, kNoTerm, g}), 1u);
  EXPECT_EQ(ds.store().count(Pattern{kNoTerm, kNoTerm, kNoTerm, into}), 2u);
  EXPECT_EQ(ds.store().count(Pattern{kNoTerm, kNoTerm, kNoTerm, kDefaultGraph}), 0u);
}

TEST_F(DatasetTest, BlankNodesAreScopedToTheirFile) {
  const std::string a = file("a.ttl", "_:x <http://e/p> \"a\" .\n");
  const std::string b = file("b.ttl", "_:x <http://e/p> \"b\" .\n");
  Dataset ds;
  ASSERT_TRUE(ds.load({a, b}, LoadOptions{}).ok());
  std::vector<TermId> subjects;
  ds.store().for_each(Pattern{}, [&](const Quad& q) { subjects.push_back(q.s); });
  ASSERT_EQ(subjects.size(), 2u);
  EXPECT_NE(subjects[0], subjects[1]);
}

TEST_F(DatasetTest, DuplicatesAcrossFilesAreStoredOnce) {
  const std::string a = file("a.nt", "<http://e/a> <http://e/p> <http://e/b> .\n");
  const std::string b = file("b.ttl", "<http://e/a> <http://e/p> <http://e/b> .\n");
  Dataset ds;
  auto stats = ds.load({a, b}, LoadOptions{});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->statements, 2u);
  EXPECT_EQ(stats->quads_added, 1u);
  EXPECT_EQ(ds.store().size(), 1u);
}

TEST_F(DatasetTest, FirstPrefixDeclarationWins) {
  const std::string a = file("a.ttl", "@prefix e: <http://one/> .\n@prefix f: <http://f/> .\n");
  const std::string b = file("b.ttl", "@prefix e: <http://two/> .\n@prefix g: <http://g/> .\n");
  Dataset ds;
  ASSERT_TRUE(ds.load({a, b}, LoadOptions{}).ok());
  ASSERT_EQ(ds.prefixes().size(), 3u);
  EXPECT_EQ(ds.prefixes()[0].name, "e");
  EXPECT_EQ(ds.prefixes()[0].iri, "http://one/");
  EXPECT_EQ(ds.prefixes()[2].name, "g");
}

TEST_F(DatasetTest, TracksOrigins) {
  const std::string a = file("a.ttl",
                             "@prefix e: <http://e/> .\n"
                             "e:a e:p e:b .\n"
                             "\n"
                             "e:c e:p e:d .\n");
  Dataset ds;
  LoadOptions options;
  options.track_origins = true;
  ASSERT_TRUE(ds.load({a}, options).ok());
  const Quad q{iri(ds, "http://e/c"), iri(ds, "http://e/p"), iri(ds, "http://e/d"), kDefaultGraph};
  auto origin = ds.origin(q);
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->file, 0u);
  EXPECT_EQ(origin->line, 4u);
  EXPECT_EQ(ds.describe(*origin).rfind(a + ":4:", 0), 0u) << ds.describe(*origin);
  EXPECT_FALSE(ds.origin(Quad{1, 1, 1, kDefaultGraph}).has_value());
}

TEST_F(DatasetTest, StopsAtTheFirstErrorKeepingWhatWasRead) {
  const std::string a = file("a.nt", "<http://e/a> <http://e/p> <http://e/b> .\n");
  const std::string b = file("b.ttl", "<http://e/a> <http://e/p> .\n");
  const std::string c = file("c.nt", "<http://e/c> <http://e/p> <http://e/b> .\n");
  Dataset ds;
  auto stats = ds.load({a, b, c}, LoadOptions{});
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().range.file, b);
  EXPECT_EQ(stats.error().range.begin.line, 1u);
  EXPECT_EQ(ds.store().size(), 1u);
}

TEST_F(DatasetTest, ExpandPathsRejectsMissingPaths) {
  auto r = Dataset::expand_paths({(dir_ / "nope").string()});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("no such file"), std::string::npos);
  auto stdin_only = Dataset::expand_paths({"-"});
  ASSERT_TRUE(stdin_only.ok());
  EXPECT_EQ(stdin_only.value(), std::vector<std::string>{"-"});
}

TEST_F(DatasetTest, ForcedSyntaxReadsAnyExtension) {
  const std::string a = file("data.txt", "<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n");
  Dataset ds;
  LoadOptions options;
  options.syntax = rdf::Syntax::kNQuads;
  ASSERT_TRUE(ds.load({a}, options).ok());
  EXPECT_EQ(ds.store().graphs(), std::vector<TermId>{iri(ds, "http://e/g")});
}

}  // namespace
}  // namespace kennis::store
