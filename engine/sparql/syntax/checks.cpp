#include "sparql/syntax/checks.hpp"

#include "sparql/syntax/scope.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>
#include <vector>

namespace kennis::sparql::syntax {

namespace {

enum class Place { kPattern, kSelect, kGroupBy, kHaving, kOrderBy };

const char* place_name(Place p) {
  switch (p) {
    case Place::kPattern:
      return "in a graph pattern (FILTER, BIND)";
    case Place::kGroupBy:
      return "in GROUP BY";
    default:
      return "here";
  }
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class Checker {
 public:
  std::optional<Problem> problem;

  void query(const Query& q) {
    if (q.where) group(*q.where);
    if (problem) return;
    std::unordered_set<std::string> in_scope;
    if (q.where) {
      for (std::string& name : in_scope_variables(*q.where)) in_scope.insert(std::move(name));
    }

    // SELECT expressions introduce new variables.
    std::vector<std::string> projected;
    for (const Projection& p : q.projection) {
      if (p.expr) {
        expression(*p.expr, Place::kSelect, p.pos);
        if (problem) return;
        if (in_scope.count(p.var.name) > 0) {
          return fail(p.pos, "variable ?" + p.var.name + " is already in scope; '(... AS ?" +
                                 p.var.name + ")' must introduce a new variable");
        }
        if (contains(projected, p.var.name)) {
          return fail(p.pos, "variable ?" + p.var.name + " is projected twice");
        }
      }
      projected.push_back(p.var.name);
    }

    for (const GroupCondition& g : q.group_by) {
      expression(*g.expr, Place::kGroupBy, g.pos);
      if (problem) return;
    }
    for (const auto& h : q.having) {
      expression(*h, Place::kHaving, q.pos);
      if (problem) return;
    }
    for (const OrderCondition& o : q.order_by) {
      expression(*o.expr, Place::kOrderBy, q.pos);
      if (problem) return;
    }

    if (q.form == QueryForm::kSelect && q.is_aggregated()) grouping(q);
  }

 private:
  void fail(base::SourcePos pos, std::string message) {
    if (!problem) problem = Problem{pos, std::move(message)};
  }

  // Section 11.4 / 18.2.4.1: in a grouped query only group keys and aggregates project.
  void grouping(const Query& q) {
    if (q.select_star) {
      return fail(q.pos, "SELECT * is not allowed in a query with GROUP BY or aggregates");
    }
    std::vector<std::string> keys;
    for (const GroupCondition& g : q.group_by) {
      if (g.var) {
        keys.push_back(g.var->name);
      } else if (const auto* v = std::get_if<expr::Variable>(&g.expr->node)) {
        keys.push_back(v->name);
      }
    }
    for (const Projection& p : q.projection) {
      if (!p.expr) {
        if (!contains(keys, p.var.name)) {
          return fail(p.pos, "variable ?" + p.var.name +
                                 " is selected but neither grouped (GROUP BY) nor aggregated");
        }
      } else {
        std::string stray;
        if (ungrouped_variable(*p.expr, keys, stray)) {
          return fail(p.pos, "variable ?" + stray +
                                 " is used outside an aggregate but is not grouped (GROUP BY)");
        }
        keys.push_back(p.var.name);
      }
    }
  }

  // True iff `e` uses, outside aggregates, a variable not in `keys` (named in `stray`).
  static bool ungrouped_variable(const expr::Expr& e, const std::vector<std::string>& keys,
                                 std::string& stray) {
    if (const auto* v = std::get_if<expr::Variable>(&e.node)) {
      if (contains(keys, v->name)) return false;
      stray = v->name;
      return true;
    }
    if (std::holds_alternative<expr::Aggregate>(e.node)) return false;
    if (const auto* u = std::get_if<expr::Unary>(&e.node))
      return ungrouped_variable(*u->arg, keys, stray);
    if (const auto* b = std::get_if<expr::Binary>(&e.node)) {
      return ungrouped_variable(*b->lhs, keys, stray) || ungrouped_variable(*b->rhs, keys, stray);
    }
    if (const auto* in = std::get_if<expr::InList>(&e.node)) {
      if (ungrouped_variable(*in->lhs, keys, stray)) return true;
      for (const auto& x : in->list) {
        if (ungrouped_variable(*x, keys, stray)) return true;
      }
      return false;
    }
    if (const auto* c = std::get_if<expr::Call>(&e.node)) {
      for (const auto& x : c->args) {
        if (ungrouped_variable(*x, keys, stray)) return true;
      }
    }
    return false;
  }

  void expression(const expr::Expr& e, Place place, base::SourcePos pos,
                  bool in_aggregate = false) {
    if (problem) return;
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, expr::Unary>) {
            expression(*n.arg, place, pos, in_aggregate);
          } else if constexpr (std::is_same_v<T, expr::Binary>) {
            expression(*n.lhs, place, pos, in_aggregate);
            expression(*n.rhs, place, pos, in_aggregate);
          } else if constexpr (std::is_same_v<T, expr::InList>) {
            expression(*n.lhs, place, pos, in_aggregate);
            for (const auto& x : n.list) expression(*x, place, pos, in_aggregate);
          } else if constexpr (std::is_same_v<T, expr::Call>) {
            for (const auto& x : n.args) expression(*x, place, pos, in_aggregate);
          } else if constexpr (std::is_same_v<T, expr::Aggregate>) {
            if (in_aggregate) return fail(pos, "aggregate " + n.name + " inside an aggregate");
            if (place == Place::kPattern || place == Place::kGroupBy) {
              return fail(pos, "aggregate " + n.name + " is not allowed " + place_name(place));
            }
            if (n.arg) expression(*n.arg, place, pos, true);
          } else if constexpr (std::is_same_v<T, expr::Exists>) {
            group(exists_pattern(n));
          }
        },
        e.node);
  }

  void labels(const VarOrTerm& t, int bgp, base::SourcePos pos) {
    const auto* term = std::get_if<rdf::Term>(&t);
    if (term == nullptr || !term->is_blank() || is_generated_blank(*term)) return;
    auto [it, inserted] = label_bgp_.emplace(term->value, bgp);
    if (!inserted && it->second != bgp) {
      fail(pos, "blank node _:" + term->value +
                    " is used in two basic graph patterns; a label may appear in one only");
    }
  }

  // Section 18.2.1 (BIND), 19.8 note 7? blank node labels (section 4.1.4).
  void group(const GroupGraphPattern& g) {
    std::unordered_set<std::string> scope;
    int bgp = -1;
    for (const PatternElement& e : g.elements) {
      if (problem) return;
      bool ends_bgp = true;
      if (const auto* block = std::get_if<TriplesBlock>(&e.node)) {
        if (bgp < 0) bgp = next_bgp_++;
        for (const TriplePattern& t : block->triples) {
          labels(t.subject, bgp, t.pos);
          labels(t.object, bgp, t.pos);
        }
        ends_bgp = false;
      } else if (const auto* f = std::get_if<Filter>(&e.node)) {
        expression(*f->condition, Place::kPattern, e.pos);
        ends_bgp = false;
      } else if (const auto* b = std::get_if<Bind>(&e.node)) {
        expression(*b->expr, Place::kPattern, e.pos);
        if (scope.count(b->var.name) > 0) {
          return fail(e.pos, "BIND assigns variable ?" + b->var.name +
                                 ", which is already in scope at this point of the group");
        }
      } else if (const auto* o = std::get_if<OptionalPattern>(&e.node)) {
        group(o->pattern);
      } else if (const auto* m = std::get_if<MinusPattern>(&e.node)) {
        group(m->pattern);
      } else if (const auto* n = std::get_if<NestedGroup>(&e.node)) {
        group(n->pattern);
      } else if (const auto* u = std::get_if<UnionPattern>(&e.node)) {
        for (const GroupGraphPattern& branch : u->branches) group(branch);
      } else if (const auto* gp = std::get_if<GraphPattern>(&e.node)) {
        group(gp->pattern);
      } else if (const auto* s = std::get_if<ServicePattern>(&e.node)) {
        group(s->pattern);
      } else if (const auto* sub = std::get_if<SubSelect>(&e.node)) {
        query(*sub->query);
      }
      if (ends_bgp) bgp = -1;
      for (std::string& name : in_scope_variables(e)) scope.insert(std::move(name));
    }
  }

  std::map<std::string, int> label_bgp_;
  int next_bgp_ = 0;
};

}  // namespace

std::optional<Problem> check_query(const Query& q) {
  Checker c;
  c.query(q);
  return c.problem;
}

}  // namespace kennis::sparql::syntax
