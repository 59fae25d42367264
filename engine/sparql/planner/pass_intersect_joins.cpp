// Pass "intersect-joins": two consecutive scans of a Seq where the first binds exactly one new
// variable ?v and the second has no other unbound variable, e.g. after ?Y and ?Z are bound:
//   scan ?X :advisor ?Y        (binds ?X)
//   scan ?X :takesCourse ?Z    (only tests ?X)
// are evaluated together: the values of ?v in both index ranges are read (each range once)
// and intersected, instead of one membership test of the second pattern per row of the
// first. Fused only when the second range is not much longer than the first, since it is
// read in full.
#include "sparql/planner/passes.hpp"

namespace kennis::sparql::planner::detail {

namespace {

/// The unbound variables of a scan's triple, given `bound`.
std::vector<Slot> unbound_vars(const Node& scan, const Bits& bound) {
  std::vector<Slot> out;
  for (const auto* t : {&scan.triple.s, &scan.triple.p, &scan.triple.o}) {
    if (t->is_var() && !has(bound, t->var)) out.push_back(t->var);
  }
  return out;
}

/// True iff `v` occurs exactly once in the triple, as subject or object.
bool single_end(const Node& scan, Slot v) {
  const auto& t = scan.triple;
  const int n = (t.s.var == v) + (t.p.var == v) + (t.o.var == v);
  return n == 1 && t.p.var != v;
}

void fuse(Node& seq, const Bits& bound_in, PassContext& ctx) {
  Bits bound = bound_in;
  for (std::size_t i = 0; i + 1 < seq.children.size(); ++i) {
    Node& a = *seq.children[i];
    Node& b = *seq.children[i + 1];
    const bool scans = a.kind == NodeKind::kScan && b.kind == NodeKind::kScan &&
                       a.graph.mode == GraphRef::Mode::kDefault &&
                       b.graph.mode == GraphRef::Mode::kDefault;
    if (scans) {
      const auto new_in_a = unbound_vars(a, bound);
      const auto new_in_b = unbound_vars(b, bound);
      if (new_in_a.size() == 1 && new_in_b.size() == 1 && new_in_a[0] == new_in_b[0] &&
          single_end(a, new_in_a[0]) && single_end(b, new_in_a[0])) {
        const double first = estimate(a, bound, ctx);
        const double second = estimate(b, bound, ctx);  // ?v unbound: the range read in full
        if (second <= 16 * first + 64) {
          auto n = Node::make(NodeKind::kIntersect);
          n->slots.push_back(new_in_a[0]);
          n->children.push_back(std::move(seq.children[i]));
          n->children.push_back(std::move(seq.children[i + 1]));
          analyze(*n, ctx.width);
          seq.children.erase(seq.children.begin() + static_cast<std::ptrdiff_t>(i) + 1);
          seq.children[i] = std::move(n);
        }
      }
    }
    unite(bound, seq.children[i]->certain);
  }
}

}  // namespace

void intersect_joins(Node& root, const Bits& bound, PassContext& ctx) {
  walk(root, bound, [&](Node& n, const Bits& b) {
    if (n.kind == NodeKind::kSeq) fuse(n, b, ctx);
  });
}

}  // namespace kennis::sparql::planner::detail
