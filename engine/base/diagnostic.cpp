#include "base/diagnostic.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace kennis::base {

Diagnostic Diagnostic::error(std::string message, SourceRange range, std::string code) {
  return Diagnostic{Severity::kError, std::move(code), std::move(message), std::move(range), {}};
}

Diagnostic Diagnostic::warning(std::string message, SourceRange range, std::string code) {
  return Diagnostic{Severity::kWarning, std::move(code), std::move(message), std::move(range), {}};
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string to_string(const Diagnostic& d) {
  std::ostringstream out;
  if (!d.range.file.empty()) {
    out << d.range.file << ':';
    if (d.range.begin.line > 0) {
      out << d.range.begin.line << ':';
      if (d.range.begin.column > 0) out << d.range.begin.column << ':';
    }
    out << ' ';
  }
  out << severity_name(d.severity) << ": ";
  if (!d.code.empty()) out << '[' << d.code << "] ";
  out << d.message;
  return out.str();
}

std::uint32_t code_point_column(const std::string& line, std::uint32_t byte_col) {
  std::uint32_t col = 1;
  for (std::uint32_t i = 0; i + 1 < byte_col && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

static std::string line_of(const std::string& source, std::uint32_t line) {
  std::uint32_t current = 1;
  std::size_t start = 0;
  while (current < line) {
    std::size_t nl = source.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
    ++current;
  }
  std::size_t end = source.find('\n', start);
  std::string text =
      source.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

void print_diagnostic(std::ostream& out, const Diagnostic& d, const std::string* source) {
  out << to_string(d) << '\n';
  if (source != nullptr && d.range.begin.line > 0) {
    std::string text = line_of(*source, d.range.begin.line);
    if (!text.empty() || d.range.begin.column > 0) {
      std::string number = std::to_string(d.range.begin.line);
      out << ' ' << number << " | " << text << '\n';
      out << ' ' << std::string(number.size(), ' ') << " | ";
      std::uint32_t col = d.range.begin.column;
      // Keep tabs so the caret lines up under the source column.
      std::uint32_t seen = 1;
      for (std::size_t i = 0; i < text.size() && seen < col; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;
        out << (c == '\t' ? '\t' : ' ');
        ++seen;
      }
      out << "^\n";
    }
  }
  for (const std::string& note : d.notes) out << "  note: " << note << '\n';
}

bool DiagnosticList::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

void DiagnosticList::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.file != b.range.file) return a.range.file < b.range.file;
    if (a.range.begin.line != b.range.begin.line) return a.range.begin.line < b.range.begin.line;
    return a.range.begin.column < b.range.begin.column;
  });
}

void DiagnosticList::print(std::ostream& out) {
  sort();
  std::map<std::string, std::string> sources;
  for (const Diagnostic& d : items_) {
    const std::string* source = nullptr;
    if (!d.range.file.empty() && d.range.begin.line > 0) {
      auto it = sources.find(d.range.file);
      if (it == sources.end()) {
        // Only a regular file can be read again for its lines: a FIFO would wait for a writer.
        std::error_code ec;
        std::ostringstream text;
        if (std::filesystem::is_regular_file(d.range.file, ec)) {
          std::ifstream in(d.range.file, std::ios::binary);
          if (in) text << in.rdbuf();
        }
        it = sources.emplace(d.range.file, text.str()).first;
      }
      if (!it->second.empty()) source = &it->second;
    }
    print_diagnostic(out, d, source);
  }
}

}  // namespace kennis::base
