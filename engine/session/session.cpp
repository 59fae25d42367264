#include "session/session.hpp"

#include "base/edit_distance.hpp"
#include "base/error.hpp"
#include "rdf/change_file.hpp"
#include "rdf/display.hpp"
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

}  // namespace

ParsedQuery parse_query(QuerySpec spec) {
  ParsedQuery q;
  sparql::ParseOptions po;
  po.base_iri = spec.base_iri;
  auto ast = sparql::parse_query(spec.text, spec.source, po);
  if (!ast.ok()) throw base::DataError(ast.error());
  q.ast = std::move(ast).value();
  q.header = sparql::read_query_header(spec.text);
  sparql::check_param_names(q.header, spec.params, spec.require_all_params);
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
    // A FIFO or a device is read once, as a stream, in the syntax given: refuse it at once
    // without one (opening it could wait for a writer for ever).
    const std::string kind = f == "-" ? std::string() : store::Dataset::stream_kind(f);
    if (!kind.empty() && !options_.input_syntax) {
      throw base::UsageError("'" + f + "' is " + kind + ", not a regular file: reading it needs " +
                             options_.input_syntax_option + " (" +
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
  return loaded(data_.load(paths, lo));
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
  return loaded(data_.load_text(text, name, lo));
}

store::LoadStats Session::loaded(base::Result<store::LoadStats> stats) {
  if (!stats.ok()) throw base::DataError(stats.error());
  load_stats_.files += stats->files;
  load_stats_.statements += stats->statements;
  load_stats_.quads_added += stats->quads_added;
  load_stats_.seconds += stats->seconds;
  engine_.reset();
  names_.reset();
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
  names_.reset();
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
  auto read = rdf::read_changes(in, path, data_.dict());
  if (!read.ok()) throw base::DataError(read.error());
  auto quad = [](const rdf::IdQuad& q) {
    return store::Quad{q.s, q.p, q.o, q.g == rdf::kNoTerm ? store::kDefaultGraph : q.g};
  };
  Changes changes;
  for (const rdf::IdQuad& q : read->additions) changes.additions.push_back(quad(q));
  for (const rdf::IdQuad& q : read->removals) changes.removals.push_back(quad(q));
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
  rdf::PrefixMap prefixes = query.ast.prefixes;
  prefixes.merge(data_.prefixes());
  sparql::exec::QueryOptions options;
  options.base_iri = query.spec.base_iri;
  options.bindings = sparql::bind_params(query.header, query.spec.params, prefixes,
                                         query.ast.base_iri, query.spec.require_all_params);
  for (const auto& [param, value] : options.bindings) {
    if (value.is_iri()) check_in_data(param, value.value, prefixes);
  }
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
  out.prefixes = std::move(prefixes);
  out.limits = query.spec.limits.value_or(options_.query_limits);
  if (query.spec.cancel != nullptr) out.limits.cancel = query.spec.cancel;
  const auto form = out.plan.algebra().form;
  out.shape = form == sparql::algebra::QueryForm::kAsk      ? results::Shape::kBoolean
              : form == sparql::algebra::QueryForm::kSelect ? results::Shape::kSolutions
                                                            : results::Shape::kGraph;
  return out;
}

void Session::check_in_data(const std::string& param, const std::string& iri,
                            const rdf::PrefixMap& prefixes) const {
  const rdf::Dictionary& dict = data_.dict();
  const rdf::TermId id = dict.find_iri(iri);
  auto used = [&](rdf::TermId t) {
    for (int position = 0; position < 3; ++position) {
      store::Pattern pat;
      (position == 0 ? pat.s : position == 1 ? pat.p : pat.o) = t;
      if (data_.store().count(pat) > 0) return true;
    }
    return false;
  };
  if (id != rdf::kNoTerm && used(id)) return;
  // The nearest IRIs of the data by their local names (after the last '/' or '#').
  auto local = [](std::string_view s) {
    const auto cut = s.find_last_of("/#:");
    return cut == std::string_view::npos ? s : s.substr(cut + 1);
  };
  const std::string_view wanted = local(iri);
  const std::size_t cap = std::max<std::size_t>(2, wanted.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> near;
  for (rdf::TermId t = 1; t <= dict.size(); ++t) {
    const rdf::TermView v = dict.term(t);
    if (!v.is_iri()) continue;
    const std::size_t d = base::edit_distance(wanted, local(v.value), cap, true);
    if (d <= cap) near.emplace_back(d, std::string(v.value));
  }
  std::sort(near.begin(), near.end());
  std::string message = "--param " + param + ": <" + iri + "> is not in the data";
  std::size_t shown = 0;
  for (const auto& [d, candidate] : near) {
    const rdf::TermId c = dict.find_iri(candidate);
    if (!used(c)) continue;
    message += shown == 0 ? "; nearest: " : ", ";
    message += prefixes.compact(candidate).value_or("<" + candidate + ">");
    if (++shown == 5) break;
  }
  throw base::UsageError(message);
}

sparql::exec::QueryResult Session::execute(const PreparedQuery& query) {
  return engine().execute(query.plan, query.limits);
}

rdf::PrefixMap Session::prefixes() const {
  rdf::PrefixMap out = data_.prefixes();
  if (rules_) out.merge(rules_->rules.prefixes);
  return out;
}

std::string Session::name(rdf::TermId id) const {
  if (!names_) names_ = prefixes();
  return rdf::display_term(data_.dict().term(id), *names_, rdf::kTurtleDisplay);
}

std::string Session::origin(const store::Quad& q) const {
  auto o = data_.origin(q);
  return o ? data_.describe(*o) : std::string();
}

}  // namespace kennis::session
