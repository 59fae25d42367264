// QuadStore: dictionary-encoded RDF dataset. Quads are partitioned by graph; each graph
// keeps its triples in three sorted orderings, SPO, POS and OSP, so that every triple
// pattern with any combination of bound positions is one binary-searched range (the
// ordering is chosen from the bound-position signature in one table, as in sord).
//
// Each ordering is a two-level log-structured array: a large sorted `main` run and a small
// sorted `recent` run that absorbs inserts and is merged into `main` when it grows past a
// fraction of it. Deletions remove entries from `recent` at once; entries of `main` are
// marked in a small sorted `gone` run instead (moving the tail of a run of millions of keys
// for every deleted triple would cost milliseconds), and are dropped from `main` in one merge
// pass when `gone` grows past a fraction of it. Readers see (main minus gone) plus recent.
//
// Writes are batched: insert()/erase() stage quads, commit() applies them. Lookups see only
// committed quads. One writer; any number of readers between commits.
//
// See docs/internals/store.md.
#pragma once

#include "rdf/dictionary.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace kennis::store {

using rdf::kNoTerm;
using rdf::TermId;

/// The graph id of the default graph. Never a dictionary id.
inline constexpr TermId kDefaultGraph = std::numeric_limits<TermId>::max();
/// In a pattern's graph position: match in every graph (default and named).
inline constexpr TermId kAnyGraph = kNoTerm;

struct Quad {
  TermId s = kNoTerm;
  TermId p = kNoTerm;
  TermId o = kNoTerm;
  TermId g = kDefaultGraph;
  friend bool operator==(const Quad&, const Quad&) = default;
};

/// A triple pattern in one graph or all: kNoTerm in s/p/o is unbound; kAnyGraph in g
/// matches every graph.
struct Pattern {
  TermId s = kNoTerm;
  TermId p = kNoTerm;
  TermId o = kNoTerm;
  TermId g = kAnyGraph;
};

/// The orderings each graph keeps, named by their letters.
enum class Ordering : std::uint8_t { kSPO = 0, kPOS = 1, kOSP = 2 };

/// The ordering whose prefix covers the bound positions of (s, p, o).
Ordering ordering_for(bool s_bound, bool p_bound, bool o_bound);

/// A triple stored in one ordering: (a, b, c) is (s,p,o), (p,o,s) or (o,s,p).
struct Key {
  TermId a, b, c;
  friend auto operator<=>(const Key&, const Key&) = default;
};

/// One sorted run of keys.
using Run = std::vector<Key>;

/// Sorts keys and removes duplicates. When the three columns' ids fit together in 64 bits
/// (every dataset below two million terms), the keys are packed and radix-sorted, several
/// times faster than a comparison sort; otherwise std::sort. The radix sort takes 16 bytes a
/// key of extra memory, or with `in_place` none (an MSD radix sort in the keys' own memory,
/// somewhat slower; bulk loading uses it, as peak memory per triple counts there).
void sort_unique(std::vector<Key>& keys, bool in_place = false);

/// The triples of one graph.
class GraphTable {
 public:
  explicit GraphTable(TermId graph) : graph_(graph) {}
  TermId graph() const { return graph_; }
  std::size_t size() const { return size_; }

  /// Calls fn(s, p, o) for every triple matching (s, p, o); kNoTerm is unbound.
  /// fn may return void, or bool (false stops the scan). Returns false iff stopped.
  template <class Fn>
  bool for_each(TermId s, TermId p, TermId o, Fn&& fn) const;
  std::size_t count(TermId s, TermId p, TermId o) const;
  bool contains(TermId s, TermId p, TermId o) const;

  /// Bulk load: takes unsorted SPO keys (duplicates allowed). If the table is empty, the
  /// vector becomes the SPO run without a copy; otherwise falls back to insert_sorted.
  /// Returns how many were new.
  std::size_t insert_bulk(std::vector<Key>&& spo);
  /// Adds sorted, de-duplicated SPO keys not yet present; returns how many were new.
  /// `added`, if given, receives the new ones (SPO).
  std::size_t insert_sorted(std::span<const Key> spo, std::vector<Key>* added);
  /// Removes the given SPO keys where present; returns how many were removed.
  std::size_t erase_sorted(std::span<const Key> spo, std::vector<Key>* removed);
  std::size_t memory_bytes() const;
  /// Distinct predicates with their triple counts, in id order.
  std::vector<std::pair<TermId, std::size_t>> predicate_counts() const;

 private:
  struct Index {
    Run main;
    Run recent;
    Run gone;  ///< keys of `main` that are deleted (never in `recent`)
  };
  template <class Fn>
  static bool scan(const Run& run, const Run* gone, Ordering ord, Key lo, Key hi, Fn& fn);

  TermId graph_;
  std::size_t size_ = 0;
  std::array<Index, 3> idx_;
};

/// Statistics for one pattern, for join ordering.
struct PatternStats {
  std::size_t count = 0;  ///< exact number of matches
};

class QuadStore {
 public:
  QuadStore() = default;
  QuadStore(const QuadStore&) = delete;
  QuadStore& operator=(const QuadStore&) = delete;

  /// Stages a quad for insertion. Visible after commit().
  void insert(const Quad& q) { pending_insert_.push_back(q); }
  /// Stages a quad for removal. Applied by commit(), after staged insertions.
  void erase(const Quad& q) { pending_erase_.push_back(q); }

  /// Applies staged insertions, then staged removals. Returns (inserted, erased) counts of
  /// quads that actually changed. If given, `added`/`removed` receive those quads.
  std::pair<std::size_t, std::size_t> commit(std::vector<Quad>* added = nullptr,
                                             std::vector<Quad>* removed = nullptr);
  bool has_pending() const { return !pending_insert_.empty() || !pending_erase_.empty(); }

  /// Bulk load of one graph's triples (SPO keys, unsorted, duplicates allowed), applied at
  /// once: the cheapest way in (no staging copy). Returns how many were new.
  std::size_t insert_bulk(TermId g, std::vector<Key>&& spo) {
    return graph_mut(g)->insert_bulk(std::move(spo));
  }

  /// Calls fn(const Quad&) for every committed quad matching `pat`; fn may return bool
  /// (false stops). With pat.g == kAnyGraph, a triple held in several graphs is reported
  /// once per graph. Returns false iff stopped by fn.
  template <class Fn>
  bool for_each(const Pattern& pat, Fn&& fn) const;
  std::size_t count(const Pattern& pat) const;
  bool contains(const Quad& q) const;
  /// True iff the triple is in any graph.
  bool contains_triple(TermId s, TermId p, TermId o) const;

  std::size_t size() const;
  /// Graph ids that hold at least one quad, kDefaultGraph first then by id.
  std::vector<TermId> graphs() const;
  /// REQUIRES: nothing; returns nullptr if the graph holds nothing.
  const GraphTable* graph(TermId g) const;
  /// Removes every quad of graph g.
  void clear_graph(TermId g);
  std::size_t memory_bytes() const;

 private:
  GraphTable* graph_mut(TermId g);
  std::vector<GraphTable> tables_;  // kept sorted: default graph first, then by id
  std::vector<Quad> pending_insert_;
  std::vector<Quad> pending_erase_;
};

// ---- inline implementation -------------------------------------------------------------

inline Ordering ordering_for(bool s, bool p, bool o) {
  // bound positions -> ordering whose prefix they are (sord's PAT_CASE table)
  if (s) return (o && !p) ? Ordering::kOSP : Ordering::kSPO;
  if (p) return Ordering::kPOS;
  if (o) return Ordering::kOSP;
  return Ordering::kSPO;
}

inline Key to_key(Ordering ord, TermId s, TermId p, TermId o) {
  switch (ord) {
    case Ordering::kSPO:
      return {s, p, o};
    case Ordering::kPOS:
      return {p, o, s};
    case Ordering::kOSP:
      return {o, s, p};
  }
  return {s, p, o};
}

template <class Fn>
inline bool call_triple(Fn& fn, Ordering ord, const Key& k) {
  TermId s, p, o;
  switch (ord) {
    case Ordering::kSPO:
      s = k.a, p = k.b, o = k.c;
      break;
    case Ordering::kPOS:
      p = k.a, o = k.b, s = k.c;
      break;
    default:
      o = k.a, s = k.b, p = k.c;
      break;
  }
  if constexpr (std::is_same_v<std::invoke_result_t<Fn&, TermId, TermId, TermId>, bool>) {
    return fn(s, p, o);
  } else {
    fn(s, p, o);
    return true;
  }
}

template <class Fn>
bool GraphTable::scan(const Run& run, const Run* gone, Ordering ord, Key lo, Key hi, Fn& fn) {
  auto begin = std::lower_bound(run.begin(), run.end(), lo);
  auto end = std::upper_bound(begin, run.end(), hi);
  if (gone == nullptr || gone->empty()) {
    for (auto it = begin; it != end; ++it) {
      if (!call_triple(fn, ord, *it)) return false;
    }
    return true;
  }
  // Skip the deleted keys: a merge with the (sorted) gone run over the same range.
  auto g = std::lower_bound(gone->begin(), gone->end(), lo);
  for (auto it = begin; it != end; ++it) {
    while (g != gone->end() && *g < *it) ++g;
    if (g != gone->end() && *g == *it) continue;
    if (!call_triple(fn, ord, *it)) return false;
  }
  return true;
}

template <class Fn>
bool GraphTable::for_each(TermId s, TermId p, TermId o, Fn&& fn) const {
  const Ordering ord = ordering_for(s != kNoTerm, p != kNoTerm, o != kNoTerm);
  const Key probe = to_key(ord, s, p, o);
  constexpr TermId kMax = std::numeric_limits<TermId>::max();
  // Bound positions form a prefix of the ordering's key (a, b, c), except (s, o) which
  // uses OSP with prefix (o, s); the full-bound case is a point lookup.
  Key lo{probe.a, probe.b, probe.c};
  Key hi{probe.a == kNoTerm ? kMax : probe.a, probe.b == kNoTerm ? kMax : probe.b,
         probe.c == kNoTerm ? kMax : probe.c};
  if (probe.a == kNoTerm)
    lo = {0, 0, 0}, hi = {kMax, kMax, kMax};
  else if (probe.b == kNoTerm)
    lo.c = 0, hi.c = kMax;
  const Index& index = idx_[static_cast<int>(ord)];
  if (!scan(index.main, &index.gone, ord, lo, hi, fn)) return false;
  return scan(index.recent, nullptr, ord, lo, hi, fn);
}

template <class Fn>
bool QuadStore::for_each(const Pattern& pat, Fn&& fn) const {
  auto visit = [&](const GraphTable& t) {
    const TermId g = t.graph();
    return t.for_each(pat.s, pat.p, pat.o, [&](TermId s, TermId p, TermId o) {
      const Quad q{s, p, o, g};
      if constexpr (std::is_same_v<std::invoke_result_t<Fn&, const Quad&>, bool>) {
        return fn(q);
      } else {
        fn(q);
        return true;
      }
    });
  };
  if (pat.g != kAnyGraph) {
    const GraphTable* t = graph(pat.g);
    return t == nullptr || visit(*t);
  }
  for (const GraphTable& t : tables_) {
    if (!visit(t)) return false;
  }
  return true;
}

}  // namespace kennis::store
