// Index statistics for join ordering (see statistics.hpp).
#include "store/statistics.hpp"

#include <algorithm>
#include <cstdint>

namespace kennis::store {

namespace {

/// The number of distinct ids in `ids`. Ids are dense: a bitmap counts them in linear time (a
/// sort of a million ids costs tens of milliseconds, and statistics are taken while reasoning).
std::size_t count_distinct(const std::vector<TermId>& ids) {
  if (ids.empty()) return 0;
  const TermId max = *std::max_element(ids.begin(), ids.end());
  std::vector<std::uint64_t> seen(max / 64 + 1, 0);
  std::size_t count = 0;
  for (TermId x : ids) {
    std::uint64_t& word = seen[x / 64];
    const std::uint64_t bit = std::uint64_t{1} << (x % 64);
    count += (word & bit) == 0;
    word |= bit;
  }
  return count;
}

}  // namespace

std::size_t Statistics::count(TermId s, TermId p, TermId o, TermId g) const {
  return store_.count(Pattern{s, p, o, g});
}

double Statistics::count(TermId s, TermId p, TermId o, const std::vector<TermId>& graphs) const {
  double n = 0;
  for (TermId g : graphs) n += static_cast<double>(store_.count(Pattern{s, p, o, g}));
  return n;
}

// ---- across graphs -----------------------------------------------------------------------

std::size_t Statistics::distinct(TermId p, int position) {
  const std::size_t n = count(kNoTerm, p, kNoTerm);
  PredicateStats& e = across_[p];
  if (n != e.triples && (e.triples == 0 || n * 2 > e.triples * 3 || n * 3 < e.triples * 2)) {
    std::vector<TermId> subjects, objects;
    subjects.reserve(n);
    objects.reserve(n);
    store_.for_each(Pattern{kNoTerm, p, kNoTerm, kAnyGraph}, [&](const Quad& q) {
      subjects.push_back(q.s);
      objects.push_back(q.o);
    });
    e.triples = n;
    e.subjects = count_distinct(subjects);
    e.objects = count_distinct(objects);
  }
  return std::max<std::size_t>(1, position == 0 ? e.subjects : e.objects);
}

// ---- per graph, summed -------------------------------------------------------------------

void Statistics::refresh_per_graph() {
  if (per_graph_size_ == store_.size()) return;
  per_graph_size_ = store_.size();
  per_graph_.clear();
  subjects_ = 0;
  objects_ = 0;
  const std::vector<TermId> graphs = store_.graphs();
  for (TermId g : graphs) {
    // SPO order: distinct subjects overall and per predicate.
    TermId last_s = kNoTerm;
    std::vector<TermId> seen;  // predicates of the current subject
    store_.for_each(Pattern{kNoTerm, kNoTerm, kNoTerm, g}, [&](const Quad& q) {
      if (q.s != last_s) {
        last_s = q.s;
        seen.clear();
        subjects_ += 1;
      }
      PredicateStats& ps = per_graph_[q.p];
      ps.triples += 1;
      if (std::find(seen.begin(), seen.end(), q.p) == seen.end()) {
        seen.push_back(q.p);
        ps.subjects += 1;
      }
    });
  }
  // POS order per predicate: distinct objects.
  for (auto& [p, ps] : per_graph_) {
    for (TermId g : graphs) {
      TermId last_o = kNoTerm;
      store_.for_each(Pattern{kNoTerm, p, kNoTerm, g}, [&](const Quad& q) {
        if (q.o != last_o) {
          last_o = q.o;
          ps.objects += 1;
        }
      });
    }
    objects_ += ps.objects;
  }
}

const PredicateStats* Statistics::predicate(TermId p) {
  refresh_per_graph();
  auto it = per_graph_.find(p);
  return it == per_graph_.end() ? nullptr : &it->second;
}

double Statistics::subjects() {
  refresh_per_graph();
  return std::max(1.0, static_cast<double>(subjects_));
}

double Statistics::objects() {
  refresh_per_graph();
  return std::max(1.0, static_cast<double>(objects_));
}

double Statistics::predicates() {
  refresh_per_graph();
  return std::max(1.0, static_cast<double>(per_graph_.size()));
}

}  // namespace kennis::store
