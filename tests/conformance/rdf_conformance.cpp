// Runs the W3C RDF 1.1 test suites (Turtle, TriG, N-Triples, N-Quads) against the reader.
//
//   rdf_conformance [-v] [--filter TEXT] SUITE_DIR...
//   rdf_conformance --list-negative SUITE_DIR...   (prints "SYNTAX<TAB>PATH" per negative test)
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
#include "rdf_manifest.hpp"

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

using kennis::testing::RdfTestCase;
using TestCase = RdfTestCase;

class Collector : public kennis::rdf::StatementSink {
 public:
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    quads.push_back(IdQuad{s, p, o, g});
  }
  std::vector<IdQuad> quads;
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
  bool list_negative = false;
  std::string filter;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "--list-negative") {
      list_negative = true;
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

  if (list_negative) {
    for (const std::string& dir : dirs) {
      std::string error;
      auto tests = kennis::testing::read_rdf_manifest(dir, error);
      if (!tests) {
        std::cerr << "cannot read the manifest: " << error << "\n";
        return 1;
      }
      for (const TestCase& t : *tests) {
        const auto syntax = syntax_of(t.type);
        if (kind_of(t.type) == Kind::kNegative && syntax) {
          std::cout << kennis::rdf::syntax_name(*syntax) << "\t" << t.action << "\n";
        }
      }
    }
    return 0;
  }

  std::size_t total_failed = 0;
  for (const std::string& dir : dirs) {
    std::string error;
    auto tests = kennis::testing::read_rdf_manifest(dir, error);
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
