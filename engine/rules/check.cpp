// Safety and well-formedness checks (see check.hpp).
#include "rules/check.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kennis::rules {

namespace {

using VarSet = std::set<std::string>;

class RuleChecker {
 public:
  RuleChecker(const Rule& rule, std::vector<base::Diagnostic>& out) : rule_(rule), out_(out) {}

  void run() {
    const std::string who = "rule `" + rule_.display_name() + "`";
    VarSet bound = check_body(rule_.body, /*outer=*/{}, /*in_aggregate=*/false);
    for (const Atom& a : rule_.head) {
      check_constants(a, /*head=*/true);
      for (const RuleTerm& t : a.terms) {
        if (t.is_variable && !bound.count(t.var)) {
          auto d = error(
              t.range, "unsafe " + who + ": head variable ?" + t.var + " is not bound by the body",
              "K202");
          d.notes.push_back(rule_.body.empty()
                                ? "a fact (empty body) cannot have variables"
                                : "bind ?" + t.var + " with a positive atom, BIND or AGGREGATE");
          out_.push_back(std::move(d));
        }
      }
    }
  }

 private:
  base::Diagnostic error(const base::SourceRange& r, std::string msg, std::string code) {
    return base::Diagnostic::error(std::move(msg), r, std::move(code));
  }
  void report(const base::SourceRange& r, std::string msg, std::string code) {
    out_.push_back(error(r, std::move(msg), std::move(code)));
  }

  /// Subjects may not be literals; predicates must be IRIs or variables.
  void check_constants(const Atom& a, bool head) {
    const RuleTerm& s = a.terms[0];
    const RuleTerm& p = a.terms[1];
    if (!s.is_variable && s.constant.is_literal()) {
      report(s.range,
             std::string("literal ") + to_string(s) + " in subject position of " +
                 (head ? "a head atom" : "an atom") + "; subjects are IRIs",
             "K209");
    }
    if (!p.is_variable && !p.constant.is_iri()) {
      report(p.range, "predicate " + to_string(p) + " is not an IRI", "K209");
    }
  }

  static void atom_vars(const Atom& a, VarSet& out) {
    for (const RuleTerm& t : a.terms) {
      if (t.is_variable) out.insert(t.var);
    }
  }

  static std::vector<std::string> expr_vars(const expr::ExprPtr& e) {
    std::vector<std::string> v;
    if (e) collect_variables(*e, v);
    return v;
  }

  /// Checks `body`; `outer` holds variables bound outside it (none: aggregate bodies are
  /// closed). Returns the variables the body binds.
  VarSet check_body(const std::vector<BodyItem>& body, const VarSet& outer, bool in_aggregate) {
    VarSet bound = outer;
    // Where each variable gets bound, to report double binding.
    std::map<std::string, std::string> binder;
    for (const BodyItem& item : body) {
      if (const auto* a = std::get_if<Atom>(&item.node)) {
        check_constants(*a, false);
        atom_vars(*a, bound);
        for (const RuleTerm& t : a->terms) {
          if (t.is_variable) binder.emplace(t.var, "a positive atom");
        }
      }
    }
    // Aggregates bind their ON variables and outputs.
    for (const BodyItem& item : body) {
      const auto* agg = std::get_if<AggregateItem>(&item.node);
      if (!agg) continue;
      if (in_aggregate) {
        report(agg->range, "AGGREGATE inside AGGREGATE is not supported", "K211");
        continue;
      }
      const VarSet inner = check_body(agg->body, {}, true);
      for (const std::string& g : agg->group_vars) {
        if (!inner.count(g)) {
          report(agg->range, "grouping variable ?" + g + " does not occur in the AGGREGATE body",
                 "K208");
        }
        bound.insert(g);
      }
      for (const AggregateOutput& o : agg->outputs) {
        const auto* node = o.aggregate ? std::get_if<expr::Aggregate>(&o.aggregate->node) : nullptr;
        if (!node) {
          report(o.range,
                 "expected an aggregate (COUNT, SUM, MIN, MAX, AVG, SAMPLE or GROUP_CONCAT) "
                 "before AS, found " +
                     (o.aggregate ? expr::to_string(*o.aggregate) : std::string("nothing")),
                 "K211");
        } else if (node->arg) {
          for (const std::string& v : expr_vars(node->arg)) {
            if (!inner.count(v)) {
              report(o.range, "aggregated variable ?" + v + " does not occur in the AGGREGATE body",
                     "K208");
            }
          }
        }
        if (bound.count(o.var) ||
            std::count_if(agg->outputs.begin(), agg->outputs.end(),
                          [&](const auto& x) { return x.var == o.var; }) > 1) {
          report(o.range, "AGGREGATE output ?" + o.var + " is already bound", "K205");
        }
        bound.insert(o.var);
        binder.emplace(o.var, "AGGREGATE");
      }
      // Variables local to the aggregate must not leak out.
      const VarSet groups(agg->group_vars.begin(), agg->group_vars.end());
      for (const std::string& v : inner) {
        if (groups.count(v)) continue;
        if (mentions_outside(body, &item, v) || head_mentions(v)) {
          auto d = error(agg->range,
                         "variable ?" + v +
                             " is local to AGGREGATE (not listed after ON) but is used outside it",
                         "K208");
          d.notes.push_back("add ?" + v + " to the ON variables to group by it");
          out_.push_back(std::move(d));
        }
      }
    }
    // BINDs: in any order, as soon as their inputs are bound.
    std::vector<const Bind*> pending;
    for (const BodyItem& item : body) {
      if (const auto* b = std::get_if<Bind>(&item.node)) pending.push_back(b);
    }
    for (const Bind* b : pending) {
      int n = 0;
      for (const Bind* c : pending) n += c->var == b->var;
      if (bound.count(b->var) || n > 1) {
        report(b->range, "BIND target ?" + b->var + " is already bound", "K205");
      }
    }
    bool progress = true;
    while (progress && !pending.empty()) {
      progress = false;
      for (auto it = pending.begin(); it != pending.end();) {
        const auto vars = expr_vars((*it)->expr);
        if (std::all_of(vars.begin(), vars.end(), [&](const auto& v) { return bound.count(v); })) {
          bound.insert((*it)->var);
          it = pending.erase(it);
          progress = true;
        } else {
          ++it;
        }
      }
    }
    for (const Bind* b : pending) {
      for (const std::string& v : expr_vars(b->expr)) {
        if (!bound.count(v)) {
          report(b->range,
                 "BIND in rule `" + rule_.display_name() + "` uses ?" + v +
                     ", which is not bound by the body",
                 "K204");
        }
      }
      bound.insert(b->var);
    }
    // FILTER, NOT and NOT EXISTS only test bound variables.
    for (const BodyItem& item : body) {
      if (const auto* f = std::get_if<Filter>(&item.node)) {
        for (const std::string& v : expr_vars(f->expr)) {
          if (!bound.count(v)) {
            report(f->range,
                   "FILTER in rule `" + rule_.display_name() + "` uses ?" + v +
                       ", which is not bound by the body",
                   "K204");
          }
        }
      } else if (const auto* n = std::get_if<Negation>(&item.node)) {
        check_constants(n->atom, false);
        for (const RuleTerm& t : n->atom.terms) {
          if (t.is_variable && !bound.count(t.var)) {
            auto d = error(t.range,
                           "variable ?" + t.var + " of NOT in rule `" + rule_.display_name() +
                               "` is not bound by a positive atom",
                           "K203");
            d.notes.push_back("to say that no ?" + t.var + " exists, write NOT EXISTS ?" + t.var +
                              " IN (" + to_string(n->atom) + ")");
            out_.push_back(std::move(d));
          }
        }
      } else if (const auto* ne = std::get_if<NotExists>(&item.node)) {
        VarSet local(ne->vars.begin(), ne->vars.end());
        VarSet used;
        for (const Atom& a : ne->atoms) {
          check_constants(a, false);
          atom_vars(a, used);
        }
        for (const std::string& v : ne->vars) {
          if (!used.count(v)) {
            report(ne->range, "NOT EXISTS variable ?" + v + " does not occur in its atoms", "K212");
          } else if (bound.count(v)) {
            report(ne->range,
                   "NOT EXISTS variable ?" + v +
                       " is also bound outside it; use another name or plain NOT",
                   "K212");
          }
        }
        for (const Atom& a : ne->atoms) {
          for (const RuleTerm& t : a.terms) {
            if (t.is_variable && !local.count(t.var) && !bound.count(t.var)) {
              auto d =
                  error(t.range,
                        "variable ?" + t.var + " of NOT EXISTS in rule `" + rule_.display_name() +
                            "` is neither listed after EXISTS nor "
                            "bound by a positive atom",
                        "K203");
              d.notes.push_back("list it: NOT EXISTS ?" + t.var + " ... IN (...)");
              out_.push_back(std::move(d));
              local.insert(t.var);  // report once
            }
          }
        }
      }
    }
    return bound;
  }

  static bool atom_mentions(const Atom& a, const std::string& v) {
    return std::any_of(a.terms.begin(), a.terms.end(),
                       [&](const RuleTerm& t) { return t.is_variable && t.var == v; });
  }

  static bool expr_mentions(const expr::ExprPtr& e, const std::string& v) {
    const auto vars = expr_vars(e);
    return std::find(vars.begin(), vars.end(), v) != vars.end();
  }

  static bool mentions_outside(const std::vector<BodyItem>& body, const BodyItem* skip,
                               const std::string& v) {
    for (const BodyItem& item : body) {
      if (&item == skip) continue;
      const bool hit = std::visit(
          [&](const auto& n) -> bool {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Atom>) {
              return atom_mentions(n, v);
            } else if constexpr (std::is_same_v<T, Negation>) {
              return atom_mentions(n.atom, v);
            } else if constexpr (std::is_same_v<T, NotExists>) {
              return std::any_of(n.atoms.begin(), n.atoms.end(),
                                 [&](const Atom& a) { return atom_mentions(a, v); });
            } else if constexpr (std::is_same_v<T, Filter>) {
              return expr_mentions(n.expr, v);
            } else if constexpr (std::is_same_v<T, Bind>) {
              return n.var == v || expr_mentions(n.expr, v);
            } else {
              if (std::find(n.group_vars.begin(), n.group_vars.end(), v) != n.group_vars.end())
                return true;
              return std::any_of(n.outputs.begin(), n.outputs.end(),
                                 [&](const AggregateOutput& o) { return o.var == v; });
            }
          },
          item.node);
      if (hit) return true;
    }
    return false;
  }

  bool head_mentions(const std::string& v) const {
    return std::any_of(rule_.head.begin(), rule_.head.end(),
                       [&](const Atom& a) { return atom_mentions(a, v); });
  }

  const Rule& rule_;
  std::vector<base::Diagnostic>& out_;
};

}  // namespace

std::vector<base::Diagnostic> check_rules(const RuleSet& rules) {
  std::vector<base::Diagnostic> out;
  std::map<std::string, const Rule*> names;
  for (const Rule& r : rules.rules) {
    RuleChecker(r, out).run();
    if (r.name.empty()) continue;
    auto [it, fresh] = names.emplace(r.name, &r);
    if (!fresh) {
      auto d = base::Diagnostic::error("duplicate rule name `" + r.name + "`", r.range, "K210");
      d.notes.push_back("first used at " + it->second->range.file + ":" +
                        std::to_string(it->second->range.begin.line));
      out.push_back(std::move(d));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.range.file, a.range.begin.line, a.range.begin.column) <
           std::tie(b.range.file, b.range.begin.line, b.range.begin.column);
  });
  return out;
}

}  // namespace kennis::rules
