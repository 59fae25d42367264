// Cardinality estimation (solutions per seed row) and the top-down walk shared by the passes.
//
// A triple pattern's estimate is its exact count with only its constants bound (one index
// range count), divided, for each position bound by a variable, by the number of distinct
// values in that position for its predicate: the expected matches per bound value under a
// uniform distribution.
#include "sparql/planner/passes.hpp"

#include <algorithm>
#include <cmath>

namespace kennis::sparql::planner::detail {

namespace {

std::vector<TermId> graphs_of(const GraphRef& g, const Bits& bound, PassContext& ctx,
                              double& share) {
  share = 1;
  switch (g.mode) {
    case GraphRef::Mode::kDefault:
      return ctx.graphs.default_graphs;
    case GraphRef::Mode::kConstant:
      return {g.term};
    case GraphRef::Mode::kVariable:
      if (has(bound, g.var) && !ctx.graphs.named_graphs.empty()) {
        share = 1.0 / static_cast<double>(ctx.graphs.named_graphs.size());
      }
      return ctx.graphs.named_graphs;
  }
  return {};
}

double scan_estimate(const Node& n, const Bits& bound, PassContext& ctx) {
  const auto& t = n.triple;
  auto constant = [](const algebra::PatternTerm& x) { return x.is_var() ? kNoTerm : x.term; };
  double share = 1;
  const auto graphs = graphs_of(n.graph, bound, ctx, share);
  double est = ctx.stats.count(constant(t.s), constant(t.p), constant(t.o), graphs) * share;
  if (est == 0) return 0;
  const store::PredicateStats* ps = t.p.is_var() ? nullptr : ctx.stats.predicate(t.p.term);
  auto is_bound = [&](const algebra::PatternTerm& x) { return x.is_var() && has(bound, x.var); };
  auto at_least_one = [](std::size_t k) { return std::max(1.0, static_cast<double>(k)); };
  if (is_bound(t.s)) est /= ps != nullptr ? at_least_one(ps->subjects) : ctx.stats.subjects();
  if (is_bound(t.o)) est /= ps != nullptr ? at_least_one(ps->objects) : ctx.stats.objects();
  if (is_bound(t.p)) est /= ctx.stats.predicates();
  return est;
}

double path_estimate(const Node& n, const Bits& bound) {
  auto fixed = [&](const algebra::PatternTerm& x) { return !x.is_var() || has(bound, x.var); };
  const bool s = fixed(n.subject);
  const bool o = fixed(n.object);
  if (s && o) return 1;
  if (s || o) return 10;
  return 1000;
}

/// `estimate` once the node's mask is applied to `bound`; copies the bound set only where
/// the node adds to it (a Seq).
double estimate_in_scope(const Node& n, const Bits& bound, PassContext& ctx) {
  switch (n.kind) {
    case NodeKind::kScan:
      return scan_estimate(n, bound, ctx);
    case NodeKind::kPath:
      return path_estimate(n, bound);
    case NodeKind::kSeq: {
      double est = 1;
      Bits inner = bound;
      for (const auto& c : n.children) {
        est *= estimate(*c, inner, ctx);
        unite(inner, c->certain);
      }
      return est;
    }
    case NodeKind::kFilter:
      return 0.5;
    case NodeKind::kExtend:
      return 1;
    case NodeKind::kValues:
      return covers(bound, n.slots) ? std::min<double>(1, static_cast<double>(n.row_count))
                                    : static_cast<double>(n.row_count);
    case NodeKind::kUnion:
      return estimate(*n.children[0], bound, ctx) + estimate(*n.children[1], bound, ctx);
    case NodeKind::kLeftJoin: {
      const double left = estimate(*n.children[0], bound, ctx);
      Bits inner = bound;
      unite(inner, n.children[0]->certain);
      return left * std::max(1.0, estimate(*n.children[1], inner, ctx));
    }
    case NodeKind::kMinus:
      return estimate(*n.children[0], bound, ctx);
    case NodeKind::kGraph: {
      Bits inner = bound;
      set(inner, n.slots.empty() ? n.graph.var : n.slots[0]);
      const double graphs =
          has(bound, n.graph.var) ? 1 : static_cast<double>(ctx.graphs.named_graphs.size());
      return graphs * estimate(*n.children[0], inner, ctx);
    }
    case NodeKind::kMaterialize: {
      Bits none(ctx.width, false);
      if (n.graph.mode == GraphRef::Mode::kVariable) set(none, n.graph.var);
      const double rows = estimate(*n.children[0], none, ctx);
      return n.slots.empty() ? rows : std::max(1.0, rows / 100);
    }
    case NodeKind::kGroup:
      return n.slots.empty() ? 1 : std::max(1.0, estimate(*n.children[0], bound, ctx) / 10);
    case NodeKind::kOrderBy:
    case NodeKind::kProject:
    case NodeKind::kDistinct:
      return estimate(*n.children[0], bound, ctx);
    case NodeKind::kSlice: {
      const double rows = estimate(*n.children[0], bound, ctx);
      const double after = std::max(0.0, rows - static_cast<double>(n.offset));
      return n.limit == algebra::kNoLimit ? after : std::min(after, static_cast<double>(n.limit));
    }
    case NodeKind::kEmpty:
      return 0;
    case NodeKind::kIntersect: {
      Bits inner = bound;
      unite(inner, n.children[0]->certain);
      return estimate(*n.children[0], bound, ctx) * estimate(*n.children[1], inner, ctx);
    }
  }
  return 1;
}

}  // namespace

double estimate(const Node& n, const Bits& bound_in, PassContext& ctx) {
  if (n.mask.empty()) return estimate_in_scope(n, bound_in, ctx);
  Bits bound = bound_in;
  for (Slot m : n.mask) {
    if (has(bound, m)) bound[static_cast<std::size_t>(m)] = false;
  }
  return estimate_in_scope(n, bound, ctx);
}

void walk(Node& n, const Bits& bound_in, const std::function<void(Node&, const Bits&)>& fn) {
  Bits bound = bound_in;
  for (Slot m : n.mask) {
    if (has(bound, m)) bound[static_cast<std::size_t>(m)] = false;
  }
  fn(n, bound);
  switch (n.kind) {
    case NodeKind::kSeq:
      for (auto& c : n.children) {
        walk(*c, bound, fn);
        unite(bound, c->certain);
      }
      return;
    case NodeKind::kLeftJoin: {
      walk(*n.children[0], bound, fn);
      Bits inner = bound;
      unite(inner, n.children[0]->certain);
      walk(*n.children[1], inner, fn);
      return;
    }
    case NodeKind::kMinus: {
      walk(*n.children[0], bound, fn);
      Bits inner = bound;
      unite(inner, n.children[0]->certain);
      walk(*n.children[1], inner, fn);
      return;
    }
    case NodeKind::kGraph: {
      Bits inner = bound;
      set(inner, n.slots.empty() ? n.graph.var : n.slots[0]);
      walk(*n.children[0], inner, fn);
      return;
    }
    case NodeKind::kMaterialize: {
      Bits none(bound.size(), false);
      if (n.graph.mode == GraphRef::Mode::kVariable) set(none, n.graph.var);
      walk(*n.children[0], none, fn);
      return;
    }
    default:
      for (auto& c : n.children) walk(*c, bound, fn);
      return;
  }
}

}  // namespace kennis::sparql::planner::detail
