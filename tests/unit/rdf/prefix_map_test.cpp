// PrefixMap: declaration order, redeclaration, first-wins merge, expanding prefixed names and
// abbreviating IRIs under each rule for local names.
#include "rdf/prefix_map.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace kennis::rdf {
namespace {

std::string names(const PrefixMap& m) {
  std::string s;
  for (const auto& [name, iri] : m) s += name + "=" + iri + " ";
  return s;
}

TEST(PrefixMap, KeepsDeclarationOrderAndRedeclaresInPlace) {
  PrefixMap m;
  m.set("z", "http://z/");
  m.set("a", "http://a/");
  m.set("z", "http://z2/");
  EXPECT_EQ(names(m), "z=http://z2/ a=http://a/ ");
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].name, "a");
  EXPECT_EQ(m.at("z"), "http://z2/");
  EXPECT_THROW(m.at("nope"), std::out_of_range);
  EXPECT_TRUE(m.contains("a"));
  EXPECT_EQ(m.find("b"), m.end());
}

TEST(PrefixMap, FirstDeclarationWinsWhenAddingAndMerging) {
  PrefixMap m = {{"ex", "http://one/"}, {"ex", "http://two/"}};
  EXPECT_EQ(names(m), "ex=http://one/ ");
  EXPECT_FALSE(m.add("ex", "http://three/"));
  EXPECT_TRUE(m.add("", "http://empty/"));
  m.merge(PrefixMap{{"b", "http://b/"}, {"ex", "http://other/"}, {"c", "http://c/"}});
  EXPECT_EQ(names(m), "ex=http://one/ =http://empty/ b=http://b/ c=http://c/ ");
  const std::vector<Prefix> list = m;
  EXPECT_EQ(list.size(), 4u);
  EXPECT_EQ(PrefixMap(list), m);
}

TEST(PrefixMap, Expand) {
  const PrefixMap m = {{"ex", "http://example.org/"}, {"", "http://empty/"}};
  EXPECT_EQ(m.expand("ex:local"), "http://example.org/local");
  EXPECT_EQ(m.expand(":x"), "http://empty/x");
  EXPECT_EQ(m.expand("ex:"), "http://example.org/");
  EXPECT_EQ(m.expand("ex:a:b"), "http://example.org/a:b");
  EXPECT_EQ(m.expand("nope:x"), std::nullopt);
  EXPECT_EQ(m.expand("no-colon"), std::nullopt);
}

TEST(PrefixMap, CompactTakesTheFirstPrefixWithAPlainLocalName) {
  const PrefixMap m = {{"ex", "http://e/"}, {"exs", "http://e/s/"}, {"none", ""}};
  EXPECT_EQ(m.compact("http://e/a"), "ex:a");
  EXPECT_EQ(m.compact("http://e/s/a"), "exs:a");  // "s/a" is no local name
  EXPECT_EQ(m.compact("http://e/"), std::nullopt);
  EXPECT_EQ(m.compact("http://e/a.b"), std::nullopt);
  EXPECT_EQ(m.compact("http://e/-a"), std::nullopt);
  EXPECT_EQ(m.compact("http://e/a-b_c9"), "ex:a-b_c9");
  EXPECT_EQ(m.compact("http://e/caf\xC3\xA9"), "ex:caf\xC3\xA9");
  EXPECT_EQ(m.compact("urn:x"), std::nullopt);  // an empty namespace abbreviates nothing
}

TEST(PrefixMap, CompactRules) {
  const PrefixMap m = {{"e", "http://e/"}, {"ea", "http://e/a"}};
  const CompactOptions ascii{LocalNames::kAscii, PrefixChoice::kFirst};
  const CompactOptions no_delimiters{LocalNames::kNoDelimiters, PrefixChoice::kLongest};
  EXPECT_EQ(m.compact("http://e/ab", ascii), "e:ab");
  EXPECT_EQ(m.compact("http://e/ab", no_delimiters), "ea:b");
  EXPECT_EQ(m.compact("http://e/caf\xC3\xA9", ascii), std::nullopt);
  EXPECT_EQ(m.compact("http://e/-x", ascii), "e:-x");
  EXPECT_EQ(m.compact("http://e/x.y:z", no_delimiters), "e:x.y:z");
  EXPECT_EQ(m.compact("http://e/x#y", no_delimiters), std::nullopt);
  EXPECT_EQ(m.compact("http://e/x?y", no_delimiters), std::nullopt);
}

}  // namespace
}  // namespace kennis::rdf
