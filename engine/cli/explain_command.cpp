// kennis explain --rules FILE... DATA... 'S P O' [--format text|json]
// Prints the proof tree of a triple: the rule that derived it, the bindings, and each
// premise down to asserted triples with the file:line:col they were read from. A triple
// that is not entailed is reported and the exit code is 1.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/reasoning.hpp"
#include "rdf/reader.hpp"
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

class Capture : public rdf::StatementSink {
 public:
  void statement(rdf::TermId s, rdf::TermId p, rdf::TermId o, rdf::TermId, std::uint32_t,
                 std::uint32_t) override {
    triples.push_back(reason::Triple{s, p, o});
  }
  std::vector<reason::Triple> triples;
};

/// Parses 'S P O' as Turtle with the prefixes of the data and the rules.
reason::Triple parse_triple(ReasoningSession& ses, const std::string& text) {
  std::string doc;
  for (const auto& [p, iri] : ses.rules.rules.prefixes)
    doc += "@prefix " + p + ": <" + iri + "> .\n";
  for (const auto& p : ses.data.prefixes()) doc += "@prefix " + p.name + ": <" + p.iri + "> .\n";
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
  if (t.empty() || t.back() != '.') t += " .";
  Capture sink;
  rdf::ReadOptions options;
  options.syntax = rdf::Syntax::kTurtle;
  auto r = rdf::read_string(doc + t + "\n", "<triple>", ses.data.dict(), sink, options);
  if (!r.ok() || sink.triples.size() != 1) {
    throw base::UsageError("cannot read the triple '" + text +
                           "': write it as 'S P O' in Turtle (prefixed names of the data "
                           "or the rules, <IRIs>, literals)" +
                           (r.ok() ? std::string() : " (" + r.error().message + ")"));
  }
  return sink.triples.front();
}

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
  ReasoningSession ses;
  ses.open(args.rules, args.data, args.input_format, true, true);
  const reason::Triple t = parse_triple(ses, args.triple);
  ses.reasoner->materialise();
  auto name = [&](rdf::TermId id) { return ses.name(id); };
  auto origin = [&](const store::Quad& q) { return ses.origin(q); };
  auto proof = reason::explain(*ses.reasoner, t, origin, name, args.depth);
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
        const std::string term = rdf::to_ntriples(ses.data.dict().term(ids[i]));
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
  const std::string out = args.format == "json" ? reason::to_json(*proof, ses.data.dict())
                                                : reason::to_text(*proof, name);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    throw base::DataError(base::Diagnostic::error("cannot write to standard output"));
  }
}

void register_explain(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand(
      "explain", "Show why a triple holds: the rules and asserted triples it follows from");
  cmd->add_option("--rules", args->rules, "rule files (.rules)")->required()->expected(1, -1);
  cmd->add_option("args", args->data,
                  "RDF files or folders, then the triple 'S P O' (Turtle, with the prefixes of "
                  "the data and the rules)");
  cmd->add_option("-t,--triple", args->triple, "the triple (instead of the last argument)");
  cmd->add_option("--format", args->format, "text (default) or json");
  cmd->add_option("--input-format", args->input_format, "input syntax (default: by extension)");
  cmd->add_option("--depth", args->depth, "deepest level of the proof tree shown (default 64)");
  cmd->callback([args] { run(*args); });
}

}  // namespace

KENNIS_REGISTER_COMMAND(31, register_explain);

}  // namespace kennis::cli
