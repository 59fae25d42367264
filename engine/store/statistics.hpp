// Index statistics for join ordering, shared by the reasoner's rule planner (reason/plan.cpp)
// and the SPARQL planner (sparql/planner/estimate.cpp): exact pattern counts (one binary-
// searched range per graph), and per predicate its number of triples and of distinct subjects
// and objects. A planner divides a pattern's count by the distinct values of each position a
// variable binds: the expected matches per bound value (the System R estimate, Selinger et
// al. 1979). See docs/internals/store.md.
//
// The distinct counts come in two forms, because the two planners read the store differently:
//
// - Across graphs (`distinct`): a rule body matches the union of all graphs, so a subject of
//   p held in two graphs counts once. Computed one predicate at a time, on first use, by one
//   scan of its triples with the distinct ids counted in a bitmap (ids are dense); computed
//   again only when the predicate's triple count has moved by half since: a reasoner asks
//   while it grows the store, and exact figures every time would cost more than they save.
// - Per graph, summed over graphs (`predicate`, `subjects`, `objects`, `predicates`): a query
//   pattern matches graph by graph (FROM, GRAPH), so a subject of p in two graphs counts
//   twice. Every predicate at once, in one pass over each graph's SPO and POS orderings (their
//   order gives the distinct values), when first needed and again after the store changed size.
#pragma once

#include "store/quad_store.hpp"

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace kennis::store {

/// The figures of one predicate.
struct PredicateStats {
  std::size_t triples = 0;
  std::size_t subjects = 0;  ///< distinct subjects
  std::size_t objects = 0;   ///< distinct objects
};

class Statistics {
 public:
  /// `store` must outlive the statistics.
  explicit Statistics(const QuadStore& store) : store_(store) {}

  const QuadStore& store() const { return store_; }

  /// Matches of (s, p, o) (kNoTerm unbound) in graph g; with kAnyGraph in every graph (a
  /// triple held in two graphs counts twice). Exact.
  std::size_t count(TermId s, TermId p, TermId o, TermId g = kAnyGraph) const;
  /// Matches of (s, p, o) summed over `graphs`; kAnyGraph among them counts every graph.
  /// Exact.
  double count(TermId s, TermId p, TermId o, const std::vector<TermId>& graphs) const;

  // ---- Across graphs (rule planning)

  /// Distinct subjects (position 0) or objects (position 2) among the triples with predicate
  /// p, all graphs taken together; at least 1.
  std::size_t distinct(TermId p, int position);

  // ---- Per graph, summed over graphs (query planning)

  /// p's figures; nullptr if no triple has predicate p.
  const PredicateStats* predicate(TermId p);
  /// Distinct subjects; distinct objects of each predicate, summed over the predicates;
  /// distinct predicates. Each at least 1.
  double subjects();
  double objects();
  double predicates();

 private:
  void refresh_per_graph();

  const QuadStore& store_;
  /// Across graphs: `triples` is p's count when its figures were taken.
  std::unordered_map<TermId, PredicateStats> across_;
  /// Per graph, summed; taken when the store held `per_graph_size_` quads.
  std::size_t per_graph_size_ = static_cast<std::size_t>(-1);
  std::unordered_map<TermId, PredicateStats> per_graph_;
  std::size_t subjects_ = 0;
  std::size_t objects_ = 0;
};

}  // namespace kennis::store
