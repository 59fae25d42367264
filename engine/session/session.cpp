#include "session/session.hpp"

#include "base/error.hpp"
#include "rdf/reader.hpp"
#include "sparql/syntax/parser.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

namespace kennis::session {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Collects the statements of a small text (a change-file line, a triple to explain).
class Collect : public rdf::StatementSink {
 public:
  void statement(rdf::TermId s, rdf::TermId p, rdf::TermId o, rdf::TermId g, std::uint32_t,
                 std::uint32_t) override {
    quads.push_back(store::Quad{s, p, o, g == rdf::kNoTerm ? store::kDefaultGraph : g});
  }
  std::vector<store::Quad> quads;
};

/// `first`, then the prefixes of `more` whose names it lacks.
void merge_prefixes(std::vector<rdf::Prefix>& first, const std::vector<rdf::Prefix>& more) {
  for (const rdf::Prefix& p : more) {
    const bool known = std::any_of(first.begin(), first.end(),
                                   [&](const rdf::Prefix& x) { return x.name == p.name; });
    if (!known) first.push_back(p);
  }
}

}  // namespace

ParsedQuery parse_query(QuerySpec spec) {
  ParsedQuery q;
  sparql::ParseOptions po;
  po.base_iri = spec.base_iri;
  auto ast = sparql::parse_query(spec.text, spec.source, po);
  if (!ast.ok()) throw base::DataError(ast.error());
  q.ast = std::move(ast).value();
  q.header = sparql::read_query_header(spec.text);
  q.bindings = sparql::bind_params(q.header, spec.params, q.ast.prefixes, q.ast.base_iri,
                                   spec.require_all_params);
  q.spec = std::move(spec);
  return q;
}

Session::Session(Options options) : options_(std::move(options)) {}
Session::~Session() = default;

store::LoadStats Session::load(const std::vector<std::string>& paths) {
  auto files = store::Dataset::expand_paths(paths);
  if (!files.ok()) throw base::UsageError(files.error().message);
  for (const std::string& f : files.value()) {
    if (f == "-" && !options_.input_syntax) {
      throw base::UsageError("reading standard input needs " + options_.input_syntax_option + " (" +
                             std::string(rdf::syntax_choices()) + ")");
    }
    if (f != "-" && !options_.input_syntax && !rdf::syntax_from_path(f)) {
      throw base::UsageError("cannot tell the RDF syntax of '" + f + "' from its extension; use " +
                             options_.input_syntax_option + " (" +
                             std::string(rdf::syntax_choices()) + ")");
    }
  }
  store::LoadOptions lo;
  lo.syntax = options_.input_syntax;
  lo.track_origins = options_.track_origins;
  auto stats = data_.load(paths, lo);
  if (!stats.ok()) throw base::DataError(stats.error());
  load_stats_.files += stats->files;
  load_stats_.statements += stats->statements;
  load_stats_.quads_added += stats->quads_added;
  load_stats_.seconds += stats->seconds;
  engine_.reset();
  return stats.value();
}

store::LoadStats Session::load_text(std::string_view text, const std::string& name,
                                    std::optional<rdf::Syntax> syntax) {
  store::LoadOptions lo;
  lo.syntax = syntax ? syntax : options_.input_syntax;
  lo.track_origins = options_.track_origins;
  if (!lo.syntax) {
    throw base::UsageError("reading " + name + " needs " + options_.input_syntax_option + " (" +
                           std::string(rdf::syntax_choices()) + ")");
  }
  auto stats = data_.load_text(text, name, lo);
  if (!stats.ok()) throw base::DataError(stats.error());
  load_stats_.files += stats->files;
  load_stats_.statements += stats->statements;
  load_stats_.quads_added += stats->quads_added;
  load_stats_.seconds += stats->seconds;
  engine_.reset();
  return stats.value();
}

void Session::load_rules(const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    std::ifstream probe(f);
    if (!probe) throw base::UsageError("cannot read rule file '" + f + "'");
  }
  auto loaded = std::make_unique<rules::LoadedRules>(rules::load_rule_files(files));
  if (!loaded->ok()) throw base::DataError(loaded->diagnostics);
  rules_ = std::move(loaded);
}

reason::Reasoner& Session::reasoner() {
  if (!reasoner_) {
    if (!rules_) throw base::UsageError("reasoning needs rule files (--rules)");
    reason::ReasonerOptions ro;
    ro.record_ranks = options_.record_ranks;
    ro.threads = options_.threads;
    auto r = reason::Reasoner::create(*rules_, data_.dict(), data_.store(), ro);
    if (!r.ok()) throw base::DataError(r.error());
    reasoner_ = std::move(r).value();
  }
  return *reasoner_;
}

reason::MaterialiseStats Session::materialise() {
  if (!rules_ || materialised_) return {};
  reason::MaterialiseStats stats;
  try {
    stats = reasoner().materialise(options_.reason_limits);
  } catch (const base::LimitError&) {
    drop_inferences();  // a partial inferred graph would give partial answers
    throw;
  }
  materialised_ = true;
  derived_ = stats.derived;
  engine_.reset();
  return stats;
}

void Session::drop_inferences() {
  if (reasoner_) data_.store().clear_graph(reasoner_->inferred_graph());
  reasoner_.reset();
  engine_.reset();
  materialised_ = false;
  derived_ = 0;
}

reason::UpdateStats Session::apply(const Changes& changes) {
  reason::UpdateStats stats;
  try {
    stats = reasoner().update(changes.additions, changes.removals, options_.reason_limits);
  } catch (const base::LimitError&) {
    drop_inferences();  // out of date: the next query materialises again
    throw;
  }
  engine_.reset();  // the planner's statistics describe the data before the change
  return stats;
}

Changes Session::read_changes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::UsageError("cannot read change file '" + path + "'");
  Changes changes;
  std::string line;
  std::uint32_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] == '#') continue;
    const char sign = line[i];
    if (sign != '+' && sign != '-') {
      base::SourcePos pos{line_no, static_cast<std::uint32_t>(i + 1)};
      throw base::DataError(base::Diagnostic::error(
          "expected '+' or '-' before a statement, found '" + line.substr(i, 1) + "'",
          {path, pos, pos}, "K220"));
    }
    const std::string rest = line.substr(i + 1);
    Collect sink;
    rdf::ReadOptions options;
    options.syntax = rdf::Syntax::kNQuads;
    auto r = rdf::read_string(rest, path, data_.dict(), sink, options);
    if (!r.ok() || sink.quads.size() != 1) {
      base::Diagnostic d = r.ok() ? base::Diagnostic::error("expected one statement after '" +
                                                            std::string(1, sign) + "'")
                                  : r.error();
      d.range.file = path;
      const std::uint32_t col = d.range.begin.line > 0 ? d.range.begin.column : 1;
      d.range.begin = {line_no, static_cast<std::uint32_t>(col + i + 1)};
      d.range.end = d.range.begin;
      if (d.code.empty()) d.code = "K220";
      throw base::DataError(d);
    }
    (sign == '+' ? changes.additions : changes.removals).push_back(sink.quads.front());
  }
  return changes;
}

reason::Triple Session::parse_triple(const std::string& text) {
  std::string doc;
  if (rules_) {
    for (const auto& [p, iri] : rules_->rules.prefixes) {
      doc += "@prefix " + p + ": <" + iri + "> .\n";
    }
  }
  for (const auto& p : data_.prefixes()) doc += "@prefix " + p.name + ": <" + p.iri + "> .\n";
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
  if (t.empty() || t.back() != '.') t += " .";
  Collect sink;
  rdf::ReadOptions options;
  options.syntax = rdf::Syntax::kTurtle;
  auto r = rdf::read_string(doc + t + "\n", "<triple>", data_.dict(), sink, options);
  if (!r.ok() || sink.quads.size() != 1) {
    throw base::UsageError("cannot read the triple '" + text +
                           "': write it as 'S P O' in Turtle (prefixed names of the data "
                           "or the rules, <IRIs>, literals)" +
                           (r.ok() ? std::string() : " (" + r.error().message + ")"));
  }
  const store::Quad& q = sink.quads.front();
  return reason::Triple{q.s, q.p, q.o};
}

std::optional<reason::Proof> Session::explain(const reason::Triple& t, std::size_t max_depth) {
  materialise();
  return reason::explain(
      reasoner(), t, [this](const store::Quad& q) { return origin(q); },
      [this](rdf::TermId id) { return name(id); }, max_depth);
}

sparql::exec::QueryEngine& Session::engine() {
  if (!engine_) {
    engine_ = std::make_unique<sparql::exec::QueryEngine>(data_.dict(), data_.store());
    if (options_.union_default_graph) {
      engine_->set_default_graphs(data_.store().graphs(), false);
    } else {
      std::vector<rdf::TermId> graphs{store::kDefaultGraph};
      if (reasoner_) graphs.push_back(reasoner_->inferred_graph());
      // The reasoner never infers an asserted triple: the two graphs are disjoint.
      engine_->set_default_graphs(graphs, graphs.size() > 1);
    }
  }
  return *engine_;
}

PreparedQuery Session::prepare(const ParsedQuery& query) {
  materialise();
  sparql::exec::QueryOptions options;
  options.base_iri = query.spec.base_iri;
  options.bindings = query.bindings;
  options.plan.disabled = query.spec.disabled_passes;
  options.default_graph_uris = query.spec.default_graph_uris;
  options.named_graph_uris = query.spec.named_graph_uris;
  const auto t0 = Clock::now();
  auto planned = engine().prepare(query.ast, options);
  if (!planned.ok()) {
    base::Diagnostic d = planned.error();
    if (d.range.file.empty()) d.range.file = query.spec.source;
    throw base::DataError(d);
  }
  PreparedQuery out{std::move(planned).value(), query.header,      {},
                    results::Shape::kSolutions, seconds_since(t0), {}};
  for (const auto& [name, iri] : query.ast.prefixes) out.prefixes.push_back({name, iri});
  merge_prefixes(out.prefixes, data_.prefixes());
  out.limits = query.spec.limits.value_or(options_.query_limits);
  if (query.spec.cancel != nullptr) out.limits.cancel = query.spec.cancel;
  const auto form = out.plan.algebra().form;
  out.shape = form == sparql::algebra::QueryForm::kAsk      ? results::Shape::kBoolean
              : form == sparql::algebra::QueryForm::kSelect ? results::Shape::kSolutions
                                                            : results::Shape::kGraph;
  return out;
}

sparql::exec::QueryResult Session::execute(const PreparedQuery& query) {
  return engine().execute(query.plan, query.limits);
}

std::vector<rdf::Prefix> Session::prefixes() const {
  std::vector<rdf::Prefix> out = data_.prefixes();
  if (rules_) {
    std::vector<rdf::Prefix> rule_prefixes;
    for (const auto& [p, iri] : rules_->rules.prefixes) rule_prefixes.push_back({p, iri});
    merge_prefixes(out, rule_prefixes);
  }
  return out;
}

std::string Session::name(rdf::TermId id) const {
  const rdf::TermView t = data_.dict().term(id);
  if (t.is_iri()) {
    auto try_prefix = [&](const std::string& p, const std::string& iri) -> std::string {
      if (iri.empty() || t.value.size() <= iri.size() || t.value.substr(0, iri.size()) != iri)
        return {};
      const std::string_view local = t.value.substr(iri.size());
      for (char c : local) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return {};
      }
      return p + ":" + std::string(local);
    };
    for (const rdf::Prefix& p : prefixes()) {
      std::string s = try_prefix(p.name, p.iri);
      if (!s.empty()) return s;
    }
    if (t.value == rdf::kRdfType) return "a";
  }
  if (t.is_literal() && t.lang.empty() && t.datatype.substr(0, rdf::kXsd.size()) == rdf::kXsd) {
    const std::string_view type = t.datatype.substr(rdf::kXsd.size());
    const std::string_view lex = t.value;
    auto all = [&](auto pred) { return !lex.empty() && std::all_of(lex.begin(), lex.end(), pred); };
    // Turtle's bare forms where they read back as the same literal.
    if (type == "integer" &&
        all([](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::string(lex);
    if (type == "boolean" && (lex == "true" || lex == "false")) return std::string(lex);
    if (type == "string") return rdf::to_ntriples(t);
    return "\"" + rdf::escape_literal(lex) + "\"^^xsd:" + std::string(type);
  }
  return rdf::to_ntriples(t);
}

std::string Session::origin(const store::Quad& q) const {
  auto o = data_.origin(q);
  return o ? data_.describe(*o) : std::string();
}

}  // namespace kennis::session
