// The lowering pass: algebra -> physical nodes. See planner.hpp for what each node means and
// plan.hpp for the seed-row contract that the masks computed here preserve.
#include "sparql/planner/passes.hpp"

#include <algorithm>

namespace kennis::sparql::planner::detail {

using algebra::Op;
using algebra::OpKind;

bool is_floating(const Node& n) {
  return n.kind == NodeKind::kFilter || n.kind == NodeKind::kExtend;
}

const std::vector<Slot>& step_reads(const Node& n) { return n.exprs[0]->reads; }

namespace {

void mark_term(Node& n, const algebra::PatternTerm& t) {
  if (t.is_var()) {
    set(n.certain, t.var);
    set(n.possible, t.var);
  }
}

}  // namespace

void analyze(Node& n, std::size_t width) {
  n.certain.assign(width, false);
  n.possible.assign(width, false);
  auto child_sets = [&](std::size_t i) -> const Node& { return *n.children[i]; };
  switch (n.kind) {
    case NodeKind::kScan:
      mark_term(n, n.triple.s);
      mark_term(n, n.triple.p);
      mark_term(n, n.triple.o);
      if (n.graph.mode == GraphRef::Mode::kVariable) {
        set(n.certain, n.graph.var);
        set(n.possible, n.graph.var);
      }
      return;
    case NodeKind::kPath:
      mark_term(n, n.subject);
      mark_term(n, n.object);
      if (n.graph.mode == GraphRef::Mode::kVariable) {
        set(n.certain, n.graph.var);
        set(n.possible, n.graph.var);
      }
      return;
    case NodeKind::kSeq:
      for (const auto& c : n.children) {
        unite(n.certain, c->certain);
        unite(n.possible, c->possible);
      }
      return;
    case NodeKind::kFilter:
      return;
    case NodeKind::kExtend:
      set(n.possible, n.slots[0]);
      return;
    case NodeKind::kValues: {
      const std::size_t w = n.slots.size();
      for (std::size_t c = 0; c < w; ++c) {
        bool all = n.row_count > 0;
        bool any = false;
        for (std::size_t r = 0; r < n.row_count; ++r) {
          if (n.rows[r * w + c] == kNoTerm) {
            all = false;
          } else {
            any = true;
          }
        }
        if (any) set(n.possible, n.slots[c]);
        if (all) set(n.certain, n.slots[c]);
      }
      return;
    }
    case NodeKind::kUnion: {
      const Node& a = child_sets(0);
      const Node& b = child_sets(1);
      for (std::size_t i = 0; i < width; ++i) {
        n.certain[i] = has(a.certain, static_cast<Slot>(i)) && has(b.certain, static_cast<Slot>(i));
      }
      unite(n.possible, a.possible);
      unite(n.possible, b.possible);
      return;
    }
    case NodeKind::kLeftJoin:
      n.certain = child_sets(0).certain;
      n.possible = child_sets(0).possible;
      unite(n.possible, child_sets(1).possible);
      return;
    case NodeKind::kMinus:
    case NodeKind::kMaterialize:
    case NodeKind::kOrderBy:
    case NodeKind::kDistinct:
    case NodeKind::kSlice:
      n.certain = child_sets(0).certain;
      n.possible = child_sets(0).possible;
      return;
    case NodeKind::kGraph:
      n.certain = child_sets(0).certain;
      n.possible = child_sets(0).possible;
      set(n.certain, n.graph.var);
      set(n.possible, n.graph.var);
      return;
    case NodeKind::kGroup: {
      const Node& c = child_sets(0);
      for (std::size_t k = 0; k < n.slots.size(); ++k) {
        set(n.possible, n.slots[k]);
        const int v = n.exprs[k]->code.variable_slot();
        if (v >= 0 && v == n.slots[k] && has(c.certain, v)) set(n.certain, v);
      }
      for (const auto& a : n.aggregates) {
        set(n.possible, a.slot);
        if (a.aggregate.kind() == expr::AggregateKind::kCount) set(n.certain, a.slot);
      }
      return;
    }
    case NodeKind::kProject: {
      const Node& c = child_sets(0);
      for (Slot s : n.slots) {
        if (has(c.certain, s)) set(n.certain, s);
        if (has(c.possible, s)) set(n.possible, s);
      }
      return;
    }
    case NodeKind::kEmpty:
      return;
    case NodeKind::kIntersect:
      for (const auto& c : n.children) {
        unite(n.certain, c->certain);
        unite(n.possible, c->possible);
      }
      return;
  }
}

namespace {

struct LowerCtx {
  GraphRef graph;
  bool substitute = false;  ///< EXISTS patterns: the seed row is substituted, never masked
};

class Lowerer {
 public:
  Lowerer(const algebra::Query& q, const DatasetGraphs& graphs, Plan& plan,
          std::vector<Bits>& exists_bound)
      : q_(q), graphs_(graphs), plan_(plan), exists_bound_(exists_bound), width_(plan.width) {}

  NodePtr finish(NodePtr n) {
    analyze(*n, width_);
    return n;
  }

  NodePtr empty() { return finish(Node::make(NodeKind::kEmpty)); }

  /// `n` as a Seq that may be extended with steps (a new Seq around it if needed).
  NodePtr as_seq(NodePtr n) {
    if (n->kind == NodeKind::kSeq && n->mask.empty()) return n;
    auto seq = Node::make(NodeKind::kSeq);
    seq->children.push_back(std::move(n));
    return seq;
  }

  void add_to_seq(Node& seq, NodePtr child) {
    if (child->kind == NodeKind::kSeq && child->mask.empty()) {
      for (auto& c : child->children) seq.children.push_back(std::move(c));
    } else {
      seq.children.push_back(std::move(child));
    }
  }

  std::vector<Slot> mask_of(const Bits& reads, const Bits& certain, const LowerCtx& ctx) {
    std::vector<Slot> mask;
    if (ctx.substitute) return mask;
    for (std::size_t i = 0; i < reads.size(); ++i) {
      if (reads[i] && !has(certain, static_cast<Slot>(i))) mask.push_back(static_cast<Slot>(i));
    }
    return mask;
  }

  void lower_exists(const algebra::ExprRef& e, const LowerCtx& ctx, const Bits& certain) {
    lower_exists(e->exists, ctx, certain);
  }
  void lower_exists(const std::vector<int>& exists, const LowerCtx& ctx, const Bits& certain) {
    for (int idx : exists) {
      const auto i = static_cast<std::size_t>(idx);
      LowerCtx sub = ctx;
      sub.substitute = true;
      plan_.exists[i] = lower(*q_.exists[i].op, sub, false);
      exists_bound_[i] = certain;
    }
  }

  NodePtr materialize(NodePtr child, const LowerCtx& ctx) {
    auto m = Node::make(NodeKind::kMaterialize);
    if (ctx.graph.mode == GraphRef::Mode::kVariable) m->graph = ctx.graph;
    m->state = plan_.states++;
    m->children.push_back(std::move(child));
    return finish(std::move(m));
  }

  NodePtr lower(const Op& op, const LowerCtx& ctx, bool top) {
    switch (op.kind) {
      case OpKind::kBgp: {
        if (ctx.graph.mode == GraphRef::Mode::kConstant && !graphs_.is_named(ctx.graph.term)) {
          return empty();
        }
        auto seq = Node::make(NodeKind::kSeq);
        for (const auto& t : op.triples) {
          auto scan = Node::make(NodeKind::kScan);
          scan->triple = t;
          scan->graph = ctx.graph;
          seq->children.push_back(finish(std::move(scan)));
        }
        return finish(std::move(seq));
      }
      case OpKind::kPath: {
        if (ctx.graph.mode == GraphRef::Mode::kConstant && !graphs_.is_named(ctx.graph.term)) {
          return empty();
        }
        auto n = Node::make(NodeKind::kPath);
        n->subject = op.subject;
        n->object = op.object;
        n->path = op.path;
        n->graph = ctx.graph;
        return finish(std::move(n));
      }
      case OpKind::kJoin: {
        auto seq = Node::make(NodeKind::kSeq);
        for (const auto& a : op.args) add_to_seq(*seq, lower(*a, ctx, false));
        return finish(std::move(seq));
      }
      case OpKind::kLeftJoin: {
        auto n = Node::make(NodeKind::kLeftJoin);
        NodePtr left = lower(*op.args[0], ctx, false);
        NodePtr right = lower(*op.args[1], ctx, false);
        Bits reads = right->possible;
        for (const auto& e : op.exprs) {
          for (Slot s : e->reads) set(reads, s);
          Bits both = left->certain;
          unite(both, right->possible);
          lower_exists(e, ctx, both);
        }
        n->mask = mask_of(reads, left->certain, ctx);
        n->exprs = op.exprs;
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(right));
        return finish(std::move(n));
      }
      case OpKind::kFilter: {
        NodePtr child = lower(*op.args[0], ctx, top);
        const Bits certain = child->certain;
        auto seq = as_seq(std::move(child));
        Bits reads;
        for (const auto& e : op.exprs) {
          for (Slot s : e->reads) set(reads, s);
          lower_exists(e, ctx, certain);
          auto f = Node::make(NodeKind::kFilter);
          f->exprs.push_back(e);
          seq->children.push_back(finish(std::move(f)));
        }
        seq->mask = mask_of(reads, certain, ctx);
        return finish(std::move(seq));
      }
      case OpKind::kUnion: {
        auto n = Node::make(NodeKind::kUnion);
        n->children.push_back(lower(*op.args[0], ctx, false));
        n->children.push_back(lower(*op.args[1], ctx, false));
        return finish(std::move(n));
      }
      case OpKind::kMinus: {
        auto n = Node::make(NodeKind::kMinus);
        NodePtr left = lower(*op.args[0], ctx, false);
        NodePtr right = materialize(lower(*op.args[1], ctx, true), ctx);
        n->mask = mask_of(right->possible, left->certain, ctx);
        n->state = plan_.states++;
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(right));
        return finish(std::move(n));
      }
      case OpKind::kGraph: {
        LowerCtx inner = ctx;
        const bool renamed = !op.slots.empty();
        if (op.graph.is_var()) {
          inner.graph =
              GraphRef{GraphRef::Mode::kVariable, kNoTerm, renamed ? op.slots[0] : op.graph.var};
        } else {
          if (!graphs_.is_named(op.graph.term)) return empty();
          inner.graph = GraphRef{GraphRef::Mode::kConstant, op.graph.term, kNoSlot};
        }
        NodePtr child = lower(*op.args[0], inner, false);
        if (!op.graph.is_var() || (!renamed && has(child->certain, op.graph.var))) return child;
        auto n = Node::make(NodeKind::kGraph);
        n->graph = GraphRef{GraphRef::Mode::kVariable, kNoTerm, op.graph.var};
        if (renamed) n->slots.push_back(op.slots[0]);
        n->children.push_back(std::move(child));
        return finish(std::move(n));
      }
      case OpKind::kExtend: {
        NodePtr child = lower(*op.args[0], ctx, top);
        const Bits certain = child->certain;
        auto seq = as_seq(std::move(child));
        Bits reads;
        for (Slot s : op.exprs[0]->reads) set(reads, s);
        lower_exists(op.exprs[0], ctx, certain);
        auto e = Node::make(NodeKind::kExtend);
        e->exprs = op.exprs;
        e->slots = op.slots;
        seq->children.push_back(finish(std::move(e)));
        seq->mask = mask_of(reads, certain, ctx);
        return finish(std::move(seq));
      }
      case OpKind::kValues: {
        auto n = Node::make(NodeKind::kValues);
        n->slots = op.slots;
        n->rows = op.rows;
        n->row_count = op.row_count;
        return finish(std::move(n));
      }
      case OpKind::kGroup:
      case OpKind::kOrderBy:
      case OpKind::kProject:
      case OpKind::kDistinct:
      case OpKind::kReduced:
      case OpKind::kSlice:
        break;
    }
    // Solution modifiers: evaluated once without a seed when inside a pattern (subquery).
    if (!top) return materialize(lower(op, ctx, true), ctx);
    NodePtr n;
    switch (op.kind) {
      case OpKind::kGroup: {
        n = Node::make(NodeKind::kGroup);
        NodePtr child = lower(*op.args[0], ctx, true);
        for (const auto& e : op.exprs) lower_exists(e, ctx, child->certain);
        for (const auto& a : op.aggregates) lower_exists(a.exists, ctx, child->certain);
        n->exprs = op.exprs;
        n->slots = op.slots;
        n->aggregates = op.aggregates;
        n->children.push_back(std::move(child));
        break;
      }
      case OpKind::kOrderBy: {
        n = Node::make(NodeKind::kOrderBy);
        NodePtr child = lower(*op.args[0], ctx, true);
        for (const auto& k : op.order) lower_exists(k.expr, ctx, child->certain);
        n->order = op.order;
        n->children.push_back(std::move(child));
        break;
      }
      case OpKind::kProject:
        n = Node::make(NodeKind::kProject);
        n->slots = op.slots;
        n->children.push_back(lower(*op.args[0], ctx, true));
        break;
      case OpKind::kDistinct:
      case OpKind::kReduced:
        n = Node::make(NodeKind::kDistinct);
        n->slots = op.slots;
        n->children.push_back(lower(*op.args[0], ctx, true));
        break;
      default:  // kSlice
        n = Node::make(NodeKind::kSlice);
        n->offset = op.offset;
        n->limit = op.limit;
        n->children.push_back(lower(*op.args[0], ctx, true));
        break;
    }
    return finish(std::move(n));
  }

 private:
  const algebra::Query& q_;
  const DatasetGraphs& graphs_;
  Plan& plan_;
  std::vector<Bits>& exists_bound_;
  std::size_t width_;
};

}  // namespace

void lower(const algebra::Query& q, const DatasetGraphs& graphs, Plan& plan,
           std::vector<Bits>& exists_bound) {
  plan.width = q.vars.size();
  plan.exists.resize(q.exists.size());
  exists_bound.assign(q.exists.size(), Bits(plan.width, false));
  Lowerer l(q, graphs, plan, exists_bound);
  plan.root = l.lower(*q.root, LowerCtx{}, true);
}

}  // namespace kennis::sparql::planner::detail
