// Pass "order-joins": orders the join elements of each Seq greedily. The first element is
// the one with the smallest estimated cardinality; each next one is, among the elements that
// share a variable with what is already bound, the one with the smallest estimate given those
// bindings (an element sharing nothing is a cross product and comes last). FILTER and BIND
// steps keep their relative order and go to the end; push-filters places them.
#include "sparql/planner/passes.hpp"

#include <limits>

namespace kennis::sparql::planner::detail {

namespace {

void order_seq(Node& seq, const Bits& bound_in, PassContext& ctx) {
  std::vector<NodePtr> joins;
  std::vector<NodePtr> steps;
  for (auto& c : seq.children) {
    (is_floating(*c) ? steps : joins).push_back(std::move(c));
  }
  seq.children.clear();
  Bits bound = bound_in;
  bool any_bound = false;
  for (bool b : bound) any_bound = any_bound || b;
  while (!joins.empty()) {
    std::size_t best = 0;
    double best_score = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < joins.size(); ++i) {
      const Node& c = *joins[i];
      double score = estimate(c, bound, ctx);
      bool has_vars = false;
      for (bool b : c.possible) has_vars = has_vars || b;
      const bool connected = !any_bound || !has_vars || intersects(c.possible, bound);
      if (!connected && score > 1) score = score * 1e6 + 1e6;
      if (score < best_score) {
        best_score = score;
        best = i;
      }
    }
    unite(bound, joins[best]->certain);
    for (bool b : joins[best]->certain) any_bound = any_bound || b;
    seq.children.push_back(std::move(joins[best]));
    joins.erase(joins.begin() + static_cast<std::ptrdiff_t>(best));
  }
  for (auto& s : steps) seq.children.push_back(std::move(s));
}

}  // namespace

void order_joins(Node& root, const Bits& bound, PassContext& ctx) {
  walk(root, bound, [&](Node& n, const Bits& b) {
    if (n.kind == NodeKind::kSeq) order_seq(n, b, ctx);
  });
}

}  // namespace kennis::sparql::planner::detail
