// Reader: syntax errors with exact file:line:col (columns in code points), strictness beyond
// serd (surrogates, relative IRIs in N-Triples), prefixes and base, statement origins,
// blank-node scoping, files and gzip. (IRI resolution: iri_test.cpp.)
#include "rdf/reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace kennis::rdf {
namespace {

struct Stmt {
  TermId s, p, o, g;
  std::uint32_t line, col;
};

class Collect : public StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t line,
                 std::uint32_t col) override {
    stmts.push_back(Stmt{s, p, o, g, line, col});
  }
  std::vector<Stmt> stmts;
};

base::Result<ReadSummary> read(const std::string& text, Syntax syntax, Dictionary& dict,
                               Collect& sink, std::string base = "http://example.org/dir/doc") {
  ReadOptions opts;
  opts.syntax = syntax;
  opts.base_iri = std::move(base);
  return read_string(text, "doc.ttl", dict, sink, opts);
}

std::string error_of(const std::string& text, Syntax syntax = Syntax::kTurtle) {
  Dictionary dict;
  Collect sink;
  auto r = read(text, syntax, dict, sink);
  if (r.ok()) return "accepted";
  return base::to_string(r.error());
}

TEST(Reader, ResolvesRelativeIrisAgainstBaseDirectives) {
  Dictionary dict;
  Collect sink;
  auto r = read(
      "<a> <p> <../b> .\n"
      "@base <http://other.org/x/y/> .\n"
      "<c> <p> <./d/../e> .\n"
      "@base <../z/> .\n"
      "<f> <p> <g> .\n",
      Syntax::kTurtle, dict, sink);
  ASSERT_TRUE(r.ok()) << base::to_string(r.error());
  ASSERT_EQ(sink.stmts.size(), 3u);
  EXPECT_EQ(dict.term(sink.stmts[0].s).value, "http://example.org/dir/a");
  EXPECT_EQ(dict.term(sink.stmts[0].o).value, "http://example.org/b");
  EXPECT_EQ(dict.term(sink.stmts[1].o).value, "http://other.org/x/y/e");
  EXPECT_EQ(dict.term(sink.stmts[2].s).value, "http://other.org/x/z/f");
  EXPECT_EQ(r->base_iri, "http://other.org/x/z/");
}

TEST(Reader, RelativePrefixIsResolvedAndReported) {
  Dictionary dict;
  Collect sink;
  auto r = read("@prefix ex: <ns/> .\n@prefix : <http://e/#> .\nex:a :p :b .\n", Syntax::kTurtle,
                dict, sink);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->prefixes.size(), 2u);
  EXPECT_EQ(r->prefixes[0].name, "ex");
  EXPECT_EQ(r->prefixes[0].iri, "http://example.org/dir/ns/");
  EXPECT_EQ(r->prefixes[1].name, "");
  EXPECT_EQ(dict.term(sink.stmts[0].s).value, "http://example.org/dir/ns/a");
  EXPECT_EQ(dict.term(sink.stmts[0].p).value, "http://e/#p");
}

TEST(Reader, LiteralsGetDatatypesAndLanguages) {
  Dictionary dict;
  Collect sink;
  auto r = read(
      "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
      "<s> <p> \"a\" , \"b\"@nl-NL , \"c\"^^xsd:token , 1 , 1.5 , 1e3 , true .\n",
      Syntax::kTurtle, dict, sink);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(sink.stmts.size(), 7u);
  auto obj = [&](int i) { return dict.term(sink.stmts[i].o); };
  EXPECT_TRUE(obj(0).is_simple_literal());
  EXPECT_EQ(obj(1).lang, "nl-NL");
  EXPECT_EQ(obj(1).datatype, kRdfLangString);
  EXPECT_EQ(obj(2).datatype, std::string(kXsd) + "token");
  EXPECT_EQ(obj(3).datatype, std::string(kXsd) + "integer");
  EXPECT_EQ(obj(4).datatype, std::string(kXsd) + "decimal");
  EXPECT_EQ(obj(5).datatype, std::string(kXsd) + "double");
  EXPECT_EQ(obj(6).datatype, std::string(kXsd) + "boolean");
}

TEST(Reader, SyntaxErrorsCarryLineAndColumn) {
  // The column points at the offending character, 1-based, on the first and later lines.
  EXPECT_EQ(error_of("<a> <b> <c> <d> .\n"), "doc.ttl:1:13: error: missing ';' or '.'");
  EXPECT_EQ(error_of("\n<a> <b> <c> <d> .\n"), "doc.ttl:2:13: error: missing ';' or '.'");
  EXPECT_EQ(error_of("<a> <b> \"\\u00ZZ\" .\n"),
            "doc.ttl:1:14: error: invalid hexadecimal digit `Z'");
  EXPECT_EQ(error_of("<a> <b> <c> .\n<a> <b> \"\\u00ZZ\" .\n"),
            "doc.ttl:2:14: error: invalid hexadecimal digit `Z'");
  EXPECT_EQ(error_of("<a> <b> \"a\\zb\" .\n"), "doc.ttl:1:12: error: invalid escape `\\z'");
}

TEST(Reader, ColumnsCountCodePointsNotBytes) {
  // "é" is two bytes; the error is at the 14th character.
  EXPECT_EQ(error_of("<a> <b> \"\xC3\xA9\xC3\xA9\" <c> .\n"),
            "doc.ttl:1:14: error: missing ';' or '.'");
  EXPECT_EQ(error_of("# \xE2\x82\xAC\n<a> <b> \"\xC3\xA9\xC3\xA9\" <c> .\n"),
            "doc.ttl:2:14: error: missing ';' or '.'");
}

TEST(Reader, UndefinedPrefixPointsAtTheName) {
  EXPECT_EQ(error_of("@prefix ex: <http://e/> .\nex:a ex:b zz:c .\n"),
            "doc.ttl:2:11: error: undefined prefix 'zz:' in 'zz:c'");
  EXPECT_EQ(error_of("zz:a <b> <c> .\n"), "doc.ttl:1:1: error: undefined prefix 'zz:' in 'zz:a'");
}

TEST(Reader, RejectsSurrogateEscapes) {
  EXPECT_NE(error_of("<a> <b> \"\\ud800\" .\n").find("surrogate"), std::string::npos);
  EXPECT_NE(error_of("<a> <b> '''\\uDFFF''' .\n").find("surrogate"), std::string::npos);
  EXPECT_NE(error_of("<a> <b> <http://x/\\ud800> .\n").find("surrogate"), std::string::npos);
  EXPECT_NE(error_of("<http://a> <http://b> \"\\ud800\" .\n", Syntax::kNTriples).find("surrogate"),
            std::string::npos);
  // A character outside the BMP is fine.
  EXPECT_EQ(error_of("<a> <b> \"\\U0001F600\" .\n"), "accepted");
}

TEST(Reader, TurtleRejectsGraphs) {
  EXPECT_EQ(error_of("@prefix k: <http://k/> .\nk:g { k:a k:b k:c }\n"),
            "doc.ttl:2:1: error: a graph ('k:g { ... }') is not allowed in Turtle; named graphs "
            "need TriG");
  EXPECT_EQ(error_of("@prefix k: <http://k/> .\nk:g { k:a k:b k:c }\n", Syntax::kTriG), "accepted");
}

TEST(Reader, BadUtf8PointsAtTheFirstBadByte) {
  EXPECT_EQ(error_of("<a> <b> \"ok\" .\n<a> <b> \"\xC3\xA9\xFF\xFE\" .\n"),
            "doc.ttl:2:11: error: invalid UTF-8 start 0xFF");
}

TEST(Reader, SurrogateErrorPointsAtTheEscape) {
  EXPECT_EQ(error_of("<a> <b> \"x\" .\n<a> <b> \"half \\uD83D pair\" .\n"),
            "doc.ttl:2:15: error: string contains a UTF-16 surrogate (U+D800..U+DFFF), which is "
            "not a character");
}

TEST(Reader, NTriplesRejectsRelativeIris) {
  EXPECT_EQ(error_of("<a> <http://b> <http://c> .\n", Syntax::kNTriples),
            "doc.ttl:1:1: error: missing IRI scheme");
  EXPECT_EQ(error_of("<http://a> <http://b> <c> <http://g> .\n", Syntax::kNQuads),
            "doc.ttl:1:23: error: missing IRI scheme");
  EXPECT_EQ(error_of("<http://a> <http://b> <http://c> .\n", Syntax::kNTriples), "accepted");
  EXPECT_EQ(error_of("<http://a> ex:b <http://c> .\n", Syntax::kNTriples),
            "doc.ttl:1:12: error: prefixed name 'ex:b' is not allowed in N-Triples; write the "
            "full IRI in <...>");
}

TEST(Reader, QuadSyntaxesReportGraphs) {
  Dictionary dict;
  Collect sink;
  auto r =
      read("<http://a> <http://b> <http://c> .\n<http://a> <http://b> <http://c> <http://g> .\n",
           Syntax::kNQuads, dict, sink);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(sink.stmts.size(), 2u);
  EXPECT_EQ(sink.stmts[0].g, kNoTerm);
  EXPECT_EQ(dict.term(sink.stmts[1].g).value, "http://g");
  EXPECT_NE(error_of("<a> <b> <c> <g> .\n"), "accepted") << "Turtle has no graphs";
}

TEST(Reader, TracksOriginsWhenAsked) {
  Dictionary dict;
  Collect sink;
  ReadOptions opts;
  opts.syntax = Syntax::kTurtle;
  opts.base_iri = "http://e/";
  opts.track_origins = true;
  auto r = read_string("<a> <b> <c> .\n\n<d> <e> <f> ;\n  <g> <h> .\n", "t.ttl", dict, sink, opts);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(sink.stmts.size(), 3u);
  EXPECT_EQ(sink.stmts[0].line, 1u);
  EXPECT_EQ(sink.stmts[1].line, 3u);
  EXPECT_EQ(sink.stmts[2].line, 4u);
  EXPECT_GT(sink.stmts[2].col, 1u);
}

TEST(Reader, BlankPrefixScopesLabelsPerDocument) {
  Dictionary dict;
  Collect a, b;
  ReadOptions opts;
  opts.syntax = Syntax::kTurtle;
  opts.base_iri = "http://e/";
  opts.blank_prefix = "f0_";
  ASSERT_TRUE(read_string("_:x <p> [] .\n", "a", dict, a, opts).ok());
  opts.blank_prefix = "f1_";
  ASSERT_TRUE(read_string("_:x <p> [] .\n", "b", dict, b, opts).ok());
  EXPECT_NE(a.stmts[0].s, b.stmts[0].s);
  EXPECT_NE(a.stmts[0].o, b.stmts[0].o);
  EXPECT_NE(a.stmts[0].s, a.stmts[0].o);
  EXPECT_EQ(dict.kind(a.stmts[0].s), TermKind::kBlank);
}

class ReaderFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kennis-reader-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ReaderFiles, ReadsByExtensionAndReportsTheFileInErrors) {
  Dictionary dict;
  Collect sink;
  const std::string good = file("good.nt", "<http://a> <http://b> \"c\" .\n");
  auto r = read_file(good, dict, sink);
  ASSERT_TRUE(r.ok()) << base::to_string(r.error());
  EXPECT_EQ(r->statements, 1u);
  EXPECT_EQ(r->base_iri, file_iri(good));

  const std::string bad = file("bad.ttl", "@prefix ex: <http://e/> .\nex:a ex:b ex:c ex:d .\n");
  auto e = read_file(bad, dict, sink);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(base::to_string(e.error()), bad + ":2:16: error: missing ';' or '.'");
}

TEST_F(ReaderFiles, ReadsGzip) {
  const std::string path = (dir_ / "data.nt.gz").string();
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string text = "<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"d\" .\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  Dictionary dict;
  Collect sink;
  auto r = read_file(path, dict, sink);
  ASSERT_TRUE(r.ok()) << base::to_string(r.error());
  EXPECT_EQ(sink.stmts.size(), 2u);
}

TEST_F(ReaderFiles, MissingFileAndUnknownExtensionAreErrors) {
  Dictionary dict;
  Collect sink;
  auto missing = read_file((dir_ / "nope.ttl").string(), dict, sink);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
  auto unknown = read_file(file("data.txt", "x"), dict, sink);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("--format"), std::string::npos);
  ReadOptions forced;
  forced.syntax = Syntax::kNTriples;
  EXPECT_TRUE(
      read_file(file("data2.txt", "<http://a> <http://b> <http://c> .\n"), dict, sink, forced)
          .ok());
}

}  // namespace
}  // namespace kennis::rdf
