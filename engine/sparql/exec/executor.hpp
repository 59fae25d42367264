// The executor: runs a physical plan (planner/plan.hpp) over the quad store's ids. Rows are
// fixed-width arrays of TermId, one slot per query variable (kNoTerm = unbound); no term is
// decoded except by functions that need its text. Evaluation is push-based: each node gets a
// seed row and pushes the rows it produces to a Sink, which may stop the whole run (LIMIT,
// ASK). Index nested-loop joins run in place on one row buffer per Seq level; materialised
// sub-plans (subqueries, MINUS right sides, independent join operands) are evaluated once per
// execution and probed through a hash index on their join keys.
#pragma once

#include "base/limits.hpp"
#include "expr/evaluator.hpp"
#include "sparql/algebra/algebra.hpp"
#include "sparql/planner/plan.hpp"
#include "sparql/planner/planner.hpp"
#include "store/quad_store.hpp"

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace kennis::sparql::exec {

using planner::Node;
using rdf::kNoTerm;
using rdf::TermId;

/// Receives solution rows; the pointer is valid during the call only.
class Sink {
 public:
  virtual ~Sink() = default;
  /// Returns false to stop the evaluation.
  virtual bool push(const TermId* row) = 0;
};

/// A Sink calling a function object (no std::function in the row path).
template <class F>
class FnSink final : public Sink {
 public:
  explicit FnSink(F f) : f_(std::move(f)) {}
  bool push(const TermId* row) override { return f_(row); }

 private:
  F f_;
};

class Executor {
 public:
  /// Everything referred to must outlive the executor. Computed values are interned into
  /// `dict`.
  Executor(const planner::Plan& plan, const algebra::Query& query, const store::QuadStore& store,
           rdf::Dictionary& dict, const planner::DatasetGraphs& graphs,
           const expr::EvalOptions& options = {});
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Polls `budget` (nullptr: none) as it goes: a limit hit throws base::LimitError out of
  /// run(). The budget must outlive the run.
  void set_budget(const base::Budget* budget) { ticker_.set_budget(budget); }

  /// Runs the plan from an empty seed. Returns false iff the sink stopped it.
  bool run(Sink& sink);
  std::size_t width() const { return width_; }
  expr::EvalContext& eval_context() { return eval_; }

 private:
  struct Table;
  struct State;
  class RowPool;

  bool run(const Node& n, TermId* row, Sink& out);
  bool run_masked(const Node& n, TermId* row, Sink& out);
  bool run_node(const Node& n, TermId* row, Sink& out);
  bool run_seq(const Node& seq, std::size_t i, TermId* row, Sink& out);

  template <class K>
  bool scan(const Node& n, TermId* row, K&& k);
  template <class K>
  bool scan_in(const Node& n, TermId* row, const TermId* graphs, std::size_t graph_count, K& k);
  template <class K>
  bool intersect(const Node& n, TermId* row, K&& k);
  /// The values of `v` in the matches of a scan whose other positions are all bound; false
  /// if some other position is unbound.
  bool values_of(const Node& scan, const TermId* row, algebra::Slot v, std::vector<TermId>& out);
  template <class K>
  bool path(const Node& n, TermId* row, K&& k);
  template <class K>
  bool values(const Node& n, TermId* row, K&& k);
  template <class K>
  bool extend(const Node& n, TermId* row, K&& k);

  bool left_join(const Node& n, TermId* row, Sink& out);
  bool minus(const Node& n, TermId* row, Sink& out);
  bool graph(const Node& n, TermId* row, Sink& out);
  bool materialize(const Node& n, TermId* row, Sink& out);
  bool group(const Node& n, TermId* row, Sink& out);
  bool order_by(const Node& n, TermId* row, Sink& out);
  bool project(const Node& n, TermId* row, Sink& out);
  bool distinct(const Node& n, TermId* row, Sink& out);
  bool slice(const Node& n, TermId* row, Sink& out);

  /// The materialised rows of `n` (a kMaterialize node) for the seed's graph, built on
  /// first use.
  Table& table(const Node& n, const TermId* row);
  bool exists(const expr::Exists& e, expr::Row row);

  /// Graph ids a scan / path reads for this row; `bind` receives the graph variable slot to
  /// enumerate (kNoSlot if none).
  const TermId* graphs_for(const planner::GraphRef& g, const TermId* row, std::size_t& count,
                           algebra::Slot& bind);

  const planner::Plan& plan_;
  const store::QuadStore& store_;
  const planner::DatasetGraphs& graphs_;
  std::size_t width_;
  expr::EvalContext eval_;
  std::unique_ptr<RowPool> pool_;
  std::vector<std::unique_ptr<State>> states_;
  std::unordered_map<const expr::PatternHandle*, std::size_t> exists_index_;
  /// Value lists of intersect steps, reused last-in first-out (no allocation per row).
  std::deque<std::vector<TermId>> lists_;  // a deque: growing keeps references valid
  std::size_t lists_used_ = 0;
  /// One step of work per scanned quad, path pair, probed row, emitted group or sorted row.
  base::Ticker ticker_;
};

}  // namespace kennis::sparql::exec
