// kennis check [--vocabulary NS]... [--strict] [--no-docs] PATH...
// Loads the files (syntax errors stop it) and reports modelling mistakes; see docs/check.md.
#include "base/error.hpp"
#include "check/checker.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"

#include <iostream>
#include <memory>

namespace kennis::cli {

namespace {

struct CheckArgs {
  std::vector<std::string> paths;
  std::vector<std::string> vocabularies;
  std::string format;
  bool strict = false;
  bool no_docs = false;
};

void run(const CheckArgs& args) {
  session::Options options = session_options(args.format);
  options.input_syntax_option = "--format";
  options.track_origins = true;
  session::Session ses(options);
  const store::LoadStats ls = ses.load(args.paths);
  const store::Dataset& ds = ses.data();
  check::CheckOptions co;
  co.vocabularies = args.vocabularies;
  co.skip_documentation = args.no_docs;
  auto diagnostics = check::check_dataset(ds, co);
  base::DiagnosticList list;
  std::size_t errors = 0, warnings = 0;
  for (auto& d : diagnostics) {
    (d.severity == base::Severity::kError ? errors : warnings)++;
    list.add(std::move(d));
  }
  list.print(std::cerr);
  std::cout << ls.files << " file" << (ls.files == 1 ? "" : "s") << ", " << ds.store().size()
            << " triples: " << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings
            << " warning" << (warnings == 1 ? "" : "s") << "\n";
  if (errors > 0 || (args.strict && warnings > 0)) set_exit_code(1);
}

}  // namespace

void register_check(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "Check RDF files for syntax errors and modelling mistakes (see docs/check.md)");
  cmd->add_option("paths", args->paths, "RDF files or folders; - for stdin")->required();
  cmd->add_option("--vocabulary", args->vocabularies,
                  "namespace IRI whose terms must be declared and documented (repeatable; "
                  "default: every namespace that declares a class or property)");
  // check writes no RDF, so --format names what it reads (as --input-format).
  cmd->add_option("--input-format,--format", args->format,
                  "syntax of the data read: nt, nq, ttl, trig (default: by extension; needed "
                  "for - on standard input)");
  cmd->add_flag("--strict", args->strict, "exit 1 on warnings too");
  cmd->add_flag("--no-docs", args->no_docs, "skip the label/definition checks (K103, K104)");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
