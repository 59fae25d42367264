// Triples of ids and the small in-memory containers the reasoner keeps beside the store:
// a hash set (masks, logs, ranks) and a per-predicate index of delta triples (the
// semi-naive Δ relations, Soufflé's @delta_R).
#pragma once

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

/// An open-addressing hash set of triples (s == kNoTerm marks an empty slot).
class TripleSet {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  bool contains(const Triple& t) const {
    if (size_ == 0) return false;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      const Triple& x = slots_[i];
      if (x.s == kNoTerm && !deleted_at(i)) return false;
      if (x == t) return true;
    }
  }

  /// Returns true iff t was not in the set.
  bool insert(const Triple& t) {
    if ((size_ + tombstones_ + 1) * 4 >= slots_.size() * 3) grow();
    std::size_t tomb = SIZE_MAX;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      Triple& x = slots_[i];
      if (x.s == kNoTerm) {
        if (deleted_at(i)) {
          if (tomb == SIZE_MAX) tomb = i;
          continue;
        }
        if (tomb != SIZE_MAX) {
          slots_[tomb] = t;
          deleted_[tomb] = 0;
          --tombstones_;
        } else {
          x = t;
        }
        ++size_;
        return true;
      }
      if (x == t) return false;
    }
  }

  /// Returns true iff t was in the set.
  bool erase(const Triple& t) {
    if (size_ == 0) return false;
    for (std::size_t i = hash_triple(t) & mask_;; i = (i + 1) & mask_) {
      Triple& x = slots_[i];
      if (x.s == kNoTerm && !deleted_at(i)) return false;
      if (x == t) {
        x = Triple{};
        deleted_[i] = 1;
        --size_;
        ++tombstones_;
        return true;
      }
    }
  }

  void clear() {
    slots_.clear();
    deleted_.clear();
    size_ = tombstones_ = 0;
    mask_ = 0;
  }

  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Triple& t : slots_) {
      if (t.s != kNoTerm) fn(t);
    }
  }

  std::vector<Triple> to_vector() const {
    std::vector<Triple> v;
    v.reserve(size_);
    for_each([&](const Triple& t) { v.push_back(t); });
    return v;
  }

  std::size_t memory_bytes() const { return slots_.size() * (sizeof(Triple) + 1); }

 private:
  bool deleted_at(std::size_t i) const { return deleted_[i] != 0; }
  void grow() {
    std::vector<Triple> old;
    old.reserve(size_);
    for_each([&](const Triple& t) { old.push_back(t); });
    std::size_t cap = std::max<std::size_t>(16, slots_.size());
    while (old.size() * 2 + 2 >= cap) cap *= 2;
    slots_.assign(cap, Triple{});
    deleted_.assign(cap, 0);
    mask_ = cap - 1;
    size_ = tombstones_ = 0;
    for (const Triple& t : old) insert(t);
  }

  std::vector<Triple> slots_;
  std::vector<std::uint8_t> deleted_;
  std::size_t size_ = 0;
  std::size_t tombstones_ = 0;
  std::size_t mask_ = 0;
};

/// Triples grouped by predicate, for scanning the triples of a delta that can match an
/// atom. Append-only between clear()s.
class DeltaIndex {
 public:
  void add(const Triple& t) {
    all_.push_back(t);
    by_p_[t.p].push_back(t);
  }
  void clear() {
    all_.clear();
    by_p_.clear();
  }
  bool empty() const { return all_.empty(); }
  std::size_t size() const { return all_.size(); }
  const std::vector<Triple>& all() const { return all_; }
  /// The triples with predicate p (empty if none).
  const std::vector<Triple>& with_predicate(TermId p) const {
    auto it = by_p_.find(p);
    return it == by_p_.end() ? empty_ : it->second;
  }
  /// Sorts the triples of each predicate by (object, subject), so that scans meet equal
  /// objects in a row (consecutive probes of a memoised join step repeat).
  void sort_groups() {
    for (auto& [p, v] : by_p_) {
      std::sort(v.begin(), v.end(), [](const Triple& a, const Triple& b) {
        return a.o != b.o ? a.o < b.o : a.s < b.s;
      });
    }
  }

  /// Calls fn(t) for each triple matching (s, p, o); kNoTerm is a wildcard. Without a
  /// predicate, the triples come predicate by predicate.
  template <class Fn>
  void for_each(TermId s, TermId p, TermId o, Fn&& fn) const {
    auto scan = [&](const std::vector<Triple>& v) {
      for (const Triple& t : v) {
        if ((s == kNoTerm || t.s == s) && (o == kNoTerm || t.o == o)) fn(t);
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
};

}  // namespace kennis::reason
