// Internals of the regular-expression engine (regex.hpp), shared by its two halves:
// regex_compile.cpp (character properties, parser, compiler to the instruction set below) and
// regex.cpp (the Pike VM, the budgeted backtracker, and the public Regex).
#pragma once

#include "expr/text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kennis::expr::regex_detail {

inline constexpr int kMaxInstructions = 100000;
inline constexpr int kMaxNesting = 200;
inline constexpr long kBacktrackBudget = 5000000;
inline constexpr std::size_t kBacktrackStack = 1000000;  // entries (24 MB)

using Pred = bool (*)(char32_t);

// ---- program ------------------------------------------------------------------------------

struct CharSet {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<std::pair<Pred, bool>> preds;  // (predicate, negated)
  int subtract = -1;                         // a set whose members are removed
};

enum class OpCode : std::uint8_t { kSet, kSplit, kJmp, kSave, kBol, kEol, kBackref, kMatch };

struct Inst {
  OpCode op;
  int x = 0;  // kSet: set index; kSplit/kJmp: target (preferred); kSave: slot; kBackref: group
  int y = 0;  // kSplit: the other target
};

struct Program {
  std::vector<Inst> code;
  std::vector<CharSet> sets;
  int groups = 0;  // capturing groups, not counting group 0
  bool icase = false;
  bool multiline = false;
  bool has_backref = false;
  std::optional<std::string> literal;  // the whole pattern is this literal (fast path)
  bool matches_empty = false;
  bool anchored = false;                       // starts with ^ (not multi-line): position 0 only
  std::optional<std::vector<int>> first_sets;  // the sets a match can start with
  std::string required_prefix;  // UTF-8 every match starts with (a quick rejection test)

  bool set_contains(int idx, char32_t c) const {
    const CharSet& s = sets[static_cast<std::size_t>(idx)];
    bool hit = false;
    for (const auto& [lo, hi] : s.ranges) {
      if (c >= lo && c <= hi) {
        hit = true;
        break;
      }
    }
    if (!hit) {
      for (const auto& [pred, neg] : s.preds) {
        if (pred(c) != neg) {
          hit = true;
          break;
        }
      }
    }
    hit = hit != s.negated;
    if (hit && s.subtract >= 0 && set_contains(s.subtract, c)) hit = false;
    return hit;
  }

  bool matches(int set, char32_t c) const {
    if (set_contains(set, c)) return true;
    if (!icase) return false;
    const char32_t lo = lower_case(c), up = upper_case(c);
    return (lo != c && set_contains(set, lo)) || (up != c && set_contains(set, up));
  }

  bool at_bol(const std::u32string& t, std::size_t pos) const {
    return pos == 0 || (multiline && t[pos - 1] == '\n');
  }
  bool at_eol(const std::u32string& t, std::size_t pos) const {
    return pos == t.size() || (multiline && t[pos] == '\n');
  }
};

/// Parses `pattern` (the i, m, s, x, q flags already read) and compiles it into `prog`, whose
/// icase and multiline are set: code, sets, groups, the literal fast path, first sets, required
/// prefix and anchoring. False if the pattern is invalid or too large.
bool compile_program(Program& prog, std::u32string pattern, bool dot_all, bool extended,
                     bool literal);

}  // namespace kennis::expr::regex_detail
