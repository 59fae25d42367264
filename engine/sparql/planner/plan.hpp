// The physical plan: what the executor (exec/executor.hpp) runs. Every node is evaluated
// against a seed row: run(node, row) produces Join({row}, eval(node)), so a node placed after
// others in a Seq sees their bindings (index nested-loop join) and a triple pattern with a
// bound variable is an index range.
//
// Nodes whose semantics would change if some seed variable were visible inside them (a
// FILTER or OPTIONAL over a variable the node does not bind itself, section 18.6's bottom-up
// evaluation) carry `mask`: those slots are cleared before the node runs and checked for
// compatibility on the way out. Nodes that do not depend on the seed at all (subqueries,
// grouping, independent sub-plans) are materialised once per execution and probed (hash
// join on the slots both sides certainly bind).
//
// docs/internals/sparql.md explains the planner passes that build and rewrite this tree.
#pragma once

#include "sparql/algebra/algebra.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kennis::sparql::planner {

using algebra::kNoSlot;
using algebra::Slot;
using rdf::kNoTerm;
using rdf::TermId;

/// Which graph a scan reads: the default graph (the dataset's default graph set), a named
/// graph given by IRI, or the named graph bound to a variable (enumerated if unbound).
struct GraphRef {
  enum class Mode : std::uint8_t { kDefault, kConstant, kVariable } mode = Mode::kDefault;
  TermId term = kNoTerm;
  Slot var = kNoSlot;
};

enum class NodeKind : std::uint8_t {
  kScan,         ///< one triple pattern (index range lookup with the seed's bindings)
  kPath,         ///< property path pattern (section 18.4, ALP for * and +)
  kSeq,          ///< nested-loop join: each child runs on the rows of the ones before it
  kFilter,       ///< keeps the seed row iff every condition holds (a Seq step)
  kExtend,       ///< BIND: computes exprs[0] into slots[0] (a Seq step)
  kValues,       ///< inline data joined with the seed
  kUnion,        ///< both children on the same seed
  kLeftJoin,     ///< children[0] then children[1] per row, exprs as the LeftJoin filter
  kMinus,        ///< children[0] minus children[1] (children[1] materialised)
  kGraph,        ///< GRAPH ?g: enumerates named graphs into `graph.var` if unbound (and
                 ///< into slots[0], where the pattern reads its graph, if it has its own ?g)
  kMaterialize,  ///< children[0] run once without seed; rows probed by key `slots`
  kGroup,        ///< grouping and aggregation of children[0]
  kOrderBy,      ///< sorts children[0]'s rows
  kProject,      ///< keeps only `slots` of children[0]'s rows
  kDistinct,     ///< drops repeated rows (over `slots`)
  kSlice,        ///< OFFSET / LIMIT
  kEmpty,        ///< no solutions
  kIntersect,    ///< two scans that bind one variable slots[0]: their ranges intersected
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  NodeKind kind = NodeKind::kSeq;
  std::vector<NodePtr> children;

  algebra::TriplePattern triple;         ///< kScan
  GraphRef graph;                        ///< kScan, kPath, kGraph
  algebra::PatternTerm subject, object;  ///< kPath
  algebra::PathPtr path;                 ///< kPath
  std::vector<algebra::ExprRef> exprs;   ///< kFilter, kLeftJoin, kExtend, kGroup keys
  std::vector<Slot> slots;               ///< kExtend target, kValues, kProject, kDistinct,
                                         ///< kGroup keys, kMaterialize keys
  std::vector<TermId> rows;              ///< kValues
  std::size_t row_count = 0;             ///< kValues
  std::vector<algebra::OrderKey> order;  ///< kOrderBy
  std::vector<algebra::AggregateBinding> aggregates;  ///< kGroup
  std::uint64_t offset = 0;                           ///< kSlice
  std::uint64_t limit = algebra::kNoLimit;            ///< kSlice

  /// Seed slots hidden from this node (cleared on entry, compatibility-checked on exit).
  std::vector<Slot> mask;
  /// Slots certainly / possibly bound by this node's solutions (width of the row).
  std::vector<bool> certain;
  std::vector<bool> possible;
  /// Estimated solutions per seed row, filled by the planner.
  double estimate = -1;
  /// Index of this node's run-time state (materialised rows), -1 if none.
  int state = -1;

  static NodePtr make(NodeKind k) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    return n;
  }
};

/// A planned query: the tree, plus one plan per EXISTS pattern (indexed like
/// algebra::Query::exists).
struct Plan {
  NodePtr root;
  std::vector<NodePtr> exists;
  std::size_t width = 0;
  int states = 0;  ///< number of run-time state slots used by nodes
  /// The passes that ran, with their time in microseconds.
  std::vector<std::pair<std::string, double>> pass_times;
};

/// Prints the plan one node per line with its estimated cardinality.
std::string to_string(const Plan& plan, const algebra::VarTable& vars, const rdf::Dictionary& dict);
std::string to_string(const Node& node, const algebra::VarTable& vars, const rdf::Dictionary& dict,
                      int indent = 0);

}  // namespace kennis::sparql::planner
