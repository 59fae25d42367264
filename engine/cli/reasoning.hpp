// What `kennis reason` and `kennis explain` share: loading rule files and data into one
// Dataset, building the reasoner, naming terms with the prefixes of both, and reading
// change files (+/- N-Triples or N-Quads lines). And what `kennis query` and `kennis serve`
// share: data loaded and, with rules, materialised, and the graphs a query reads.
#pragma once

#include "reason/reasoner.hpp"
#include "rules/load.hpp"
#include "store/dataset.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kennis::cli {

struct ReasoningSession {
  rules::LoadedRules rules;
  store::Dataset data;
  store::LoadStats load_stats;
  std::unique_ptr<reason::Reasoner> reasoner;
  /// Materialisation threads (reason::ReasonerOptions::threads); set before open().
  unsigned threads = 0;

  /// Loads rules (DataError with every rule diagnostic if they are wrong) and data
  /// (UsageError / DataError as load_or_throw), then builds the reasoner.
  void open(const std::vector<std::string>& rule_files, const std::vector<std::string>& data,
            const std::string& input_format, bool track_origins, bool record_ranks);

  /// A term as a prefixed name when a data or rule prefix fits, else N-Triples.
  std::string name(rdf::TermId id) const;
  /// "file:line:col" of an asserted quad, "" if unknown.
  std::string origin(const store::Quad& q) const;
};

/// The data a query runs on: loaded, and materialised when rule files are given.
struct QueryData {
  store::Dataset data;
  std::unique_ptr<rules::LoadedRules> rules;
  std::unique_ptr<reason::Reasoner> reasoner;
  std::size_t derived = 0;
  double load_seconds = 0;
  double reason_seconds = 0;

  /// Loads `data_paths` (UsageError / DataError as load_or_throw), then the rule files
  /// (DataError with their diagnostics) and materialises them.
  void open(const std::vector<std::string>& data_paths, const std::vector<std::string>& rule_files);

  /// The graphs merged into the default graph of a query without FROM: the asserted default
  /// graph and the inferred graph, or with `union_default` every graph. `disjoint` tells
  /// whether no triple is in two of them (the reasoner never infers an asserted triple).
  std::vector<rdf::TermId> default_graphs(bool union_default, bool& disjoint) const;
};

/// Splits the values given after --rules (which CLI11 lets run on into the data) into rule
/// files (ending in ".rules") and the rest, which is prepended to `data`. UsageError if no
/// rule file is left.
void split_rule_args(std::vector<std::string>& rules, std::vector<std::string>& data);

struct Changes {
  std::vector<store::Quad> additions;
  std::vector<store::Quad> removals;
};

/// Reads a change file: one statement per line, prefixed by '+' (add) or '-' (remove);
/// blank lines and '#' comments are skipped. Triples go to the default graph. Errors are
/// DataErrors with file:line:col.
Changes read_changes(const std::string& path, store::Dataset& ds);

}  // namespace kennis::cli
