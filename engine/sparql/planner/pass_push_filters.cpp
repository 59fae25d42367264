// Pass "push-filters": places each FILTER and BIND step of a Seq right after the first prefix
// of join elements that certainly binds every variable it reads (section 18.6 bottom-up
// semantics are kept: a step only moves within its own group, whose scope the lowering pass
// already checked). Steps keep their relative order, so a BIND stays before the FILTER that
// reads its variable.
#include "sparql/planner/passes.hpp"

namespace kennis::sparql::planner::detail {

namespace {

void place_steps(Node& seq, const Bits& bound_in) {
  std::vector<NodePtr> joins;
  std::vector<NodePtr> steps;
  for (auto& c : seq.children) {
    (is_floating(*c) ? steps : joins).push_back(std::move(c));
  }
  if (steps.empty()) {
    seq.children = std::move(joins);
    return;
  }
  // certain_after[k]: slots certainly bound after the first k join elements.
  std::vector<Bits> certain_after;
  Bits bound = bound_in;
  certain_after.push_back(bound);
  for (const auto& j : joins) {
    unite(bound, j->certain);
    certain_after.push_back(bound);
  }
  std::vector<std::size_t> position(steps.size());
  std::size_t floor = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::size_t k = floor;
    while (k < joins.size() && !covers(certain_after[k], step_reads(*steps[i]))) ++k;
    position[i] = k;
    floor = k;
  }
  seq.children.clear();
  std::size_t next = 0;
  for (std::size_t k = 0; k <= joins.size(); ++k) {
    while (next < steps.size() && position[next] == k) {
      seq.children.push_back(std::move(steps[next++]));
    }
    if (k < joins.size()) seq.children.push_back(std::move(joins[k]));
  }
}

}  // namespace

void push_filters(Node& root, const Bits& bound, PassContext&) {
  walk(root, bound, [&](Node& n, const Bits& b) {
    if (n.kind == NodeKind::kSeq) place_steps(n, b);
  });
}

}  // namespace kennis::sparql::planner::detail
