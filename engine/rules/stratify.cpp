// Stratification (see stratify.hpp).
#include "rules/stratify.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <unordered_map>

namespace kennis::rules {

namespace {

/// Union-find over the (at most six) variables and constants of two atoms.
class Unifier {
 public:
  bool unify_position(const RuleTerm& a, const RuleTerm& b) {
    const int x = node(a, 0), y = node(b, 1);
    return merge(x, y);
  }

 private:
  struct Node {
    int parent;
    const rdf::Term* constant;
  };
  int node(const RuleTerm& t, int side) {
    if (t.is_variable) {
      for (std::size_t i = 0; i < vars_.size(); ++i) {
        if (vars_[i].first == side && vars_[i].second == t.var) return static_cast<int>(i);
      }
      vars_.emplace_back(side, t.var);
      nodes_.push_back({static_cast<int>(nodes_.size()), nullptr});
      return static_cast<int>(nodes_.size() - 1);
    }
    vars_.emplace_back(-1, std::string());
    nodes_.push_back({static_cast<int>(nodes_.size()), &t.constant});
    return static_cast<int>(nodes_.size() - 1);
  }
  int find(int x) {
    while (nodes_[x].parent != x) x = nodes_[x].parent = nodes_[nodes_[x].parent].parent;
    return x;
  }
  bool merge(int x, int y) {
    x = find(x), y = find(y);
    if (x == y) return true;
    const rdf::Term* cx = nodes_[x].constant;
    const rdf::Term* cy = nodes_[y].constant;
    if (cx && cy && !(*cx == *cy)) return false;
    nodes_[y].parent = x;
    if (!cx) nodes_[x].constant = cy;
    return true;
  }
  std::vector<std::pair<int, std::string>> vars_;  // (side, name); side -1 for constants
  std::vector<Node> nodes_;
};

/// The head atoms of a rule set indexed by their constants, so that the heads a body atom may
/// unify with are found without trying every rule. A head whose constant positions are S is
/// filed, for each subset T of S, under (S, T, its constants at T); a body atom whose constant
/// positions are C looks, for each S, under (S, S & C, its own constants there). What it finds
/// agrees with it wherever both have a constant: a superset of the heads that unify with it
/// (a repeated variable may still rule one out), and each is read once per body atom.
class HeadIndex {
 public:
  explicit HeadIndex(const RuleSet& rules) {
    for (std::size_t q = 0; q < rules.rules.size(); ++q) {
      for (const Atom& h : rules.rules[q].head) {
        const unsigned constant = constant_positions(h);
        for (unsigned t = constant;; t = (t - 1) & constant) {
          std::vector<std::size_t>& list =
              heads_[key(constant, t, h, [&](const rdf::Term& c) { return intern(c); })];
          if (list.empty() || list.back() != q) list.push_back(q);
          if (t == 0) break;
        }
      }
    }
  }

  /// The rules with a head atom that agrees with `atom` on every constant both have,
  /// ascending, each once.
  void candidates(const Atom& atom, std::vector<std::size_t>& out) const {
    out.clear();
    const unsigned constant = constant_positions(atom);
    for (unsigned s = 0; s < 8; ++s) {
      const std::string k = key(s, s & constant, atom, [&](const rdf::Term& c) { return find(c); });
      if (k.empty()) continue;  // a constant no head has
      auto it = heads_.find(k);
      if (it != heads_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

 private:
  static unsigned constant_positions(const Atom& a) {
    unsigned m = 0;
    for (unsigned i = 0; i < 3; ++i) {
      if (!a.terms[i].is_variable) m |= 1u << i;
    }
    return m;
  }
  /// "S T id id": the key of the constants of `a` at positions `t`, for heads with constants
  /// at `s`; empty if `id_of` gives 0 for one of them (a constant no head has).
  template <class IdOf>
  static std::string key(unsigned s, unsigned t, const Atom& a, IdOf&& id_of) {
    std::string k{static_cast<char>('0' + s), static_cast<char>('0' + t)};
    for (unsigned i = 0; i < 3; ++i) {
      if ((t & (1u << i)) == 0) continue;
      const std::size_t id = id_of(a.terms[i].constant);
      if (id == 0) return {};
      k += ' ' + std::to_string(id);
    }
    return k;
  }
  static std::string term_key(const rdf::Term& term) {
    std::string k(1, static_cast<char>('0' + static_cast<int>(term.kind)));
    for (const std::string* part : {&term.value, &term.datatype, &term.lang}) {
      k += std::to_string(part->size()) + ':' + *part;
    }
    return k;
  }
  /// A number per distinct constant of the heads, from 1.
  std::size_t intern(const rdf::Term& term) {
    return ids_.emplace(term_key(term), ids_.size() + 1).first->second;
  }
  std::size_t find(const rdf::Term& term) const {
    auto it = ids_.find(term_key(term));
    return it == ids_.end() ? 0 : it->second;
  }
  std::unordered_map<std::string, std::size_t> ids_;
  std::unordered_map<std::string, std::vector<std::size_t>> heads_;
};

/// Calls fn(atom, negative) for every atom of `body`, nested ones included.
void for_each_body_atom(const std::vector<BodyItem>& body, bool negative,
                        const std::function<void(const Atom&, bool)>& fn) {
  for (const BodyItem& item : body) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, Atom>) {
            fn(n, negative);
          } else if constexpr (std::is_same_v<T, Negation>) {
            fn(n.atom, true);
          } else if constexpr (std::is_same_v<T, NotExists>) {
            for (const Atom& a : n.atoms) fn(a, true);
          } else if constexpr (std::is_same_v<T, AggregateItem>) {
            for_each_body_atom(n.body, true, fn);
          }
        },
        item.node);
  }
}

bool is_nonmonotone(const Rule& r) {
  return std::any_of(r.body.begin(), r.body.end(), [](const BodyItem& item) {
    return std::holds_alternative<Negation>(item.node) ||
           std::holds_alternative<NotExists>(item.node) ||
           std::holds_alternative<AggregateItem>(item.node);
  });
}

std::string where(const base::SourceRange& r) {
  return r.file + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

}  // namespace

bool unifiable(const Atom& a, const Atom& b) {
  Unifier u;
  for (int i = 0; i < 3; ++i) {
    if (!u.unify_position(a.terms[i], b.terms[i])) return false;
  }
  return true;
}

std::vector<base::Diagnostic> stratify(const RuleSet& rules, Stratification& out) {
  const std::size_t n = rules.rules.size();
  out = Stratification{};
  out.depends_on.assign(n, {});
  out.component_of.assign(n, 0);

  // 1. Dependency edges (r -> q: r's body reads q's head), in the order of r's body atoms and
  // then of q. Only the heads the index offers are tried, so this step costs about the
  // number of edges rather than body atoms times rules.
  const HeadIndex heads(rules);
  std::vector<std::size_t> candidates;
  std::vector<std::size_t> dep_owner(n, n), dep_index(n, 0);  // q -> its entry in r's list
  for (std::size_t r = 0; r < n; ++r) {
    for_each_body_atom(rules.rules[r].body, false, [&](const Atom& atom, bool negative) {
      heads.candidates(atom, candidates);
      for (std::size_t q : candidates) {
        const auto& head = rules.rules[q].head;
        const bool hit = std::any_of(head.begin(), head.end(),
                                     [&](const Atom& h) { return unifiable(h, atom); });
        if (!hit) continue;
        auto& deps = out.depends_on[r];
        if (dep_owner[q] != r) {
          dep_owner[q] = r;
          dep_index[q] = deps.size();
          deps.push_back({q, negative, atom.range});
        } else if (Dependency& d = deps[dep_index[q]]; negative && !d.negative) {
          d.negative = true;
          d.at = atom.range;
        }
      }
    });
  }

  // 2. Tarjan's strongly connected components; a component is emitted after every
  // component it depends on, which is the evaluation order.
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::vector<std::size_t>> sccs;
  int counter = 0;
  // Iterative DFS: (node, next edge position).
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> dfs{{root, 0}};
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!dfs.empty()) {
      auto& [v, pos] = dfs.back();
      if (pos < out.depends_on[v].size()) {
        const std::size_t w = out.depends_on[v][pos++].rule;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          dfs.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<std::size_t> scc;
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          scc.push_back(w);
        } while (w != v);
        std::sort(scc.begin(), scc.end());
        sccs.push_back(std::move(scc));
      }
      const std::size_t done = v;
      dfs.pop_back();
      if (!dfs.empty()) low[dfs.back().first] = std::min(low[dfs.back().first], low[done]);
    }
  }

  std::vector<std::size_t> scc_of(n);
  for (std::size_t c = 0; c < sccs.size(); ++c) {
    for (std::size_t r : sccs[c]) scc_of[r] = c;
  }

  // 3. Cycles through negation, and strata.
  std::vector<base::Diagnostic> diags;
  std::vector<std::size_t> level(sccs.size(), 0);
  std::vector<std::size_t> prev(n, n);  // breadth-first search tree; n: not reached
  std::vector<std::size_t> reached;     // what to reset after a search
  for (std::size_t c = 0; c < sccs.size(); ++c) {
    Component comp;
    comp.rules = sccs[c];
    bool reported = false;  // one cycle per component is enough
    for (std::size_t r : sccs[c]) {
      comp.nonmonotone = comp.nonmonotone || is_nonmonotone(rules.rules[r]);
      for (const Dependency& d : out.depends_on[r]) {
        const std::size_t dc = scc_of[d.rule];
        if (dc == c) {
          comp.recursive = true;
          if (d.negative && !reported) {
            reported = true;
            // Name the cycle: r -NOT-> d.rule -> ... -> r, by breadth-first search.
            std::deque<std::size_t> queue{d.rule};
            prev[d.rule] = d.rule;
            reached.push_back(d.rule);
            while (!queue.empty() && prev[r] == n) {
              const std::size_t v = queue.front();
              queue.pop_front();
              for (const Dependency& e : out.depends_on[v]) {
                if (scc_of[e.rule] != c || prev[e.rule] != n) continue;
                prev[e.rule] = v;
                reached.push_back(e.rule);
                queue.push_back(e.rule);
              }
            }
            std::vector<std::size_t> path{r};
            for (std::size_t v = r; v != d.rule && prev[v] != n;) {
              v = prev[v];
              path.push_back(v);
            }
            for (std::size_t v : reached) prev[v] = n;
            reached.clear();
            std::reverse(path.begin() + 1, path.end());
            // path: r, d.rule, ..., (back to) r
            std::string cycle = "`" + rules.rules[r].display_name() + "`";
            for (std::size_t i = 1; i < path.size(); ++i) {
              cycle += (i == 1 ? " -NOT-> `" : " -> `") + rules.rules[path[i]].display_name() + "`";
            }
            cycle += " -> `" + rules.rules[r].display_name() + "`";
            if (d.rule == r) {
              cycle = "`" + rules.rules[r].display_name() + "` -NOT-> itself";
            }
            auto diag = base::Diagnostic::error(
                "rules cannot be stratified: `" + rules.rules[r].display_name() +
                    "` depends through negation or aggregation on its own consequences (cycle: " +
                    cycle + ")",
                d.at, "K206");
            for (std::size_t i = 1; i < path.size(); ++i) {
              const Rule& pr = rules.rules[path[i]];
              diag.notes.push_back("`" + pr.display_name() + "` is at " + where(pr.range));
            }
            diag.notes.push_back(
                "a rule may not depend on the negation (or an aggregate) of what it derives");
            diags.push_back(std::move(diag));
          }
          continue;
        }
        level[c] = std::max(level[c], level[dc] + (d.negative ? 1 : 0));
      }
    }
    comp.stratum = level[c];
    out.components.push_back(std::move(comp));
  }

  // 4. Evaluation order: by stratum, keeping the topological order within one.
  std::vector<std::size_t> order(out.components.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out.components[a].stratum < out.components[b].stratum;
  });
  std::vector<Component> sorted;
  for (std::size_t i : order) sorted.push_back(std::move(out.components[i]));
  out.components = std::move(sorted);
  out.strata = 0;
  for (std::size_t c = 0; c < out.components.size(); ++c) {
    for (std::size_t r : out.components[c].rules) out.component_of[r] = c;
    out.strata = std::max(out.strata, out.components[c].stratum + 1);
  }
  return diags;
}

std::string to_string(const Stratification& s, const RuleSet& rules) {
  std::string out;
  for (std::size_t st = 0; st < s.strata; ++st) {
    out += "stratum " + std::to_string(st) + ":\n";
    for (const Component& c : s.components) {
      if (c.stratum != st) continue;
      out += "  {";
      for (std::size_t i = 0; i < c.rules.size(); ++i) {
        if (i) out += ", ";
        out += rules.rules[c.rules[i]].display_name();
      }
      out += "}";
      if (c.recursive) out += " recursive";
      if (c.nonmonotone) out += " negation/aggregation";
      out += "\n";
    }
  }
  return out;
}

}  // namespace kennis::rules
