// Pass "hash-join": a join operand or OPTIONAL right side that shares no variable with what
// is bound before it would be re-evaluated for every row of the left side. Such sub-plans are
// materialised once per execution and then probed (hash join; without shared variables, a
// cross product over the stored rows).
#include "sparql/planner/passes.hpp"

namespace kennis::sparql::planner::detail {

namespace {

bool worth_materialising(const Node& n) {
  switch (n.kind) {
    case NodeKind::kScan:
    case NodeKind::kPath:
    case NodeKind::kValues:
    case NodeKind::kFilter:
    case NodeKind::kExtend:
    case NodeKind::kMaterialize:
    case NodeKind::kEmpty:
    case NodeKind::kIntersect:
      return false;
    default:
      return true;
  }
}

NodePtr wrap(NodePtr child, Plan& plan, std::size_t width) {
  auto m = Node::make(NodeKind::kMaterialize);
  m->state = plan.states++;
  m->children.push_back(std::move(child));
  analyze(*m, width);
  return m;
}

bool uses_graph_var(const Node& n) {
  if ((n.kind == NodeKind::kScan || n.kind == NodeKind::kPath || n.kind == NodeKind::kGraph) &&
      n.graph.mode == GraphRef::Mode::kVariable) {
    return true;
  }
  for (const auto& c : n.children) {
    if (c->kind != NodeKind::kMaterialize && uses_graph_var(*c)) return true;
  }
  return false;
}

}  // namespace

void hash_join(Node& root, const Bits& bound, PassContext& ctx, Plan& plan) {
  walk(root, bound, [&](Node& n, const Bits& b) {
    if (n.kind == NodeKind::kSeq) {
      Bits before = b;
      bool first = true;
      for (auto& c : n.children) {
        if (!first && worth_materialising(*c) && !intersects(c->possible, before) &&
            !uses_graph_var(*c)) {
          c = wrap(std::move(c), plan, ctx.width);
        }
        if (!is_floating(*c)) first = false;
        unite(before, c->certain);
      }
    } else if (n.kind == NodeKind::kLeftJoin) {
      Bits left = b;
      unite(left, n.children[0]->certain);
      auto& right = n.children[1];
      if (worth_materialising(*right) && !intersects(right->possible, left) &&
          !uses_graph_var(*right)) {
        right = wrap(std::move(right), plan, ctx.width);
      }
    }
  });
}

}  // namespace kennis::sparql::planner::detail
