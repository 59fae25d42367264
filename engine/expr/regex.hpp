// XPath regular expressions (XPath F&O 3.1 section 5.6: fn:matches, fn:replace), used by
// REGEX and REPLACE. A small engine of its own, because std::regex cannot guarantee what the
// evaluator needs: its backtracking executor recurses once per character (a stack overflow
// on long literals) and its NFA executor takes quadratic time.
//
// Syntax: the XSD 1.1 regular expression language with the XPath additions (^ and $ anchors,
// reluctant quantifiers, non-capturing groups (?:...), back-references \N), including class
// subtraction [a-z-[aeiou]], multi-character escapes \s \S \d \D \w \W \i \I \c \C, categories
// \p{..} / \P{..} and common blocks \p{IsBasicLatin}. Flags: i (case-insensitive), m (^ and $
// at line ends), s (. matches newlines), x (whitespace in the pattern ignored outside
// classes), q (the pattern is a literal string).
//
// Matching: a Pike VM (Thompson NFA with submatch tracking, leftmost-first priorities as in
// Perl): time O(text x pattern), memory O(pattern), no recursion over the text. Patterns with
// back-references run on a backtracking matcher with an explicit stack and a step budget;
// past the budget the result is "unknown" (an evaluation error), never a hang.
//
// Approximations: Unicode categories come from the C library's character classes (letters,
// upper / lower case, punctuation-or-symbol, space) plus fixed ranges for marks, digits,
// separators and controls; P and S are told apart exactly in ASCII only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kennis::expr {

namespace regex_detail {
struct Program;
}

class Regex {
 public:
  /// nullopt if the flags or the pattern are invalid (or use an unsupported block name).
  static std::optional<Regex> compile(std::string_view pattern, std::string_view flags);

  /// fn:matches: true iff some substring of `text` matches. nullopt if undecided (a
  /// back-reference pattern exceeded its step budget).
  std::optional<bool> search(std::string_view text) const;
  /// fn:replace: every non-overlapping match replaced, leftmost first; $N in the replacement
  /// is group N (the longest digit sequence naming a group), \$ and \\ are literal. nullopt
  /// on an invalid replacement, a pattern that matches "" (FORX0003), or an undecided match.
  std::optional<std::string> replace(std::string_view text, std::string_view replacement) const;

  /// Number of capturing groups.
  int groups() const;

 private:
  std::shared_ptr<const regex_detail::Program> prog_;
};

}  // namespace kennis::expr
