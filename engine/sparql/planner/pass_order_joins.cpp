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
//
// Cost: an element's score is computed again only when a slot it reads has just been bound,
// so ordering n elements takes O(n^2) comparisons and O(n + occurrences of variables)
// estimates, where recomputing every score in every round took O(n^2) estimates of O(n) bits
// each. docs/internals/sparql.md.
#include "sparql/planner/passes.hpp"

#include <algorithm>
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

/// Every slot whose binding `estimate` (or the test check) may read anywhere in `n`: what
/// must be bound or unbound for `n`'s score to change.
void read_slots(const Node& n, std::vector<Slot>& out) {
  for (std::size_t i = 0; i < n.possible.size(); ++i) {
    if (n.possible[i]) out.push_back(static_cast<Slot>(i));
  }
  for (const auto* t : {&n.triple.s, &n.triple.p, &n.triple.o, &n.subject, &n.object}) {
    if (t->is_var()) out.push_back(t->var);
  }
  if (n.graph.var != kNoSlot) out.push_back(n.graph.var);
  out.insert(out.end(), n.slots.begin(), n.slots.end());
  for (const auto& c : n.children) read_slots(*c, out);
}

/// The score of join element `c` as the next step given `bound` (lower runs first).
double join_score(const Node& c, const Bits& bound, bool any_bound,
                  const std::map<Slot, const Node*>& binder, PassContext& ctx) {
  double score = estimate(c, bound, ctx);
  bool has_vars = false;
  for (bool b : c.possible) has_vars = has_vars || b;
  const bool connected = !any_bound || !has_vars || intersects(c.possible, bound);
  if (!connected && score > 1) score = score * 1e6 + 1e6;
  if (c.kind != NodeKind::kScan) return score;
  Slot v = kNoSlot;
  for (const auto* t : {&c.triple.s, &c.triple.p, &c.triple.o}) {
    if (!t->is_var()) continue;
    if (!has(bound, t->var)) return score;  // binds something new: not a test
    v = t->var;
  }
  auto it = binder.find(v);
  const double rate = test_pass_rate(c, bound, it == binder.end() ? nullptr : it->second, ctx);
  if (rate > kUselessTest) score = 1e5;  // after every element that cuts rows
  return score;
}

// Each round takes the element with the lowest score (the first of equals). A score depends
// only on which of the slots its element reads are bound, so it is kept between rounds and
// computed again only when one of those slots has just been bound: a round costs one
// comparison per remaining element, and the whole order O(n^2) comparisons plus O(n)
// estimates for n elements, instead of n estimates per round.
void order_seq(Node& seq, const Bits& bound_in, PassContext& ctx) {
  struct Element {
    NodePtr node;
    double score = 0;
    bool stale = true;
  };
  std::vector<Element> joins;
  std::vector<NodePtr> steps;
  for (auto& c : seq.children) {
    if (is_floating(*c)) {
      steps.push_back(std::move(c));
    } else {
      joins.push_back(Element{std::move(c)});
    }
  }
  seq.children.clear();
  // readers[slot]: the elements whose score reads that slot.
  std::vector<std::vector<std::size_t>> readers;
  for (std::size_t i = 0; i < joins.size(); ++i) {
    std::vector<Slot> slots;
    read_slots(*joins[i].node, slots);
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    for (Slot s : slots) {
      if (s < 0) continue;
      const auto k = static_cast<std::size_t>(s);
      if (k >= readers.size()) readers.resize(k + 1);
      readers[k].push_back(i);
    }
  }
  Bits bound = bound_in;
  bool any_bound = false;
  for (bool b : bound) any_bound = any_bound || b;
  std::map<Slot, const Node*> binder;           // the scan that first bound each slot
  std::vector<std::size_t> left(joins.size());  // the elements not placed yet, in order
  for (std::size_t i = 0; i < left.size(); ++i) left[i] = i;
  while (!left.empty()) {
    std::size_t best = 0;
    double best_score = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < left.size(); ++k) {
      Element& e = joins[left[k]];
      if (e.stale) {
        e.score = join_score(*e.node, bound, any_bound, binder, ctx);
        e.stale = false;
      }
      if (e.score < best_score) {
        best_score = e.score;
        best = k;
      }
    }
    Node& chosen = *joins[left[best]].node;
    const bool was_any_bound = any_bound;
    for (std::size_t i = 0; i < chosen.certain.size(); ++i) {
      const auto slot = static_cast<Slot>(i);
      if (!chosen.certain[i] || has(bound, slot)) continue;
      binder.emplace(slot, &chosen);
      any_bound = true;
      if (i < readers.size()) {
        for (std::size_t r : readers[i]) joins[r].stale = true;
      }
    }
    unite(bound, chosen.certain);
    if (any_bound != was_any_bound) {
      for (Element& e : joins) e.stale = true;
    }
    seq.children.push_back(std::move(joins[left[best]].node));
    left.erase(left.begin() + static_cast<std::ptrdiff_t>(best));
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
