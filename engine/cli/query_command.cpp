// kennis query FILE.rq|-e 'QUERY' [--rules FILE...] DATA... [--param NAME=VALUE]...
//              [--format F] [-o FILE] [--plan] [--algebra] [--disable-pass NAME]...
//
// The driver of a query, stage by stage: read the query, parse it, bind its documented
// parameters, load the data, materialise the rules (if any), translate, plan, execute, write.
// Parameters are declared in the query file's header comments,
//   # @param sme  IRI  the SME to analyse
// and bound with --param sme=<https://...> (or a prefixed name, literal or number) as an initial
// VALUES row of the WHERE clause: values are never pasted into the query text.
// docs/queries.md is the user guide.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/reasoning.hpp"
#include "results/graph_dot.hpp"
#include "results/result_table.hpp"
#include "sparql/exec/engine.hpp"
#include "sparql/syntax/parser.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
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
  std::string output;
  std::vector<std::string> disabled;
  bool plan = false;
  bool algebra = false;
  bool union_default = false;
  bool timing = false;
};

/// A parameter documented in the query header: `# @param NAME TYPE DESCRIPTION`.
struct ParamDoc {
  std::string name;
  std::string type;
  std::string description;
};

std::vector<ParamDoc> documented_params(const std::string& text) {
  std::vector<ParamDoc> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    if (line[first] != '#') break;  // the header ends at the first non-comment line
    std::istringstream words(line.substr(first + 1));
    std::string tag;
    words >> tag;
    if (tag != "@param") continue;
    ParamDoc d;
    words >> d.name >> d.type;
    if (!d.name.empty() && (d.name[0] == '?' || d.name[0] == '$')) d.name.erase(0, 1);
    std::getline(words, d.description);
    const auto start = d.description.find_first_not_of(" \t");
    d.description = start == std::string::npos ? "" : d.description.substr(start);
    if (!d.name.empty()) out.push_back(std::move(d));
  }
  return out;
}

std::string describe_params(const std::vector<ParamDoc>& docs) {
  if (docs.empty()) return "the query documents no parameters (# @param NAME TYPE DESCRIPTION)";
  std::string s = "documented parameters:";
  for (const auto& d : docs) {
    s += "\n  " + d.name + "  " + d.type + (d.description.empty() ? "" : "  " + d.description);
  }
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Reads a --param value as an RDF term, with the query's prefixes.
rdf::Term parse_param_value(const ParamDoc& doc, const std::string& value,
                            const sparql::PrefixMap& prefixes, const std::string& base) {
  const std::string type = lower(doc.type);
  auto parsed = sparql::parse_expression(value, prefixes, {1, 1}, "--param " + doc.name, base);
  const expr::Constant* constant = nullptr;
  if (parsed.ok() && parsed->consumed == value.size()) {
    constant = std::get_if<expr::Constant>(&parsed->expr->node);
  }
  if (constant == nullptr) {
    if (type == "string" || type == "literal" || type == "text") return rdf::Term::literal(value);
    throw base::UsageError("cannot read --param " + doc.name + "=" + value +
                           " as an RDF term: expected an IRI <...>, a prefixed name, a quoted "
                           "literal or a number");
  }
  const rdf::Term& t = constant->term;
  if ((type == "iri" || type == "uri" || type == "resource") && !t.is_iri()) {
    throw base::UsageError("--param " + doc.name + " must be an IRI (documented type " + doc.type +
                           "), found " + rdf::to_ntriples(t));
  }
  return t;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::UsageError("cannot read query file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The value of a `# Key: value` line in the query's header comments ("" if none).
std::string header_value(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    if (line[first] != '#') break;
    const std::string rest = line.substr(first + 1);
    const auto k = rest.find_first_not_of(" \t");
    if (k != std::string::npos && rest.compare(k, key.size() + 1, key + ":") == 0) {
      std::string v = rest.substr(k + key.size() + 1);
      const auto b = v.find_first_not_of(" \t");
      const auto e = v.find_last_not_of(" \t\r");
      return b == std::string::npos ? "" : v.substr(b, e - b + 1);
    }
  }
  return {};
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The output format: --format, else from -o's extension, else table / Turtle on a terminal
/// and TSV / N-Triples otherwise.
std::string choose_format(const QueryArgs& args, bool rdf_result, bool to_terminal) {
  if (!args.format.empty()) return lower(args.format);
  const std::string& o = args.output;
  if (!o.empty() && o != "-") {
    for (const char* ext :
         {"json", "xml", "csv", "tsv", "html", "dot", "nt", "nq", "ttl", "trig"}) {
      if (ends_with(o, std::string(".") + ext)) return ext;
    }
    if (ends_with(o, ".srj")) return "json";
    if (ends_with(o, ".srx")) return "xml";
  }
  if (rdf_result) return to_terminal ? "ttl" : "nt";
  return to_terminal ? "table" : "tsv";
}

std::vector<rdf::Prefix> merged_prefixes(const sparql::PrefixMap& query,
                                         const std::vector<rdf::Prefix>& data) {
  std::vector<rdf::Prefix> out;
  std::map<std::string, bool> seen;
  for (const auto& [name, iri] : query) {
    out.push_back({name, iri});
    seen[name] = true;
  }
  for (const auto& p : data) {
    if (!seen[p.name]) {
      out.push_back(p);
      seen[p.name] = true;
    }
  }
  return out;
}

void run(const QueryArgs& args) {
  using Clock = std::chrono::steady_clock;
  const auto t_start = Clock::now();
  auto seconds_since = [](Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  };

  // 1. The query text and the data paths.
  std::string text;
  std::string source;
  std::string base;
  std::vector<std::string> data = args.positional;
  if (!args.expression.empty()) {
    text = args.expression;
    source = "<query>";
  } else {
    if (data.empty()) throw base::UsageError("no query: give a query file or -e 'QUERY'");
    source = data.front();
    data.erase(data.begin());
    text = read_text(source);
    base = rdf::file_iri(source);
  }

  // 2. Parse.
  sparql::ParseOptions po;
  po.base_iri = base;
  auto ast = sparql::parse_query(text, source, po);
  if (!ast.ok()) throw base::DataError(ast.error());

  // 3. Parameters: every documented one bound, nothing else.
  const auto docs = documented_params(text);
  sparql::exec::QueryOptions options;
  options.base_iri = base;
  options.plan.disabled = args.disabled;
  std::map<std::string, bool> given;
  for (const auto& p : args.params) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw base::UsageError("--param expects NAME=VALUE, found '" + p + "'\n" +
                             describe_params(docs));
    }
    std::string name = p.substr(0, eq);
    if (name[0] == '?' || name[0] == '$') name.erase(0, 1);
    const ParamDoc* doc = nullptr;
    for (const auto& d : docs) {
      if (d.name == name) doc = &d;
    }
    if (doc == nullptr) {
      throw base::UsageError("unknown parameter '" + name + "'\n" + describe_params(docs));
    }
    if (given[name]) throw base::UsageError("parameter '" + name + "' given twice");
    given[name] = true;
    options.bindings.emplace_back(
        name, parse_param_value(*doc, p.substr(eq + 1), ast->prefixes, ast->base_iri));
  }
  for (const auto& d : docs) {
    if (!given[d.name] && !args.plan && !args.algebra) {
      throw base::UsageError("missing parameter '" + d.name + "' (--param " + d.name + "=VALUE)\n" +
                             describe_params(docs));
    }
  }

  // 4. Load the data, then materialise the rules into the inferred graph.
  QueryData qd;
  qd.open(data, args.rules);
  store::Dataset& ds = qd.data;
  bool disjoint = false;
  const std::vector<rdf::TermId> default_graphs = qd.default_graphs(args.union_default, disjoint);

  // 5. Translate and plan.
  sparql::exec::QueryEngine engine(ds.dict(), ds.store());
  engine.set_default_graphs(default_graphs, disjoint);
  const auto t_prepare = Clock::now();
  auto prepared = engine.prepare(ast.value(), options);
  if (!prepared.ok()) {
    base::Diagnostic d = prepared.error();
    if (d.range.file.empty()) d.range.file = source;
    throw base::DataError(d);
  }
  const double prepare_s = seconds_since(t_prepare);
  const auto prefixes = merged_prefixes(ast->prefixes, ds.prefixes());
  if (args.algebra || args.plan) {
    Output out(args.output);
    std::string s;
    if (args.algebra) s += prepared->algebra_text(ds.dict(), prefixes);
    if (args.plan) s += prepared->plan_text(ds.dict(), prefixes);
    std::fputs(s.c_str(), out.stream());
    out.commit();
    return;
  }

  // 6. Execute and write.
  const auto t_exec = Clock::now();
  auto result = engine.execute(prepared.value());
  const double exec_s = seconds_since(t_exec);
  const bool rdf_result = result.form == sparql::algebra::QueryForm::kConstruct ||
                          result.form == sparql::algebra::QueryForm::kDescribe;
  Output out(args.output);
  const bool terminal = out.is_stdout() && isatty(fileno(stdout)) != 0;
  const std::string format = choose_format(args, rdf_result, terminal);
  bool ok = true;
  if (rdf_result && format == "dot") {
    results::DotOptions dot;
    dot.prefixes = prefixes;
    dot.title = header_value(text, "Title");
    ok = results::write_dot(out.stream(), ds.dict(), result.triples, dot);
  } else if (rdf_result) {
    auto syntax = rdf::syntax_from_name(format);
    if (!syntax) {
      throw base::UsageError("CONSTRUCT and DESCRIBE write RDF (--format " +
                             std::string(rdf::syntax_choices()) + ") or a picture (--format dot)," +
                             " not '" + format + "'");
    }
    rdf::WriteOptions wo;
    wo.syntax = *syntax;
    wo.prefixes = prefixes;
    ok = rdf::write_quads(out.stream(), ds.dict(), std::move(result.triples), wo);
  } else {
    auto f = results::format_from_name(format);
    if (!f) {
      throw base::UsageError("unknown result format '" + format + "' (" +
                             std::string(results::format_choices()) + ")");
    }
    results::WriteOptions wo;
    wo.format = *f;
    wo.prefixes = prefixes;
    wo.title = header_value(text, "Title");
    ok = result.form == sparql::algebra::QueryForm::kAsk
             ? results::write_boolean(out.stream(), result.boolean, wo)
             : results::write_table(out.stream(), ds.dict(), result.table, wo);
  }
  if (!ok) {
    throw base::DataError(base::Diagnostic::error(
        "cannot write '" + (out.is_stdout() ? std::string("<stdout>") : args.output) + "'"));
  }
  out.commit();
  if (args.timing) {
    std::fprintf(stderr,
                 "load %.3f s, rules %.3f s, translate+plan %.3f ms, execute %.3f ms, total %.3f s"
                 " (%zu rows)\n",
                 qd.load_seconds, qd.reason_seconds, prepare_s * 1e3, exec_s * 1e3,
                 seconds_since(t_start), result.table.rows());
  }
}

void register_query(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand(
      "query", "Run a SPARQL 1.1 query (file or -e) over RDF files, optionally after rules");
  cmd->add_option("args", args->positional,
                  "QUERY.rq then DATA files or folders (with -e: only DATA)");
  cmd->add_option("-e,--expression", args->expression, "the query text");
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
  cmd->callback([args] { run(*args); });
}

}  // namespace

KENNIS_REGISTER_COMMAND(30, register_query);

}  // namespace kennis::cli
