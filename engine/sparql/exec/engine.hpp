// QueryEngine: the SPARQL pipeline in one place, stage by stage:
//   parse (sparql/syntax) -> translate to algebra (algebra/translate) -> resolve the dataset
//   (FROM / FROM NAMED, or the engine's default) -> plan (planner/) -> execute (exec/) ->
//   a result: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
// One engine per dataset; it keeps the statistics the planner uses between queries.
#pragma once

#include "base/limits.hpp"
#include "base/result.hpp"
#include "expr/evaluator.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/writer.hpp"
#include "results/format.hpp"
#include "results/result_table.hpp"
#include "sparql/algebra/algebra.hpp"
#include "sparql/algebra/translate.hpp"
#include "sparql/planner/plan.hpp"
#include "sparql/planner/planner.hpp"
#include "sparql/syntax/ast.hpp"
#include "store/quad_store.hpp"
#include "store/statistics.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::sparql::exec {

struct QueryOptions {
  /// Initial bindings of variables (`--param`), joined as VALUES at the top of the WHERE.
  std::vector<std::pair<std::string, rdf::Term>> bindings;
  planner::PlanOptions plan;
  expr::EvalOptions eval;
  /// Base IRI for the query text's relative IRIs (e.g. the query file's IRI).
  std::string base_iri;
  /// The SPARQL 1.1 Protocol's default-graph-uri / named-graph-uri: when either is given,
  /// they replace the query's FROM / FROM NAMED.
  std::vector<std::string> default_graph_uris;
  std::vector<std::string> named_graph_uris;
};

/// The outcome of a query: the answer the result writers take (results/format.hpp), and the
/// query form it came from.
struct QueryResult : results::Answer {
  algebra::QueryForm form = algebra::QueryForm::kSelect;
};

/// A query translated and planned against one dataset.
class PreparedQuery {
 public:
  const algebra::Query& algebra() const { return query_; }
  const planner::Plan& plan() const { return plan_; }
  const planner::DatasetGraphs& graphs() const { return graphs_; }
  /// The algebra, printed (SSE-like); IRIs abbreviated with `prefixes` where possible
  /// (rdf::compact_iris).
  std::string algebra_text(const rdf::Dictionary& dict, const rdf::PrefixMap& prefixes = {}) const;
  /// The plan with estimated cardinalities, then the planner passes with their times.
  std::string plan_text(const rdf::Dictionary& dict, const rdf::PrefixMap& prefixes = {}) const;

 private:
  friend class QueryEngine;
  algebra::Query query_;
  planner::Plan plan_;
  planner::DatasetGraphs graphs_;
  expr::EvalOptions eval_;
};

class QueryEngine {
 public:
  /// `dict` receives the query's constants and computed values; both must outlive the
  /// engine.
  QueryEngine(rdf::Dictionary& dict, const store::QuadStore& store);

  /// The store graphs merged into the default graph of queries without FROM (default: the
  /// store's default graph only).
  /// `disjoint`: no triple is in two of them, so their merge needs no duplicate check.
  void set_default_graphs(std::vector<rdf::TermId> graphs, bool disjoint = false) {
    default_graphs_ = std::move(graphs);
    disjoint_defaults_ = disjoint;
  }

  /// Translates and plans a parsed query.
  base::Result<PreparedQuery> prepare(const sparql::Query& ast, const QueryOptions& options = {});
  /// Parses, translates and plans `text` (errors carry `source_name` and line:col).
  base::Result<PreparedQuery> prepare(std::string_view text, std::string_view source_name,
                                      const QueryOptions& options = {});
  /// Runs a prepared query. Within `limits` (default: none), counted from this call: when one
  /// is hit, throws base::LimitError and gives no result. max_rows counts solutions, or the
  /// distinct triples of a CONSTRUCT / DESCRIBE.
  QueryResult execute(const PreparedQuery& q, const base::Limits& limits = {});

  store::Statistics& statistics() { return stats_; }
  rdf::Dictionary& dict() { return dict_; }

 private:
  planner::DatasetGraphs dataset_for(const algebra::DatasetClause& clause) const;

  rdf::Dictionary& dict_;
  const store::QuadStore& store_;
  store::Statistics stats_;
  std::vector<rdf::TermId> default_graphs_;
  bool disjoint_defaults_ = false;
  std::uint64_t blank_counter_ = 0;
};

}  // namespace kennis::sparql::exec
