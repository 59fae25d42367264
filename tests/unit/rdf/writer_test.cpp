// Writer: sorted deterministic output, canonical blank-node labels (independent of input
// labels and order), inline [ ] nodes in Turtle/TriG, prefixes, graphs, and write errors.
#include "rdf/writer.hpp"

#include "rdf/reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace kennis::rdf {
namespace {

class Collect : public StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    quads.push_back(IdQuad{s, p, o, g});
  }
  std::vector<IdQuad> quads;
};

struct Parsed {
  std::vector<IdQuad> quads;
  std::vector<Prefix> prefixes;
};

Parsed parse(Dictionary& dict, const std::string& text, Syntax syntax,
             const std::string& blank_prefix = "") {
  Collect sink;
  ReadOptions opts;
  opts.syntax = syntax;
  opts.base_iri = "http://example.org/base";
  opts.blank_prefix = blank_prefix;
  auto r = read_string(text, "test", dict, sink, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : base::to_string(r.error())) << "\n" << text;
  Parsed p;
  p.quads = std::move(sink.quads);
  if (r.ok()) p.prefixes = r->prefixes;
  return p;
}

std::string write(const Dictionary& dict, std::vector<IdQuad> quads, Syntax syntax,
                  std::vector<Prefix> prefixes = {}) {
  std::FILE* f = std::tmpfile();
  EXPECT_NE(f, nullptr);
  WriteOptions wo;
  wo.syntax = syntax;
  wo.prefixes = std::move(prefixes);
  EXPECT_TRUE(write_quads(f, dict, std::move(quads), wo));
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

// Parses `text` and writes it back in `out`.
std::string convert(const std::string& text, Syntax in, Syntax out, bool keep_prefixes = true) {
  Dictionary dict;
  Parsed p = parse(dict, text, in);
  return write(dict, p.quads, out, keep_prefixes ? p.prefixes : std::vector<Prefix>{});
}

constexpr const char* kPrefix = "@prefix ex: <http://example.org/> .\n";

TEST(Writer, NTriplesAreSortedAndDeduplicated) {
  const std::string out = convert(std::string(kPrefix) +
                                      "ex:b ex:p ex:c .\n"
                                      "ex:a ex:q \"z\" .\n"
                                      "ex:a ex:p ex:d .\n"
                                      "ex:a ex:p ex:d .\n",
                                  Syntax::kTurtle, Syntax::kNTriples);
  EXPECT_EQ(out,
            "<http://example.org/a> <http://example.org/p> <http://example.org/d> .\n"
            "<http://example.org/a> <http://example.org/q> \"z\" .\n"
            "<http://example.org/b> <http://example.org/p> <http://example.org/c> .\n");
}

TEST(Writer, OutputDoesNotDependOnInputOrder) {
  Dictionary dict;
  Parsed p = parse(dict,
                   std::string(kPrefix) +
                       "ex:a ex:p ex:b , \"1\" , \"x\"@en ; ex:q _:x .\n"
                       "_:x ex:r _:y . _:y ex:r ex:c .\n"
                       "ex:c ex:p [ ex:q ex:d ] .\n",
                   Syntax::kTurtle);
  const std::string expected = write(dict, p.quads, Syntax::kTurtle, p.prefixes);
  std::mt19937 rng(3);
  for (int i = 0; i < 20; ++i) {
    std::shuffle(p.quads.begin(), p.quads.end(), rng);
    EXPECT_EQ(write(dict, p.quads, Syntax::kTurtle, p.prefixes), expected);
    EXPECT_EQ(
        write(dict, p.quads, Syntax::kNTriples),
        write(dict, std::vector<IdQuad>(p.quads.rbegin(), p.quads.rend()), Syntax::kNTriples));
  }
}

TEST(Writer, BlankLabelsAreCanonical) {
  // The same graph with different labels, statement order and dictionary ids.
  const std::string a = std::string(kPrefix) +
                        "_:alice ex:knows _:bob . _:bob ex:knows _:carol .\n"
                        "_:carol ex:name \"C\" . _:alice ex:name \"A\" . ex:x ex:p _:bob .\n";
  const std::string b = std::string(kPrefix) +
                        "ex:x ex:p _:b2 . _:b3 ex:name \"C\" . _:b2 ex:knows _:b3 .\n"
                        "_:b1 ex:name \"A\" . _:b1 ex:knows _:b2 .\n";
  for (Syntax out : {Syntax::kNTriples, Syntax::kTurtle, Syntax::kNQuads, Syntax::kTriG}) {
    Dictionary dict;
    dict.intern_iri("http://unrelated/");  // shifts ids of the second parse
    Parsed pa = parse(dict, a, Syntax::kTurtle, "a");
    Parsed pb = parse(dict, b, Syntax::kTurtle, "b");
    EXPECT_EQ(write(dict, pa.quads, out, pa.prefixes), write(dict, pb.quads, out, pb.prefixes))
        << syntax_name(out);
  }
  const std::string nt = convert(a, Syntax::kTurtle, Syntax::kNTriples);
  EXPECT_EQ(nt.find("alice"), std::string::npos);
  EXPECT_NE(nt.find("_:n0 "), std::string::npos) << nt;
}

TEST(Writer, BlankNodesWithTheSameContentAreLabelledByWhoRefersToThem) {
  // Two addresses with equal content, told apart only by their referrers: the labels must
  // not depend on the input's labels.
  const std::string a = std::string(kPrefix) +
                        "ex:x ex:address _:one . ex:y ex:address _:two . ex:z ex:also _:one .\n"
                        "_:one ex:city \"Groningen\" . _:two ex:city \"Groningen\" .\n";
  const std::string b = std::string(kPrefix) +
                        "ex:x ex:address _:two . ex:y ex:address _:one . ex:z ex:also _:two .\n"
                        "_:one ex:city \"Groningen\" . _:two ex:city \"Groningen\" .\n";
  for (Syntax out : {Syntax::kNTriples, Syntax::kTurtle}) {
    EXPECT_EQ(convert(a, Syntax::kTurtle, out), convert(b, Syntax::kTurtle, out))
        << syntax_name(out);
  }
}

TEST(Writer, LiteralsWithNulCharactersAreWrittenWhole) {
  const std::string in =
      "<http://example.org/a> <http://example.org/p> \"\\u0000x\" .\n"
      "<http://example.org/a> <http://example.org/p> \"\\u0000y\" .\n";
  for (Syntax out : {Syntax::kNTriples, Syntax::kTurtle, Syntax::kNQuads, Syntax::kTriG}) {
    const std::string text = convert(in, Syntax::kNTriples, out);
    EXPECT_NE(text.find("\\u0000x"), std::string::npos) << text;
    EXPECT_NE(text.find("\\u0000y"), std::string::npos) << text;
  }
  EXPECT_EQ(convert(in, Syntax::kNTriples, Syntax::kNTriples), in);
}

TEST(Writer, BlankLabelsAreZeroPaddedToOneWidth) {
  std::string text = kPrefix;
  for (int i = 0; i < 12; ++i)
    text += "_:b" + std::to_string(i) + " ex:p \"" + std::to_string(100 + i) + "\" .\n";
  const std::string nt = convert(text, Syntax::kTurtle, Syntax::kNTriples);
  EXPECT_NE(nt.find("_:n00 "), std::string::npos) << nt;
  EXPECT_NE(nt.find("_:n11 "), std::string::npos) << nt;
  EXPECT_EQ(nt.find("_:n0 "), std::string::npos) << nt;
}

TEST(Writer, TurtleInlinesBlankNodesUsedOnceAsObject) {
  const std::string ttl =
      convert(std::string(kPrefix) + "ex:a ex:p [ ex:q \"1\" ; ex:r [ ex:s ex:t ] ] .\n",
              Syntax::kTurtle, Syntax::kTurtle);
  EXPECT_EQ(ttl.find("_:"), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("ex:p ["), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("ex:r ["), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("@prefix ex: <http://example.org/> ."), std::string::npos) << ttl;
}

TEST(Writer, TurtleKeepsLabelsForSharedAndCyclicBlankNodes) {
  const std::string ttl = convert(std::string(kPrefix) +
                                      "ex:a ex:p _:shared . ex:b ex:p _:shared .\n"
                                      "_:c1 ex:next _:c2 . _:c2 ex:next _:c1 .\n",
                                  Syntax::kTurtle, Syntax::kTurtle);
  // _:shared is used twice: labelled. The cycle cannot be nested: labelled.
  EXPECT_NE(ttl.find("ex:a\n\tex:p _:n"), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("ex:b\n\tex:p _:n"), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("ex:next _:n"), std::string::npos) << ttl;
  // Re-reading gives the same text (the labels are canonical).
  EXPECT_EQ(convert(ttl, Syntax::kTurtle, Syntax::kTurtle), ttl);
}

TEST(Writer, EmptyInlineNodeIsWrittenAndReadBack) {
  const std::string in = std::string(kPrefix) + "ex:a ex:p [] .\n";
  const std::string ttl = convert(in, Syntax::kTurtle, Syntax::kTurtle);
  EXPECT_EQ(ttl.find("_:"), std::string::npos) << ttl;
  EXPECT_NE(ttl.find("ex:p [] ."), std::string::npos) << ttl;
  EXPECT_EQ(convert(ttl, Syntax::kTurtle, Syntax::kNTriples),
            "<http://example.org/a> <http://example.org/p> _:n0 .\n");
}

TEST(Writer, TurtleUsesPrefixesAndGroupsBySubject) {
  const std::string ttl = convert(std::string(kPrefix) + "ex:a ex:p ex:b . ex:a ex:q ex:c .\n",
                                  Syntax::kTurtle, Syntax::kTurtle);
  EXPECT_EQ(ttl,
            "@prefix ex: <http://example.org/> .\n\n"
            "ex:a\n\tex:p ex:b ;\n\tex:q ex:c .\n\n");
}

TEST(Writer, NQuadsAndTriGKeepGraphs) {
  const std::string trig = std::string(kPrefix) +
                           "ex:a ex:p ex:b .\n"
                           "ex:g1 { ex:a ex:p ex:c }\n"
                           "ex:g2 { ex:a ex:p ex:c . ex:d ex:p [ ex:q 1 ] }\n";
  const std::string nq = convert(trig, Syntax::kTriG, Syntax::kNQuads);
  EXPECT_EQ(nq,
            "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
            "<http://example.org/a> <http://example.org/p> <http://example.org/c> "
            "<http://example.org/g1> .\n"
            "_:n0 <http://example.org/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> "
            "<http://example.org/g2> .\n"
            "<http://example.org/a> <http://example.org/p> <http://example.org/c> "
            "<http://example.org/g2> .\n"
            "<http://example.org/d> <http://example.org/p> _:n0 <http://example.org/g2> .\n");
  // TriG output reads back to the same dataset, is stable, and ends in one newline.
  const std::string out = convert(trig, Syntax::kTriG, Syntax::kTriG);
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out.back(), '\n') << out;
  EXPECT_NE(out[out.size() - 2], '\t') << out;
  EXPECT_EQ(convert(out, Syntax::kTriG, Syntax::kNQuads), nq) << out;
  EXPECT_EQ(convert(out, Syntax::kTriG, Syntax::kTriG), out);
  // Triple syntaxes drop the graph (and de-duplicate what then coincides).
  const std::string nt = convert(trig, Syntax::kTriG, Syntax::kNTriples);
  EXPECT_EQ(std::count(nt.begin(), nt.end(), '\n'), 4) << nt;
}

TEST(Writer, EscapesLiteralsAndIris) {
  const std::string nt = convert(
      "<http://example.org/a> <http://example.org/p> \"tab\\tquote\\\"back\\\\slash\\nnl\" .\n"
      "<http://example.org/a> <http://example.org/p> \"caf\\u00E9\" .\n",
      Syntax::kNTriples, Syntax::kNTriples);
  EXPECT_NE(nt.find("\"tab\\tquote\\\"back\\\\slash\\nnl\""), std::string::npos) << nt;
  EXPECT_NE(nt.find("caf\xC3\xA9"), std::string::npos) << nt;
  // And it reads back to the same.
  EXPECT_EQ(convert(nt, Syntax::kNTriples, Syntax::kNTriples), nt);
}

TEST(Writer, ReportsWriteErrors) {
  std::FILE* full = std::fopen("/dev/full", "w");
  if (full == nullptr) GTEST_SKIP() << "/dev/full is not available";
  Dictionary dict;
  Parsed p = parse(dict, std::string(kPrefix) + "ex:a ex:p ex:b .\n", Syntax::kTurtle);
  WriteOptions wo;
  wo.syntax = Syntax::kNTriples;
  EXPECT_FALSE(write_quads(full, dict, p.quads, wo));
  std::fclose(full);
}

TEST(Writer, EmptyInputWritesNothingButPrefixes) {
  Dictionary dict;
  EXPECT_EQ(write(dict, {}, Syntax::kNTriples), "");
  EXPECT_EQ(write(dict, {}, Syntax::kNQuads), "");
}

}  // namespace
}  // namespace kennis::rdf
