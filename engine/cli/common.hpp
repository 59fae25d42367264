// Helpers shared by the subcommands: loading the data paths a command works on, opening
// output files atomically, and reporting sizes and times.
#pragma once

#include "base/atomic_file.hpp"
#include "rdf/syntax.hpp"
#include "store/dataset.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kennis::cli {

/// Parses a --format value for RDF output or input; throws UsageError naming the choices.
rdf::Syntax parse_syntax(const std::string& name);

/// Loads `paths` into `ds`. A missing path is a UsageError (exit 2); bad data a DataError
/// (exit 1) carrying the diagnostic.
store::LoadStats load_or_throw(store::Dataset& ds, const std::vector<std::string>& paths,
                               const store::LoadOptions& options);

/// Where a command writes: standard output, or a file replaced atomically on commit().
class Output {
 public:
  /// `path` empty or "-" means standard output.
  /// A path that exists and is not a regular file (a device, a FIFO) is written directly.
  explicit Output(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  std::FILE* stream();
  bool is_stdout() const { return !file_; }
  /// Finishes the output; for a file, renames it into place. Throws DataError on failure.
  void commit();

 private:
  std::string path_;
  std::unique_ptr<base::AtomicFile> file_;
  std::FILE* direct_ = nullptr;
};

/// Peak resident memory of this process, in bytes.
std::size_t peak_rss_bytes();
/// "1.23 MiB" style.
std::string human_bytes(double bytes);

/// Resolves a graph option: "default", "all" (returns nullopt) or an IRI (<...> optional).
/// Returns store::kDefaultGraph for "default".
std::optional<store::TermId> parse_graph_option(const std::string& value, store::Dataset& ds);

}  // namespace kennis::cli
