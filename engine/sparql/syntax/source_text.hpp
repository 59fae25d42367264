// The text a SPARQL parser reads, and the way back from a byte in it to a source position.
// Queries have their codepoint escapes (\uXXXX, \UXXXXXXXX; SPARQL 1.1 section 19.2)
// decoded before parsing, which shifts bytes; SourceText remembers where each decoded
// stretch came from so that diagnostics point into the text as written. Without decoding
// (an expression or a term inside a rule file) the text is read in place: nothing is copied
// or scanned up front, so reading a short token at the start of a long text costs the token.
#pragma once

#include "base/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::sparql::syntax {

class SourceText {
 public:
  /// If `decode_escapes`, copies `original`, replacing each \u and \U escape by the UTF-8
  /// encoding of its code point (escapes produced by decoding are not decoded again) and
  /// checking that it is UTF-8. Otherwise refers to `original`, which must outlive this.
  /// `origin` is the position of original[0] in the source (line 1, column 1 for a file).
  SourceText(std::string_view original, bool decode_escapes, base::SourcePos origin = {1, 1});

  /// The text to parse.
  std::string_view text() const { return decoded_ ? std::string_view(text_) : original_; }
  /// Empty, or why the text cannot be parsed at all (invalid UTF-8, an escape of a
  /// surrogate or of a value above U+10FFFF); error_offset() is where (in text()). Always
  /// empty without decoding: see first_invalid_utf8().
  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }

  /// Offset in the original text of byte `offset` of text().
  std::size_t original_offset(std::size_t offset) const;
  /// Line and column (code points, 1-based) of byte `offset` of text().
  base::SourcePos position(std::size_t offset) const;
  /// Offset in text() of the first byte in [0, end) that is not part of a well-formed UTF-8
  /// sequence, or `end` if there is none.
  std::size_t first_invalid_utf8(std::size_t end) const;

 private:
  struct Shift {
    std::size_t text_offset;
    std::size_t original_offset;
  };
  std::string_view original_;
  bool decoded_;
  std::string text_;  // decoded_ only
  std::vector<Shift> shifts_;
  // Offsets in original_ of the line starts up to lines_scanned_ (found as positions are
  // asked for).
  mutable std::vector<std::size_t> line_starts_;
  mutable std::size_t lines_scanned_ = 0;
  base::SourcePos origin_;
  std::string error_;
  std::size_t error_offset_ = 0;
  // The last position computed: positions are mostly asked for in increasing order, so the
  // column of the next one is counted from here (keeps long one-line queries linear).
  mutable std::size_t cached_offset_ = 0;
  mutable std::size_t cached_line_ = 0;
  mutable std::uint32_t cached_column_ = 1;
};

/// Decodes one UTF-8 sequence at [it, end); advances `it` and returns true iff it is a
/// well-formed encoding of a Unicode scalar value.
bool decode_utf8(const char*& it, const char* end, char32_t& cp);

}  // namespace kennis::sparql::syntax
