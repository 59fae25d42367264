// The rules pipeline in one call: parse every file, check safety, stratify. Errors of all
// files are collected and sorted; stratification runs only when the rules are safe.
#pragma once

#include "base/diagnostic.hpp"
#include "rules/ast.hpp"
#include "rules/stratify.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kennis::rules {

struct LoadedRules {
  RuleSet rules;
  Stratification strata;
  std::vector<base::Diagnostic> diagnostics;  ///< sorted by file order, then position

  /// True iff no diagnostic is an error.
  bool ok() const;
};

/// Parses, checks and stratifies the rule files at `paths`, as one rule set.
LoadedRules load_rule_files(const std::vector<std::string>& paths);

/// The same for one text (tests, rules given inline).
LoadedRules load_rule_text(std::string_view text, const std::string& source_name);

}  // namespace kennis::rules
