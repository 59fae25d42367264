// The planner: lowers an algebra::Query to a physical Plan (plan.hpp), then runs named passes
// over it. Every pass can be switched off by name (`kennis query --disable-pass NAME`); the
// plan stays correct without any of them, only slower.
//
//   lower          (always) algebra -> nodes: BGPs become Seqs of scans, joins are flattened
//                  into Seqs, filters and BINDs become steps, scoping masks are computed,
//                  subqueries and MINUS right sides are materialised
//   order-joins    orders the join elements of every Seq greedily: smallest estimated
//                  cardinality first, then elements that share a bound variable
//   push-filters   moves FILTER and BIND steps to the earliest point of their Seq where every
//                  variable they read is certainly bound
//   intersect-joins  fuses two consecutive scans where the first binds one new variable and
//                  the second only checks it: both ranges are read and intersected instead
//                  of one membership test per row of the first
//   hash-join      materialises join operands and OPTIONAL right sides that share no variable
//                  with what precedes them (evaluated once, probed per row)
//   annotate       (always) hash keys of materialised nodes and estimated cardinalities
//
// Join ordering follows the greedy heuristics of Stocker et al., "SPARQL basic graph pattern
// optimization using selectivity estimation" (WWW 2008), with exact pattern counts from the
// store's indexes and per-predicate distinct counts (store/statistics.hpp).
#pragma once

#include "base/result.hpp"
#include "sparql/algebra/algebra.hpp"
#include "sparql/planner/plan.hpp"
#include "store/statistics.hpp"

#include <string>
#include <vector>

namespace kennis::sparql::planner {

/// The graphs of the query's dataset, as store graph ids.
struct DatasetGraphs {
  /// Merged into the default graph (kDefaultGraph and/or named graph ids).
  std::vector<TermId> default_graphs;
  /// True if no triple is in two of `default_graphs` (asserted + inferred: the reasoner adds
  /// only what is not asserted): the merge then needs no duplicate check.
  bool disjoint_defaults = false;
  /// The named graphs GRAPH can see, sorted.
  std::vector<TermId> named_graphs;
  bool is_named(TermId g) const;
};

struct PlanOptions {
  /// Names of passes not to run (see pass_names()).
  std::vector<std::string> disabled;
};

/// The optional passes, in the order they run.
const std::vector<std::string>& pass_names();

/// Plans `q` over `graphs`. Fails for an unknown pass name in options.disabled.
base::Result<Plan> plan_query(const algebra::Query& q, const DatasetGraphs& graphs,
                              store::Statistics& stats, const PlanOptions& options = {});

}  // namespace kennis::sparql::planner
