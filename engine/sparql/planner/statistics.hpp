// Statistics for join ordering: exact pattern counts from the store's indexes (binary
// searches), and per-predicate distinct subject / object counts gathered in one pass over
// the SPO and POS orderings the first time they are needed (and again after the store
// changed size). A planner asks "how many triples match (s, p, o) in these graphs" and "how
// many matches per bound subject of p" (count / distinct subjects).
#pragma once

#include "store/quad_store.hpp"

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace kennis::sparql::planner {

struct PredicateStats {
  double triples = 0;
  double subjects = 0;  ///< distinct subjects
  double objects = 0;   ///< distinct objects
};

class Statistics {
 public:
  explicit Statistics(const store::QuadStore& store) : store_(store) {}

  const store::QuadStore& store() const { return store_; }

  /// Matches of (s, p, o) (kNoTerm unbound) summed over `graphs`; kAnyGraph in `graphs`
  /// counts every graph. Exact.
  double count(rdf::TermId s, rdf::TermId p, rdf::TermId o,
               const std::vector<rdf::TermId>& graphs) const;

  /// Per-predicate figures over all graphs; nullptr if p is used by no triple.
  const PredicateStats* predicate(rdf::TermId p);
  /// Distinct subjects, objects and predicates over all graphs (summed per graph).
  double subjects();
  double objects();
  double predicates();

 private:
  void refresh();

  const store::QuadStore& store_;
  std::size_t computed_for_ = static_cast<std::size_t>(-1);
  std::unordered_map<rdf::TermId, PredicateStats> predicates_;
  double subjects_ = 0;
  double objects_ = 0;
};

}  // namespace kennis::sparql::planner
