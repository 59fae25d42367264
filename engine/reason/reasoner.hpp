// The reasoner: materialises a stratified rule set over a QuadStore and keeps the result up
// to date as asserted triples are added and removed. See docs/internals/reasoner.md.
//
// Materialisation is semi-naive (Bancilhon 1986; Abiteboul, Hull, Vianu section 13.1),
// component by component in the order of rules::Stratification: a component's rules are
// first evaluated naively over the store, then only against the triples new in the previous
// round (the delta), until no new triple appears. Non-recursive components need one round.
// Body atoms match the union of all graphs; inferred triples go to one graph of their own
// (never into asserted graphs), and only if they are not already asserted.
//
// Incremental maintenance is DRed (Gupta, Mumick, Subrahmanian 1993; Motik et al., "Maintenance
// of Datalog materialisations revisited", AIJ 2019) per component: overdelete what has a
// derivation through a removed triple, rederive what is still derivable in one step, then
// continue semi-naively from the additions. Components with NOT or AGGREGATE whose negated
// or aggregated inputs changed are recomputed from scratch. Retraction is logical (a mask)
// until the end of the update, so that overdeletion sees the old state.
#pragma once

#include "base/limits.hpp"
#include "base/result.hpp"
#include "expr/evaluator.hpp"
#include "reason/executor.hpp"
#include "reason/plan.hpp"
#include "reason/program.hpp"
#include "reason/triple.hpp"
#include "rules/load.hpp"
#include "store/quad_store.hpp"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kennis::reason {

/// The default graph of inferred triples.
inline constexpr std::string_view kInferredGraph = "https://w3id.org/kennis/graph/inferred";

struct ReasonerOptions {
  /// Graph for inferred triples; default kInferredGraph.
  std::string inferred_graph{kInferredGraph};
  /// Keep, for each inferred triple, the round it was derived in (needed by explain()).
  bool record_ranks = false;
  /// Threads that evaluate the rules of a round side by side during materialise(); 0: one
  /// per core (at most 8). Rules with FILTER or BIND (which may add terms to the
  /// dictionary) and incremental updates always run on one thread.
  unsigned threads = 0;
  /// A round runs on several threads only when it has at least this many triples to work
  /// through (its delta, or the store for a first round): thread start-up is not free.
  std::size_t parallel_min_work = 20000;
};

struct StratumStats {
  std::size_t stratum = 0;
  std::size_t rules = 0;
  std::size_t components = 0;
  std::size_t rounds = 0;   ///< evaluation rounds (naive + semi-naive) summed over components
  std::size_t derived = 0;  ///< new triples in the inferred graph
  double seconds = 0;
};

struct MaterialiseStats {
  std::vector<StratumStats> strata;
  std::size_t derived = 0;
  double seconds = 0;
};

/// Where materialisation spent its time, per rule.
struct RuleProfile {
  std::size_t rule = 0;
  double seconds = 0;
  std::size_t solutions = 0;  ///< body solutions found (head instances before de-duplication)
};

struct UpdateStats {
  std::size_t asserted_added = 0;    ///< quads that were not there before
  std::size_t asserted_removed = 0;  ///< quads that were there
  std::vector<Triple> inferred;      ///< added to the inferred graph, sorted
  std::vector<Triple> retracted;     ///< removed from the inferred graph, sorted
  std::size_t overdeleted = 0;
  std::size_t rederived = 0;
  std::size_t kept = 0;  ///< not overdeleted: derivable from asserted triples that stay
  std::size_t recomputed_components = 0;
  double seconds = 0;
  double store_seconds = 0;       ///< of which writing the changes into the store's indexes
  double overdelete_seconds = 0;  ///< of which DRed overdeletion
  double rederive_seconds = 0;    ///< of which DRed rederivation
  double insert_seconds = 0;      ///< of which semi-naive insertion
  double recompute_seconds = 0;   ///< of which recomputing components with NOT/AGGREGATE
};

class Reasoner {
 public:
  /// Compiles `rules` (which must be ok() and outlive the reasoner) for `store`, whose terms
  /// live in `dict`. Fails if an expression does not compile.
  static base::Result<std::unique_ptr<Reasoner>> create(const rules::LoadedRules& rules,
                                                        rdf::Dictionary& dict,
                                                        store::QuadStore& store,
                                                        ReasonerOptions options = {});
  ~Reasoner();

  /// Derives every consequence of the rules over the store's current content into the
  /// inferred graph. Call once, before update().
  /// Within `limits` (timeout, max_memory, max_derived, cancel; checked during every rule's
  /// evaluation and after every round): when one is hit, throws base::LimitError naming the
  /// rule that was deriving and the triples derived so far. The inferred graph is then
  /// incomplete: drop it with the reasoner (session::Session does).
  MaterialiseStats materialise(const base::Limits& limits = {});

  /// Applies asserted changes (quads in asserted graphs; those naming the inferred graph are
  /// ignored) and updates the inferred graph. Removals of quads that are absent and
  /// additions of quads that are present change nothing.
  /// Within `limits`, as materialise(): after a base::LimitError the asserted changes are
  /// made but the inferred graph is out of date: drop it with the reasoner.
  UpdateStats update(const std::vector<store::Quad>& additions,
                     const std::vector<store::Quad>& removals, const base::Limits& limits = {});

  TermId inferred_graph() const { return inferred_; }
  /// Threads materialise() uses (ReasonerOptions::threads resolved).
  unsigned threads() const { return 1 + static_cast<unsigned>(workers_.size()); }
  const Program& program() const { return program_; }
  const rules::LoadedRules& rules() const { return rules_; }
  rdf::Dictionary& dict() { return dict_; }
  const store::QuadStore& store() const { return store_; }

  /// True iff the triple is in some graph.
  bool holds(const Triple& t) const { return store_.contains_triple(t.s, t.p, t.o); }
  /// True iff the triple is in an asserted graph (not only in the inferred graph).
  bool asserted(const Triple& t) const;
  /// The round in which an inferred triple was derived (record_ranks only); 0 if asserted
  /// or unknown.
  std::uint64_t rank(const Triple& t) const;

  /// Calls fn(row) for each body solution of `rule` in which head atom `head_idx` equals t,
  /// until fn returns false. Used by explanations. Rows are indexed by the rule's slots.
  void for_each_derivation(const CRule& rule, std::size_t head_idx, const Triple& t,
                           const std::function<bool(const std::vector<TermId>&)>& fn);

  /// Calls fn(row) for each solution of aggregate `agg_idx` of `rule` in the group that
  /// `outer` binds (its group slots), until fn returns false. For explanations.
  void for_each_aggregate_solution(const CRule& rule, std::size_t agg_idx,
                                   const std::vector<TermId>& outer,
                                   const std::function<bool(const std::vector<TermId>&)>& fn);

  /// Time and solutions per rule since the reasoner was made, slowest first.
  std::vector<RuleProfile> profile() const;

  /// The plan of every rule (naive order) and of its delta variants, for --show plans.
  std::string plans_text();

  /// The rows of a rule's aggregate (for explanations).
  const AggregateTable& aggregate_table(std::size_t rule_idx, std::size_t agg_idx) const {
    return tables_[rule_idx][agg_idx];
  }

 private:
  struct ComponentInfo;
  struct UpdateState;

  Reasoner(const rules::LoadedRules& rules, rdf::Dictionary& dict, store::QuadStore& store,
           ReasonerOptions options, Program program);

  const Plan& naive_plan(const CRule& r);
  const Plan& delta_plan(const CRule& r, std::size_t atom);
  const Plan& head_plan(const CRule& r, std::size_t head_atom);
  /// Computes r's aggregate tables; with `keys` (rows of slot values) that bind every group
  /// variable of an aggregate, only those groups of it, keeping the table's other rows.
  void compute_tables(const CRule& r, const std::vector<std::vector<TermId>>* keys = nullptr);

  /// Instances of r's head atoms for a body solution, appended to out (invalid RDF dropped).
  void emit_heads(const CRule& r, const std::vector<TermId>& row, std::vector<Triple>& out) const;
  /// Runs r's delta plans for every positive atom (or only those in `atoms`) against delta.
  void run_delta(const CRule& r, const std::vector<std::size_t>& atoms, const DeltaIndex& delta,
                 std::vector<Triple>& out) {
    run_delta(*exec_, r, atoms, delta, out);
  }
  void run_delta(Executor& ex, const CRule& r, const std::vector<std::size_t>& atoms,
                 const DeltaIndex& delta, std::vector<Triple>& out);
  /// Runs r's naive plan over the store.
  void run_naive(Executor& ex, const CRule& r, std::vector<Triple>& out);
  /// One round of a component: job(k, executor, out) for each rule k of the component (not
  /// duplicates), on several threads when `parallel`; the outputs are appended to `out` in
  /// rule order, so the result does not depend on the schedule.
  template <class Job>
  void run_round(const ComponentInfo& info, bool parallel, Job&& job, std::vector<Triple>& out);
  /// The executors of the round's threads (the first is exec_).
  std::vector<Executor*> executors();
  /// Makes every executor poll `budget` (nullptr: none) from now on.
  void use_budget(const base::Budget* budget);
  void bump_epochs();
  /// Semi-naive evaluation of a component: from scratch (seeds empty) or from the seeds.
  std::size_t evaluate(std::size_t comp, const std::vector<const DeltaIndex*>& seeds,
                       std::size_t* rounds);
  /// Makes new triples of `out` visible; returns them in `fresh`.
  void absorb(std::vector<Triple>& out, DeltaIndex& fresh);
  /// True iff t has a one-step derivation by a rule of a component <= comp (mask applies).
  bool derivable(const Triple& t, std::size_t comp);
  /// True iff rule r derives t through head atom head_idx in one step (mask applies).
  bool derivable_by(const CRule& r, std::size_t head_idx, const Triple& t);
  /// True iff a rule of a component <= comp derives t in one step from asserted triples that
  /// stay asserted (and NOT conditions on the current state). Such a t is in the new
  /// materialisation whatever else is retracted, so overdeletion need not touch it.
  bool derivable_from_asserted(const Triple& t, std::size_t comp);
  /// The first and last component with a head atom that t is an instance of.
  std::pair<std::size_t, std::size_t> producers(const Triple& t) const;
  /// The candidates that have a one-step derivation by a component <= comp (mask applies).
  std::vector<Triple> one_step(std::size_t comp, const std::vector<Triple>& candidates);

  void update_component(std::size_t comp);
  void dred(std::size_t comp);
  void recompute(std::size_t comp);
  /// Masks those of `triples` that are in the inferred graph.
  void mask_inferred(const std::vector<Triple>& triples);
  /// Masks the inferred triples that are instances of atom h agreeing with `row` (slot
  /// values, kNoTerm where free).
  void mask_inferred_instances(const CAtom& h, const std::vector<TermId>& row);
  /// What this component masked that is still masked, sorted.
  std::vector<Triple> still_masked_here() const;
  /// Unmasks t, which has a derivation again (and re-ranks it).
  void rederive(const Triple& t);
  /// Unmasks what this component masked that an earlier component (final already) derives.
  void rederive_from_earlier(std::size_t comp);
  /// Recomputes only the instances of a one-rule, non-recursive component that the logged
  /// changes can affect; false (nothing done) where that cannot be pinned down.
  bool recompute_affected(std::size_t comp);
  /// The keys (values of variables shared by all head atoms, kNoTerm elsewhere) of the rule
  /// instances the logged changes can affect; false if a change has no key.
  bool affected_keys(const CRule& r, bool joint, std::vector<std::vector<TermId>>& keys);
  /// Appends to `hits` the head triples of every joint instance of r's head atoms in the
  /// store that agrees with `start` (slot values, kNoTerm where free); false if the head atoms
  /// cannot be joined (no common variables, or an atom that may be dropped).
  bool joint_head_instances(const CRule& r, const std::vector<TermId>& start,
                            std::vector<Triple>& hits);
  /// True iff r has several head atoms, none of which may be dropped, linked by variables.
  bool heads_joinable(const CRule& r) const;
  /// Masks the joint instances of r's head atoms held in the inferred graph; false (nothing
  /// done) for a one-atom head or one the join cannot follow.
  bool mask_head_instances(const CRule& r);
  void mask(const Triple& t);
  void unmask(const Triple& t);
  void note_touch(const Triple& t);

  const rules::LoadedRules& rules_;
  rdf::Dictionary& dict_;
  store::QuadStore& store_;
  ReasonerOptions options_;
  Program program_;
  TermId inferred_ = kNoTerm;
  std::unique_ptr<expr::EvalContext> ectx_;
  std::unique_ptr<Executor> exec_;
  std::vector<std::unique_ptr<Executor>> workers_;  // for threads beyond the first
  std::unique_ptr<store::Statistics> stats_;
  std::vector<ComponentInfo> comps_;
  /// Head atoms by constant predicate (and those with a variable predicate), sorted by
  /// component: which rules can derive a given triple.
  struct HeadRef {
    std::size_t comp, rule, head;
  };
  std::unordered_map<TermId, std::vector<HeadRef>> heads_by_p_;
  std::vector<HeadRef> heads_generic_;
  std::vector<std::vector<AggregateTable>> tables_;  // rule -> aggregate -> table
  struct RulePlans;
  std::vector<std::unique_ptr<RulePlans>> plans_;
  std::vector<RuleProfile> profile_;
  std::vector<double> naive_seconds_;  // per rule: its naive evaluation in materialise()
  std::vector<double> batch_seconds_;  // per component: its last one_step() batch, or -1
  TripleSet mask_;
  /// Every stored triple (any graph): membership in one hash probe instead of a binary
  /// search per graph. Built by materialise(); kept in step by absorb() and update().
  TripleSet known_;
  void build_known();
  std::unordered_map<Triple, std::uint64_t, TripleHash> ranks_;
  std::uint64_t round_ = 0;
  std::unique_ptr<UpdateState> up_;       // non-null during update()
  const base::Budget* budget_ = nullptr;  // during materialise() / update() with limits
  std::size_t derived_so_far_ = 0;        // by the current materialise() / update()
};

}  // namespace kennis::reason
