#include "base/edit_distance.hpp"

#include <gtest/gtest.h>

namespace kennis::base {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("load", "load"), 0u);
  EXPECT_EQ(edit_distance("lod", "load"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

TEST(EditDistance, StopsPastTheCap) {
  EXPECT_EQ(edit_distance("a", "abcdefgh", 2), 3u);
  EXPECT_EQ(edit_distance("abcdefgh", "hgfedcba", 2), 3u);
  EXPECT_EQ(edit_distance("abc", "abd", 2), 1u);
}

TEST(EditDistance, IgnoresCaseWhenAsked) {
  EXPECT_EQ(edit_distance("SKOS", "skos"), 4u);
  EXPECT_EQ(edit_distance("SKOS", "skos", 10, true), 0u);
}

}  // namespace
}  // namespace kennis::base
