// Dictionary: interning, lookup without interning, round trip of every term kind, stable
// views while growing, and memory accounting.
#include "rdf/dictionary.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace kennis::rdf {
namespace {

TEST(Dictionary, AssignsDenseIdsFromOne) {
  Dictionary d;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.intern_iri("http://a/"), 1u);
  EXPECT_EQ(d.intern_iri("http://b/"), 2u);
  EXPECT_EQ(d.intern(Term::blank("x")), 3u);
  EXPECT_EQ(d.size(), 3u);
}

TEST(Dictionary, InterningTwiceGivesTheSameId) {
  Dictionary d;
  const TermId a = d.intern(Term::literal("42", std::string(kXsd) + "integer"));
  const TermId b = d.intern(Term::literal("42", std::string(kXsd) + "integer"));
  EXPECT_EQ(a, b);
  EXPECT_EQ(d.size(), 1u);
}

TEST(Dictionary, DistinguishesKindsDatatypesAndLanguages) {
  Dictionary d;
  std::vector<Term> terms = {
      Term::iri("x"),
      Term::blank("x"),
      Term::literal("x"),
      Term::literal("x", std::string(kXsdString)),  // the same as the simple literal
      Term::literal("x", {}, "en"),
      Term::literal("x", {}, "nl"),
      Term::literal("x", std::string(kXsd) + "token"),
      Term::literal("", {}),
      Term::iri(""),
  };
  std::vector<TermId> ids;
  for (const Term& t : terms) ids.push_back(d.intern(t));
  EXPECT_EQ(ids[2], ids[3]) << "a simple literal has datatype xsd:string";
  EXPECT_EQ(d.size(), terms.size() - 1);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    for (std::size_t j = i + 1; j < terms.size(); ++j) {
      if (!(i == 2 && j == 3)) {
        EXPECT_NE(ids[i], ids[j]) << i << " vs " << j;
      }
    }
  }
}

TEST(Dictionary, TermRoundTripsEveryKind) {
  Dictionary d;
  const std::vector<Term> terms = {
      Term::iri("https://w3id.org/kennis#SME"),
      Term::blank("b0"),
      Term::literal("plain"),
      Term::literal("Grunn", {}, "nl"),
      Term::literal("2024-01-01", std::string(kXsd) + "date"),
      Term::literal("with \"quotes\" and\nnewline and \xC3\xA9"),
      Term::literal(std::string("nul\0inside", 10)),
      Term::literal(std::string("nul\0inside", 10), std::string(kXsd) + "string"),
      Term::literal(std::string("nul\0inside", 10), {}, "en"),
  };
  for (const Term& t : terms) {
    const TermId id = d.intern(t);
    const TermView v = d.term(id);
    EXPECT_EQ(v.to_term(), t) << to_ntriples(t);
    EXPECT_EQ(d.kind(id), t.kind);
    EXPECT_EQ(d.find(t), id);
  }
}

TEST(Dictionary, FindNeverInterns) {
  Dictionary d;
  d.intern_iri("http://a/");
  EXPECT_EQ(d.find_iri("http://b/"), kNoTerm);
  EXPECT_EQ(d.find(Term::literal("http://a/")), kNoTerm);
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ(d.find_iri("http://a/"), 1u);
}

TEST(Dictionary, ViewsStayValidWhileGrowing) {
  Dictionary d;
  const TermId first = d.intern_iri("http://example.org/first");
  const TermView view = d.term(first);
  const char* data = view.value.data();
  // Enough terms to fill several arena blocks and grow the hash table many times; include
  // a term larger than a block.
  for (int i = 0; i < 200000; ++i) d.intern_iri("http://example.org/t/" + std::to_string(i));
  const std::string big(3 << 20, 'x');
  const TermId big_id = d.intern(Term::literal(big));
  EXPECT_EQ(view.value.data(), data);
  EXPECT_EQ(view.value, "http://example.org/first");
  EXPECT_EQ(d.term(first).value, "http://example.org/first");
  EXPECT_EQ(d.term(big_id).value, big);
  EXPECT_EQ(d.size(), 200002u);
}

TEST(Dictionary, ManyRandomTermsAgreeWithAReferenceMap) {
  std::mt19937 rng(7);
  Dictionary d;
  std::unordered_map<std::string, TermId> reference;
  auto random_string = [&](std::size_t max_len) {
    std::string s;
    const std::size_t n = rng() % max_len;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + rng() % 6);
    return s;
  };
  for (int i = 0; i < 50000; ++i) {
    const int kind = static_cast<int>(rng() % 4);
    Term t;
    switch (kind) {
      case 0:
        t = Term::iri("http://x/" + random_string(8));
        break;
      case 1:
        t = Term::blank("b" + random_string(6));
        break;
      case 2:
        t = Term::literal(random_string(8), {}, rng() % 2 ? "en" : "");
        break;
      default:
        t = Term::literal(random_string(8), "http://dt/" + random_string(2));
        break;
    }
    const std::string key = to_ntriples(t);
    const TermId id = d.intern(t);
    auto [it, fresh] = reference.emplace(key, id);
    if (fresh) {
      EXPECT_EQ(id, reference.size()) << "ids are dense, in order of first interning";
    } else {
      EXPECT_EQ(id, it->second) << key;
    }
  }
  EXPECT_EQ(d.size(), reference.size());
  for (const auto& [key, id] : reference) EXPECT_EQ(to_ntriples(d.term(id)), key);
}

TEST(Dictionary, MemoryGrowsWithContent) {
  Dictionary d;
  const std::size_t empty = d.memory_bytes();
  for (int i = 0; i < 10000; ++i) d.intern_iri("http://example.org/" + std::to_string(i));
  EXPECT_GT(d.memory_bytes(), empty);
  // Roughly: bytes of the strings plus tables; far below 200 bytes per short term.
  EXPECT_LT(d.memory_bytes(), empty + 10000 * 200);
}

}  // namespace
}  // namespace kennis::rdf
