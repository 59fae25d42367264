// Pass "annotate" (always runs last): the hash keys of materialised nodes (the slots their
// rows certainly bind that are certainly bound when they are probed) and the estimated
// cardinality of every node, for --plan.
#include "sparql/planner/passes.hpp"

namespace kennis::sparql::planner::detail {

void annotate(Node& root, const Bits& bound, PassContext& ctx) {
  walk(root, bound, [&](Node& n, const Bits& b) {
    if (n.kind == NodeKind::kMaterialize) {
      n.slots.clear();
      const Node& child = *n.children[0];
      for (std::size_t i = 0; i < child.certain.size(); ++i) {
        const auto s = static_cast<Slot>(i);
        if (child.certain[i] && has(b, s)) n.slots.push_back(s);
      }
    }
    n.estimate = estimate(n, b, ctx);
  });
}

}  // namespace kennis::sparql::planner::detail
