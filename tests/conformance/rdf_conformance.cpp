// Runs the W3C RDF 1.1 test suites (Turtle, TriG, N-Triples, N-Quads) against the reader.
//
//   rdf_conformance [-v] [--filter TEXT] SUITE_DIR...
//
// Each SUITE_DIR holds a manifest.ttl (https://w3c.github.io/rdf-tests/): the RDF list
// mf:entries names the tests; rdft:Test*PositiveSyntax must parse, rdft:Test*NegativeSyntax
// must fail with a positioned diagnostic (file:line:col), rdft:Test*Eval must parse to a
// dataset isomorphic to the mf:result (N-Triples or N-Quads). The base IRI of a test is its
// file name resolved against the manifest's mf:assumedTestBase (else the file's own IRI).
//
// Prints one line per failure (all tests with -v) and the counts per suite. Exit status: 0 iff
// every test passed, 77 (CTest's skip code) if a suite folder is absent, 1 otherwise.
#include "rdf/dictionary.hpp"
#include "rdf/reader.hpp"
#include "rdf/writer.hpp"
#include "rdf_isomorphism.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using kennis::rdf::Dictionary;
using kennis::rdf::IdQuad;
using kennis::rdf::kNoTerm;
using kennis::rdf::Syntax;
using kennis::rdf::TermId;

constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kRdft = "http://www.w3.org/ns/rdftest#";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

class Collector : public kennis::rdf::StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    quads.push_back(IdQuad{s, p, o, g});
  }
  std::vector<IdQuad> quads;
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

struct TestCase {
  std::string name;
  std::string type;  // local name in rdft:, e.g. "TestTurtleEval"
  std::string action;
  std::string result;
  std::string base;
};

enum class Kind { kPositive, kNegative, kEval, kUnknown };

Kind kind_of(const std::string& type) {
  auto ends = [&](std::string_view suffix) {
    return type.size() >= suffix.size() &&
           type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("PositiveSyntax")) return Kind::kPositive;
  if (ends("NegativeSyntax")) return Kind::kNegative;
  if (ends("Eval")) return Kind::kEval;
  return Kind::kUnknown;
}

std::optional<Syntax> syntax_of(const std::string& type) {
  if (type.rfind("TestTurtle", 0) == 0) return Syntax::kTurtle;
  if (type.rfind("TestTrig", 0) == 0) return Syntax::kTriG;
  if (type.rfind("TestNTriples", 0) == 0) return Syntax::kNTriples;
  if (type.rfind("TestNQuads", 0) == 0) return Syntax::kNQuads;
  return std::nullopt;
}

// Reads manifest.ttl in `dir`; returns the tests in mf:entries order, or an error message.
std::optional<std::vector<TestCase>> read_manifest(const std::filesystem::path& dir,
                                                   std::string& error) {
  const std::string path = (dir / "manifest.ttl").string();
  Graph g;
  Collector sink;
  kennis::rdf::ReadOptions opts;
  opts.syntax = Syntax::kTurtle;
  auto summary = kennis::rdf::read_file(path, g.dict, sink, opts);
  if (!summary.ok()) {
    error = kennis::base::to_string(summary.error());
    return std::nullopt;
  }
  for (const IdQuad& q : sink.quads) g.out[q.s].emplace(q.p, q.o);

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

  std::vector<TestCase> tests;
  std::optional<TermId> list = g.object(*manifest, mf_entries);
  std::size_t guard = 0;
  while (list && *list != rdf_nil && guard++ < 100000) {
    auto entry = g.object(*list, rdf_first);
    if (!entry) break;
    TestCase t;
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

struct Outcome {
  bool passed = false;
  std::string detail;
};

Outcome run_test(const TestCase& t) {
  const Kind kind = kind_of(t.type);
  const std::optional<Syntax> syntax = syntax_of(t.type);
  if (kind == Kind::kUnknown || !syntax) return {false, "unknown test type rdft:" + t.type};
  Dictionary dict;
  Collector actual;
  kennis::rdf::ReadOptions opts;
  opts.syntax = *syntax;
  opts.base_iri = t.base;
  opts.blank_prefix = "a_";
  auto read = kennis::rdf::read_file(t.action, dict, actual, opts);
  switch (kind) {
    case Kind::kPositive:
      if (read.ok()) return {true, {}};
      return {false, "rejected: " + kennis::base::to_string(read.error())};
    case Kind::kNegative: {
      if (read.ok()) return {false, "accepted, but the test expects a syntax error"};
      const auto& d = read.error();
      if (d.range.begin.line == 0 || d.range.file != t.action) {
        return {false, "error without a file:line:col position: " + kennis::base::to_string(d)};
      }
      return {true, kennis::base::to_string(d)};
    }
    case Kind::kEval: {
      if (!read.ok()) return {false, "rejected: " + kennis::base::to_string(read.error())};
      Collector expected;
      kennis::rdf::ReadOptions eopts;
      eopts.syntax = kennis::rdf::is_quad_syntax(*syntax) ? Syntax::kNQuads : Syntax::kNTriples;
      eopts.base_iri = t.base;
      eopts.blank_prefix = "e_";
      auto exp = kennis::rdf::read_file(t.result, dict, expected, eopts);
      if (!exp.ok()) {
        return {false, "cannot read the expected result: " + kennis::base::to_string(exp.error())};
      }
      auto iso = kennis::testing::check_isomorphic(dict, actual.quads, expected.quads);
      if (iso.isomorphic) return {true, {}};
      return {false, "not isomorphic to " + t.result + ":\n" + iso.explanation};
    }
    case Kind::kUnknown:
      break;
  }
  return {false, "unreachable"};
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  std::string filter;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "--filter" && i + 1 < argc) {
      filter = argv[++i];
    } else {
      dirs.push_back(arg);
    }
  }
  if (dirs.empty()) {
    std::cerr << "usage: rdf_conformance [-v] [--filter TEXT] SUITE_DIR...\n";
    return 2;
  }
  for (const std::string& dir : dirs) {
    if (!std::filesystem::exists(std::filesystem::path(dir) / "manifest.ttl")) {
      std::cout << "SKIPPED: " << dir << "/manifest.ttl not found (the W3C suites in ../shared "
                << "are absent)\n";
      return 77;
    }
  }

  std::size_t total_failed = 0;
  for (const std::string& dir : dirs) {
    std::string error;
    auto tests = read_manifest(dir, error);
    if (!tests) {
      std::cout << "FAIL: cannot read the manifest: " << error << "\n";
      ++total_failed;
      continue;
    }
    // Per kind: (passed, total).
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_type;
    std::size_t passed = 0, failed = 0;
    for (const TestCase& t : *tests) {
      if (!filter.empty() && t.name.find(filter) == std::string::npos) continue;
      Outcome o = run_test(t);
      auto& tally = by_type[t.type];
      ++tally.second;
      if (o.passed) {
        ++passed;
        ++tally.first;
        if (verbose) {
          std::cout << "PASS " << t.name << " (" << t.type << ")";
          if (!o.detail.empty()) std::cout << ": " << o.detail;
          std::cout << "\n";
        }
      } else {
        ++failed;
        std::cout << "FAIL " << t.name << " (" << t.type << ", " << t.action << "): " << o.detail
                  << "\n";
      }
    }
    std::cout << std::filesystem::path(dir).filename().string() << ": " << passed + failed
              << " tests, " << passed << " passed, " << failed << " failed (";
    bool first = true;
    for (const auto& [type, tally] : by_type) {
      std::cout << (first ? "" : ", ") << type << " " << tally.first << "/" << tally.second;
      first = false;
    }
    std::cout << ")\n";
    total_failed += failed;
  }
  return total_failed == 0 ? 0 : 1;
}
