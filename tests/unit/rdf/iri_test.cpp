// IRIs: resolution (the examples of RFC 3986 section 5.4 and more), the parts of a reference,
// the IRIREF characters, file: IRIs of local paths.
#include "rdf/iri.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace kennis::rdf {
namespace {

TEST(ResolveIri, NormalExamplesOfRfc3986) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& [ref, expected] : cases) EXPECT_EQ(resolve_iri(base, ref), expected) << ref;
}

TEST(ResolveIri, AbnormalExamplesOfRfc3986) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
  };
  for (const auto& [ref, expected] : cases) EXPECT_EQ(resolve_iri(base, ref), expected) << ref;
}

TEST(ResolveIri, BaseWithoutPathOrWithFragment) {
  EXPECT_EQ(resolve_iri("http://a", "g"), "http://a/g");
  EXPECT_EQ(resolve_iri("http://a/b#frag", "c"), "http://a/c");
  EXPECT_EQ(resolve_iri("http://a/b#frag", ""), "http://a/b");
  EXPECT_EQ(resolve_iri("file:///x/y.ttl", "z.ttl"), "file:///x/z.ttl");
  EXPECT_EQ(resolve_iri("urn:x:y", "#f"), "urn:x:y#f");
  EXPECT_EQ(resolve_iri("", "rel"), "rel");
  EXPECT_TRUE(has_scheme("urn:x"));
  EXPECT_FALSE(has_scheme("a/b:c"));
}

TEST(FileIri, PercentEncodesAndIsAbsolute) {
  EXPECT_EQ(file_iri("/tmp/a b#c.ttl"), "file:///tmp/a%20b%23c.ttl");
  EXPECT_EQ(file_iri("/x/./y/../z.ttl"), "file:///x/z.ttl");
  EXPECT_EQ(file_iri("rel.ttl").rfind("file:///", 0), 0u);
}

TEST(SplitIri, ReportsEachPartAndWhetherItIsThere) {
  const IriParts p = split_iri("http://a.b:8/c/d?q=1#f");
  EXPECT_TRUE(p.has_scheme && p.has_authority && p.has_query && p.has_fragment);
  EXPECT_EQ(p.scheme, "http");
  EXPECT_EQ(p.authority, "a.b:8");
  EXPECT_EQ(p.path, "/c/d");
  EXPECT_EQ(p.query, "q=1");
  EXPECT_EQ(p.fragment, "f");
  const IriParts rel = split_iri("../x?#");
  EXPECT_FALSE(rel.has_scheme || rel.has_authority);
  EXPECT_EQ(rel.path, "../x");
  EXPECT_TRUE(rel.has_query && rel.query.empty());
  EXPECT_TRUE(rel.has_fragment && rel.fragment.empty());
}

TEST(RemoveDotSegments, FollowsRfc3986Section524) {
  EXPECT_EQ(remove_dot_segments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(remove_dot_segments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(remove_dot_segments("/.."), "/");
}

TEST(IrirefChar, ExcludesControlsSpaceAndDelimiters) {
  for (char32_t c : {U'<', U'>', U'"', U'{', U'}', U'|', U'^', U'`', U'\\', U' ', U'\n', U'\0'}) {
    EXPECT_FALSE(is_iriref_char(c)) << static_cast<unsigned>(c);
  }
  for (char32_t c : {U'a', U'#', U'%', U'/', U'~', U'\u00e9', U'\x7f'}) {
    EXPECT_TRUE(is_iriref_char(c)) << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace kennis::rdf
