// The W3C SPARQL 1.1 entailment tests under the RDFS regime
// (../shared/conformance/sparql/sparql11/entailment; the copy holds the 36 tests whose regime
// includes ent:RDFS): a Session materialises the data with ontology/rules/rdfs.rules and
// rdfs-axioms.rules (complete RDFS entailment for the vocabulary used), the query runs on the
// data and the inferred graph without further entailment, and its answers are compared with
// mf:result.
//
//   rdfs_entailment_suite [-v] RULES_DIR SPARQL_SUITE_DIR
//
// Tests whose expected answers need more than RDFS are skipped with the reason (OWL
// vocabulary in the answers, D-entailment of literals, the entailment regime's restriction
// of answers to the vocabulary of the queried graph). Exit status: 0 iff every test that is
// not skipped passes, 77 if the suite is absent, 1 otherwise.
#include "base/error.hpp"
#include "rules/load.hpp"
#include "session/session.hpp"
#include "sparql_manifest.hpp"
#include "sparql_results.hpp"
#include "store/dataset.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace rdf = kennis::rdf;
namespace store = kennis::store;
namespace exec = kennis::sparql::exec;
using kennis::conformance::ResultSet;
using kennis::conformance::SparqlTest;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Tests outside what materialising RDFS gives, with the reason (none at present: all 36
/// RDFS tests of the copy pass).
const std::map<std::string, std::string>& out_of_scope() {
  static const std::map<std::string, std::string> tests = {};
  return tests;
}

enum class Outcome { kPass, kFail, kSkip };

struct TestResult {
  Outcome outcome = Outcome::kFail;
  std::string reason;
};

TestResult run_test(const SparqlTest& t, const std::vector<std::string>& rule_files) {
  if (auto it = out_of_scope().find(t.name); it != out_of_scope().end()) {
    return {Outcome::kSkip, it->second};
  }
  if (t.query.empty() || !std::filesystem::exists(t.query)) {
    return {Outcome::kSkip, "files not in this copy of the suite (not an RDFS test)"};
  }
  for (const auto& d : t.data) {
    if (!std::filesystem::exists(d)) return {Outcome::kSkip, "data file missing"};
  }
  if (t.result.empty() || !std::filesystem::exists(t.result)) {
    return {Outcome::kSkip, "expected result not in this copy of the suite (not an RDFS test)"};
  }

  // The query's default graph is the entailed graph: the data and what was inferred (the
  // Session's default for queries without FROM).
  kennis::session::Session ses;
  kennis::session::ParsedQuery query;
  kennis::sparql::exec::QueryResult result;
  try {
    ses.load_rules(rule_files);
    ses.load(t.data);
    ses.materialise();
    kennis::session::QuerySpec spec;
    spec.text = read_text(t.query);
    spec.source = t.query;
    spec.base_iri = t.query_iri;
    query = kennis::session::parse_query(std::move(spec));
    result = ses.execute(ses.prepare(query));
  } catch (const kennis::base::DataError& e) {
    return {Outcome::kFail, kennis::base::to_string(e.diagnostics().front())};
  } catch (const kennis::base::UsageError& e) {
    return {Outcome::kFail, e.what()};
  }
  store::Dataset& ds = ses.data();

  ResultSet expected;
  std::string error;
  if (!kennis::conformance::read_result_set(t.result, ds.dict(), "expected.", expected, error)) {
    return {Outcome::kFail, "cannot read result: " + error};
  }
  const ResultSet actual = kennis::conformance::to_result_set(result);
  std::string why;
  if (kennis::conformance::same_results(ds.dict(), expected, actual, !query.ast.order_by.empty(),
                                        why)) {
    return {Outcome::kPass, {}};
  }
  return {Outcome::kFail, why};
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-v") {
      verbose = true;
    } else {
      args.push_back(a);
    }
  }
  if (args.size() != 2) {
    std::cerr << "usage: rdfs_entailment_suite [-v] RULES_DIR SPARQL_SUITE_DIR\n";
    return 2;
  }
  const std::string rules_dir = args[0], root = args[1];
  const std::string manifest = root + "/sparql11/entailment/manifest.ttl";
  if (!std::filesystem::exists(manifest)) {
    std::cout << "skipped: no entailment tests at " << manifest << '\n';
    return 77;
  }
  const std::vector<std::string> rule_files = {rules_dir + "/rdfs.rules",
                                               rules_dir + "/rdfs-axioms.rules"};
  auto rules = kennis::rules::load_rule_files(rule_files);
  if (!rules.ok()) {
    for (const auto& d : rules.diagnostics) std::cout << kennis::base::to_string(d) << '\n';
    return 1;
  }
  std::vector<SparqlTest> tests;
  std::string error;
  if (!kennis::conformance::read_sparql_manifest(manifest, root, tests, error)) {
    std::cout << "cannot read manifest: " << error << '\n';
    return 1;
  }
  int passed = 0, failed = 0, skipped = 0;
  for (const SparqlTest& t : tests) {
    const TestResult r = run_test(t, rule_files);
    switch (r.outcome) {
      case Outcome::kPass:
        ++passed;
        if (verbose) std::cout << "pass  " << t.name << '\n';
        break;
      case Outcome::kFail:
        ++failed;
        std::cout << "FAIL  " << t.name << ": " << r.reason << '\n';
        break;
      case Outcome::kSkip:
        ++skipped;
        if (verbose) std::cout << "skip  " << t.name << ": " << r.reason << '\n';
        break;
    }
  }
  std::cout << "RDFS entailment: " << passed << " passed, " << failed << " failed, " << skipped
            << " skipped\n";
  return failed == 0 ? 0 : 1;
}
