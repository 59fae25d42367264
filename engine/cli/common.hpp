// What the commands share: one vocabulary of options (--input-format for the data a command
// reads, --format for what it writes, - for standard input), opening output files atomically,
// and reporting sizes and times. Loading, reasoning and querying are the Session's
// (session/session.hpp); the commands only handle arguments and print.
#pragma once

#include "base/atomic_file.hpp"
#include "base/limits.hpp"
#include "rdf/syntax.hpp"
#include "session/session.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kennis::cli {

/// Parses an RDF syntax name (--format, --input-format); throws UsageError naming the choices.
rdf::Syntax parse_syntax(const std::string& name);

/// Adds --input-format NAME (the syntax of every data file read, needed for "-").
void add_input_format(CLI::App* cmd, std::string& value);

/// Session options with the --input-format value parsed (UsageError if it is unknown).
session::Options session_options(const std::string& input_format);

/// Splits the values given after --rules (which CLI11 lets run on into the data) into rule
/// files (ending in ".rules") and the rest, which is prepended to `data`. UsageError if no
/// rule file is left.
void split_rule_args(std::vector<std::string>& rules, std::vector<std::string>& data);

/// UsageError if more than one of `paths` reads standard input ("-").
void check_one_stdin(const std::vector<std::string>& paths);

/// DataError (exit 1) naming `path` if it cannot be an output file: a folder. Commands call
/// it before anything that depends on the output's name (its syntax, say).
void check_output_path(const std::string& path);

/// True iff `path` exists and is a FIFO or a device: written directly, like standard output.
bool is_stream_path(const std::string& path);

/// Where a command writes: standard output, or a file replaced atomically on commit().
class Output {
 public:
  /// `path` empty or "-" means standard output.
  /// A path that exists and is not a regular file (a device, a FIFO) is written directly.
  /// Throws DataError naming the path for a folder (check_output_path).
  explicit Output(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  std::FILE* stream();
  bool is_stdout() const { return !file_ && direct_ == nullptr; }
  /// "<stdout>" or the path, for messages.
  std::string name() const;
  /// Finishes the output; for a file, renames it into place. Throws DataError on failure.
  void commit();

 private:
  std::string path_;
  std::unique_ptr<base::AtomicFile> file_;
  std::FILE* direct_ = nullptr;
};

/// Writes every quad of `ds` selected by `graph` (kAnyGraph: all) in `syntax` with the given
/// prefixes to `out`. Throws DataError if writing fails.
void write_graph(Output& out, const store::Dataset& ds, store::TermId graph, rdf::Syntax syntax,
                 rdf::PrefixMap prefixes);

/// Peak resident memory of this process, in bytes.
std::size_t peak_rss_bytes();
/// "1.23 MiB" style.
std::string human_bytes(double bytes);
/// "12.345 ms" below 10 ms, "1.234 s" above.
std::string seconds(double s);

/// Resolves a graph option: "default", "all" (returns nullopt) or an IRI (<...> optional).
/// Returns store::kDefaultGraph for "default".
std::optional<store::TermId> parse_graph_option(const std::string& value, store::Dataset& ds);

/// The limit options as given: --timeout SECONDS, --max-rows N, --max-memory SIZE,
/// --max-derived N (0 or "": no limit).
struct LimitArgs {
  std::string timeout;
  std::uint64_t max_rows = 0;
  std::string max_memory;
  std::uint64_t max_derived = 0;
};

/// Adds --timeout and --max-memory, with --max-rows if `rows` and --max-derived if `derived`;
/// `what` is what they stop ("the query").
void add_limit_options(CLI::App* cmd, LimitArgs& args, const std::string& what, bool rows,
                       bool derived);

/// The limits given (UsageError for a --timeout that is not a number of seconds or a
/// --max-memory that is not a size).
base::Limits parse_limits(const LimitArgs& args);

}  // namespace kennis::cli
