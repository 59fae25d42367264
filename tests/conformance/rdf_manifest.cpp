#include "rdf_manifest.hpp"

#include "rdf/dictionary.hpp"
#include "rdf/reader.hpp"

#include <map>

namespace kennis::testing {

namespace {

using rdf::Dictionary;
using rdf::kNoTerm;
using rdf::Syntax;
using rdf::TermId;

struct Triple {
  TermId s, p, o;
};

constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kRdft = "http://www.w3.org/ns/rdftest#";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

class ManifestCollector : public rdf::StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    (void)g;
    quads.push_back(Triple{s, p, o});
  }
  std::vector<Triple> quads;
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

std::string path_of_file_iri(std::string_view iri) {
  constexpr std::string_view kFile = "file://";
  if (iri.substr(0, kFile.size()) != kFile) return {};
  return percent_decode(iri.substr(kFile.size()));
}

// The manifest as a map subject -> predicate -> objects.
class Graph {
 public:
  Dictionary dict;
  std::map<TermId, std::multimap<TermId, TermId>> out;

  TermId iri(std::string_view v) const { return dict.find_iri(v); }
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
};

// Reads manifest.ttl in `dir`; returns the tests in mf:entries order, or an error message.
}  // namespace

std::optional<std::vector<RdfTestCase>> read_rdf_manifest(const std::filesystem::path& dir,
                                                          std::string& error) {
  const std::string path = (dir / "manifest.ttl").string();
  Graph g;
  ManifestCollector sink;
  rdf::ReadOptions opts;
  opts.syntax = Syntax::kTurtle;
  auto summary = rdf::read_file(path, g.dict, sink, opts);
  if (!summary.ok()) {
    error = base::to_string(summary.error());
    return std::nullopt;
  }
  for (const Triple& q : sink.quads) g.out[q.s].emplace(q.p, q.o);

  const TermId rdf_type = g.iri(std::string(kRdfNs) + "type");
  const TermId rdf_first = g.iri(std::string(kRdfNs) + "first");
  const TermId rdf_rest = g.iri(std::string(kRdfNs) + "rest");
  const TermId rdf_nil = g.iri(std::string(kRdfNs) + "nil");
  const TermId mf_manifest = g.iri(std::string(kMf) + "Manifest");
  const TermId mf_entries = g.iri(std::string(kMf) + "entries");
  const TermId mf_name = g.iri(std::string(kMf) + "name");
  const TermId mf_action = g.iri(std::string(kMf) + "action");
  const TermId mf_result = g.iri(std::string(kMf) + "result");
  const TermId mf_base = g.iri(std::string(kMf) + "assumedTestBase");

  std::optional<TermId> manifest;
  for (const auto& [s, props] : g.out) {
    for (TermId t : g.objects(s, rdf_type)) {
      if (t == mf_manifest) manifest = s;
    }
  }
  if (!manifest) {
    error = path + ": no mf:Manifest";
    return std::nullopt;
  }
  const std::string assumed_base = g.value(g.object(*manifest, mf_base));

  std::vector<RdfTestCase> tests;
  std::optional<TermId> list = g.object(*manifest, mf_entries);
  std::size_t guard = 0;
  while (list && *list != rdf_nil && guard++ < 100000) {
    auto entry = g.object(*list, rdf_first);
    if (!entry) break;
    RdfTestCase t;
    t.name = g.value(g.object(*entry, mf_name));
    for (TermId type : g.objects(*entry, rdf_type)) {
      std::string_view v = g.dict.term(type).value;
      if (v.substr(0, kRdft.size()) == kRdft) t.type = std::string(v.substr(kRdft.size()));
    }
    const std::string action_iri = g.value(g.object(*entry, mf_action));
    t.action = path_of_file_iri(action_iri);
    t.result = path_of_file_iri(g.value(g.object(*entry, mf_result)));
    const std::string file = std::filesystem::path(t.action).filename().string();
    t.base = assumed_base.empty() ? action_iri : assumed_base + file;
    if (t.name.empty()) t.name = file;
    tests.push_back(std::move(t));
    list = g.object(*list, rdf_rest);
  }
  return tests;
}

}  // namespace kennis::testing
