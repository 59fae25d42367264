// kennis reason --rules FILE... DATA... [--format FORMAT -o FILE [--graph inferred|all]]
//               [--then CHANGES] [--show strata|rules|plans|profile]
//               [--timeout SECONDS] [--max-memory SIZE] [--max-derived N]
// Stages: parse rules, check, stratify, load data, materialise (per-stratum figures),
// optionally apply a change file incrementally, optionally write the inferred graph.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace kennis::cli {

namespace {

struct ReasonArgs {
  std::vector<std::string> rules;
  std::vector<std::string> data;
  std::string input_format;
  std::string format;
  std::string output;
  std::string graph = "inferred";
  std::string then;
  std::vector<std::string> show;
  bool quiet = false;
  unsigned threads = 0;
  LimitArgs limits;
};

std::string rate(std::size_t n, double s) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.0f triples/s", static_cast<double>(n) / std::max(s, 1e-9));
  return buf;
}

void run(ReasonArgs args) {
  split_rule_args(args.rules, args.data);
  if (args.data.empty()) throw base::UsageError("reason needs data files after the rule files");
  check_one_stdin(args.data);
  for (const std::string& s : args.show) {
    if (s != "strata" && s != "rules" && s != "plans" && s != "profile") {
      throw base::UsageError("--show takes strata, rules, plans or profile, not '" + s + "'");
    }
  }
  if (!args.format.empty()) parse_syntax(args.format);  // usage errors first
  if (args.graph != "inferred" && args.graph != "all") {
    throw base::UsageError("--graph takes 'inferred' or 'all', not '" + args.graph + "'");
  }
  session::Options options = session_options(args.input_format);
  options.threads = args.threads;
  options.reason_limits = parse_limits(args.limits);
  session::Session ses(options);
  ses.load_rules(args.rules);
  ses.load(args.data);
  reason::Reasoner& reasoner = ses.reasoner();
  const rules::LoadedRules& rules = ses.rules();
  // Figures go to stderr when the graph itself goes to stdout.
  const bool to_stdout = !args.format.empty() && (args.output.empty() || args.output == "-");
  std::FILE* info = to_stdout ? stderr : stdout;
  auto show = [&](const char* what) {
    return std::find(args.show.begin(), args.show.end(), what) != args.show.end();
  };
  if (show("rules")) {
    for (const auto& r : rules.rules.rules) std::fprintf(info, "%s\n", rules::to_string(r).c_str());
  }
  if (show("strata")) std::fprintf(info, "%s", rules::to_string(rules.strata, rules.rules).c_str());
  if (!args.quiet) {
    const store::LoadStats& ls = ses.load_stats();
    std::fprintf(info, "rules:   %zu in %zu strata (%zu components) from %zu file%s\n",
                 rules.rules.rules.size(), rules.strata.strata, rules.strata.components.size(),
                 args.rules.size(), args.rules.size() == 1 ? "" : "s");
    std::fprintf(info, "data:    %zu triples from %zu file%s in %s\n", ses.data().store().size(),
                 ls.files, ls.files == 1 ? "" : "s", seconds(ls.seconds).c_str());
  }
  const reason::MaterialiseStats ms = ses.materialise();
  if (show("plans")) std::fprintf(info, "%s", reasoner.plans_text().c_str());
  if (!args.quiet) {
    for (const auto& s : ms.strata) {
      std::fprintf(info, "stratum %zu: %zu rules, %zu components, %zu rounds, %zu derived, %s\n",
                   s.stratum, s.rules, s.components, s.rounds, s.derived,
                   seconds(s.seconds).c_str());
    }
    std::fprintf(info, "total:   %zu derived in %s (%s); peak memory %s\n", ms.derived,
                 seconds(ms.seconds).c_str(), rate(ms.derived, ms.seconds).c_str(),
                 human_bytes(static_cast<double>(peak_rss_bytes())).c_str());
  }
  if (show("profile")) {
    std::fprintf(info, "slowest rules (time, body solutions):\n");
    std::size_t shown = 0;
    for (const auto& p : reasoner.profile()) {
      if (shown++ == 15) break;
      std::fprintf(info, "  %10s %10zu  %s\n", seconds(p.seconds).c_str(), p.solutions,
                   reasoner.program().rules[p.rule].name.c_str());
    }
  }
  if (!args.then.empty()) {
    const reason::UpdateStats us = ses.apply(ses.read_changes(args.then));
    auto line = [&](const reason::Triple& t) {
      return ses.name(t.s) + " " + ses.name(t.p) + " " + ses.name(t.o) + " .";
    };
    std::fprintf(info,
                 "update:  +%zu -%zu asserted; %zu inferred, %zu retracted in %s "
                 "(%zu kept, %zu overdeleted, %zu rederived, %zu components recomputed; time in "
                 "overdeletion %s, rederivation %s, insertion %s, recomputation %s, store "
                 "writes %s)\n",
                 us.asserted_added, us.asserted_removed, us.inferred.size(), us.retracted.size(),
                 seconds(us.seconds).c_str(), us.kept, us.overdeleted, us.rederived,
                 us.recomputed_components, seconds(us.overdelete_seconds).c_str(),
                 seconds(us.rederive_seconds).c_str(), seconds(us.insert_seconds).c_str(),
                 seconds(us.recompute_seconds).c_str(), seconds(us.store_seconds).c_str());
    for (const auto& t : us.inferred) std::fprintf(info, "+ %s\n", line(t).c_str());
    for (const auto& t : us.retracted) std::fprintf(info, "- %s\n", line(t).c_str());
  }
  std::fflush(info);
  if (!args.format.empty()) {
    Output out(args.output);
    const store::TermId graph =
        args.graph == "inferred" ? reasoner.inferred_graph() : store::kAnyGraph;
    write_graph(out, ses.data(), graph, parse_syntax(args.format), ses.prefixes());
    out.commit();
  }
}

}  // namespace

void register_reason(CLI::App& app) {
  auto args = std::make_shared<ReasonArgs>();
  auto* cmd = app.add_subcommand(
      "reason", "Materialise what rules infer from RDF data; optionally apply changes");
  cmd->add_option("--rules", args->rules, "rule files (.rules)")->required()->expected(1, -1);
  cmd->add_option("data", args->data, "RDF files or folders; - for stdin");
  add_input_format(cmd, args->input_format);
  cmd->add_option("-f,--format,--export", args->format,
                  "write the inferred graph in this syntax: nt, nq, ttl, trig (--export is the "
                  "older name)");
  cmd->add_option("-o,--output", args->output, "file for --format (written atomically)");
  cmd->add_option("--graph", args->graph, "what --format writes: inferred (default) or all");
  cmd->add_option("--then", args->then,
                  "a change file (+/- N-Triples lines) to apply incrementally afterwards");
  cmd->add_option("--show", args->show, "also print: strata, rules, plans, profile")
      ->delimiter(',');
  cmd->add_option("--threads", args->threads,
                  "threads for materialisation (default: one per core, at most 8)")
      ->check(CLI::Range(0u, 64u));
  cmd->add_flag("-q,--quiet", args->quiet, "do not print figures");
  add_limit_options(cmd, args->limits, "materialisation (and --then)", false, true);
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
