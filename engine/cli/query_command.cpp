// kennis query FILE.rq|-e 'QUERY'|-e - [--rules FILE...] DATA... [--param NAME=VALUE]...
//              [--format F] [-o FILE] [--plan] [--algebra] [--disable-pass NAME]...
//              [--timeout SECONDS] [--max-rows N] [--max-memory SIZE]
//
// The query's stages are the Session's: parse the query and bind its documented parameters
// (sparql/query_file.hpp), load the data, materialise the rules (if any), plan, execute; the
// result goes through results::write_result, as the endpoint's does. docs/queries.md is the
// user guide.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "rdf/reader.hpp"
#include "sparql/planner/planner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace kennis::cli {

namespace {

struct QueryArgs {
  std::string expression;
  std::vector<std::string> positional;
  std::vector<std::string> rules;
  std::vector<std::string> params;
  std::string format;
  std::string input_format;
  std::string output;
  std::vector<std::string> disabled;
  bool plan = false;
  bool algebra = false;
  bool union_default = false;
  bool timing = false;
  LimitArgs limits;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::UsageError("cannot read query file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// The output format: --format, else from -o's extension, else table / Turtle on a terminal
/// and TSV / N-Triples otherwise.
const results::OutputFormat& choose_format(const QueryArgs& args, results::Shape shape,
                                           bool to_terminal) {
  const bool graph = shape == results::Shape::kGraph;
  const results::OutputFormat* f = nullptr;
  std::string name = lower(args.format);
  if (name.empty() && !args.output.empty() && args.output != "-") {
    f = results::output_format_for_path(args.output);
    if (f != nullptr) name = f->name;
  }
  if (!name.empty()) {
    f = results::find_output_format(name);
    if (f != nullptr && results::fits(*f, shape)) return *f;
    if (graph) {
      throw base::UsageError(
          "CONSTRUCT and DESCRIBE write RDF (--format nt, nq, ttl, trig) or "
          "a picture (--format dot), not '" +
          name + "'");
    }
    throw base::UsageError("unknown result format '" + name + "' (" +
                           results::output_format_choices(shape) + ")");
  }
  const char* fallback = graph ? (to_terminal ? "ttl" : "nt") : (to_terminal ? "table" : "tsv");
  return *results::find_output_format(fallback);
}

void run(const QueryArgs& args) {
  using Clock = std::chrono::steady_clock;
  const auto t_start = Clock::now();

  // 1. The query text and the data paths.
  session::QuerySpec spec;
  std::vector<std::string> data = args.positional;
  if (!args.expression.empty()) {
    if (args.expression == "-") {
      spec.text =
          std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      if (std::find(data.begin(), data.end(), "-") != data.end()) {
        throw base::UsageError("the query (-e -) and the data (-) cannot both be standard input");
      }
    } else {
      spec.text = args.expression;
    }
  } else {
    if (data.empty()) throw base::UsageError("no query: give a query file or -e 'QUERY'");
    spec.source = data.front();
    data.erase(data.begin());
    spec.text = read_text(spec.source);
    spec.base_iri = rdf::file_iri(spec.source);
  }
  check_one_stdin(data);
  if (!args.output.empty() && args.output != "-") check_output_path(args.output);
  const auto& passes = sparql::planner::pass_names();
  for (const std::string& d : args.disabled) {
    if (std::find(passes.begin(), passes.end(), d) == passes.end()) {
      std::string list;
      for (const auto& n : passes) list += (list.empty() ? "" : ", ") + n;
      throw base::UsageError("unknown planner pass '" + d + "' (passes: " + list + ")");
    }
  }
  spec.params = args.params;
  spec.require_all_params = !args.plan && !args.algebra;
  spec.disabled_passes = args.disabled;

  // 2. Parse and bind the parameters: every documented one, nothing else.
  session::ParsedQuery parsed = session::parse_query(std::move(spec));

  // 3. Load the data, then materialise the rules into the inferred graph. The limits hold
  // for the materialisation and then for the query, each from its own start.
  session::Options options = session_options(args.input_format);
  options.union_default_graph = args.union_default;
  options.query_limits = parse_limits(args.limits);
  options.reason_limits = options.query_limits;
  options.reason_limits.max_rows = 0;
  session::Session ses(options);
  ses.load(data);
  if (!args.rules.empty()) ses.load_rules(args.rules);
  const auto t_reason = Clock::now();
  ses.materialise();
  const double reason_s = std::chrono::duration<double>(Clock::now() - t_reason).count();

  // 4. Translate and plan.
  const session::PreparedQuery prepared = ses.prepare(parsed);
  if (args.algebra || args.plan) {
    Output out(args.output);
    std::string s;
    if (args.algebra) s += prepared.plan.algebra_text(ses.data().dict(), prepared.prefixes);
    if (args.plan) s += prepared.plan.plan_text(ses.data().dict(), prepared.prefixes);
    std::fputs(s.c_str(), out.stream());
    out.commit();
    return;
  }

  // 5. Execute and write.
  Output out(args.output);
  const bool terminal = out.is_stdout() && isatty(fileno(stdout)) != 0;
  const results::OutputFormat& format = choose_format(args, prepared.shape, terminal);
  const auto t_exec = Clock::now();
  sparql::exec::QueryResult result = ses.execute(prepared);
  const double exec_s = std::chrono::duration<double>(Clock::now() - t_exec).count();
  results::ResultOptions ro;
  ro.prefixes = prepared.prefixes;
  ro.title = prepared.header.title;
  if (!results::write_result(out.stream(), ses.data().dict(), result, format, ro)) {
    throw base::DataError(base::Diagnostic::error("cannot write '" + out.name() + "'"));
  }
  out.commit();
  if (args.timing) {
    std::fprintf(stderr,
                 "load %.3f s, rules %.3f s, translate+plan %.3f ms, execute %.3f ms, total %.3f s"
                 " (%zu rows)\n",
                 ses.load_stats().seconds, reason_s, prepared.seconds * 1e3, exec_s * 1e3,
                 std::chrono::duration<double>(Clock::now() - t_start).count(),
                 result.table.rows());
  }
}

}  // namespace

void register_query(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand(
      "query", "Run a SPARQL 1.1 query (file or -e) over RDF files, optionally after rules");
  cmd->add_option("args", args->positional,
                  "QUERY.rq then DATA files or folders (with -e: only DATA); - for stdin");
  cmd->add_option("-e,--expression", args->expression, "the query text; - reads it from stdin");
  cmd->add_option("--rules", args->rules,
                  "a rule file to materialise before querying (repeat for more)")
      ->allow_extra_args(false);
  cmd->add_option("-p,--param", args->params,
                  "bind a documented parameter: NAME=VALUE (IRI <...>, prefixed name, literal, "
                  "number); repeat for more")
      ->allow_extra_args(false);
  cmd->add_option("-f,--format", args->format,
                  "table, json, xml, csv, tsv, html (SELECT/ASK); nt, nq, ttl, trig, dot "
                  "(CONSTRUCT/DESCRIBE)."
                  " Default: from -o, else table (ttl) on a terminal, tsv (nt) otherwise");
  add_input_format(cmd, args->input_format);
  cmd->add_option("-o,--output", args->output, "output file (written atomically); default stdout");
  cmd->add_flag("--plan", args->plan,
                "print the query plan with estimated cardinalities instead of running it");
  cmd->add_flag("--algebra", args->algebra, "print the SPARQL algebra instead of running it");
  cmd->add_option(
         "--disable-pass", args->disabled,
         "switch a planner pass off: order-joins, push-filters, intersect-joins, hash-join")
      ->allow_extra_args(false);
  cmd->add_flag("--union-default-graph", args->union_default,
                "query the merge of all graphs as the default graph");
  cmd->add_flag("--time", args->timing, "print load / plan / execution times to stderr");
  add_limit_options(cmd, args->limits, "the query", true, false);
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
