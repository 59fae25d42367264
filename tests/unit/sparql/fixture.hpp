// A small in-memory dataset for the SPARQL unit tests: triples given as N-Triples-like
// strings of prefixed names ("ex:a ex:p ex:b"), all in the default graph unless a graph is
// named.
#pragma once

#include "sparql/exec/engine.hpp"
#include "store/quad_store.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace kennis::sparql::testing {

inline constexpr const char* kEx = "http://ex/";

class Fixture {
 public:
  /// Adds "s p o" where each word is ex:name (an IRI), "lit" (a plain literal, in quotes) or
  /// a decimal integer.
  void add(const std::string& triple, const std::string& graph = "") {
    std::istringstream in(triple);
    std::string s, p, o;
    in >> s >> p >> o;
    store_.insert(
        store::Quad{term(s), term(p), term(o), graph.empty() ? store::kDefaultGraph : term(graph)});
    store_.commit();
  }
  rdf::TermId term(const std::string& w) {
    if (w.rfind("ex:", 0) == 0) return dict_.intern_iri(std::string(kEx) + w.substr(3));
    if (!w.empty() && w.front() == '"')
      return dict_.intern(rdf::Term::literal(w.substr(1, w.size() - 2)));
    return dict_.intern(rdf::Term::literal(w, "http://www.w3.org/2001/XMLSchema#integer"));
  }
  rdf::Dictionary& dict() { return dict_; }
  store::QuadStore& store() { return store_; }

  /// Runs a SELECT and returns its rows, each as "?x=ex:a ?y=..." sorted.
  std::vector<std::string> select(const std::string& query) {
    exec::QueryEngine engine(dict_, store_);
    auto p = engine.prepare("PREFIX ex: <http://ex/> " + query, "<test>");
    if (!p.ok()) return {"error: " + p.error().message};
    auto r = engine.execute(p.value());
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < r.table.rows(); ++i) {
      std::string line;
      for (std::size_t k = 0; k < r.table.width(); ++k) {
        if (k) line += " ";
        const rdf::TermId id = r.table.row(i)[k];
        line += "?" + r.table.variables[k] + "=" + (id == rdf::kNoTerm ? "-" : show(id));
      }
      rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }
  std::string show(rdf::TermId id) {
    const auto t = dict_.term(id);
    if (t.is_iri() && t.value.rfind(kEx, 0) == 0)
      return "ex:" + std::string(t.value.substr(std::string_view(kEx).size()));
    if (t.is_literal()) return std::string(t.value);
    return rdf::to_ntriples(t);
  }
  /// The plan of a query, without the pass timings.
  std::string plan(const std::string& query, const planner::PlanOptions& options = {}) {
    exec::QueryEngine engine(dict_, store_);
    exec::QueryOptions qo;
    qo.plan = options;
    auto p = engine.prepare("PREFIX ex: <http://ex/> " + query, "<test>", qo);
    if (!p.ok()) return "error: " + p.error().message;
    std::string s = p->plan_text(dict_, {{"ex", kEx}});
    return s.substr(0, s.find("passes:"));
  }
  std::string algebra(const std::string& query) {
    exec::QueryEngine engine(dict_, store_);
    auto p = engine.prepare("PREFIX ex: <http://ex/> " + query, "<test>");
    if (!p.ok()) return "error: " + p.error().message;
    return p->algebra_text(dict_, {{"ex", kEx}});
  }

 private:
  rdf::Dictionary dict_;
  store::QuadStore store_;
};

}  // namespace kennis::sparql::testing
