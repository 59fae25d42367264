// kennis explain --rules FILE... DATA... 'S P O' [--format text|json]
// Prints the proof tree of a triple: the rule that derived it, the bindings, and each
// premise down to asserted triples with the file:line:col they were read from. A triple
// that is not entailed is reported and the exit code is 1.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "reason/explain.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <memory>

namespace kennis::cli {

namespace {

struct ExplainArgs {
  std::vector<std::string> rules;
  std::vector<std::string> data;
  std::string triple;
  std::string format = "text";
  std::string input_format;
  std::size_t depth = 64;
};

void run(ExplainArgs args) {
  split_rule_args(args.rules, args.data);
  if (args.triple.empty()) {
    if (args.data.empty()) throw base::UsageError("explain needs the triple 'S P O'");
    args.triple = args.data.back();
    args.data.pop_back();
  }
  if (args.data.empty()) throw base::UsageError("explain needs data files before the triple");
  if (args.format != "text" && args.format != "json") {
    throw base::UsageError("--format takes text or json, not '" + args.format + "'");
  }
  check_one_stdin(args.data);
  session::Options options = session_options(args.input_format);
  options.track_origins = true;
  options.record_ranks = true;
  session::Session ses(options);
  ses.load_rules(args.rules);
  ses.load(args.data);
  ses.reasoner();
  const reason::Triple t = ses.parse_triple(args.triple);
  auto name = [&](rdf::TermId id) { return ses.name(id); };
  auto proof = ses.explain(t, args.depth);
  if (!proof) {
    const std::string triple = ses.name(t.s) + " " + ses.name(t.p) + " " + ses.name(t.o);
    if (args.format == "json") {
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      w.StartObject();
      w.Key("triple");
      w.StartObject();
      const rdf::TermId ids[3] = {t.s, t.p, t.o};
      const char* keys[3] = {"s", "p", "o"};
      for (int i = 0; i < 3; ++i) {
        w.Key(keys[i]);
        const std::string term = rdf::to_ntriples(ses.data().dict().term(ids[i]));
        w.String(term.c_str(), static_cast<rapidjson::SizeType>(term.size()));
      }
      w.EndObject();
      w.Key("status");
      w.String("not entailed");
      w.EndObject();
      std::printf("%s\n", buf.GetString());
    } else {
      std::printf("%s   [not entailed: neither asserted nor derived by the rules]\n",
                  triple.c_str());
    }
    std::fflush(stdout);
    set_exit_code(1);
    return;
  }
  const std::string out = args.format == "json" ? reason::to_json(*proof, ses.data().dict())
                                                : reason::to_text(*proof, name);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    throw base::DataError(base::Diagnostic::error("cannot write to standard output"));
  }
}

}  // namespace

void register_explain(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand(
      "explain", "Show why a triple holds: the rules and asserted triples it follows from");
  cmd->add_option("--rules", args->rules, "rule files (.rules)")->required()->expected(1, -1);
  cmd->add_option("args", args->data,
                  "RDF files or folders, then the triple 'S P O' (Turtle, with the prefixes of "
                  "the data and the rules)");
  cmd->add_option("-t,--triple", args->triple, "the triple (instead of the last argument)");
  cmd->add_option("-f,--format", args->format, "text (default) or json");
  add_input_format(cmd, args->input_format);
  cmd->add_option("--depth", args->depth, "deepest level of the proof tree shown (default 64)");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
