#include "rdf_isomorphism.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace kennis::testing {

namespace {

using rdf::IdQuad;
using rdf::kNoTerm;
using rdf::TermId;

std::uint64_t mix(std::uint64_t x) {
  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t combine(std::uint64_t h, std::uint64_t v) {
  return mix(h ^ (v + (h << 6) + (h >> 2)));
}

bool quad_less(const IdQuad& x, const IdQuad& y) {
  return std::tie(x.g, x.s, x.p, x.o) < std::tie(y.g, y.s, y.p, y.o);
}

void sort_unique(std::vector<IdQuad>& qs) {
  std::sort(qs.begin(), qs.end(), quad_less);
  qs.erase(std::unique(qs.begin(), qs.end()), qs.end());
}

TermId& at(IdQuad& q, int pos) { return pos == 0 ? q.s : pos == 1 ? q.p : pos == 2 ? q.o : q.g; }
TermId at(const IdQuad& q, int pos) {
  return pos == 0 ? q.s : pos == 1 ? q.p : pos == 2 ? q.o : q.g;
}

// The search state: nodes 0..n-1 are the blanks of `a`, n..2n-1 those of `b`.
class Matcher {
 public:
  Matcher(const rdf::Dictionary& dict, std::vector<IdQuad> a, std::vector<IdQuad> b)
      : dict_(dict), a_(std::move(a)), b_(std::move(b)) {}

  std::optional<std::unordered_map<TermId, TermId>> run(std::string& why);

 private:
  bool is_blank(TermId t) const { return t != kNoTerm && dict_.kind(t) == rdf::TermKind::kBlank; }
  void index();
  /// Refines `colour` until the number of classes stops growing.
  void refine(std::vector<std::uint64_t>& colour) const;
  bool balanced(const std::vector<std::uint64_t>& colour) const;
  bool search(std::vector<std::uint64_t> colour, int depth);
  bool verify(const std::vector<std::uint64_t>& colour);

  const rdf::Dictionary& dict_;
  std::vector<IdQuad> a_, b_;
  std::size_t n_ = 0;
  std::vector<TermId> node_term_;
  std::unordered_map<TermId, std::uint32_t> node_of_;
  // For each node, the quads it occurs in: (side, quad index).
  std::vector<std::vector<std::pair<int, std::uint32_t>>> incident_;
  std::unordered_map<TermId, TermId> mapping_;
  std::size_t budget_ = 200000;  // refinement calls before giving up
};

void Matcher::index() {
  auto collect = [&](const std::vector<IdQuad>& qs, int side) {
    for (std::uint32_t i = 0; i < qs.size(); ++i) {
      for (int pos = 0; pos < 4; ++pos) {
        TermId t = at(qs[i], pos);
        if (!is_blank(t)) continue;
        auto [it, fresh] = node_of_.try_emplace(t, static_cast<std::uint32_t>(node_term_.size()));
        if (fresh) {
          node_term_.push_back(t);
          incident_.emplace_back();
        }
        auto& inc = incident_[it->second];
        if (inc.empty() || inc.back() != std::make_pair(side, i)) inc.emplace_back(side, i);
      }
    }
  };
  collect(a_, 0);
  n_ = node_term_.size();
  collect(b_, 1);
}

void Matcher::refine(std::vector<std::uint64_t>& colour) const {
  auto classes = [](const std::vector<std::uint64_t>& c) {
    std::unordered_set<std::uint64_t> s(c.begin(), c.end());
    return s.size();
  };
  std::size_t count = classes(colour);
  std::vector<std::uint64_t> next(colour.size());
  std::vector<std::uint64_t> sig;
  for (;;) {
    for (std::size_t v = 0; v < colour.size(); ++v) {
      sig.clear();
      const TermId self = node_term_[v];
      for (auto [side, qi] : incident_[v]) {
        const IdQuad& q = side == 0 ? a_[qi] : b_[qi];
        std::uint64_t h = 0x51ED270B27ULL;
        for (int pos = 0; pos < 4; ++pos) {
          const TermId t = at(q, pos);
          std::uint64_t x;
          if (t == self) {
            x = 0xA5A5A5A5ULL;
          } else if (auto it = node_of_.find(t); it != node_of_.end()) {
            x = colour[it->second] ^ 0x3C3C3C3CULL;
          } else {
            x = mix(t);
          }
          h = combine(h, x + static_cast<std::uint64_t>(pos));
        }
        sig.push_back(h);
      }
      std::sort(sig.begin(), sig.end());
      std::uint64_t h = colour[v];
      for (std::uint64_t x : sig) h = combine(h, x);
      next[v] = h;
    }
    colour.swap(next);
    const std::size_t now = classes(colour);
    if (now <= count) return;
    count = now;
  }
}

bool Matcher::balanced(const std::vector<std::uint64_t>& colour) const {
  std::unordered_map<std::uint64_t, long> tally;
  for (std::size_t v = 0; v < colour.size(); ++v) tally[colour[v]] += v < n_ ? 1 : -1;
  return std::all_of(tally.begin(), tally.end(), [](const auto& e) { return e.second == 0; });
}

bool Matcher::verify(const std::vector<std::uint64_t>& colour) {
  std::unordered_map<std::uint64_t, TermId> b_of;
  for (std::size_t v = n_; v < colour.size(); ++v) b_of[colour[v]] = node_term_[v];
  mapping_.clear();
  for (std::size_t v = 0; v < n_; ++v) mapping_[node_term_[v]] = b_of.at(colour[v]);
  std::vector<IdQuad> mapped = a_;
  for (IdQuad& q : mapped) {
    for (int pos = 0; pos < 4; ++pos) {
      auto it = mapping_.find(at(q, pos));
      if (it != mapping_.end()) at(q, pos) = it->second;
    }
  }
  sort_unique(mapped);
  return mapped == b_;
}

bool Matcher::search(std::vector<std::uint64_t> colour, int depth) {
  if (budget_ == 0) return false;
  --budget_;
  refine(colour);
  if (!balanced(colour)) return false;
  // The smallest class with more than one node per side.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cls;
  for (std::uint32_t v = 0; v < colour.size(); ++v) cls[colour[v]].push_back(v);
  const std::vector<std::uint32_t>* best = nullptr;
  for (const auto& [c, members] : cls) {
    if (members.size() > 2 && (best == nullptr || members.size() < best->size() ||
                               (members.size() == best->size() && members < *best))) {
      best = &members;
    }
  }
  if (best == nullptr) return verify(colour);
  const std::vector<std::uint32_t> members = *best;
  const std::uint32_t a = members.front();  // an `a` node: they come first
  const std::uint64_t marker = combine(0xC0FFEEULL, static_cast<std::uint64_t>(depth));
  for (std::uint32_t b : members) {
    if (b < n_) continue;
    std::vector<std::uint64_t> trial = colour;
    trial[a] = combine(trial[a], marker);
    trial[b] = combine(trial[b], marker);
    if (search(std::move(trial), depth + 1)) return true;
  }
  return false;
}

std::optional<std::unordered_map<TermId, TermId>> Matcher::run(std::string& why) {
  index();
  if (node_term_.size() != 2 * n_) {
    why = "the datasets have different numbers of blank nodes (" + std::to_string(n_) + " and " +
          std::to_string(node_term_.size() - n_) + ")";
    return std::nullopt;
  }
  std::vector<std::uint64_t> colour(node_term_.size(), 0x1234567ULL);
  if (search(std::move(colour), 0)) return mapping_;
  why = budget_ == 0 ? "search for a blank-node bijection gave up (too many symmetric nodes)"
                     : "no bijection between the blank nodes maps one dataset onto the other";
  return std::nullopt;
}

}  // namespace

std::string quad_to_string(const rdf::Dictionary& dict, const IdQuad& q) {
  std::string out = rdf::to_ntriples(dict.term(q.s)) + " " + rdf::to_ntriples(dict.term(q.p)) +
                    " " + rdf::to_ntriples(dict.term(q.o));
  if (q.g != kNoTerm) out += " " + rdf::to_ntriples(dict.term(q.g));
  return out + " .";
}

IsomorphismResult check_isomorphic(const rdf::Dictionary& dict, std::vector<IdQuad> a,
                                   std::vector<IdQuad> b) {
  sort_unique(a);
  sort_unique(b);
  auto has_blank = [&](const IdQuad& q) {
    for (int pos = 0; pos < 4; ++pos) {
      TermId t = at(q, pos);
      if (t != kNoTerm && dict.kind(t) == rdf::TermKind::kBlank) return true;
    }
    return false;
  };
  std::vector<IdQuad> ground_a, ground_b, blank_a, blank_b;
  for (const IdQuad& q : a) (has_blank(q) ? blank_a : ground_a).push_back(q);
  for (const IdQuad& q : b) (has_blank(q) ? blank_b : ground_b).push_back(q);

  IsomorphismResult result;
  if (ground_a != ground_b) {
    std::vector<IdQuad> only_a, only_b;
    std::set_difference(ground_a.begin(), ground_a.end(), ground_b.begin(), ground_b.end(),
                        std::back_inserter(only_a), quad_less);
    std::set_difference(ground_b.begin(), ground_b.end(), ground_a.begin(), ground_a.end(),
                        std::back_inserter(only_b), quad_less);
    std::size_t shown = 0;
    for (const IdQuad& q : only_a) {
      if (shown++ < 10) result.explanation += "  only in first:  " + quad_to_string(dict, q) + "\n";
    }
    for (const IdQuad& q : only_b) {
      if (shown++ < 20) result.explanation += "  only in second: " + quad_to_string(dict, q) + "\n";
    }
    result.explanation = std::to_string(only_a.size()) + " quads without blank nodes only in " +
                         "the first, " + std::to_string(only_b.size()) + " only in the second\n" +
                         result.explanation;
    return result;
  }
  if (blank_a.size() != blank_b.size()) {
    result.explanation = "quads with blank nodes: " + std::to_string(blank_a.size()) + " vs " +
                         std::to_string(blank_b.size()) + "\n";
    for (std::size_t i = 0; i < blank_a.size() && i < 10; ++i)
      result.explanation += "  first:  " + quad_to_string(dict, blank_a[i]) + "\n";
    for (std::size_t i = 0; i < blank_b.size() && i < 10; ++i)
      result.explanation += "  second: " + quad_to_string(dict, blank_b[i]) + "\n";
    return result;
  }
  if (blank_a.empty()) {
    result.isomorphic = true;
    return result;
  }
  Matcher matcher(dict, std::move(blank_a), std::move(blank_b));
  std::string why;
  if (matcher.run(why)) {
    result.isomorphic = true;
  } else {
    result.explanation = why + "\n";
  }
  return result;
}

}  // namespace kennis::testing
