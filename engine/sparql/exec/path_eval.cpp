#include "sparql/exec/path_eval.hpp"

#include <algorithm>
#include <unordered_set>

namespace kennis::sparql::exec {

using algebra::Path;
using algebra::PathKind;

bool GraphScope::is_node(TermId t) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (store_.count(store::Pattern{t, kNoTerm, kNoTerm, graphs_[i]}) > 0) return true;
    if (store_.count(store::Pattern{kNoTerm, kNoTerm, t, graphs_[i]}) > 0) return true;
  }
  return false;
}

std::vector<TermId> GraphScope::nodes() const {
  std::vector<TermId> out;
  for (std::size_t i = 0; i < count_; ++i) {
    store_.for_each(store::Pattern{kNoTerm, kNoTerm, kNoTerm, graphs_[i]},
                    [&](const store::Quad& q) {
                      out.push_back(q.s);
                      out.push_back(q.o);
                    });
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool can_be_empty(const Path& p) {
  switch (p.kind) {
    case PathKind::kZeroOrMore:
    case PathKind::kZeroOrOne:
      return true;
    case PathKind::kSequence:
      return std::all_of(p.args.begin(), p.args.end(),
                         [](const auto& a) { return can_be_empty(*a); });
    case PathKind::kAlternative:
      return std::any_of(p.args.begin(), p.args.end(),
                         [](const auto& a) { return can_be_empty(*a); });
    case PathKind::kInverse:
      return can_be_empty(*p.args[0]);
    default:
      return false;
  }
}

algebra::PathPtr invert(const Path& p) {
  auto out = std::make_shared<Path>(p);
  switch (p.kind) {
    case PathKind::kLink: {
      out->kind = PathKind::kInverse;
      out->args = {std::make_shared<Path>(p)};
      return out;
    }
    case PathKind::kInverse:
      return std::make_shared<Path>(*p.args[0]);
    case PathKind::kSequence:
      out->args.clear();
      for (auto it = p.args.rbegin(); it != p.args.rend(); ++it) out->args.push_back(invert(**it));
      return out;
    case PathKind::kAlternative:
    case PathKind::kZeroOrMore:
    case PathKind::kOneOrMore:
    case PathKind::kZeroOrOne:
      out->args.clear();
      for (const auto& a : p.args) out->args.push_back(invert(*a));
      return out;
    case PathKind::kNegated:
      std::swap(out->forward, out->backward);
      return out;
  }
  return out;
}

const Path& PathEvaluator::inverse(const Path& p) {
  auto it = inverses_.find(&p);
  if (it == inverses_.end()) it = inverses_.emplace(&p, invert(p)).first;
  return *it->second;
}

void PathEvaluator::zero_length(TermId s, TermId o, Pairs& out) {
  if (s != kNoTerm) {
    if (o == kNoTerm || o == s) out.emplace_back(s, s);
    return;
  }
  if (o != kNoTerm) {
    out.emplace_back(o, o);
    return;
  }
  if (!have_nodes_) {
    nodes_ = scope_.nodes();
    have_nodes_ = true;
  }
  for (TermId n : nodes_) {
    ticker_.tick();
    out.emplace_back(n, n);
  }
}

void PathEvaluator::reach(const Path& step, TermId start, bool zero, std::vector<TermId>& out) {
  std::unordered_set<TermId> seen;
  std::vector<TermId> frontier{start};
  if (zero) {
    seen.insert(start);
    out.push_back(start);
  }
  Pairs next;
  while (!frontier.empty()) {
    const TermId x = frontier.back();
    frontier.pop_back();
    ticker_.tick();
    next.clear();
    eval(step, x, kNoTerm, next);
    for (const auto& pr : next) {
      if (seen.insert(pr.second).second) {
        out.push_back(pr.second);
        frontier.push_back(pr.second);
      }
    }
  }
}

void PathEvaluator::eval_sequence(const Path& p, std::size_t from, std::size_t to, TermId s,
                                  TermId o, Pairs& out) {
  if (to - from == 1) {
    eval(*p.args[from], s, o, out);
    return;
  }
  Pairs first;
  if (s != kNoTerm || o == kNoTerm) {
    // Left to right: each step's object is the next step's subject.
    eval(*p.args[from], s, kNoTerm, first);
    Pairs rest;
    for (const auto& [x, mid] : first) {
      rest.clear();
      eval_sequence(p, from + 1, to, mid, o, rest);
      for (const auto& pr : rest) {
        ticker_.tick();
        out.emplace_back(x, pr.second);
      }
    }
  } else {
    // Only the object is known: right to left.
    eval(*p.args[to - 1], kNoTerm, o, first);
    Pairs rest;
    for (const auto& [mid, y] : first) {
      rest.clear();
      eval_sequence(p, from, to - 1, kNoTerm, mid, rest);
      for (const auto& pr : rest) {
        ticker_.tick();
        out.emplace_back(pr.first, y);
      }
    }
  }
}

void PathEvaluator::eval(const Path& p, TermId s, TermId o, Pairs& out) {
  switch (p.kind) {
    case PathKind::kLink:
      scope_.for_each(s, p.iri, o, [&](TermId a, TermId, TermId b) {
        ticker_.tick();
        out.emplace_back(a, b);
        return true;
      });
      return;
    case PathKind::kInverse: {
      Pairs tmp;
      eval(*p.args[0], o, s, tmp);
      for (const auto& [a, b] : tmp) out.emplace_back(b, a);
      return;
    }
    case PathKind::kSequence:
      eval_sequence(p, 0, p.args.size(), s, o, out);
      return;
    case PathKind::kAlternative:
      for (const auto& a : p.args) eval(*a, s, o, out);
      return;
    case PathKind::kZeroOrOne: {
      Pairs tmp;
      zero_length(s, o, tmp);
      eval(*p.args[0], s, o, tmp);
      std::sort(tmp.begin(), tmp.end());
      tmp.erase(std::unique(tmp.begin(), tmp.end()), tmp.end());
      out.insert(out.end(), tmp.begin(), tmp.end());
      return;
    }
    case PathKind::kZeroOrMore:
    case PathKind::kOneOrMore: {
      const bool zero = p.kind == PathKind::kZeroOrMore;
      std::vector<TermId> reached;
      if (s != kNoTerm) {
        reach(*p.args[0], s, zero, reached);
        for (TermId r : reached) {
          if (o == kNoTerm || r == o) out.emplace_back(s, r);
        }
      } else if (o != kNoTerm) {
        reach(inverse(*p.args[0]), o, zero, reached);
        for (TermId r : reached) out.emplace_back(r, o);
      } else {
        // Both ends open: only nodes with an outgoing step start a walk; with *, every other
        // node of the graph matches itself (the zero-length path).
        Pairs steps;
        eval(*p.args[0], kNoTerm, kNoTerm, steps);
        std::vector<TermId> starts;
        starts.reserve(steps.size());
        for (const auto& st : steps) starts.push_back(st.first);
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        for (TermId n : starts) {
          ticker_.tick();
          reached.clear();
          reach(*p.args[0], n, zero, reached);
          for (TermId r : reached) out.emplace_back(n, r);
        }
        if (zero) {
          if (!have_nodes_) {
            nodes_ = scope_.nodes();
            have_nodes_ = true;
          }
          for (TermId n : nodes_) {
            if (!std::binary_search(starts.begin(), starts.end(), n)) out.emplace_back(n, n);
          }
        }
      }
      return;
    }
    case PathKind::kNegated: {
      const bool forward = !p.forward.empty() || p.backward.empty();
      if (forward) {
        scope_.for_each(s, kNoTerm, o, [&](TermId a, TermId pred, TermId b) {
          ticker_.tick();
          if (std::find(p.forward.begin(), p.forward.end(), pred) == p.forward.end()) {
            out.emplace_back(a, b);
          }
          return true;
        });
      }
      if (!p.backward.empty()) {
        scope_.for_each(o, kNoTerm, s, [&](TermId a, TermId pred, TermId b) {
          ticker_.tick();
          if (std::find(p.backward.begin(), p.backward.end(), pred) == p.backward.end()) {
            out.emplace_back(b, a);
          }
          return true;
        });
      }
      return;
    }
  }
}

}  // namespace kennis::sparql::exec
