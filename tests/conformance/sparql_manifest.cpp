#include "sparql_manifest.hpp"

#include "base/diagnostic.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/reader.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

namespace kennis::conformance {

namespace {

using rdf::kNoTerm;
using rdf::TermId;

constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kQt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
constexpr std::string_view kDawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

class Graph : public rdf::StatementSink {
 public:
  rdf::Dictionary dict;
  std::map<TermId, std::multimap<TermId, TermId>> out;

  void statement(TermId s, TermId p, TermId o, TermId, std::uint32_t, std::uint32_t) override {
    out[s].emplace(p, o);
  }
  TermId iri(std::string_view ns, std::string_view local) const {
    return dict.find_iri(std::string(ns) + std::string(local));
  }
  std::vector<TermId> objects(TermId s, TermId p) const {
    std::vector<TermId> res;
    auto it = out.find(s);
    if (it == out.end() || p == kNoTerm) return res;
    auto range = it->second.equal_range(p);
    for (auto i = range.first; i != range.second; ++i) res.push_back(i->second);
    return res;
  }
  std::optional<TermId> object(TermId s, TermId p) const {
    auto objs = objects(s, p);
    if (objs.empty()) return std::nullopt;
    return objs.front();
  }
  std::string value(std::optional<TermId> t) const {
    return t ? std::string(dict.term(*t).value) : std::string();
  }
  std::string local_name(std::optional<TermId> t) const {
    std::string v = value(t);
    std::size_t cut = v.find_last_of("#/");
    return cut == std::string::npos ? v : v.substr(cut + 1);
  }
  std::vector<TermId> list(std::optional<TermId> head) const {
    std::vector<TermId> items;
    const TermId first = iri(kRdfNs, "first");
    const TermId rest = iri(kRdfNs, "rest");
    const TermId nil = iri(kRdfNs, "nil");
    for (std::size_t guard = 0; head && *head != nil && guard < 100000; ++guard) {
      auto item = object(*head, first);
      if (!item) break;
      items.push_back(*item);
      head = object(*head, rest);
    }
    return items;
  }
};

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string path_of(std::string_view iri) {
  constexpr std::string_view kFile = "file://";
  if (iri.substr(0, kFile.size()) != kFile) return {};
  return percent_decode(iri.substr(kFile.size()));
}

}  // namespace

bool read_sparql_manifest(const std::string& manifest, const std::string& suite_root,
                          std::vector<SparqlTest>& tests, std::string& error) {
  Graph g;
  rdf::ReadOptions opts;
  opts.syntax = rdf::Syntax::kTurtle;
  auto read = rdf::read_file(manifest, g.dict, g, opts);
  if (!read.ok()) {
    error = base::to_string(read.error());
    return false;
  }
  const TermId rdf_type = g.iri(kRdfNs, "type");
  const TermId mf_manifest = g.iri(kMf, "Manifest");
  const TermId mf_include = g.iri(kMf, "include");
  const TermId mf_entries = g.iri(kMf, "entries");
  const TermId mf_name = g.iri(kMf, "name");
  const TermId mf_action = g.iri(kMf, "action");
  const TermId mf_result = g.iri(kMf, "result");
  const TermId qt_query = g.iri(kQt, "query");
  const TermId qt_data = g.iri(kQt, "data");
  const TermId qt_graph_data = g.iri(kQt, "graphData");
  const TermId dawgt_approval = g.iri(kDawgt, "approval");
  const TermId mf_cardinality = g.iri(kMf, "resultCardinality");

  std::optional<TermId> self;
  for (const auto& [s, props] : g.out) {
    for (TermId t : g.objects(s, rdf_type)) {
      if (t == mf_manifest) self = s;
    }
  }
  if (!self) {
    error = manifest + ": no mf:Manifest";
    return false;
  }
  std::string folder =
      std::filesystem::relative(std::filesystem::path(manifest).parent_path(), suite_root)
          .generic_string();

  for (TermId inc : g.list(g.object(*self, mf_include))) {
    if (!read_sparql_manifest(path_of(g.value(inc)), suite_root, tests, error)) return false;
  }
  for (TermId entry : g.list(g.object(*self, mf_entries))) {
    SparqlTest t;
    t.manifest = manifest;
    t.folder = folder;
    t.iri = g.value(entry);
    t.name = g.value(g.object(entry, mf_name));
    t.type = g.local_name(g.object(entry, rdf_type));
    t.approval = g.local_name(g.object(entry, dawgt_approval));
    std::optional<TermId> action = g.object(entry, mf_action);
    if (action && g.dict.term(*action).is_iri()) {
      t.query_iri = g.value(action);
    } else if (action) {
      t.query_iri = g.value(g.object(*action, qt_query));
      for (TermId d : g.objects(*action, qt_data)) t.data.push_back(path_of(g.value(d)));
      for (TermId d : g.objects(*action, qt_graph_data)) {
        t.graph_data.push_back(path_of(g.value(d)));
      }
    }
    t.query = path_of(t.query_iri);
    t.result = path_of(g.value(g.object(entry, mf_result)));
    t.result_cardinality = g.local_name(g.object(entry, mf_cardinality));
    tests.push_back(std::move(t));
  }
  return true;
}

}  // namespace kennis::conformance
