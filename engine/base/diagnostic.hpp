// Diagnostic: the one error type of Kennis. Every parser, checker and command reports
// problems as Diagnostics with a source position, printed GCC style
// (`file:line:col: error: message`) followed by the source line and a caret.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace kennis::base {

/// A position in a source text; 1-based line and column (column in code points).
/// line == 0 means "no position" (the whole file, or no file at all).
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// A range in a named source. `file` may be empty (standard input is "<stdin>").
struct SourceRange {
  std::string file;
  SourcePos begin;
  SourcePos end;
};

enum class Severity { kError, kWarning, kNote };

/// One problem found in the input, with what was expected and what was found in `message`.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  ///< stable code such as "K202"; may be empty
  std::string message;
  SourceRange range;
  std::vector<std::string> notes;

  static Diagnostic error(std::string message, SourceRange range = {}, std::string code = {});
  static Diagnostic warning(std::string message, SourceRange range = {}, std::string code = {});
};

/// "file:line:col: error: message" (no trailing newline, no source excerpt).
std::string to_string(const Diagnostic& d);

/// Prints `d` GCC style; when `source` holds the text of d.range.file, also prints the
/// offending line and a caret under the column. Notes follow, one per line.
void print_diagnostic(std::ostream& out, const Diagnostic& d, const std::string* source = nullptr);

/// Column in code points of the byte offset `byte_col` (1-based) within `line`.
std::uint32_t code_point_column(const std::string& line, std::uint32_t byte_col);

/// Collects diagnostics; sorted by position when printed.
class DiagnosticList {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  void sort();
  /// Prints all (sorted), with source excerpts read from the files named in them.
  void print(std::ostream& out);

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace kennis::base
