// Internal interface between the planner driver (planner.cpp) and its passes, one file each.
#pragma once

#include "sparql/planner/planner.hpp"

#include <functional>
#include <vector>

namespace kennis::sparql::planner::detail {

using Bits = std::vector<bool>;

struct PassContext {
  const algebra::Query& query;
  const DatasetGraphs& graphs;
  store::Statistics& stats;
  std::size_t width;
};

inline bool has(const Bits& b, Slot s) {
  return s >= 0 && static_cast<std::size_t>(s) < b.size() && b[static_cast<std::size_t>(s)];
}
inline void set(Bits& b, Slot s) {
  if (s < 0) return;
  if (static_cast<std::size_t>(s) >= b.size()) b.resize(static_cast<std::size_t>(s) + 1, false);
  b[static_cast<std::size_t>(s)] = true;
}
inline void unite(Bits& a, const Bits& b) {
  if (a.size() < b.size()) a.resize(b.size(), false);
  for (std::size_t i = 0; i < b.size(); ++i) a[i] = a[i] || b[i];
}
inline bool intersects(const Bits& a, const Bits& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] && b[i]) return true;
  }
  return false;
}
/// True iff every slot in `slots` is in `b`.
inline bool covers(const Bits& b, const std::vector<Slot>& slots) {
  for (Slot s : slots) {
    if (!has(b, s)) return false;
  }
  return true;
}

/// Fills n.certain / n.possible from n's own patterns and its children's sets.
void analyze(Node& n, std::size_t width);

/// The lowering pass: algebra -> plan nodes (lower.cpp).
void lower(const algebra::Query& q, const DatasetGraphs& graphs, Plan& plan,
           std::vector<Bits>& exists_bound);

/// True for FILTER and BIND steps that may be placed anywhere in their Seq after the
/// variables they read are bound.
bool is_floating(const Node& n);
/// The slots a FILTER / BIND step reads.
const std::vector<Slot>& step_reads(const Node& n);

/// Estimated solutions of `n` per seed row in which `bound` slots are bound.
double estimate(const Node& n, const Bits& bound, PassContext& ctx);

/// Visits every node top-down; `fn(node, bound)` runs before the node's children are
/// visited (so it may reorder or wrap them), with the slots certainly bound in its seed.
void walk(Node& n, const Bits& bound, const std::function<void(Node&, const Bits&)>& fn);

void order_joins(Node& root, const Bits& bound, PassContext& ctx);
void push_filters(Node& root, const Bits& bound, PassContext& ctx);
void intersect_joins(Node& root, const Bits& bound, PassContext& ctx);
void hash_join(Node& root, const Bits& bound, PassContext& ctx, Plan& plan);
void annotate(Node& root, const Bits& bound, PassContext& ctx);

}  // namespace kennis::sparql::planner::detail
