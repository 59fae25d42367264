#include "store/quad_store.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace kennis::store {

namespace {

/// In-place MSD radix sort (American flag sort, McIlroy, Bostic and McIlroy 1993) of packed
/// keys on the 8-bit digit at `shift`, then recursively on the lower digits of each bucket.
void flag_sort(std::uint64_t* a, std::size_t n, int shift) {
  if (n < 48) {
    for (std::size_t i = 1; i < n; ++i) {  // insertion sort for small buckets
      const std::uint64_t x = a[i];
      std::size_t j = i;
      for (; j > 0 && a[j - 1] > x; --j) a[j] = a[j - 1];
      a[j] = x;
    }
    return;
  }
  std::size_t count[256] = {};
  for (std::size_t i = 0; i < n; ++i) ++count[(a[i] >> shift) & 0xFF];
  std::size_t next[256], end[256];
  std::size_t sum = 0;
  for (int b = 0; b < 256; ++b) {
    next[b] = sum;
    sum += count[b];
    end[b] = sum;
  }
  // Move every element into its bucket: take the one at the head of bucket b and swap it into
  // the bucket its digit names, until the head belongs to b.
  for (int b = 0; b < 256; ++b) {
    while (next[b] < end[b]) {
      std::uint64_t x = a[next[b]];
      int d = static_cast<int>((x >> shift) & 0xFF);
      while (d != b) {
        std::swap(x, a[next[d]++]);
        d = static_cast<int>((x >> shift) & 0xFF);
      }
      a[next[b]++] = x;
    }
  }
  if (shift == 0) return;
  const int lower = shift >= 8 ? shift - 8 : 0;
  std::size_t begin = 0;
  for (int b = 0; b < 256; ++b) {
    if (count[b] > 1) flag_sort(a + begin, count[b], lower);
    begin += count[b];
  }
}

}  // namespace

void sort_unique(std::vector<Key>& keys, bool in_place) {
  const std::size_t n = keys.size();
  TermId ma = 0, mb = 0, mc = 0;
  for (const Key& k : keys) ma |= k.a, mb |= k.b, mc |= k.c;
  const int wb = std::bit_width(mb), wc = std::bit_width(mc);
  const int total = std::bit_width(ma) + wb + wc;
  if (n < 1024 || total > 64) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return;
  }
  const std::uint64_t mask_b = (std::uint64_t{1} << wb) - 1, mask_c = (std::uint64_t{1} << wc) - 1;
  auto unpack = [&](std::uint64_t x) {
    return Key{static_cast<TermId>(wb + wc >= 64 ? 0 : x >> (wb + wc)),
               static_cast<TermId>((x >> wc) & mask_b), static_cast<TermId>(x & mask_c)};
  };
  if (!in_place) {
    // LSD radix sort on the packed keys, 11 bits per pass (the histograms stay in L1); passes
    // whose digit is the same for every key are skipped. Needs 16 bytes a key besides.
    constexpr int kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    const int passes = (total + kBits - 1) / kBits;
    std::vector<std::uint64_t> v(n), tmp(n);
    std::vector<std::size_t> hist(static_cast<std::size_t>(passes) * kBuckets, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Key& k = keys[i];
      const std::uint64_t x = (static_cast<std::uint64_t>(k.a) << (wb + wc)) |
                              (static_cast<std::uint64_t>(k.b) << wc) | k.c;
      v[i] = x;
      for (int p = 0; p < passes; ++p) ++hist[p * kBuckets + ((x >> (p * kBits)) & (kBuckets - 1))];
    }
    for (int p = 0; p < passes; ++p) {
      std::size_t* h = hist.data() + p * kBuckets;
      const std::uint64_t first = (v[0] >> (p * kBits)) & (kBuckets - 1);
      if (h[first] == n) continue;  // one digit value: the pass would not move anything
      std::size_t sum = 0;
      for (std::size_t b = 0; b < kBuckets; ++b) {
        const std::size_t c = h[b];
        h[b] = sum;
        sum += c;
      }
      for (const std::uint64_t x : v) tmp[h[(x >> (p * kBits)) & (kBuckets - 1)]++] = x;
      v.swap(tmp);
    }
    std::size_t out = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && v[i] == v[i - 1]) continue;
      keys[out++] = unpack(v[i]);
    }
    keys.resize(out);
    return;
  }
  // In place: packed into 64 bits in the keys' own memory and sorted there by an MSD radix
  // sort. Packing forwards is safe: packed key i (bytes 8i..8i+8) never reaches key i+1 (from
  // byte 12i+12); unpacking backwards is safe for the same reason.
  static_assert(sizeof(Key) == 12);
  auto* bytes = reinterpret_cast<unsigned char*>(keys.data());
  for (std::size_t i = 0; i < n; ++i) {
    Key k;
    std::memcpy(&k, bytes + 12 * i, sizeof k);
    const std::uint64_t x = (static_cast<std::uint64_t>(k.a) << (wb + wc)) |
                            (static_cast<std::uint64_t>(k.b) << wc) | k.c;
    std::memcpy(bytes + 8 * i, &x, sizeof x);
  }
  // memcpy has created the uint64_t objects there (C++20 implicit object creation); the
  // vector's storage is aligned for them.
  flag_sort(reinterpret_cast<std::uint64_t*>(bytes), n, total > 8 ? total - 8 : 0);
  for (std::size_t i = n; i-- > 0;) {
    std::uint64_t x;
    std::memcpy(&x, bytes + 8 * i, sizeof x);
    const Key k = unpack(x);
    std::memcpy(bytes + 12 * i, &k, sizeof k);
  }
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

namespace {

/// Keeps the keys of sorted `keys` that are not in sorted `run`: a merge that gallops
/// (exponential then binary search) through the run, so a few probes into a large run cost
/// O(k log(n/k)) and probes in order touch the run's memory in order.
void drop_present_in(std::vector<Key>& keys, const Run& run) {
  if (run.empty() || keys.empty()) return;
  auto pos = run.begin();
  std::size_t out = 0;
  for (const Key& k : keys) {
    std::size_t step = 1;
    auto hi = pos;
    while (hi != run.end() && *hi < k) {
      pos = hi;
      hi = (run.end() - hi) > static_cast<std::ptrdiff_t>(step)
               ? hi + static_cast<std::ptrdiff_t>(step)
               : run.end();
      step *= 2;
    }
    pos = std::lower_bound(pos, hi, k);
    if (pos != run.end() && *pos == k) continue;
    keys[out++] = k;
  }
  keys.resize(out);
}

// Merges sorted `add` into sorted `run` (both duplicate-free, disjoint).
void merge_into(Run& run, const std::vector<Key>& add) {
  if (add.empty()) return;
  const std::size_t old = run.size();
  run.resize(old + add.size());
  // Merge from the back so no extra buffer is needed.
  auto out = run.end();
  auto a = run.begin() + static_cast<std::ptrdiff_t>(old);
  auto b = add.end();
  while (b != add.begin()) {
    if (a != run.begin() && *(a - 1) > *(b - 1)) {
      *--out = *--a;
    } else {
      *--out = *--b;
    }
  }
}

// Removes sorted `del` from sorted `run`; returns how many were removed.
std::size_t remove_from(Run& run, const std::vector<Key>& del) {
  if (del.empty() || run.empty()) return 0;
  std::size_t removed = 0;
  if (del.size() <= 2) {
    // One or two deletions: erase in place (each erase moves the tail of the run, so more
    // than a couple cost more than one merge pass).
    for (const Key& k : del) {
      auto it = std::lower_bound(run.begin(), run.end(), k);
      if (it != run.end() && *it == k) {
        run.erase(it);
        ++removed;
      }
    }
    return removed;
  }
  auto out = run.begin();
  auto d = del.begin();
  for (auto it = run.begin(); it != run.end(); ++it) {
    while (d != del.end() && *d < *it) ++d;
    if (d != del.end() && *d == *it) {
      ++removed;
      continue;
    }
    *out++ = *it;
  }
  run.erase(out, run.end());
  return removed;
}

Key permute(Ordering ord, const Key& spo) { return to_key(ord, spo.a, spo.b, spo.c); }

}  // namespace

bool GraphTable::contains(TermId s, TermId p, TermId o) const {
  const Key k{s, p, o};
  const Index& idx = idx_[0];
  if (std::binary_search(idx.main.begin(), idx.main.end(), k)) {
    return idx.gone.empty() || !std::binary_search(idx.gone.begin(), idx.gone.end(), k);
  }
  return std::binary_search(idx.recent.begin(), idx.recent.end(), k);
}

std::size_t GraphTable::count(TermId s, TermId p, TermId o) const {
  if (s == kNoTerm && p == kNoTerm && o == kNoTerm) return size_;
  const Ordering ord = ordering_for(s != kNoTerm, p != kNoTerm, o != kNoTerm);
  const Key probe = to_key(ord, s, p, o);
  constexpr TermId kMax = std::numeric_limits<TermId>::max();
  Key lo = probe;
  Key hi{probe.a, probe.b == kNoTerm ? kMax : probe.b, probe.c == kNoTerm ? kMax : probe.c};
  if (probe.b == kNoTerm) lo.c = 0;
  const Index& index = idx_[static_cast<int>(ord)];
  std::size_t n = 0;
  for (const Run* run : {&index.main, &index.recent, &index.gone}) {
    auto b = std::lower_bound(run->begin(), run->end(), lo);
    auto e = std::upper_bound(b, run->end(), hi);
    const auto k = static_cast<std::size_t>(e - b);
    n = run == &index.gone ? n - k : n + k;  // gone keys are counted in main
  }
  return n;
}

std::size_t GraphTable::insert_bulk(std::vector<Key>&& spo) {
  sort_unique(spo, /*in_place=*/true);
  if (size_ != 0) return insert_sorted(spo, nullptr);
  spo.shrink_to_fit();
  size_ = spo.size();
  for (int i = 1; i < 3; ++i) {
    const auto ord = static_cast<Ordering>(i);
    Run keys;
    keys.reserve(spo.size());
    for (const Key& k : spo) keys.push_back(permute(ord, k));
    sort_unique(keys, /*in_place=*/true);
    idx_[i].main = std::move(keys);
  }
  idx_[0].main = std::move(spo);
  return size_;
}

std::size_t GraphTable::insert_sorted(std::span<const Key> spo, std::vector<Key>* added) {
  // Keep only keys not present yet; deleted keys of `main` come back by leaving `gone`.
  std::vector<Key> fresh(spo.begin(), spo.end());
  std::size_t revived = 0;
  if (!idx_[0].gone.empty()) {
    std::vector<Key> back;
    for (const Key& k : fresh) {
      if (std::binary_search(idx_[0].gone.begin(), idx_[0].gone.end(), k)) back.push_back(k);
    }
    if (!back.empty()) {
      revived = back.size();
      size_ += revived;
      for (int i = 0; i < 3; ++i) {
        std::vector<Key> keys;
        keys.reserve(back.size());
        for (const Key& k : back) keys.push_back(permute(static_cast<Ordering>(i), k));
        sort_unique(keys);
        remove_from(idx_[i].gone, keys);
      }
      if (added != nullptr) added->insert(added->end(), back.begin(), back.end());
    }
  }
  drop_present_in(fresh, idx_[0].main);
  drop_present_in(fresh, idx_[0].recent);
  if (fresh.empty()) return revived;
  size_ += fresh.size();
  for (int i = 0; i < 3; ++i) {
    const auto ord = static_cast<Ordering>(i);
    Index& index = idx_[i];
    std::vector<Key> keys;
    if (ord == Ordering::kSPO) {
      keys = fresh;
    } else {
      keys.reserve(fresh.size());
      for (const Key& k : fresh) keys.push_back(permute(ord, k));
      sort_unique(keys);
    }
    if (index.main.empty()) {
      index.main = std::move(keys);
      continue;
    }
    merge_into(index.recent, keys);
    // Two-level LSM: fold `recent` into `main` once it is a sizeable fraction of it, so
    // inserts cost O(recent) amortised and lookups search two runs.
    if (index.recent.size() * 8 > index.main.size()) {
      merge_into(index.main, index.recent);
      index.recent.clear();
      index.recent.shrink_to_fit();
    }
  }
  if (added != nullptr) {
    added->insert(added->end(), fresh.begin(), fresh.end());
    if (revived != 0) {
      std::sort(added->end() - static_cast<std::ptrdiff_t>(fresh.size() + revived), added->end());
    }
  }
  return fresh.size() + revived;
}

std::size_t GraphTable::erase_sorted(std::span<const Key> spo, std::vector<Key>* removed) {
  std::vector<Key> present;
  for (const Key& k : spo) {
    if (contains(k.a, k.b, k.c)) present.push_back(k);
  }
  if (present.empty()) return 0;
  for (int i = 0; i < 3; ++i) {
    const auto ord = static_cast<Ordering>(i);
    std::vector<Key> keys;
    keys.reserve(present.size());
    for (const Key& k : present) keys.push_back(permute(ord, k));
    sort_unique(keys);
    Index& index = idx_[i];
    // Keys of `recent` go at once; keys of `main` are marked gone, and `main` is rewritten
    // without them once they are a sixteenth of it.
    if (!index.recent.empty()) {
      std::vector<Key> in_main;
      for (const Key& k : keys) {
        if (!std::binary_search(index.recent.begin(), index.recent.end(), k)) in_main.push_back(k);
      }
      remove_from(index.recent, keys);
      keys.swap(in_main);
    }
    merge_into(index.gone, keys);
    if (index.gone.size() * 16 > index.main.size()) {
      remove_from(index.main, index.gone);
      index.gone.clear();
      index.gone.shrink_to_fit();
    }
  }
  size_ -= present.size();
  if (removed != nullptr) removed->insert(removed->end(), present.begin(), present.end());
  return present.size();
}

std::size_t GraphTable::memory_bytes() const {
  std::size_t n = sizeof(*this);
  for (const Index& i : idx_) {
    n += (i.main.capacity() + i.recent.capacity() + i.gone.capacity()) * sizeof(Key);
  }
  return n;
}

std::vector<std::pair<TermId, std::size_t>> GraphTable::predicate_counts() const {
  std::vector<std::pair<TermId, std::size_t>> out;
  const Index& pos = idx_[static_cast<int>(Ordering::kPOS)];
  auto tally = [&](const Run& run) {
    for (std::size_t i = 0; i < run.size();) {
      std::size_t j = std::upper_bound(run.begin() + static_cast<std::ptrdiff_t>(i), run.end(),
                                       Key{run[i].a, std::numeric_limits<TermId>::max(),
                                           std::numeric_limits<TermId>::max()}) -
                      run.begin();
      out.emplace_back(run[i].a, j - i);
      i = j;
    }
  };
  tally(pos.main);
  tally(pos.recent);
  const std::size_t counted = out.size();
  tally(pos.gone);  // subtracted below
  const std::vector<std::pair<TermId, std::size_t>> gone(
      out.begin() + static_cast<std::ptrdiff_t>(counted), out.end());
  out.resize(counted);
  std::sort(out.begin(), out.end());
  std::vector<std::pair<TermId, std::size_t>> merged;
  for (auto& e : out) {
    if (!merged.empty() && merged.back().first == e.first) {
      merged.back().second += e.second;
    } else {
      merged.push_back(e);
    }
  }
  for (const auto& [p, n] : gone) {
    auto it = std::lower_bound(merged.begin(), merged.end(), std::make_pair(p, std::size_t{0}));
    if (it != merged.end() && it->first == p) it->second -= n;
  }
  merged.erase(
      std::remove_if(merged.begin(), merged.end(), [](const auto& e) { return e.second == 0; }),
      merged.end());
  return merged;
}

// ---- QuadStore ---------------------------------------------------------------------------

static bool graph_less(TermId a, TermId b) {
  // Default graph first, then by id.
  if (a == kDefaultGraph || b == kDefaultGraph) return a == kDefaultGraph && b != kDefaultGraph;
  return a < b;
}

const GraphTable* QuadStore::graph(TermId g) const {
  auto it = std::lower_bound(tables_.begin(), tables_.end(), g, [](const GraphTable& t, TermId id) {
    return graph_less(t.graph(), id);
  });
  if (it == tables_.end() || it->graph() != g) return nullptr;
  return &*it;
}

GraphTable* QuadStore::graph_mut(TermId g) {
  auto it = std::lower_bound(tables_.begin(), tables_.end(), g, [](const GraphTable& t, TermId id) {
    return graph_less(t.graph(), id);
  });
  if (it == tables_.end() || it->graph() != g) it = tables_.insert(it, GraphTable(g));
  return &*it;
}

std::pair<std::size_t, std::size_t> QuadStore::commit(std::vector<Quad>* added,
                                                      std::vector<Quad>* removed) {
  std::size_t inserted = 0, erased = 0;
  auto apply = [&](std::vector<Quad>& qs, bool insert, std::vector<Quad>* out) {
    // Split by graph (few graphs: a linear search from the last one), then sort each
    // graph's keys.
    std::vector<std::pair<TermId, std::vector<Key>>> parts;
    std::size_t last = 0;
    for (const Quad& q : qs) {
      if (parts.empty() || parts[last].first != q.g) {
        last = 0;
        while (last < parts.size() && parts[last].first != q.g) ++last;
        if (last == parts.size()) parts.emplace_back(q.g, std::vector<Key>{});
      }
      parts[last].second.push_back(Key{q.s, q.p, q.o});
    }
    qs.clear();
    qs.shrink_to_fit();
    std::sort(parts.begin(), parts.end(),
              [](const auto& a, const auto& b) { return graph_less(a.first, b.first); });
    std::size_t total = 0;
    std::vector<Key> changed;
    for (auto& [g, keys] : parts) {
      sort_unique(keys);
      changed.clear();
      if (insert) {
        total += graph_mut(g)->insert_sorted(keys, out != nullptr ? &changed : nullptr);
      } else if (GraphTable* t = const_cast<GraphTable*>(graph(g)); t != nullptr) {
        total += t->erase_sorted(keys, out != nullptr ? &changed : nullptr);
      }
      if (out != nullptr) {
        for (const Key& k : changed) out->push_back(Quad{k.a, k.b, k.c, g});
      }
    }
    return total;
  };
  inserted = apply(pending_insert_, true, added);
  erased = apply(pending_erase_, false, removed);
  // Drop empty graphs so graphs() lists only graphs with content.
  tables_.erase(std::remove_if(tables_.begin(), tables_.end(),
                               [](const GraphTable& t) { return t.size() == 0; }),
                tables_.end());
  return {inserted, erased};
}

std::size_t QuadStore::count(const Pattern& pat) const {
  std::size_t n = 0;
  if (pat.g != kAnyGraph) {
    const GraphTable* t = graph(pat.g);
    return t == nullptr ? 0 : t->count(pat.s, pat.p, pat.o);
  }
  for (const GraphTable& t : tables_) n += t.count(pat.s, pat.p, pat.o);
  return n;
}

bool QuadStore::contains(const Quad& q) const {
  const GraphTable* t = graph(q.g);
  return t != nullptr && t->contains(q.s, q.p, q.o);
}

bool QuadStore::contains_triple(TermId s, TermId p, TermId o) const {
  for (const GraphTable& t : tables_) {
    if (t.contains(s, p, o)) return true;
  }
  return false;
}

std::size_t QuadStore::size() const {
  std::size_t n = 0;
  for (const GraphTable& t : tables_) n += t.size();
  return n;
}

std::vector<TermId> QuadStore::graphs() const {
  std::vector<TermId> out;
  for (const GraphTable& t : tables_) out.push_back(t.graph());
  return out;
}

void QuadStore::clear_graph(TermId g) {
  tables_.erase(std::remove_if(tables_.begin(), tables_.end(),
                               [g](const GraphTable& t) { return t.graph() == g; }),
                tables_.end());
}

std::size_t QuadStore::memory_bytes() const {
  std::size_t n = sizeof(*this) + tables_.capacity() * sizeof(GraphTable);
  for (const GraphTable& t : tables_) n += t.memory_bytes() - sizeof(GraphTable);
  n += (pending_insert_.capacity() + pending_erase_.capacity()) * sizeof(Quad);
  return n;
}

}  // namespace kennis::store
