// The rules pipeline: parse, check, stratify (see load.hpp).
#include "rules/load.hpp"

#include "rules/check.hpp"
#include "rules/parser.hpp"

#include <algorithm>

namespace kennis::rules {

namespace {

void finish(LoadedRules& out) {
  // The rules that parsed are checked even when others did not, so that one run reports
  // every problem; stratification needs them all.
  auto checks = check_rules(out.rules);
  for (auto& d : checks) out.diagnostics.push_back(std::move(d));
  if (out.ok()) {
    auto cycles = stratify(out.rules, out.strata);
    for (auto& d : cycles) out.diagnostics.push_back(std::move(d));
  }
  // Sort by file (in the order given), then position.
  auto file_rank = [&](const std::string& f) {
    auto it = std::find(out.rules.files.begin(), out.rules.files.end(), f);
    return static_cast<std::size_t>(it - out.rules.files.begin());
  };
  std::stable_sort(
      out.diagnostics.begin(), out.diagnostics.end(),
      [&](const base::Diagnostic& a, const base::Diagnostic& b) {
        return std::make_tuple(file_rank(a.range.file), a.range.begin.line, a.range.begin.column) <
               std::make_tuple(file_rank(b.range.file), b.range.begin.line, b.range.begin.column);
      });
}

}  // namespace

bool LoadedRules::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(), [](const base::Diagnostic& d) {
    return d.severity == base::Severity::kError;
  });
}

LoadedRules load_rule_files(const std::vector<std::string>& paths) {
  LoadedRules out;
  for (const std::string& path : paths) {
    ParseResult r = parse_rule_file(path);
    for (auto& d : r.diagnostics) out.diagnostics.push_back(std::move(d));
    if (r.rules.files.empty()) r.rules.files.push_back(path);
    out.rules.append(std::move(r.rules));
  }
  finish(out);
  return out;
}

LoadedRules load_rule_text(std::string_view text, const std::string& source_name) {
  LoadedRules out;
  ParseResult r = parse_rules(text, source_name);
  out.diagnostics = std::move(r.diagnostics);
  out.rules = std::move(r.rules);
  finish(out);
  return out;
}

}  // namespace kennis::rules
