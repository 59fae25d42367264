#include "sparql/exec/executor.hpp"

#include "expr/aggregate.hpp"
#include "sparql/exec/path_eval.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>

namespace kennis::sparql::exec {

using algebra::kNoSlot;
using algebra::PatternTerm;
using algebra::Slot;
using planner::GraphRef;
using planner::NodeKind;

// ---- row buffers -------------------------------------------------------------------------

/// Row buffers used strictly last-in first-out (they follow the recursion of run()).
class Executor::RowPool {
 public:
  explicit RowPool(std::size_t width) : width_(std::max<std::size_t>(1, width)) {}
  TermId* acquire() {
    if (top_ == rows_.size()) rows_.push_back(std::make_unique<TermId[]>(width_));
    return rows_[top_++].get();
  }
  void release() { --top_; }

 private:
  std::size_t width_;
  std::vector<std::unique_ptr<TermId[]>> rows_;
  std::size_t top_ = 0;
};

namespace {

/// A borrowed row buffer, returned when the guard ends.
template <class Pool>
struct Borrowed {
  explicit Borrowed(Pool& p) : pool(p), row(p.acquire()) {}
  ~Borrowed() { pool.release(); }
  Borrowed(const Borrowed&) = delete;
  Borrowed& operator=(const Borrowed&) = delete;
  Pool& pool;
  TermId* row;
};

inline std::uint64_t mix(std::uint64_t h, TermId v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  return h;
}

std::uint64_t key_hash(const TermId* row, const std::vector<Slot>& keys) {
  std::uint64_t h = 0;
  for (Slot k : keys) h = mix(h, row[k]);
  return h;
}

/// Hash set of row keys (the values of some slots), stored in one arena.
class RowSet {
 public:
  explicit RowSet(std::size_t width) : width_(width), set_(16, Hash{this}, Eq{this}) {}
  /// Inserts the key; true iff it was new.
  bool insert(const TermId* key) {
    const std::size_t idx = arena_.size() / std::max<std::size_t>(1, width_);
    arena_.insert(arena_.end(), key, key + width_);
    if (width_ == 0) {
      if (any_) return false;
      any_ = true;
      return true;
    }
    if (set_.insert(idx).second) return true;
    arena_.resize(arena_.size() - width_);
    return false;
  }

 private:
  struct Hash {
    const RowSet* self;
    std::size_t operator()(std::size_t idx) const {
      std::uint64_t h = 0;
      for (std::size_t i = 0; i < self->width_; ++i)
        h = mix(h, self->arena_[idx * self->width_ + i]);
      return static_cast<std::size_t>(h);
    }
  };
  struct Eq {
    const RowSet* self;
    bool operator()(std::size_t a, std::size_t b) const {
      return std::memcmp(&self->arena_[a * self->width_], &self->arena_[b * self->width_],
                         self->width_ * sizeof(TermId)) == 0;
    }
  };
  std::size_t width_;
  std::vector<TermId> arena_;
  std::unordered_set<std::size_t, Hash, Eq> set_;
  bool any_ = false;
};

}  // namespace

// ---- materialised tables -----------------------------------------------------------------

struct Executor::Table {
  std::vector<TermId> cells;
  std::size_t rows = 0;
  std::vector<Slot> keys;
  std::vector<Slot> bound;  // slots bound in at least one row
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index;
  const TermId* row(std::size_t i, std::size_t width) const { return cells.data() + i * width; }
};

struct Executor::State {
  std::unordered_map<TermId, Table> tables;  // by the seed's graph variable value
};

Executor::Executor(const planner::Plan& plan, const algebra::Query& query,
                   const store::QuadStore& store, rdf::Dictionary& dict,
                   const planner::DatasetGraphs& graphs, const expr::EvalOptions& options)
    : plan_(plan),
      store_(store),
      graphs_(graphs),
      width_(plan.width),
      eval_(dict, options),
      pool_(std::make_unique<RowPool>(plan.width)) {
  states_.resize(static_cast<std::size_t>(plan.states));
  for (std::size_t i = 0; i < query.exists.size(); ++i) {
    exists_index_.emplace(query.exists[i].handle.get(), i);
  }
  eval_.exists = [this](const expr::Exists& e, expr::Row row) { return exists(e, row); };
}

Executor::~Executor() = default;

bool Executor::run(Sink& sink) {
  Borrowed b(*pool_);
  std::fill(b.row, b.row + std::max<std::size_t>(1, width_), kNoTerm);
  return run(*plan_.root, b.row, sink);
}

bool Executor::exists(const expr::Exists& e, expr::Row row) {
  auto it = exists_index_.find(e.pattern.get());
  if (it == exists_index_.end() || !plan_.exists[it->second]) return false;
  Borrowed b(*pool_);
  std::copy(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(width_), b.row);
  bool found = false;
  FnSink stop([&](const TermId*) {
    found = true;
    return false;
  });
  run(*plan_.exists[it->second], b.row, stop);
  return found;
}

// ---- dispatch ----------------------------------------------------------------------------

bool Executor::run(const Node& n, TermId* row, Sink& out) {
  for (Slot m : n.mask) {
    if (row[m] != kNoTerm) return run_masked(n, row, out);
  }
  return run_node(n, row, out);
}

bool Executor::run_masked(const Node& n, TermId* row, Sink& out) {
  // The node must not see these seed bindings (scoping); its rows are joined with them after.
  std::vector<std::pair<Slot, TermId>> saved;
  for (Slot m : n.mask) {
    if (row[m] != kNoTerm) {
      saved.emplace_back(m, row[m]);
      row[m] = kNoTerm;
    }
  }
  Borrowed buf(*pool_);
  FnSink sink([&](const TermId* r) {
    std::copy(r, r + width_, buf.row);
    for (const auto& [slot, value] : saved) {
      if (buf.row[slot] != kNoTerm && buf.row[slot] != value) return true;
      buf.row[slot] = value;
    }
    return out.push(buf.row);
  });
  const bool ok = run_node(n, row, sink);
  for (const auto& [slot, value] : saved) row[slot] = value;
  return ok;
}

bool Executor::run_node(const Node& n, TermId* row, Sink& out) {
  auto emit = [&] { return out.push(row); };
  switch (n.kind) {
    case NodeKind::kScan:
      return scan(n, row, emit);
    case NodeKind::kPath:
      return path(n, row, emit);
    case NodeKind::kSeq:
      return run_seq(n, 0, row, out);
    case NodeKind::kFilter:
      for (const auto& e : n.exprs) {
        if (!e->code.filter(expr::Row(row, width_), eval_)) return true;
      }
      return out.push(row);
    case NodeKind::kExtend:
      return extend(n, row, emit);
    case NodeKind::kValues:
      return values(n, row, emit);
    case NodeKind::kUnion:
      return run(*n.children[0], row, out) && run(*n.children[1], row, out);
    case NodeKind::kLeftJoin:
      return left_join(n, row, out);
    case NodeKind::kMinus:
      return minus(n, row, out);
    case NodeKind::kGraph:
      return graph(n, row, out);
    case NodeKind::kMaterialize:
      return materialize(n, row, out);
    case NodeKind::kGroup:
      return group(n, row, out);
    case NodeKind::kOrderBy:
      return order_by(n, row, out);
    case NodeKind::kProject:
      return project(n, row, out);
    case NodeKind::kDistinct:
      return distinct(n, row, out);
    case NodeKind::kSlice:
      return slice(n, row, out);
    case NodeKind::kEmpty:
      return true;
    case NodeKind::kIntersect:
      return intersect(n, row, emit);
  }
  return true;
}

bool Executor::run_seq(const Node& seq, std::size_t i, TermId* row, Sink& out) {
  if (i == seq.children.size()) return out.push(row);
  const Node& step = *seq.children[i];
  auto next = [&] { return run_seq(seq, i + 1, row, out); };
  switch (step.kind) {
    case NodeKind::kScan:
      return scan(step, row, next);
    case NodeKind::kFilter:
      for (const auto& e : step.exprs) {
        if (!e->code.filter(expr::Row(row, width_), eval_)) return true;
      }
      return next();
    case NodeKind::kExtend:
      return extend(step, row, next);
    case NodeKind::kPath:
      return path(step, row, next);
    case NodeKind::kIntersect:
      return intersect(step, row, next);
    case NodeKind::kValues:
      return values(step, row, next);
    default: {
      Borrowed buf(*pool_);
      FnSink chain([&](const TermId* r) {
        std::copy(r, r + width_, buf.row);
        return run_seq(seq, i + 1, buf.row, out);
      });
      return run(step, row, chain);
    }
  }
}

// ---- scans -------------------------------------------------------------------------------

const TermId* Executor::graphs_for(const GraphRef& g, const TermId* row, std::size_t& count,
                                   Slot& bind) {
  bind = kNoSlot;
  switch (g.mode) {
    case GraphRef::Mode::kDefault:
      count = graphs_.default_graphs.size();
      return graphs_.default_graphs.data();
    case GraphRef::Mode::kConstant:
      count = 1;
      return &g.term;
    case GraphRef::Mode::kVariable:
      if (row[g.var] != kNoTerm) {
        count = graphs_.is_named(row[g.var]) ? 1 : 0;
        return &row[g.var];
      }
      bind = g.var;
      count = graphs_.named_graphs.size();
      return graphs_.named_graphs.data();
  }
  count = 0;
  return nullptr;
}

template <class K>
bool Executor::scan(const Node& n, TermId* row, K&& k) {
  std::size_t graph_count = 0;
  Slot graph_slot = kNoSlot;
  const TermId* graphs = graphs_for(n.graph, row, graph_count, graph_slot);
  if (graph_slot != kNoSlot) {
    // GRAPH ?g with ?g unbound: the pattern in each named graph, ?g bound to its name.
    for (std::size_t i = 0; i < graph_count; ++i) {
      row[graph_slot] = graphs[i];
      const TermId g = graphs[i];
      if (!scan_in(n, row, &g, 1, k)) {
        row[graph_slot] = kNoTerm;
        return false;
      }
    }
    row[graph_slot] = kNoTerm;
    return true;
  }
  return scan_in(n, row, graphs, graph_count, k);
}

template <class K>
bool Executor::scan_in(const Node& n, TermId* row, const TermId* graphs, std::size_t graph_count,
                       K& k) {
  const auto& t = n.triple;
  auto value = [row](const PatternTerm& x) { return x.is_var() ? row[x.var] : x.term; };
  const TermId s = value(t.s);
  const TermId p = value(t.p);
  const TermId o = value(t.o);
  const Slot ss = t.s.is_var() && s == kNoTerm ? t.s.var : kNoSlot;
  const Slot ps = t.p.is_var() && p == kNoTerm ? t.p.var : kNoSlot;
  const Slot os = t.o.is_var() && o == kNoTerm ? t.o.var : kNoSlot;
  const bool repeated = (ss != kNoSlot && (ss == ps || ss == os)) || (ps != kNoSlot && ps == os);
  const bool disjoint = graphs_.disjoint_defaults && n.graph.mode == GraphRef::Mode::kDefault;
  if (ss == kNoSlot && ps == kNoSlot && os == kNoSlot) {
    // Every position bound: a membership test (one binary search) instead of a range scan.
    for (std::size_t gi = 0; gi < graph_count; ++gi) {
      if (store_.contains({s, p, o, graphs[gi]})) return k();
    }
    return true;
  }
  bool ok = true;
  for (std::size_t gi = 0; gi < graph_count && ok; ++gi) {
    const TermId g = graphs[gi];
    auto on_quad = [&](const store::Quad& q) -> bool {
      ticker_.tick();
      for (std::size_t j = 0; j < gi && !disjoint; ++j) {
        // The default graph is the merge of several graphs: report each triple once.
        if (store_.contains({q.s, q.p, q.o, graphs[j]})) return true;
      }
      if (repeated) {
        if (ss != kNoSlot && ss == ps && q.s != q.p) return true;
        if (ss != kNoSlot && ss == os && q.s != q.o) return true;
        if (ps != kNoSlot && ps == os && q.p != q.o) return true;
      }
      if (ss != kNoSlot) row[ss] = q.s;
      if (ps != kNoSlot) row[ps] = q.p;
      if (os != kNoSlot) row[os] = q.o;
      return k();
    };
    ok = store_.for_each(store::Pattern{s, p, o, g}, on_quad);
  }
  if (ss != kNoSlot) row[ss] = kNoTerm;
  if (ps != kNoSlot) row[ps] = kNoTerm;
  if (os != kNoSlot) row[os] = kNoTerm;
  return ok;
}

bool Executor::values_of(const Node& n, const TermId* row, Slot v, std::vector<TermId>& out) {
  const auto& t = n.triple;
  auto value = [row, v](const PatternTerm& x, bool& ok) {
    if (!x.is_var()) return x.term;
    if (x.var == v) return kNoTerm;
    ok = ok && row[x.var] != kNoTerm;
    return row[x.var];
  };
  bool ok = true;
  const TermId s = value(t.s, ok);
  const TermId p = value(t.p, ok);
  const TermId o = value(t.o, ok);
  if (!ok) return false;
  out.clear();
  const bool subject = t.s.is_var() && t.s.var == v;
  store_.for_each(store::Pattern{s, p, o, graphs_.default_graphs.front()},
                  [&](const store::Quad& q) { out.push_back(subject ? q.s : q.o); });
  if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
  return true;
}

template <class K>
bool Executor::intersect(const Node& n, TermId* row, K&& k) {
  const Slot v = n.slots[0];
  const Node& a = *n.children[0];
  const Node& b = *n.children[1];
  auto nested = [&] { return scan(a, row, [&] { return scan(b, row, k); }); };
  if (row[v] != kNoTerm || graphs_.default_graphs.size() != 1) return nested();
  // Two lists from the LIFO scratch stack; nested intersect steps take the next ones.
  while (lists_.size() < lists_used_ + 2) lists_.emplace_back();
  std::vector<TermId>& left = lists_[lists_used_];
  std::vector<TermId>& right = lists_[lists_used_ + 1];
  struct Hold {
    std::size_t& used;
    explicit Hold(std::size_t& u) : used(u) { used += 2; }
    ~Hold() { used -= 2; }
  } hold(lists_used_);
  if (!values_of(a, row, v, left)) return nested();
  if (left.empty()) return true;
  if (!values_of(b, row, v, right)) return nested();
  // Both lists are sorted and duplicate-free (one triple per value): merge them.
  std::size_t i = 0;
  std::size_t j = 0;
  bool ok = true;
  while (ok && i < left.size() && j < right.size()) {
    ticker_.tick();
    if (left[i] < right[j]) {
      ++i;
    } else if (right[j] < left[i]) {
      ++j;
    } else {
      row[v] = left[i];
      ok = k();
      ++i;
      ++j;
    }
  }
  row[v] = kNoTerm;
  return ok;
}

template <class K>
bool Executor::path(const Node& n, TermId* row, K&& k) {
  std::size_t graph_count = 0;
  Slot graph_slot = kNoSlot;
  const TermId* graphs = graphs_for(n.graph, row, graph_count, graph_slot);
  auto in_graphs = [&](const TermId* gs, std::size_t count) -> bool {
    GraphScope scope(store_, gs, count);
    auto value = [row](const PatternTerm& x) { return x.is_var() ? row[x.var] : x.term; };
    const TermId s = value(n.subject);
    const TermId o = value(n.object);
    // A variable end bound by the seed is joined, not substituted: it matches a zero-length
    // path only if it is a node of the graph.
    if (can_be_empty(*n.path)) {
      if (n.subject.is_var() && s != kNoTerm && !scope.is_node(s)) return true;
      if (n.object.is_var() && o != kNoTerm && !scope.is_node(o)) return true;
    }
    Pairs pairs;
    PathEvaluator(scope, &ticker_).eval(*n.path, s, o, pairs);
    const Slot ss = n.subject.is_var() && s == kNoTerm ? n.subject.var : kNoSlot;
    const Slot os = n.object.is_var() && o == kNoTerm ? n.object.var : kNoSlot;
    bool ok = true;
    for (const auto& [a, b] : pairs) {
      ticker_.tick();
      if (ss != kNoSlot && ss == os && a != b) continue;
      if (ss != kNoSlot) row[ss] = a;
      if (os != kNoSlot) row[os] = b;
      if (!k()) {
        ok = false;
        break;
      }
    }
    if (ss != kNoSlot) row[ss] = kNoTerm;
    if (os != kNoSlot) row[os] = kNoTerm;
    return ok;
  };
  if (graph_slot == kNoSlot) return in_graphs(graphs, graph_count);
  for (std::size_t i = 0; i < graph_count; ++i) {
    row[graph_slot] = graphs[i];
    const TermId g = graphs[i];
    if (!in_graphs(&g, 1)) {
      row[graph_slot] = kNoTerm;
      return false;
    }
  }
  row[graph_slot] = kNoTerm;
  return true;
}

template <class K>
bool Executor::values(const Node& n, TermId* row, K&& k) {
  const std::size_t w = n.slots.size();
  std::vector<Slot> set(w);
  for (std::size_t r = 0; r < n.row_count; ++r) {
    ticker_.tick();
    const TermId* data = n.rows.data() + r * w;
    bool compatible = true;
    std::size_t nset = 0;
    for (std::size_t c = 0; c < w; ++c) {
      const TermId v = data[c];
      if (v == kNoTerm) continue;
      const Slot s = n.slots[c];
      if (row[s] == kNoTerm) {
        row[s] = v;
        set[nset++] = s;
      } else if (row[s] != v) {
        compatible = false;
        break;
      }
    }
    const bool ok = !compatible || k();
    for (std::size_t i = 0; i < nset; ++i) row[set[i]] = kNoTerm;
    if (!ok) return false;
  }
  return true;
}

template <class K>
bool Executor::extend(const Node& n, TermId* row, K&& k) {
  const TermId v = n.exprs[0]->code.evaluate(expr::Row(row, width_), eval_);
  const Slot s = n.slots[0];
  if (row[s] != kNoTerm) {
    // Bound by the seed: the extended solution joins with it iff it agrees (or has no value).
    if (v != kNoTerm && v != row[s]) return true;
    return k();
  }
  if (v == kNoTerm) return k();
  row[s] = v;
  const bool ok = k();
  row[s] = kNoTerm;
  return ok;
}

// ---- joins -------------------------------------------------------------------------------

bool Executor::left_join(const Node& n, TermId* row, Sink& out) {
  Borrowed left(*pool_);
  FnSink on_left([&](const TermId* a) {
    std::copy(a, a + width_, left.row);
    bool matched = false;
    FnSink on_right([&](const TermId* ab) {
      for (const auto& e : n.exprs) {
        if (!e->code.filter(expr::Row(ab, width_), eval_)) return true;
      }
      matched = true;
      return out.push(ab);
    });
    if (!run(*n.children[1], left.row, on_right)) return false;
    return matched || out.push(left.row);
  });
  return run(*n.children[0], row, on_left);
}

bool Executor::minus(const Node& n, TermId* row, Sink& out) {
  const Node& right = *n.children[1];
  FnSink on_left([&](const TermId* a) {
    Table& t = table(right, a);
    auto removes = [&](const TermId* b) {
      ticker_.tick();
      bool shared = false;
      for (Slot s : t.bound) {
        if (a[s] == kNoTerm || b[s] == kNoTerm) continue;
        if (a[s] != b[s]) return false;
        shared = true;
      }
      return shared;
    };
    if (!t.keys.empty()) {
      bool keyed = true;
      for (Slot k : t.keys) keyed = keyed && a[k] != kNoTerm;
      if (keyed) {
        auto it = t.index.find(key_hash(a, t.keys));
        if (it != t.index.end()) {
          for (std::uint32_t i : it->second) {
            if (removes(t.row(i, width_))) return true;
          }
        }
        return out.push(a);
      }
    }
    for (std::size_t i = 0; i < t.rows; ++i) {
      if (removes(t.row(i, width_))) return true;
    }
    return out.push(a);
  });
  return run(*n.children[0], row, on_left);
}

bool Executor::graph(const Node& n, TermId* row, Sink& out) {
  const Slot g = n.graph.var;
  if (!n.slots.empty()) {
    // The pattern has a variable of the graph variable's name: it reads its graph from a
    // slot of its own and its solutions are joined with the graph name afterwards.
    const Slot inner = n.slots[0];
    const TermId bound = row[g];
    if (bound != kNoTerm && !graphs_.is_named(bound)) return true;
    Borrowed buf(*pool_);
    TermId current = kNoTerm;
    FnSink join([&](const TermId* r) {
      if (r[g] != kNoTerm && r[g] != current) return true;
      std::copy(r, r + width_, buf.row);
      buf.row[g] = current;
      buf.row[inner] = kNoTerm;
      return out.push(buf.row);
    });
    auto one = [&](TermId name) {
      current = name;
      row[inner] = name;
      const bool ok = run(*n.children[0], row, join);
      row[inner] = kNoTerm;
      return ok;
    };
    if (bound != kNoTerm) return one(bound);
    for (TermId name : graphs_.named_graphs) {
      if (!one(name)) return false;
    }
    return true;
  }
  if (row[g] != kNoTerm) {
    if (!graphs_.is_named(row[g])) return true;
    return run(*n.children[0], row, out);
  }
  for (TermId name : graphs_.named_graphs) {
    row[g] = name;
    if (!run(*n.children[0], row, out)) {
      row[g] = kNoTerm;
      return false;
    }
  }
  row[g] = kNoTerm;
  return true;
}

Executor::Table& Executor::table(const Node& n, const TermId* seed) {
  auto& slot = states_[static_cast<std::size_t>(n.state)];
  if (!slot) slot = std::make_unique<State>();
  State& st = *slot;
  const TermId graph_value =
      n.graph.mode == GraphRef::Mode::kVariable ? seed[n.graph.var] : kNoTerm;
  auto it = st.tables.find(graph_value);
  if (it != st.tables.end()) return it->second;
  Table& t = st.tables[graph_value];
  t.keys = n.slots;
  Borrowed seed_row(*pool_);
  std::fill(seed_row.row, seed_row.row + width_, kNoTerm);
  if (n.graph.mode == GraphRef::Mode::kVariable) seed_row.row[n.graph.var] = graph_value;
  std::vector<bool> bound(width_, false);
  FnSink collect([&](const TermId* r) {
    t.cells.insert(t.cells.end(), r, r + width_);
    for (std::size_t i = 0; i < width_; ++i) bound[i] = bound[i] || r[i] != kNoTerm;
    ++t.rows;
    return true;
  });
  run(*n.children[0], seed_row.row, collect);
  for (std::size_t i = 0; i < width_; ++i) {
    // The graph slot is the table's key, not part of its solutions.
    const bool graph_slot =
        n.graph.mode == GraphRef::Mode::kVariable && static_cast<Slot>(i) == n.graph.var;
    if (bound[i] && !graph_slot) t.bound.push_back(static_cast<Slot>(i));
  }
  if (!t.keys.empty()) {
    for (std::size_t i = 0; i < t.rows; ++i) {
      t.index[key_hash(t.row(i, width_), t.keys)].push_back(static_cast<std::uint32_t>(i));
    }
  }
  return t;
}

bool Executor::materialize(const Node& n, TermId* row, Sink& out) {
  Table& t = table(n, row);
  Borrowed buf(*pool_);
  auto probe = [&](const TermId* b) {
    ticker_.tick();
    for (Slot s : t.bound) {
      if (b[s] != kNoTerm && row[s] != kNoTerm && b[s] != row[s]) return true;
    }
    std::copy(row, row + width_, buf.row);
    for (Slot s : t.bound) {
      if (b[s] != kNoTerm) buf.row[s] = b[s];
    }
    return out.push(buf.row);
  };
  bool keyed = !t.keys.empty();
  for (Slot k : t.keys) keyed = keyed && row[k] != kNoTerm;
  if (keyed) {
    auto it = t.index.find(key_hash(row, t.keys));
    if (it == t.index.end()) return true;
    for (std::uint32_t i : it->second) {
      if (!probe(t.row(i, width_))) return false;
    }
    return true;
  }
  for (std::size_t i = 0; i < t.rows; ++i) {
    if (!probe(t.row(i, width_))) return false;
  }
  return true;
}

// ---- solution modifiers ------------------------------------------------------------------

bool Executor::group(const Node& n, TermId* row, Sink& out) {
  struct Group {
    std::vector<TermId> key;
    std::vector<expr::Accumulator> accumulators;
  };
  std::vector<Group> groups;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> index;
  std::vector<TermId> key(n.exprs.size());
  auto new_group = [&](const std::vector<TermId>& k) {
    Group g;
    g.key = k;
    for (const auto& a : n.aggregates) g.accumulators.push_back(a.aggregate.make_accumulator());
    groups.push_back(std::move(g));
    return groups.size() - 1;
  };
  FnSink collect([&](const TermId* r) {
    const expr::Row rr(r, width_);
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < n.exprs.size(); ++i) {
      key[i] = n.exprs[i]->code.evaluate(rr, eval_);
      h = mix(h, key[i]);
    }
    auto& bucket = index[h];
    std::size_t gi = static_cast<std::size_t>(-1);
    for (std::size_t c : bucket) {
      if (groups[c].key == key) {
        gi = c;
        break;
      }
    }
    if (gi == static_cast<std::size_t>(-1)) {
      gi = new_group(key);
      bucket.push_back(gi);
    }
    for (std::size_t a = 0; a < n.aggregates.size(); ++a) {
      n.aggregates[a].aggregate.accumulate(groups[gi].accumulators[a], rr, eval_);
    }
    return true;
  });
  if (!run(*n.children[0], row, collect)) return false;
  if (groups.empty() && n.exprs.empty()) new_group({});
  Borrowed buf(*pool_);
  for (const auto& g : groups) {
    ticker_.tick();
    std::copy(row, row + width_, buf.row);
    for (std::size_t i = 0; i < n.slots.size(); ++i) buf.row[n.slots[i]] = g.key[i];
    for (std::size_t a = 0; a < n.aggregates.size(); ++a) {
      buf.row[n.aggregates[a].slot] = g.accumulators[a].result(eval_);
    }
    if (!out.push(buf.row)) return false;
  }
  return true;
}

bool Executor::order_by(const Node& n, TermId* row, Sink& out) {
  std::vector<TermId> cells;
  std::vector<TermId> keys;
  const std::size_t nk = n.order.size();
  std::size_t rows = 0;
  FnSink collect([&](const TermId* r) {
    ++rows;
    cells.insert(cells.end(), r, r + width_);
    for (const auto& k : n.order)
      keys.push_back(k.expr->code.evaluate(expr::Row(r, width_), eval_));
    return true;
  });
  if (!run(*n.children[0], row, collect)) return false;
  std::vector<std::size_t> order(rows);
  for (std::size_t i = 0; i < rows; ++i) order[i] = i;
  auto& terms = eval_.terms();
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    ticker_.tick();  // a limit may stop a long sort: the rows are dropped anyway
    for (std::size_t k = 0; k < nk; ++k) {
      int c = expr::order_compare(keys[a * nk + k], keys[b * nk + k], terms);
      if (c != 0) return n.order[k].descending ? c > 0 : c < 0;
    }
    return false;
  });
  for (std::size_t i : order) {
    ticker_.tick();
    if (!out.push(cells.data() + i * width_)) return false;
  }
  return true;
}

bool Executor::project(const Node& n, TermId* row, Sink& out) {
  Borrowed buf(*pool_);
  FnSink keep([&](const TermId* r) {
    std::fill(buf.row, buf.row + width_, kNoTerm);
    for (Slot s : n.slots) buf.row[s] = r[s];
    return out.push(buf.row);
  });
  return run(*n.children[0], row, keep);
}

bool Executor::distinct(const Node& n, TermId* row, Sink& out) {
  RowSet seen(n.slots.size());
  std::vector<TermId> key(n.slots.size());
  FnSink once([&](const TermId* r) {
    for (std::size_t i = 0; i < n.slots.size(); ++i) key[i] = r[n.slots[i]];
    if (!seen.insert(key.data())) return true;
    return out.push(r);
  });
  return run(*n.children[0], row, once);
}

bool Executor::slice(const Node& n, TermId* row, Sink& out) {
  if (n.limit == 0) return true;
  std::uint64_t seen = 0;
  std::uint64_t emitted = 0;
  bool full = false;
  bool stopped = false;
  FnSink window([&](const TermId* r) {
    if (seen++ < n.offset) return true;
    if (!out.push(r)) {
      stopped = true;
      return false;
    }
    if (++emitted >= n.limit) {
      full = true;
      return false;
    }
    return true;
  });
  const bool ok = run(*n.children[0], row, window);
  return ok || (full && !stopped);
}

}  // namespace kennis::sparql::exec
