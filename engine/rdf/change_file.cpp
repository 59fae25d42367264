// Change files. See change_file.hpp.
#include "rdf/change_file.hpp"

#include "rdf/reader.hpp"

namespace kennis::rdf {

namespace {

class Collect : public StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    quads.push_back(IdQuad{s, p, o, g});
  }
  std::vector<IdQuad> quads;
};

}  // namespace

base::Result<ChangeSet> read_changes(std::istream& in, const std::string& name, Dictionary& dict) {
  ChangeSet changes;
  std::string line;
  std::uint32_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] == '#') continue;
    const char sign = line[i];
    if (sign != '+' && sign != '-') {
      const base::SourcePos pos{line_no, static_cast<std::uint32_t>(i + 1)};
      return base::Diagnostic::error(
          "expected '+' or '-' before a statement, found '" + line.substr(i, 1) + "'",
          {name, pos, pos}, "K220");
    }
    Collect sink;
    ReadOptions options;
    options.syntax = Syntax::kNQuads;
    auto r = read_string(std::string_view(line).substr(i + 1), name, dict, sink, options);
    if (!r.ok() || sink.quads.size() != 1) {
      base::Diagnostic d = r.ok() ? base::Diagnostic::error("expected one statement after '" +
                                                            std::string(1, sign) + "'")
                                  : r.error();
      // The statement's column, counted from the start of the line.
      d.range.file = name;
      const std::uint32_t col = d.range.begin.line > 0 ? d.range.begin.column : 1;
      d.range.begin = {line_no, static_cast<std::uint32_t>(col + i + 1)};
      d.range.end = d.range.begin;
      if (d.code.empty()) d.code = "K220";
      return d;
    }
    (sign == '+' ? changes.additions : changes.removals).push_back(sink.quads.front());
  }
  return changes;
}

std::string change_line(char sign, const Dictionary& dict, const IdQuad& q) {
  std::string line(1, sign);
  line += " " + to_ntriples(dict.term(q.s)) + " " + to_ntriples(dict.term(q.p)) + " " +
          to_ntriples(dict.term(q.o));
  if (q.g != kNoTerm) line += " " + to_ntriples(dict.term(q.g));
  return line + " .\n";
}

bool write_changes(std::FILE* out, const Dictionary& dict, const ChangeSet& changes) {
  std::string text;
  for (const IdQuad& q : changes.additions) text += change_line('+', dict, q);
  for (const IdQuad& q : changes.removals) text += change_line('-', dict, q);
  return std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0;
}

}  // namespace kennis::rdf
