// The W3C SPARQL 1.1 entailment tests under the RDFS regime
// (../shared/conformance/sparql/sparql11/entailment; the copy holds the 36 tests whose regime
// includes ent:RDFS): the data is materialised with ontology/rules/rdfs.rules and
// rdfs-axioms.rules (complete RDFS entailment for the vocabulary used), the inferred triples
// are added to the default graph, then the query runs on the result without further
// entailment and its answers are compared with mf:result.
//
//   rdfs_entailment_suite [-v] RULES_DIR SPARQL_SUITE_DIR
//
// Tests whose expected answers need more than RDFS are skipped with the reason (OWL
// vocabulary in the answers, D-entailment of literals, the entailment regime's restriction
// of answers to the vocabulary of the queried graph). Exit status: 0 iff every test that is
// not skipped passes, 77 if the suite is absent, 1 otherwise.
#include "reason/reasoner.hpp"
#include "rules/load.hpp"
#include "sparql/exec/engine.hpp"
#include "sparql/syntax/parser.hpp"
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

TestResult run_test(const SparqlTest& t, const kennis::rules::LoadedRules& rules) {
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

  store::Dataset ds;
  for (const auto& d : t.data) {
    auto r = ds.load({d}, {});
    if (!r.ok()) return {Outcome::kFail, "data: " + kennis::base::to_string(r.error())};
  }
  auto reasoner = kennis::reason::Reasoner::create(rules, ds.dict(), ds.store());
  if (!reasoner.ok()) return {Outcome::kFail, kennis::base::to_string(reasoner.error())};
  reasoner.value()->materialise();
  // The query's default graph is the entailed graph: the data and what was inferred.
  std::vector<store::Quad> inferred;
  store::Pattern pat;
  pat.g = reasoner.value()->inferred_graph();
  ds.store().for_each(pat, [&](const store::Quad& q) { inferred.push_back(q); });
  for (store::Quad q : inferred) {
    q.g = store::kDefaultGraph;
    ds.store().insert(q);
  }
  ds.store().commit();

  kennis::sparql::ParseOptions po;
  po.base_iri = t.query_iri;
  auto ast = kennis::sparql::parse_query(read_text(t.query), t.query, po);
  if (!ast.ok()) return {Outcome::kFail, "parse error: " + kennis::base::to_string(ast.error())};
  exec::QueryEngine engine(ds.dict(), ds.store());
  exec::QueryOptions options;
  options.base_iri = t.query_iri;
  auto prepared = engine.prepare(ast.value(), options);
  if (!prepared.ok()) return {Outcome::kFail, kennis::base::to_string(prepared.error())};
  auto result = engine.execute(prepared.value());

  ResultSet expected;
  std::string error;
  if (!kennis::conformance::read_result_set(t.result, ds.dict(), "expected.", expected, error)) {
    return {Outcome::kFail, "cannot read result: " + error};
  }
  const ResultSet actual = kennis::conformance::to_result_set(result);
  std::string why;
  if (kennis::conformance::same_results(ds.dict(), expected, actual, !ast->order_by.empty(), why)) {
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
  auto rules =
      kennis::rules::load_rule_files({rules_dir + "/rdfs.rules", rules_dir + "/rdfs-axioms.rules"});
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
    const TestResult r = run_test(t, rules);
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
