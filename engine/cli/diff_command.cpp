// kennis diff --rules FILE [--rules FILE...] [--with PATH...] OLD NEW [--format text|nt]
//
// What an edit changes, asserted and inferred: loads OLD (with the --with paths), materialises
// the rules, then brings the store to NEW by an incremental update (kennis reason --then does
// the same from a change file) and prints the asserted triples added and removed, and the
// inferred triples that appear and disappear. OLD and NEW are files or folders, typically two
// versions of the same data: `kennis diff --rules ontology/rules/kennis.rules --with ontology
// datasets/northern-nl edited/`. docs/rules.md ("What an edit changes") is the user guide.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "rdf/change_file.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <tuple>

namespace kennis::cli {

namespace {

struct DiffArgs {
  std::vector<std::string> rules;
  std::vector<std::string> with;
  std::string old_path;
  std::string new_path;
  std::string format = "text";
  std::string input_format;
  bool quiet = false;
};

bool quad_less(const store::Quad& a, const store::Quad& b) {
  return std::tie(a.g, a.s, a.p, a.o) < std::tie(b.g, b.s, b.p, b.o);
}

void run(const DiffArgs& args) {
  using Clock = std::chrono::steady_clock;
  if (args.format != "text" && args.format != "nt") {
    throw base::UsageError("--format takes text or nt, not '" + args.format + "'");
  }
  std::vector<std::string> old_paths = args.with;
  old_paths.push_back(args.old_path);
  std::vector<std::string> new_paths = args.with;
  new_paths.push_back(args.new_path);
  check_one_stdin(old_paths);
  check_one_stdin(new_paths);
  if (args.old_path == "-" && args.new_path == "-") {
    throw base::UsageError("standard input (-) can be only one side of the diff");
  }
  // The old state, materialised.
  const session::Options options = session_options(args.input_format);
  session::Session ses(options);
  ses.load_rules(args.rules);
  ses.load(old_paths);
  const reason::MaterialiseStats full = ses.materialise();
  const rdf::TermId inferred = ses.reasoner().inferred_graph();

  // The new asserted quads, in the old state's dictionary. Blank nodes are matched by label
  // (labels are scoped per file, in load order, the same on both sides when the files are).
  session::Session fresh(options);
  fresh.load(new_paths);
  rdf::Dictionary& dict = ses.data().dict();
  auto map_term = [&](rdf::TermId id) { return dict.intern(fresh.data().dict().term(id)); };
  std::vector<store::Quad> after, before;
  fresh.data().store().for_each(store::Pattern{}, [&](const store::Quad& q) {
    after.push_back(store::Quad{map_term(q.s), map_term(q.p), map_term(q.o),
                                q.g == store::kDefaultGraph ? q.g : map_term(q.g)});
  });
  ses.data().store().for_each(store::Pattern{}, [&](const store::Quad& q) {
    if (q.g != inferred) before.push_back(q);
  });
  std::sort(after.begin(), after.end(), quad_less);
  std::sort(before.begin(), before.end(), quad_less);
  std::vector<store::Quad> additions, removals;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(additions), quad_less);
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(removals), quad_less);

  const auto t0 = Clock::now();
  const reason::UpdateStats us = ses.apply(session::Changes{additions, removals});
  const double update_s = std::chrono::duration<double>(Clock::now() - t0).count();

  // Lines: text uses the data's prefixes; nt is full N-Triples (a change file for --then).
  auto term = [&](rdf::TermId id) {
    return args.format == "nt" ? rdf::to_ntriples(dict.term(id)) : ses.name(id);
  };
  auto line = [&](char sign, const char* what, rdf::TermId s, rdf::TermId p, rdf::TermId o,
                  rdf::TermId g) {
    if (args.format == "nt") {
      return rdf::change_line(
          sign, dict, {s, p, o, g == store::kDefaultGraph || g == inferred ? rdf::kNoTerm : g});
    }
    std::string l(1, sign);
    if (args.format == "text") l += std::string(" ") + what;
    l += " " + term(s) + " " + term(p) + " " + term(o);
    if (g != store::kDefaultGraph && g != inferred) l += " " + term(g);
    return l + " .\n";
  };
  std::string out;
  if (!args.quiet && args.format == "text") {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "asserted: +%zu -%zu; inferred: +%zu -%zu (incremental update %.3f ms; full "
                  "materialisation %.3f ms)\n",
                  additions.size(), removals.size(), us.inferred.size(), us.retracted.size(),
                  update_s * 1e3, full.seconds * 1e3);
    out += buf;
  }
  for (const store::Quad& q : additions) out += line('+', "asserted", q.s, q.p, q.o, q.g);
  for (const store::Quad& q : removals) out += line('-', "asserted", q.s, q.p, q.o, q.g);
  for (const reason::Triple& t : us.inferred) {
    out += line('+', "inferred", t.s, t.p, t.o, store::kDefaultGraph);
  }
  for (const reason::Triple& t : us.retracted) {
    out += line('-', "inferred", t.s, t.p, t.o, store::kDefaultGraph);
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
    throw base::DataError(base::Diagnostic::error("cannot write '<stdout>'"));
  }
}

}  // namespace

void register_diff(CLI::App& app) {
  auto args = std::make_shared<DiffArgs>();
  auto* cmd = app.add_subcommand(
      "diff",
      "What an edit changes: asserted and inferred triples added and removed between "
      "two versions of the data");
  cmd->add_option("--rules", args->rules, "a rule file (repeat for more)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--with", args->with,
                  "a file or folder loaded on both sides, e.g. the ontology (repeat for more)")
      ->allow_extra_args(false);
  cmd->add_option("old", args->old_path, "the old version: a file or folder; - for stdin")
      ->required();
  cmd->add_option("new", args->new_path, "the new version: a file or folder; - for stdin")
      ->required();
  add_input_format(cmd, args->input_format);
  cmd->add_option("-f,--format", args->format,
                  "text (default: prefixed names, with a summary) or nt (+/- N-Triples lines, "
                  "the change-file format of reason --then)");
  cmd->add_flag("-q,--quiet", args->quiet, "no summary line");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
