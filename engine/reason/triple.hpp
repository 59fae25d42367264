// Triples of ids and the small in-memory containers the reasoner keeps beside the store:
// a hash set (masks, logs, ranks) and a per-predicate index of delta triples (the
// semi-naive Δ relations, Soufflé's @delta_R).
#pragma once

#include "base/huge_pages.hpp"
#include "rdf/dictionary.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace kennis::reason {

using rdf::kNoTerm;
using rdf::TermId;

struct Triple {
  TermId s = kNoTerm;
  TermId p = kNoTerm;
  TermId o = kNoTerm;
  friend bool operator==(const Triple&, const Triple&) = default;
  friend auto operator<=>(const Triple&, const Triple&) = default;
};

inline std::uint64_t hash_triple(const Triple& t) {
  std::uint64_t h = (static_cast<std::uint64_t>(t.s) << 32) ^ t.o;
  h ^= static_cast<std::uint64_t>(t.p) * 0x9E3779B97F4A7C15ULL;
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return h;
}

struct TripleHash {
  std::size_t operator()(const Triple& t) const { return static_cast<std::size_t>(hash_triple(t)); }
};

/// An open-addressing hash set of triples with linear probing. A slot with s == kNoTerm is
/// empty; a slot with p == kNoTerm (and s != kNoTerm) is a tombstone left by erase().
class TripleSet {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// Makes room for n triples without rehashing.
  void reserve(std::size_t n) {
    if ((n + tombstones_) * 4 >= slots_.size() * 3) rehash(n);
  }

  /// Hints the CPU to load t's home slot (call a few probes ahead of contains/insert).
  void prefetch(const Triple& t) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash_triple(t) & mask_]);
  }

  bool contains(const Triple& t) const {
    if (size_ == 0) return false;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      const Triple& x = slots_[i];
      if (x == t) return true;
      if (x.s == kNoTerm) return false;
    }
  }

  /// Returns true iff t was not in the set.
  bool insert(const Triple& t) {
    if ((size_ + tombstones_ + 1) * 4 >= slots_.size() * 3) rehash(size_ + 1);
    std::size_t tomb = SIZE_MAX;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      Triple& x = slots_[i];
      if (x == t) return false;
      if (x.s == kNoTerm) {
        if (tomb != SIZE_MAX) {
          slots_[tomb] = t;
          --tombstones_;
        } else {
          x = t;
        }
        ++size_;
        return true;
      }
      if (x.p == kNoTerm && tomb == SIZE_MAX) tomb = i;
    }
  }

  /// Returns true iff t was in the set.
  bool erase(const Triple& t) {
    if (size_ == 0) return false;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      Triple& x = slots_[i];
      if (x == t) {
        x = Triple{1, kNoTerm, kNoTerm};  // tombstone
        --size_;
        ++tombstones_;
        return true;
      }
      if (x.s == kNoTerm) return false;
    }
  }

  void clear() {
    slots_ = base::ZeroedArray<Triple>();
    size_ = tombstones_ = 0;
    mask_ = 0;
  }

  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Triple& t : slots_) {
      if (t.s != kNoTerm && t.p != kNoTerm) fn(t);
    }
  }

  std::vector<Triple> to_vector() const {
    std::vector<Triple> v;
    v.reserve(size_);
    for_each([&](const Triple& t) { v.push_back(t); });
    return v;
  }

  std::size_t memory_bytes() const { return slots_.size() * sizeof(Triple); }

 private:
  /// Rebuilds the table for at least n triples at most half full.
  void rehash(std::size_t n) {
    std::vector<Triple> old = to_vector();
    std::size_t cap = 16;
    while (cap < std::max(n, old.size()) * 2 + 2) cap *= 2;
    slots_ = base::ZeroedArray<Triple>(cap);  // all empty slots (kNoTerm is 0)
    mask_ = cap - 1;
    size_ = tombstones_ = 0;
    for (const Triple& t : old) insert(t);
  }

  base::ZeroedArray<Triple> slots_;
  std::size_t size_ = 0;
  std::size_t tombstones_ = 0;
  std::size_t mask_ = 0;
};

/// Triples grouped by predicate, for scanning the triples of a delta that can match an
/// atom. Append-only between clear()s. After sort_groups() (and until the next add()) each
/// group is sorted by (object, subject), so equal objects form runs.
class DeltaIndex {
 public:
  void add(const Triple& t) {
    all_.push_back(t);
    by_p_[t.p].push_back(t);
    sorted_ = false;
  }
  void clear() {
    all_.clear();
    by_p_.clear();
    sorted_ = false;
  }
  bool empty() const { return all_.empty(); }
  std::size_t size() const { return all_.size(); }
  bool sorted() const { return sorted_; }
  const std::vector<Triple>& all() const { return all_; }
  /// The triples with predicate p (empty if none).
  const std::vector<Triple>& with_predicate(TermId p) const {
    auto it = by_p_.find(p);
    return it == by_p_.end() ? empty_ : it->second;
  }
  const std::unordered_map<TermId, std::vector<Triple>>& groups() const { return by_p_; }

  void sort_groups() {
    for (auto& [p, v] : by_p_) {
      std::sort(v.begin(), v.end(), [](const Triple& a, const Triple& b) {
        return a.o != b.o ? a.o < b.o : a.s < b.s;
      });
    }
    sorted_ = true;
  }

  /// Calls fn(t) for each triple matching (s, p, o); kNoTerm is a wildcard. Without a
  /// predicate, the triples come predicate by predicate.
  template <class Fn>
  void for_each(TermId s, TermId p, TermId o, Fn&& fn) const {
    auto scan = [&](const std::vector<Triple>& v) {
      auto b = v.begin(), e = v.end();
      if (o != kNoTerm && sorted_) {
        b = std::lower_bound(b, e, o, [](const Triple& t, TermId x) { return t.o < x; });
        e = std::upper_bound(b, e, o, [](TermId x, const Triple& t) { return x < t.o; });
      }
      for (auto it = b; it != e; ++it) {
        if ((s == kNoTerm || it->s == s) && (o == kNoTerm || it->o == o)) fn(*it);
      }
    };
    if (p != kNoTerm) {
      scan(with_predicate(p));
    } else {
      for (const auto& [q, v] : by_p_) scan(v);
    }
  }

 private:
  std::vector<Triple> all_;
  std::unordered_map<TermId, std::vector<Triple>> by_p_;
  std::vector<Triple> empty_;
  bool sorted_ = false;
};

}  // namespace kennis::reason
