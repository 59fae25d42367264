// Edit distance (Levenshtein: insertions, deletions, substitutions of bytes), for "did you
// mean" hints: the nearest command, prefix, vocabulary term or parameter value.
#pragma once

#include <cstddef>
#include <limits>
#include <string_view>

namespace kennis::base {

/// The edit distance of `a` and `b`, or `cap + 1` as soon as it is known to exceed `cap`.
/// With `ignore_case`, ASCII letters match their other case.
std::size_t edit_distance(std::string_view a, std::string_view b,
                          std::size_t cap = std::numeric_limits<std::size_t>::max() - 1,
                          bool ignore_case = false);

}  // namespace kennis::base
