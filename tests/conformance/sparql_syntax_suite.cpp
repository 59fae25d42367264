// Runs the syntax side of the W3C SPARQL 1.0 (data-r2) and 1.1 query test suites against the
// parser (sparql/syntax/parser.hpp).
//
//   sparql_syntax_suite [-v] [--errors] SPARQL_SUITE_DIR
//
// SPARQL_SUITE_DIR holds sparql10/ and sparql11/ (../shared/conformance/sparql). Every
// mf:PositiveSyntaxTest(11) must parse, every mf:NegativeSyntaxTest(11) must be rejected with
// a positioned diagnostic, and the query of every evaluation test must parse. SPARQL Update
// tests are out of scope and counted as skipped. Prints failures (every test with -v, the
// diagnostics of rejected negative tests with --errors) and a table of passed / failed /
// skipped per folder. Exit status: 0 iff nothing failed, 77 (CTest's skip code) if the
// suite is absent, 1 otherwise.
#include "base/diagnostic.hpp"
#include "sparql/syntax/parser.hpp"
#include "sparql_manifest.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using kennis::conformance::SparqlTest;

enum class Expect { kParse, kReject, kSkip };

struct Plan {
  Expect expect;
  std::string reason;  // for kSkip
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Plan plan_for(const SparqlTest& t) {
  if (t.type.find("Update") != std::string::npos) {
    return {Expect::kSkip, "SPARQL Update is out of scope"};
  }
  if (t.type == "PositiveSyntaxTest" || t.type == "PositiveSyntaxTest11")
    return {Expect::kParse, {}};
  if (t.type == "NegativeSyntaxTest" || t.type == "NegativeSyntaxTest11")
    return {Expect::kReject, {}};
  if (ends_with(t.type, "EvaluationTest") || t.type == "CSVResultFormatTest") {
    if (t.query.empty()) return {Expect::kSkip, "evaluation test without a query file"};
    if (!std::filesystem::exists(t.query)) {
      return {Expect::kSkip, "query file not in this copy of the suite"};
    }
    return {Expect::kParse, {}};
  }
  return {Expect::kSkip, "test type mf:" + t.type + " has no query to parse"};
}

struct Counts {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
};

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  bool show_errors = false;
  std::string root;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v") {
      verbose = true;
    } else if (arg == "--errors") {
      show_errors = true;
    } else {
      root = arg;
    }
  }
  if (root.empty()) {
    std::cerr << "usage: sparql_syntax_suite [-v] [--errors] SPARQL_SUITE_DIR\n";
    return 2;
  }
  if (!std::filesystem::is_directory(root)) {
    std::cout << "skipped: no SPARQL test suite at " << root
              << " (set KENNIS_SHARED_DIR to the folder holding conformance/)\n";
    return 77;
  }

  const std::vector<std::string> manifests = {
      root + "/sparql10/manifest-evaluation.ttl",
      root + "/sparql11/manifest-sparql11-query.ttl",
      root + "/sparql11/manifest-sparql11-results.ttl",
      root + "/sparql11/entailment/manifest.ttl",
  };
  std::vector<SparqlTest> tests;
  for (const std::string& m : manifests) {
    if (!std::filesystem::exists(m)) continue;
    std::string error;
    if (!kennis::conformance::read_sparql_manifest(m, root, tests, error)) {
      std::cout << "cannot read manifest: " << error << '\n';
      return 1;
    }
  }

  std::map<std::string, Counts> per_folder;
  std::map<std::string, int> skip_reasons;
  for (const SparqlTest& t : tests) {
    Counts& c = per_folder[t.folder];
    Plan plan = plan_for(t);
    if (plan.expect == Expect::kSkip) {
      ++c.skipped;
      ++skip_reasons[plan.reason];
      if (verbose) std::cout << "SKIP " << t.folder << ' ' << t.name << ": " << plan.reason << '\n';
      continue;
    }
    std::ifstream in(t.query, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      ++c.failed;
      std::cout << "FAIL " << t.folder << ' ' << t.name << ": cannot read " << t.query << '\n';
      continue;
    }
    kennis::sparql::ParseOptions options;
    options.base_iri = t.query_iri;
    auto parsed = kennis::sparql::parse_query(text.str(), t.query, options);
    bool ok;
    std::string detail;
    if (plan.expect == Expect::kParse) {
      ok = parsed.ok();
      if (!ok) detail = "rejected: " + kennis::base::to_string(parsed.error());
    } else {
      ok = !parsed.ok() && parsed.error().range.begin.line > 0;
      if (parsed.ok()) {
        detail = "accepted, but the test expects a syntax error";
      } else {
        detail = kennis::base::to_string(parsed.error());
        if (!ok) detail = "error without a line:column: " + detail;
      }
    }
    (ok ? c.passed : c.failed)++;
    if (!ok || verbose || (show_errors && plan.expect == Expect::kReject)) {
      std::cout << (ok ? "PASS " : "FAIL ") << t.folder << ' ' << t.name;
      if (!detail.empty()) std::cout << ": " << detail;
      std::cout << '\n';
    }
  }

  Counts total;
  std::cout << "\nSPARQL query syntax (W3C suites in " << root << ")\n";
  std::cout << "| folder | passed | failed | skipped |\n|---|---:|---:|---:|\n";
  for (const auto& [folder, c] : per_folder) {
    std::cout << "| " << folder << " | " << c.passed << " | " << c.failed << " | " << c.skipped
              << " |\n";
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  std::cout << "| total | " << total.passed << " | " << total.failed << " | " << total.skipped
            << " |\n";
  for (const auto& [reason, n] : skip_reasons)
    std::cout << "skipped " << n << ": " << reason << '\n';
  return total.failed == 0 ? 0 : 1;
}
