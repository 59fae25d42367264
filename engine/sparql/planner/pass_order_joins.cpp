// Pass "order-joins": orders the join elements of each Seq greedily. The first element is
// the one with the smallest estimated cardinality; each next one is, among the elements that
// share a variable with what is already bound, the one with the smallest estimate given those
// bindings (an element sharing nothing is a cross product and comes last). FILTER and BIND
// steps keep their relative order and go to the end; push-filters places them.
//
// A triple pattern that binds nothing new is a test. Its pass rate is measured on a sample of
// the values the pattern that bound its variable produces (`?Z rdf:type :Course` after
// `?Y :teacherOf ?Z` passes every course); a test that nearly always passes cuts no rows but
// costs a lookup per row, so it waits until the elements that do cut rows have run.
#include "sparql/planner/passes.hpp"

#include <limits>
#include <map>

namespace kennis::sparql::planner::detail {

namespace {

constexpr std::size_t kSample = 128;
constexpr double kUselessTest = 0.8;

/// For a scan that binds nothing new and has one variable ?v (given `bound`), the share of a
/// sample of ?v's values from `binder` (the scan that bound ?v) that pass it; -1 if it cannot
/// be measured.
double test_pass_rate(const Node& test, const Bits& bound, const Node* binder, PassContext& ctx) {
  if (binder == nullptr || binder->kind != NodeKind::kScan || test.kind != NodeKind::kScan ||
      test.graph.mode != GraphRef::Mode::kDefault ||
      binder->graph.mode != GraphRef::Mode::kDefault || ctx.graphs.default_graphs.size() != 1) {
    return -1;
  }
  Slot v = kNoSlot;
  for (const auto* t : {&test.triple.s, &test.triple.p, &test.triple.o}) {
    if (!t->is_var()) continue;
    if (!has(bound, t->var)) return -1;
    if (v != kNoSlot && v != t->var) return -1;
    v = t->var;
  }
  if (v == kNoSlot) return -1;
  const auto& b = binder->triple;
  const bool from_subject = b.s.is_var() && b.s.var == v;
  const bool from_object = b.o.is_var() && b.o.var == v;
  if (from_subject == from_object) return -1;
  auto constant = [](const algebra::PatternTerm& x) { return x.is_var() ? kNoTerm : x.term; };
  const TermId g = ctx.graphs.default_graphs.front();
  std::vector<TermId> values;
  ctx.stats.store().for_each(store::Pattern{constant(b.s), constant(b.p), constant(b.o), g},
                             [&](const store::Quad& q) {
                               const TermId x = from_subject ? q.s : q.o;
                               if (values.empty() || values.back() != x) values.push_back(x);
                               return values.size() < kSample;
                             });
  if (values.empty()) return -1;
  std::size_t pass = 0;
  for (TermId x : values) {
    auto value = [&](const algebra::PatternTerm& t) { return t.is_var() ? x : t.term; };
    pass += ctx.stats.store().contains(
        store::Quad{value(test.triple.s), value(test.triple.p), value(test.triple.o), g});
  }
  return static_cast<double>(pass) / static_cast<double>(values.size());
}

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
  std::map<Slot, const Node*> binder;  // the scan that first bound each slot
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
      if (c.kind == NodeKind::kScan && covers(bound, [&] {
            std::vector<Slot> vars;
            for (const auto* t : {&c.triple.s, &c.triple.p, &c.triple.o}) {
              if (t->is_var()) vars.push_back(t->var);
            }
            return vars;
          }())) {
        Slot v = kNoSlot;
        for (const auto* t : {&c.triple.s, &c.triple.p, &c.triple.o}) {
          if (t->is_var()) v = t->var;
        }
        auto it = binder.find(v);
        const double rate =
            test_pass_rate(c, bound, it == binder.end() ? nullptr : it->second, ctx);
        if (rate > kUselessTest) score = 1e5;  // after every element that cuts rows
      }
      if (score < best_score) {
        best_score = score;
        best = i;
      }
    }
    for (std::size_t i = 0; i < joins[best]->certain.size(); ++i) {
      const auto slot = static_cast<Slot>(i);
      if (joins[best]->certain[i] && !has(bound, slot)) binder.emplace(slot, joins[best].get());
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
