// kennis export --format nt|nq|ttl|trig [--graph IRI|default|all] [-o FILE] PATH...
// Loads the given files and writes them back, sorted and deterministic.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"

#include <memory>

namespace kennis::cli {

namespace {

struct ExportArgs {
  std::vector<std::string> paths;
  std::string format;
  std::string input_format;
  std::string graph = "all";
  std::string output;
};

void run(const ExportArgs& args) {
  const bool to_file = !args.output.empty() && args.output != "-";
  if (to_file) check_output_path(args.output);  // a folder is a write error, not a syntax one
  rdf::Syntax syntax = rdf::Syntax::kNTriples;
  if (!args.format.empty()) {
    syntax = parse_syntax(args.format);
  } else if (to_file) {
    auto s = rdf::syntax_from_path(args.output);
    // A device or FIFO is written like standard output: N-Triples unless --format says.
    if (!s && !is_stream_path(args.output))
      throw base::UsageError("cannot tell the output syntax of '" + args.output +
                             "'; use --format (" + std::string(rdf::syntax_choices()) + ")");
    if (s) syntax = *s;
  }
  session::Session ses(session_options(args.input_format));
  ses.load(args.paths);
  store::Dataset& ds = ses.data();
  auto graph = parse_graph_option(args.graph, ds);
  Output out(args.output);
  write_graph(out, ds, graph ? *graph : store::kAnyGraph, syntax, ds.prefixes());
  out.commit();
}

}  // namespace

void register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Load RDF files and write them in one syntax");
  cmd->add_option("paths", args->paths, "RDF files or folders; - for stdin")->required();
  cmd->add_option("-f,--format", args->format,
                  "output syntax: nt, nq, ttl, trig (default: from -o, else nt)");
  add_input_format(cmd, args->input_format);
  cmd->add_option("-g,--graph", args->graph, "which graph: an IRI, 'default' or 'all' (default)");
  cmd->add_option("-o,--output", args->output, "output file (written atomically); default stdout");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
