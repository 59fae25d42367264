// Change files: reading '+'/'-' lines (comments, blank lines, graphs, CRLF), errors at
// name:line:col with K220, and writing lines that read back as the same changes.
#include "rdf/change_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>

namespace kennis::rdf {
namespace {

base::Result<ChangeSet> read(const std::string& text, Dictionary& dict) {
  std::istringstream in(text);
  return read_changes(in, "changes.txt", dict);
}

std::string error_of(const std::string& text) {
  Dictionary dict;
  auto r = read(text, dict);
  if (r.ok()) return "accepted";
  return base::to_string(r.error());
}

std::string lines(const Dictionary& dict, const std::vector<IdQuad>& quads, char sign) {
  std::string s;
  for (const IdQuad& q : quads) s += change_line(sign, dict, q);
  return s;
}

TEST(ReadChanges, AdditionsAndRemovalsInFileOrder) {
  Dictionary dict;
  auto r = read(
      "# a comment\n"
      "\n"
      "+ <http://e/a> <http://e/p> <http://e/b> .\r\n"
      "  - <http://e/c> <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
      "+<http://e/d> <http://e/p> _:x <http://e/g> .\n",
      dict);
  ASSERT_TRUE(r.ok()) << base::to_string(r.error());
  ASSERT_EQ(r->additions.size(), 2u);
  ASSERT_EQ(r->removals.size(), 1u);
  EXPECT_EQ(r->additions[0].g, kNoTerm);
  EXPECT_EQ(dict.term(r->additions[1].g).value, "http://e/g");
  EXPECT_EQ(lines(dict, r->additions, '+'),
            "+ <http://e/a> <http://e/p> <http://e/b> .\n"
            "+ <http://e/d> <http://e/p> _:x <http://e/g> .\n");
  EXPECT_EQ(lines(dict, r->removals, '-'),
            "- <http://e/c> <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(ReadChanges, ErrorsNameTheLineAndColumn) {
  EXPECT_EQ(error_of("+ <http://e/a> <http://e/p> <http://e/b> .\n* <http://e/a> .\n"),
            "changes.txt:2:1: error: [K220] expected '+' or '-' before a statement, found '*'");
  EXPECT_EQ(error_of("  + <http://e/a> <http://e/p> <http://e/b> . <http://e/a> <http://e/p> "
                     "<http://e/c> .\n"),
            "changes.txt:1:4: error: [K220] expected one statement after '+'");
  EXPECT_EQ(error_of("+\n"), "changes.txt:1:2: error: [K220] expected one statement after '+'");
  EXPECT_EQ(error_of("- <http://e/a> <http://e/p> .\n"),
            "changes.txt:1:29: error: [K220] expected: ':', '<', or '_'");
  EXPECT_EQ(error_of("+ <rel> <http://e/p> <http://e/b> .\n"),
            "changes.txt:1:3: error: [K220] missing IRI scheme");
}

TEST(WriteChanges, RoundTrip) {
  Dictionary dict;
  ChangeSet changes;
  const TermId s = dict.intern_iri("http://e/s");
  const TermId p = dict.intern_iri("http://e/p");
  const TermId lit = dict.intern(Term::literal("two\nlines \"q\"", {}, "en"));
  const TermId blank = dict.intern(Term::blank("b1"));
  const TermId g = dict.intern_iri("http://e/g");
  changes.additions = {{s, p, lit, kNoTerm}, {blank, p, s, g}};
  changes.removals = {{s, p, blank, kNoTerm}};

  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(write_changes(f, dict, changes));
  std::rewind(f);
  std::string text;
  char buf[256];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(text,
            "+ <http://e/s> <http://e/p> \"two\\nlines \\\"q\\\"\"@en .\n"
            "+ _:b1 <http://e/p> <http://e/s> <http://e/g> .\n"
            "- <http://e/s> <http://e/p> _:b1 .\n");

  auto back = read(text, dict);
  ASSERT_TRUE(back.ok()) << base::to_string(back.error());
  EXPECT_EQ(back->additions, changes.additions);
  EXPECT_EQ(back->removals, changes.removals);
}

}  // namespace
}  // namespace kennis::rdf
