// Shared by `kennis reason` and `kennis explain` (see reasoning.hpp).
#include "cli/reasoning.hpp"

#include "base/error.hpp"
#include "cli/common.hpp"
#include "rdf/change_file.hpp"
#include "rdf/reader.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

namespace kennis::cli {

void ReasoningSession::open(const std::vector<std::string>& rule_files,
                            const std::vector<std::string>& data_paths,
                            const std::string& input_format, bool track_origins,
                            bool record_ranks) {
  for (const std::string& f : rule_files) {
    std::ifstream probe(f);
    if (!probe) throw base::UsageError("cannot read rule file '" + f + "'");
  }
  rules = rules::load_rule_files(rule_files);
  if (!rules.ok()) throw base::DataError(rules.diagnostics);
  store::LoadOptions options;
  if (!input_format.empty()) options.syntax = parse_syntax(input_format);
  options.track_origins = track_origins;
  load_stats = load_or_throw(data, data_paths, options);
  reason::ReasonerOptions ro;
  ro.record_ranks = record_ranks;
  ro.threads = threads;
  auto r = reason::Reasoner::create(rules, data.dict(), data.store(), ro);
  if (!r.ok()) throw base::DataError(r.error());
  reasoner = std::move(r.value());
}

void QueryData::open(const std::vector<std::string>& data_paths,
                     const std::vector<std::string>& rule_files) {
  using Clock = std::chrono::steady_clock;
  const auto t_load = Clock::now();
  load_or_throw(data, data_paths, store::LoadOptions{});
  load_seconds = std::chrono::duration<double>(Clock::now() - t_load).count();
  if (rule_files.empty()) return;
  const auto t_reason = Clock::now();
  rules = std::make_unique<rules::LoadedRules>(rules::load_rule_files(rule_files));
  if (!rules->ok()) throw base::DataError(rules->diagnostics);
  auto r = reason::Reasoner::create(*rules, data.dict(), data.store());
  if (!r.ok()) throw base::DataError(r.error());
  reasoner = std::move(r).value();
  derived = reasoner->materialise().derived;
  reason_seconds = std::chrono::duration<double>(Clock::now() - t_reason).count();
}

std::vector<rdf::TermId> QueryData::default_graphs(bool union_default, bool& disjoint) const {
  if (union_default) {
    disjoint = false;
    return data.store().graphs();
  }
  std::vector<rdf::TermId> graphs{store::kDefaultGraph};
  if (reasoner) graphs.push_back(reasoner->inferred_graph());
  disjoint = graphs.size() > 1;
  return graphs;
}

std::string ReasoningSession::name(rdf::TermId id) const {
  const rdf::TermView t = data.dict().term(id);
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
    for (const auto& p : data.prefixes()) {
      std::string s = try_prefix(p.name, p.iri);
      if (!s.empty()) return s;
    }
    for (const auto& [p, iri] : rules.rules.prefixes) {
      std::string s = try_prefix(p, iri);
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

std::string ReasoningSession::origin(const store::Quad& q) const {
  auto o = data.origin(q);
  return o ? data.describe(*o) : std::string();
}

void split_rule_args(std::vector<std::string>& rules, std::vector<std::string>& data) {
  std::vector<std::string> keep, rest;
  for (std::string& r : rules) {
    const bool is_rules = r.size() > 6 && r.compare(r.size() - 6, 6, ".rules") == 0;
    (is_rules ? keep : rest).push_back(std::move(r));
  }
  if (keep.empty()) throw base::UsageError("--rules needs at least one rule file (*.rules)");
  rest.insert(rest.end(), data.begin(), data.end());
  rules = std::move(keep);
  data = std::move(rest);
}

Changes read_changes(const std::string& path, store::Dataset& ds) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw base::UsageError("cannot read change file '" + path + "'");
  auto read = rdf::read_changes(in, path, ds.dict());
  if (!read.ok()) throw base::DataError(read.error());
  auto quad = [](const rdf::IdQuad& q) {
    return store::Quad{q.s, q.p, q.o, q.g == rdf::kNoTerm ? store::kDefaultGraph : q.g};
  };
  Changes changes;
  for (const rdf::IdQuad& q : read->additions) changes.additions.push_back(quad(q));
  for (const rdf::IdQuad& q : read->removals) changes.removals.push_back(quad(q));
  return changes;
}

}  // namespace kennis::cli
