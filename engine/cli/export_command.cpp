// kennis export --format nt|nq|ttl|trig [--graph IRI|default|all] [-o FILE] PATH...
// Loads the given files and writes them back, sorted and deterministic.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "rdf/writer.hpp"

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
  rdf::Syntax syntax = rdf::Syntax::kNTriples;
  if (!args.format.empty()) {
    syntax = parse_syntax(args.format);
  } else if (!args.output.empty() && args.output != "-") {
    auto s = rdf::syntax_from_path(args.output);
    if (!s)
      throw base::UsageError("cannot tell the output syntax of '" + args.output +
                             "'; use --format (" + std::string(rdf::syntax_choices()) + ")");
    syntax = *s;
  }
  store::Dataset ds;
  store::LoadOptions options;
  if (!args.input_format.empty()) options.syntax = parse_syntax(args.input_format);
  load_or_throw(ds, args.paths, options);
  auto graph = parse_graph_option(args.graph, ds);

  std::vector<rdf::IdQuad> quads;
  quads.reserve(ds.store().size());
  store::Pattern pat;
  pat.g = graph ? *graph : store::kAnyGraph;
  ds.store().for_each(pat, [&](const store::Quad& q) {
    quads.push_back(rdf::IdQuad{q.s, q.p, q.o, q.g == store::kDefaultGraph ? rdf::kNoTerm : q.g});
  });
  rdf::WriteOptions wo;
  wo.syntax = syntax;
  wo.prefixes = ds.prefixes();
  Output out(args.output);
  if (!rdf::write_quads(out.stream(), ds.dict(), std::move(quads), wo)) {
    throw base::DataError(base::Diagnostic::error(
        "cannot write '" + (out.is_stdout() ? std::string("<stdout>") : args.output) + "'"));
  }
  out.commit();
}

void register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Load RDF files and write them in one syntax");
  cmd->add_option("paths", args->paths, "RDF files or folders; - for stdin")->required();
  cmd->add_option("-f,--format", args->format,
                  "output syntax: nt, nq, ttl, trig (default: from -o, else nt)");
  cmd->add_option("--input-format", args->input_format, "input syntax (default: by extension)");
  cmd->add_option("-g,--graph", args->graph, "which graph: an IRI, 'default' or 'all' (default)");
  cmd->add_option("-o,--output", args->output, "output file (written atomically); default stdout");
  cmd->callback([args] { run(*args); });
}

}  // namespace

KENNIS_REGISTER_COMMAND(20, register_export);

}  // namespace kennis::cli
