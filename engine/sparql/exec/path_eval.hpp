// Property path evaluation (SPARQL 1.1 Query section 18.4 / 18.5): links, inverses,
// sequences and alternatives with bag semantics (a pair once per way of matching it), and the
// arbitrary-length paths * and + with the ALP procedure (each node reached once), zero-or-one
// distinct, negated property sets as a scan of every other predicate.
#pragma once

#include "base/limits.hpp"
#include "sparql/algebra/algebra.hpp"
#include "store/quad_store.hpp"

#include <unordered_map>
#include <utility>
#include <vector>

namespace kennis::sparql::exec {

using rdf::kNoTerm;
using rdf::TermId;

/// The graphs one pattern reads, merged: a triple held in several of them counts once.
class GraphScope {
 public:
  GraphScope(const store::QuadStore& store, const TermId* graphs, std::size_t count)
      : store_(store), graphs_(graphs), count_(count) {}

  /// Calls fn(s, p, o) for each distinct matching triple; fn returns false to stop.
  /// Returns false iff stopped.
  template <class Fn>
  bool for_each(TermId s, TermId p, TermId o, Fn&& fn) const {
    for (std::size_t i = 0; i < count_; ++i) {
      const bool ok =
          store_.for_each(store::Pattern{s, p, o, graphs_[i]}, [&](const store::Quad& q) {
            for (std::size_t j = 0; j < i; ++j) {
              if (store_.contains({q.s, q.p, q.o, graphs_[j]})) {
                return true;
              }
            }
            return static_cast<bool>(fn(q.s, q.p, q.o));
          });
      if (!ok) return false;
    }
    return true;
  }
  /// True iff `t` is the subject or object of some triple.
  bool is_node(TermId t) const;
  /// Every subject and object, each once.
  std::vector<TermId> nodes() const;

 private:
  const store::QuadStore& store_;
  const TermId* graphs_;
  std::size_t count_;
};

using Pairs = std::vector<std::pair<TermId, TermId>>;

class PathEvaluator {
 public:
  /// `ticker` (optional) is ticked once per pair found and node visited; a limit it hits
  /// throws base::LimitError out of eval().
  explicit PathEvaluator(const GraphScope& scope, base::Ticker* ticker = nullptr)
      : scope_(scope), ticker_(ticker != nullptr ? *ticker : own_ticker_) {}

  /// Appends the (subject, object) pairs of `path` from `s` to `o` (kNoTerm: any). A given
  /// end matches a zero-length path even if it is not a node of the graph (as a constant
  /// written in the query does, section 18.5).
  void eval(const algebra::Path& path, TermId s, TermId o, Pairs& out);

 private:
  void eval_sequence(const algebra::Path& path, std::size_t from, std::size_t to, TermId s,
                     TermId o, Pairs& out);
  void zero_length(TermId s, TermId o, Pairs& out);
  /// Nodes reachable from `start` by `step` (ALP), including `start` iff `zero`.
  void reach(const algebra::Path& step, TermId start, bool zero, std::vector<TermId>& out);
  const algebra::Path& inverse(const algebra::Path& p);

  const GraphScope& scope_;
  base::Ticker own_ticker_;
  base::Ticker& ticker_;
  std::unordered_map<const algebra::Path*, algebra::PathPtr> inverses_;
  std::vector<TermId> nodes_;
  bool have_nodes_ = false;
};

/// True iff the path can match a zero-length path (p*, p?, and sequences / alternatives of
/// those).
bool can_be_empty(const algebra::Path& p);

/// The inverse path: ^(a/b) = ^b/^a, ^(a|b) = ^a|^b, ^(p*) = (^p)*.
algebra::PathPtr invert(const algebra::Path& p);

}  // namespace kennis::sparql::exec
