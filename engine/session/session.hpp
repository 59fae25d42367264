// Session: the pipeline every front end drives, over one Dataset: load data files and folders
// (with their syntaxes and prefixes), read rule files, materialise what they infer, apply a
// change set incrementally, run a query (a canned query file with parameters, or any SPARQL
// text), explain a triple, and name terms for people. `kennis query`, `reason`, `explain`,
// `diff` and `serve`, the endpoint, the benches and the tests all go through it; nothing
// above it wires loading, reasoning and querying itself.
//
// Errors are thrown: base::UsageError for what the caller asked wrongly (a missing file, an
// unknown parameter), base::DataError with the diagnostics for bad data, rules or queries,
// base::LimitError when a query, materialisation or update hits one of its limits (Options,
// QuerySpec): it then gives no result.
// A Session is not thread-safe: one query at a time (the query engine adds the query's
// constants to the dictionary).
#pragma once

#include "base/limits.hpp"
#include "reason/explain.hpp"
#include "reason/reasoner.hpp"
#include "results/format.hpp"
#include "rules/load.hpp"
#include "sparql/exec/engine.hpp"
#include "sparql/query_file.hpp"
#include "store/dataset.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kennis::session {

struct Options {
  /// Forces the syntax of every data file (otherwise by extension); needed for "-" (stdin).
  std::optional<rdf::Syntax> input_syntax;
  /// The command-line option that sets it, named in messages.
  std::string input_syntax_option = "--input-format";
  /// Keep where each asserted triple was read (file:line:col), for explanations.
  bool track_origins = false;
  /// Keep the round each inferred triple was derived in, which proofs need (explain()).
  bool record_ranks = false;
  /// Materialisation threads (reason::ReasonerOptions::threads; 0: one per core).
  unsigned threads = 0;
  /// Queries without FROM read the merge of every graph instead of the asserted default
  /// graph and the inferred graph.
  bool union_default_graph = false;
  /// Limits on each query's execution (timeout, max_rows, max_memory), unless its QuerySpec
  /// has its own. Default: none.
  base::Limits query_limits;
  /// Limits on materialise() and apply() (timeout, max_memory, max_derived), each counted
  /// from its own start. Default: none.
  base::Limits reason_limits;
};

/// A change set: asserted quads to add and to remove (the `+`/`-` change-file format).
struct Changes {
  std::vector<store::Quad> additions;
  std::vector<store::Quad> removals;
};

/// What to run: the query text, where it came from, and its parameters as written.
struct QuerySpec {
  std::string text;
  /// For diagnostics: the file name, or "<query>".
  std::string source = "<query>";
  /// Base IRI for the query's relative IRIs (a query file's own IRI), or "".
  std::string base_iri;
  /// NAME=VALUE arguments for the parameters the query's header documents.
  std::vector<std::string> params;
  /// Every documented parameter must be bound (the command line); the endpoint leaves the
  /// unbound ones free.
  bool require_all_params = true;
  /// The SPARQL 1.1 Protocol's default-graph-uri / named-graph-uri (replace FROM / FROM NAMED).
  std::vector<std::string> default_graph_uris;
  std::vector<std::string> named_graph_uris;
  /// Planner passes switched off (sparql::planner pass names).
  std::vector<std::string> disabled_passes;
  /// Limits on running this query; Options::query_limits when absent.
  std::optional<base::Limits> limits;
  /// Stops the query when it becomes true (set from another thread: a client that went away,
  /// a server shutting down). Not owned; must outlive execute(). Added to the limits.
  const std::atomic<bool>* cancel = nullptr;
};

/// A query parsed and its parameters bound; nothing about the data yet.
struct ParsedQuery {
  QuerySpec spec;
  sparql::Query ast;
  sparql::QueryHeader header;
};

/// Parses a query and checks its parameter names (DataError for a syntax error with
/// file:line:col, UsageError for parameters). Needs no data, so a command can report these
/// first; the values are read by Session::prepare, with the data's prefixes too.
ParsedQuery parse_query(QuerySpec spec);

/// A query parsed, bound and planned, with what its result writers need.
struct PreparedQuery {
  sparql::exec::PreparedQuery plan;
  sparql::QueryHeader header;
  /// The query's prefixes, then the data's (first declaration of a name wins).
  rdf::PrefixMap prefixes;
  /// What the query gives: solutions, a boolean or a graph.
  results::Shape shape = results::Shape::kSolutions;
  double seconds = 0;  ///< translating and planning
  /// What execute() may spend (QuerySpec::limits or Options::query_limits, with its cancel).
  base::Limits limits;
};

class Session {
 public:
  explicit Session(Options options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // --- Data and rules -------------------------------------------------------------------

  /// Loads files, folders (every RDF file under them, sorted) and "-" (standard input, which
  /// needs Options::input_syntax). UsageError for a missing path or a file whose syntax
  /// cannot be told; DataError for bad data. Load before materialise().
  store::LoadStats load(const std::vector<std::string>& paths);
  /// Loads a document given as text (Options::input_syntax or `syntax` must say its syntax).
  store::LoadStats load_text(std::string_view text, const std::string& name,
                             std::optional<rdf::Syntax> syntax = std::nullopt);
  /// Reads, checks and stratifies rule files (DataError with every diagnostic).
  void load_rules(const std::vector<std::string>& files);
  bool has_rules() const { return rules_ != nullptr; }
  const rules::LoadedRules& rules() const { return *rules_; }

  store::Dataset& data() { return data_; }
  const store::Dataset& data() const { return data_; }
  const store::LoadStats& load_stats() const { return load_stats_; }
  const Options& options() const { return options_; }

  // --- Reasoning ------------------------------------------------------------------------

  /// The reasoner over the loaded data, built on first use (DataError if a rule does not
  /// compile). Requires rules.
  reason::Reasoner& reasoner();
  /// Derives everything the rules infer into the inferred graph (once; nothing without rules).
  /// Within Options::reason_limits: a LimitError drops what was derived (the next call
  /// starts again).
  reason::MaterialiseStats materialise();
  bool materialised() const { return materialised_; }
  /// Triples derived by materialise().
  std::size_t derived() const { return derived_; }
  /// Drops the inferred graph and the reasoner: the next materialise() starts from the
  /// asserted triples again (benches repeat materialisation this way).
  void drop_inferences();
  /// Applies a change set and updates the inferred graph incrementally. Within
  /// Options::reason_limits: after a LimitError the changes are applied to the asserted data
  /// and the inferred graph is dropped (the next query materialises again).
  reason::UpdateStats apply(const Changes& changes);
  /// Reads a change file: one statement per line, '+' to add, '-' to remove; '#' comments.
  /// DataError with file:line:col (K220); UsageError if the file cannot be read.
  Changes read_changes(const std::string& path);
  /// Parses 'S P O' (Turtle, with the prefixes of the data and the rules); UsageError if it is
  /// not one triple.
  reason::Triple parse_triple(const std::string& text);
  /// The proof of t after materialisation; nullopt if t does not hold. Needs record_ranks
  /// (and track_origins for file:line:col of asserted premises).
  std::optional<reason::Proof> explain(const reason::Triple& t, std::size_t max_depth = 64);

  // --- Queries --------------------------------------------------------------------------

  /// Parses the query, binds its parameters and plans it against the data (materialised, when
  /// there are rules). DataError for a query that does not parse or plan (file:line:col),
  /// UsageError for parameters: a value is read with the query's prefixes, then the data's
  /// (`--param sme=act:acme`), and an IRI the data does not mention is refused with the
  /// nearest IRIs it does.
  PreparedQuery prepare(const ParsedQuery& query);
  PreparedQuery prepare(const QuerySpec& spec) { return prepare(parse_query(spec)); }
  /// Runs a prepared query within its limits (LimitError: no result).
  sparql::exec::QueryResult execute(const PreparedQuery& query);
  /// The query engine over the data, its default graph set as Options say.
  sparql::exec::QueryEngine& engine();

  // --- Names for people -----------------------------------------------------------------

  /// The prefixes of the data, then of the rules (first declaration of a name wins).
  rdf::PrefixMap prefixes() const;
  /// A term as a prefixed name when a data or rule prefix fits, `a` for rdf:type, Turtle's
  /// short forms for numbers and booleans; N-Triples otherwise.
  std::string name(rdf::TermId id) const;
  /// "file:line:col" where an asserted quad was read, "" if unknown.
  std::string origin(const store::Quad& q) const;

 private:
  /// UsageError naming the nearest IRIs of the data if `iri` (the value of `param`) is not in it.
  void check_in_data(const std::string& param, const std::string& iri,
                     const rdf::PrefixMap& prefixes) const;
  /// Adds a load's figures to load_stats() (DataError if it failed); what the data changes.
  store::LoadStats loaded(base::Result<store::LoadStats> stats);

  Options options_;
  store::Dataset data_;
  store::LoadStats load_stats_;
  std::unique_ptr<rules::LoadedRules> rules_;
  std::unique_ptr<reason::Reasoner> reasoner_;
  std::unique_ptr<sparql::exec::QueryEngine> engine_;
  bool materialised_ = false;
  std::size_t derived_ = 0;
  mutable std::optional<rdf::PrefixMap> names_;  // prefixes() for name(), kept until a load
};

}  // namespace kennis::session
