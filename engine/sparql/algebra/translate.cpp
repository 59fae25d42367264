#include "sparql/algebra/translate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace kennis::sparql::algebra {

namespace {

/// Thrown inside the translator; turned into a Diagnostic by translate().
struct TranslateError {
  std::string message;
  base::SourcePos pos;
};

/// The variables of one query level (the query, or a subquery).
class Scope {
 public:
  Scope(VarTable& vars, std::vector<int>& uses, Scope* parent,
        std::set<std::string, std::less<>> projected, int id)
      : vars_(vars), uses_(uses), parent_(parent), projected_(std::move(projected)), id_(id) {}

  /// The slot of variable `name` in this scope, created on first use.
  Slot var(std::string_view name) {
    const Slot s = lookup(name);
    if (static_cast<std::size_t>(s) >= uses_.size()) uses_.resize(static_cast<std::size_t>(s) + 1);
    ++uses_[static_cast<std::size_t>(s)];
    return s;
  }
  /// How often a slot was referred to so far (to tell whether a pattern mentions it).
  int uses(Slot s) const {
    return static_cast<std::size_t>(s) < uses_.size() ? uses_[static_cast<std::size_t>(s)] : 0;
  }
  /// The slot of a blank node of a pattern (a variable that is never projected).
  Slot blank(const std::string& label) {
    const std::string key = "_:" + label;
    auto it = names_.find(key);
    if (it != names_.end()) return it->second;
    Slot s = vars_.add(id_ == 0 ? key : key + "~" + std::to_string(id_), true);
    names_.emplace(key, s);
    return s;
  }
  Slot fresh(const std::string& prefix) {
    return vars_.add("." + prefix + std::to_string(counter_++) +
                         (id_ == 0 ? std::string() : "~" + std::to_string(id_)),
                     true);
  }

 private:
  Slot lookup(std::string_view name) {
    auto it = names_.find(std::string(name));
    if (it != names_.end()) return it->second;
    Slot s;
    if (parent_ != nullptr && projected_.count(name) > 0) {
      s = parent_->var(name);
    } else if (parent_ != nullptr) {
      s = vars_.add(std::string(name) + "~" + std::to_string(id_), true);
    } else {
      s = vars_.add(std::string(name), false);
    }
    names_.emplace(std::string(name), s);
    return s;
  }

  VarTable& vars_;
  std::vector<int>& uses_;
  Scope* parent_;
  std::set<std::string, std::less<>> projected_;
  int id_;
  std::unordered_map<std::string, Slot> names_;
  int counter_ = 0;
};

void add_name(std::vector<std::string>& out, std::set<std::string>& seen, const std::string& n) {
  if (seen.insert(n).second) out.push_back(n);
}

void collect_scope(const GroupGraphPattern& g, std::vector<std::string>& out,
                   std::set<std::string>& seen);

void collect_var(const VarOrTerm& t, std::vector<std::string>& out, std::set<std::string>& seen) {
  if (const auto* v = std::get_if<Var>(&t)) add_name(out, seen, v->name);
}

std::vector<std::string> query_projection(const sparql::Query& q) {
  std::vector<std::string> out;
  if (q.select_star) {
    std::set<std::string> seen;
    if (q.where) collect_scope(*q.where, out, seen);
    if (q.values) {
      for (const auto& v : q.values->vars) add_name(out, seen, v.name);
    }
    return out;
  }
  for (const auto& p : q.projection) out.push_back(p.var.name);
  return out;
}

void collect_scope(const GroupGraphPattern& g, std::vector<std::string>& out,
                   std::set<std::string>& seen) {
  for (const auto& e : g.elements) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, TriplesBlock>) {
            for (const auto& t : n.triples) {
              collect_var(t.subject, out, seen);
              if (const auto* v = std::get_if<Var>(&t.predicate)) add_name(out, seen, v->name);
              collect_var(t.object, out, seen);
            }
          } else if constexpr (std::is_same_v<T, Bind>) {
            add_name(out, seen, n.var.name);
          } else if constexpr (std::is_same_v<T, OptionalPattern> ||
                               std::is_same_v<T, NestedGroup>) {
            collect_scope(n.pattern, out, seen);
          } else if constexpr (std::is_same_v<T, UnionPattern>) {
            for (const auto& b : n.branches) collect_scope(b, out, seen);
          } else if constexpr (std::is_same_v<T, GraphPattern>) {
            collect_var(n.name, out, seen);
            collect_scope(n.pattern, out, seen);
          } else if constexpr (std::is_same_v<T, ServicePattern>) {
            collect_var(n.endpoint, out, seen);
            collect_scope(n.pattern, out, seen);
          } else if constexpr (std::is_same_v<T, DataBlock>) {
            for (const auto& v : n.vars) add_name(out, seen, v.name);
          } else if constexpr (std::is_same_v<T, SubSelect>) {
            for (const auto& name : query_projection(*n.query)) add_name(out, seen, name);
          }
          // FILTER and MINUS bind nothing in scope.
        },
        e.node);
  }
}

/// Inverse of a path: ^(a/b) = ^b/^a, ^(a|b) = ^a|^b, ^(p*) = (^p)*, ^^p = p.
sparql::PathPtr invert(const sparql::PathPtr& p) {
  auto out = std::make_shared<sparql::Path>(*p);
  switch (p->kind) {
    case sparql::PathKind::kLink: {
      auto inv = std::make_shared<sparql::Path>();
      inv->kind = sparql::PathKind::kInverse;
      inv->args.push_back(p);
      return inv;
    }
    case sparql::PathKind::kInverse:
      return p->args[0];
    case sparql::PathKind::kSequence:
      out->args.clear();
      for (auto it = p->args.rbegin(); it != p->args.rend(); ++it) out->args.push_back(invert(*it));
      return out;
    case sparql::PathKind::kAlternative:
    case sparql::PathKind::kZeroOrMore:
    case sparql::PathKind::kOneOrMore:
    case sparql::PathKind::kZeroOrOne:
      out->args.clear();
      for (const auto& a : p->args) out->args.push_back(invert(a));
      return out;
    case sparql::PathKind::kNegatedSet:
      std::swap(out->forward, out->inverse);
      return out;
  }
  return out;
}

class Translator {
 public:
  Translator(rdf::Dictionary& dict, Query& out) : dict_(dict), out_(out) {}

  /// The id of a constant. A language tag matches the data's whatever its case (tags are
  /// case-insensitive): if the literal as written is unknown, a lower-case variant is tried.
  TermId intern(const rdf::Term& t) {
    if (t.is_literal() && !t.lang.empty() && dict_.find(t) == kNoTerm) {
      rdf::Term lower = t;
      for (char& c : lower.lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (const TermId id = dict_.find(lower); id != kNoTerm) return id;
    }
    return dict_.intern(t);
  }

  PatternTerm term(const VarOrTerm& t, Scope& scope) {
    if (const auto* v = std::get_if<Var>(&t)) return PatternTerm::variable(scope.var(v->name));
    const auto& term = std::get<rdf::Term>(t);
    if (term.is_blank()) return PatternTerm::variable(scope.blank(term.value));
    return PatternTerm::constant(intern(term));
  }

  // ---- expressions ------------------------------------------------------------------

  using AggregateSlots = std::map<const expr::Aggregate*, Slot>;

  /// Translates the EXISTS patterns of `e` (recursively) and records them.
  void find_exists(const expr::Expr& e, Scope& scope, std::vector<int>& found) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, expr::Unary>) {
            find_exists(*n.arg, scope, found);
          } else if constexpr (std::is_same_v<T, expr::Binary>) {
            find_exists(*n.lhs, scope, found);
            find_exists(*n.rhs, scope, found);
          } else if constexpr (std::is_same_v<T, expr::InList>) {
            find_exists(*n.lhs, scope, found);
            for (const auto& x : n.list) find_exists(*x, scope, found);
          } else if constexpr (std::is_same_v<T, expr::Call>) {
            for (const auto& x : n.args) find_exists(*x, scope, found);
          } else if constexpr (std::is_same_v<T, expr::Exists>) {
            const auto* handle = dynamic_cast<const ExistsPattern*>(n.pattern.get());
            if (handle == nullptr) throw TranslateError{"EXISTS without a pattern", {}};
            OpPtr op = group(handle->pattern(), scope);
            found.push_back(static_cast<int>(out_.exists.size()));
            out_.exists.push_back(ExistsInfo{n.pattern, std::move(op)});
          }
        },
        e.node);
  }

  /// Collects the aggregates of `e` into `group`, giving each a slot.
  void find_aggregates(const expr::Expr& e, Scope& scope, Op& group, AggregateSlots& slots) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, expr::Unary>) {
            find_aggregates(*n.arg, scope, group, slots);
          } else if constexpr (std::is_same_v<T, expr::Binary>) {
            find_aggregates(*n.lhs, scope, group, slots);
            find_aggregates(*n.rhs, scope, group, slots);
          } else if constexpr (std::is_same_v<T, expr::InList>) {
            find_aggregates(*n.lhs, scope, group, slots);
            for (const auto& x : n.list) find_aggregates(*x, scope, group, slots);
          } else if constexpr (std::is_same_v<T, expr::Call>) {
            for (const auto& x : n.args) find_aggregates(*x, scope, group, slots);
          } else if constexpr (std::is_same_v<T, expr::Aggregate>) {
            if (slots.count(&n) > 0) return;
            AggregateBinding b;
            b.slot = scope.fresh("agg");
            if (n.arg) find_exists(*n.arg, scope, b.exists);
            auto compiled = expr::compile_aggregate(
                n, [&scope](std::string_view name) { return scope.var(name); }, dict_);
            if (!compiled.ok()) throw TranslateError{compiled.error().message, {}};
            b.aggregate = std::move(compiled).value();
            b.text = expr::to_string(e);
            slots.emplace(&n, b.slot);
            group.aggregates.push_back(std::move(b));
          }
        },
        e.node);
  }

  ExprRef compile(const expr::ExprPtr& e, Scope& scope, const AggregateSlots* aggregates) {
    auto out = std::make_shared<Expression>();
    find_exists(*e, scope, out->exists);
    auto resolve = [&scope](std::string_view name) { return scope.var(name); };
    expr::AggregateResolver agg;
    if (aggregates != nullptr) {
      agg = [aggregates](const expr::Aggregate& a) {
        auto it = aggregates->find(&a);
        return it == aggregates->end() ? -1 : it->second;
      };
    } else {
      agg = [](const expr::Aggregate&) { return -1; };
    }
    auto compiled = expr::compile(*e, resolve, dict_, agg);
    if (!compiled.ok()) throw TranslateError{compiled.error().message, {}};
    out->code = std::move(compiled).value();
    std::set<Slot> reads(out->code.slots().begin(), out->code.slots().end());
    for (int idx : out->exists) {
      VarSets vs = var_sets(*out_.exists[static_cast<std::size_t>(idx)].op, out_.vars.size());
      for (std::size_t i = 0; i < vs.possible.size(); ++i) {
        if (vs.possible[i]) reads.insert(static_cast<Slot>(i));
      }
    }
    out->reads.assign(reads.begin(), reads.end());
    return out;
  }

  // ---- paths ----------------------------------------------------------------------------

  PathPtr convert(const sparql::Path& p) {
    auto out = std::make_shared<Path>();
    switch (p.kind) {
      case sparql::PathKind::kLink:
        out->kind = PathKind::kLink;
        out->iri = intern(p.iri);
        break;
      case sparql::PathKind::kInverse:
        out->kind = PathKind::kInverse;
        break;
      case sparql::PathKind::kSequence:
        out->kind = PathKind::kSequence;
        break;
      case sparql::PathKind::kAlternative:
        out->kind = PathKind::kAlternative;
        break;
      case sparql::PathKind::kZeroOrMore:
        out->kind = PathKind::kZeroOrMore;
        break;
      case sparql::PathKind::kOneOrMore:
        out->kind = PathKind::kOneOrMore;
        break;
      case sparql::PathKind::kZeroOrOne:
        out->kind = PathKind::kZeroOrOne;
        break;
      case sparql::PathKind::kNegatedSet:
        out->kind = PathKind::kNegated;
        for (const auto& t : p.forward) out->forward.push_back(intern(t));
        for (const auto& t : p.inverse) out->backward.push_back(intern(t));
        break;
    }
    for (const auto& a : p.args) out->args.push_back(convert(*a));
    return out;
  }

  /// Section 18.2.2.4: links and inverse links become triples, sequences joins through
  /// fresh variables; what is left becomes a Path operator.
  void path(PatternTerm x, const sparql::PathPtr& p, PatternTerm y, Scope& scope, Op& bgp,
            std::vector<OpPtr>& paths) {
    switch (p->kind) {
      case sparql::PathKind::kLink:
        bgp.triples.push_back({x, PatternTerm::constant(intern(p->iri)), y});
        return;
      case sparql::PathKind::kInverse:
        if (p->args[0]->kind == sparql::PathKind::kLink) {
          bgp.triples.push_back({y, PatternTerm::constant(intern(p->args[0]->iri)), x});
        } else {
          path(x, invert(p->args[0]), y, scope, bgp, paths);
        }
        return;
      case sparql::PathKind::kSequence: {
        PatternTerm from = x;
        for (std::size_t i = 0; i < p->args.size(); ++i) {
          PatternTerm to = i + 1 == p->args.size() ? y : PatternTerm::variable(scope.fresh("p"));
          path(from, p->args[i], to, scope, bgp, paths);
          from = to;
        }
        return;
      }
      default: {
        auto op = Op::make(OpKind::kPath);
        op->subject = x;
        op->object = y;
        op->path = convert(*p);
        paths.push_back(std::move(op));
      }
    }
  }

  // ---- graph patterns ---------------------------------------------------------------------

  static OpPtr join(OpPtr a, OpPtr b) {
    if (a->is_unit()) return b;
    if (b->is_unit()) return a;
    return Op::binary(OpKind::kJoin, std::move(a), std::move(b));
  }

  OpPtr triples(const TriplesBlock& block, Scope& scope) {
    auto bgp = Op::make(OpKind::kBgp);
    std::vector<OpPtr> paths;
    for (const auto& t : block.triples) {
      PatternTerm s = term(t.subject, scope);
      PatternTerm o = term(t.object, scope);
      if (const auto* v = std::get_if<Var>(&t.predicate)) {
        bgp->triples.push_back({s, PatternTerm::variable(scope.var(v->name)), o});
      } else if (const auto* iri = std::get_if<rdf::Term>(&t.predicate)) {
        bgp->triples.push_back({s, PatternTerm::constant(intern(*iri)), o});
      } else {
        path(s, std::get<sparql::PathPtr>(t.predicate), o, scope, *bgp, paths);
      }
    }
    OpPtr out = std::move(bgp);
    for (auto& p : paths) out = join(std::move(out), std::move(p));
    return out;
  }

  OpPtr values(const DataBlock& block, Scope& scope) {
    auto op = Op::make(OpKind::kValues);
    for (const auto& v : block.vars) op->slots.push_back(scope.var(v.name));
    for (const auto& row : block.rows) {
      for (const auto& cell : row) op->rows.push_back(cell ? intern(*cell) : kNoTerm);
    }
    op->row_count = block.rows.size();
    return op;
  }

  /// Translates a group (18.2.2.6). `own_filter`, if given, tells whether the result is a
  /// Filter made of this group's own FILTERs (not a nested group's).
  OpPtr group(const GroupGraphPattern& g, Scope& scope, bool* own_filter = nullptr) {
    std::vector<ExprRef> filters;
    OpPtr out = Op::unit();
    for (const auto& e : g.elements) {
      std::visit(
          [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, TriplesBlock>) {
              out = join(std::move(out), triples(n, scope));
            } else if constexpr (std::is_same_v<T, Filter>) {
              filters.push_back(compile(n.condition, scope, nullptr));
            } else if constexpr (std::is_same_v<T, Bind>) {
              auto op = Op::make(OpKind::kExtend);
              op->exprs.push_back(compile(n.expr, scope, nullptr));
              op->slots.push_back(scope.var(n.var.name));
              op->args.push_back(std::move(out));
              out = std::move(op);
            } else if constexpr (std::is_same_v<T, OptionalPattern>) {
              bool right_filter = false;
              OpPtr right = group(n.pattern, scope, &right_filter);
              auto op = Op::make(OpKind::kLeftJoin);
              if (right_filter) {
                op->exprs = std::move(right->exprs);
                right = std::move(right->args[0]);
              }
              op->args.push_back(std::move(out));
              op->args.push_back(std::move(right));
              out = std::move(op);
            } else if constexpr (std::is_same_v<T, MinusPattern>) {
              out = Op::binary(OpKind::kMinus, std::move(out), group(n.pattern, scope));
            } else if constexpr (std::is_same_v<T, NestedGroup>) {
              out = join(std::move(out), group(n.pattern, scope));
            } else if constexpr (std::is_same_v<T, UnionPattern>) {
              OpPtr u = group(n.branches[0], scope);
              for (std::size_t i = 1; i < n.branches.size(); ++i) {
                u = Op::binary(OpKind::kUnion, std::move(u), group(n.branches[i], scope));
              }
              out = join(std::move(out), std::move(u));
            } else if constexpr (std::is_same_v<T, GraphPattern>) {
              auto op = Op::make(OpKind::kGraph);
              op->graph = term(n.name, scope);
              const int before = op->graph.is_var() ? scope.uses(op->graph.var) : 0;
              op->args.push_back(group(n.pattern, scope));
              if (op->graph.is_var() && scope.uses(op->graph.var) > before) {
                // The pattern mentions the graph variable itself: it is evaluated with that
                // variable unbound (section 18.5), and joined with the graph name after.
                op->slots.push_back(scope.fresh("graph"));
              }
              out = join(std::move(out), std::move(op));
            } else if constexpr (std::is_same_v<T, ServicePattern>) {
              throw TranslateError{"SERVICE is not supported (queries run on the local dataset)",
                                   e.pos};
            } else if constexpr (std::is_same_v<T, DataBlock>) {
              out = join(std::move(out), values(n, scope));
            } else if constexpr (std::is_same_v<T, SubSelect>) {
              out = join(std::move(out), subquery(*n.query, scope));
            }
          },
          e.node);
    }
    if (own_filter != nullptr) *own_filter = !filters.empty();
    if (!filters.empty()) {
      auto op = Op::make(OpKind::kFilter);
      op->exprs = std::move(filters);
      op->args.push_back(std::move(out));
      out = std::move(op);
    }
    return out;
  }

  OpPtr subquery(const sparql::Query& q, Scope& parent) {
    auto names = query_projection(q);
    Scope scope(out_.vars, uses_, &parent, {names.begin(), names.end()}, ++scopes_);
    std::vector<Slot> projection;
    for (const auto& n : names) projection.push_back(scope.var(n));
    return modifiers(q, scope, projection, nullptr);
  }

  /// The WHERE clause and the solution modifiers of `q` (18.2.4, 18.2.5).
  OpPtr modifiers(const sparql::Query& q, Scope& scope, const std::vector<Slot>& projection,
                  const TranslateOptions* top) {
    OpPtr p = q.where ? group(*q.where, scope) : Op::unit();
    if (top != nullptr && !top->bindings.empty()) {
      auto op = Op::make(OpKind::kValues);
      for (const auto& [name, value] : top->bindings) {
        op->slots.push_back(scope.var(name));
        op->rows.push_back(intern(value));
      }
      op->row_count = 1;
      p = join(std::move(op), std::move(p));
    }
    AggregateSlots aggregates;
    if (q.is_aggregated()) {
      auto g = Op::make(OpKind::kGroup);
      for (const auto& c : q.group_by) {
        g->exprs.push_back(compile(c.expr, scope, nullptr));
        if (c.var) {
          g->slots.push_back(scope.var(c.var->name));
        } else if (g->exprs.back()->code.variable_slot() >= 0) {
          g->slots.push_back(g->exprs.back()->code.variable_slot());
        } else {
          g->slots.push_back(scope.fresh("key"));
        }
      }
      for (const auto& item : q.projection) {
        if (item.expr) find_aggregates(*item.expr, scope, *g, aggregates);
      }
      for (const auto& h : q.having) find_aggregates(*h, scope, *g, aggregates);
      for (const auto& o : q.order_by) find_aggregates(*o.expr, scope, *g, aggregates);
      g->args.push_back(std::move(p));
      p = std::move(g);
    }
    if (!q.having.empty()) {
      auto f = Op::make(OpKind::kFilter);
      for (const auto& h : q.having) f->exprs.push_back(compile(h, scope, &aggregates));
      f->args.push_back(std::move(p));
      p = std::move(f);
    }
    if (q.values) p = join(std::move(p), values(*q.values, scope));
    for (const auto& item : q.projection) {
      if (!item.expr) continue;
      auto op = Op::make(OpKind::kExtend);
      op->exprs.push_back(compile(item.expr, scope, &aggregates));
      op->slots.push_back(scope.var(item.var.name));
      op->args.push_back(std::move(p));
      p = std::move(op);
    }
    if (!q.order_by.empty()) {
      auto op = Op::make(OpKind::kOrderBy);
      for (const auto& o : q.order_by) {
        op->order.push_back(OrderKey{compile(o.expr, scope, &aggregates), o.descending});
      }
      op->args.push_back(std::move(p));
      p = std::move(op);
    }
    if (q.form == sparql::QueryForm::kSelect) {
      auto op = Op::make(OpKind::kProject);
      op->slots = projection;
      op->args.push_back(std::move(p));
      p = std::move(op);
      if (q.distinct || q.reduced) {
        auto d = Op::make(q.distinct ? OpKind::kDistinct : OpKind::kReduced);
        d->slots = projection;
        d->args.push_back(std::move(p));
        p = std::move(d);
      }
    }
    if (q.limit || q.offset) {
      auto op = Op::make(OpKind::kSlice);
      op->offset = q.offset.value_or(0);
      op->limit = q.limit.value_or(kNoLimit);
      op->args.push_back(std::move(p));
      p = std::move(op);
    }
    return p;
  }

  void query(const sparql::Query& q, const TranslateOptions& options) {
    out_.base_iri = q.base_iri;
    for (const auto& d : q.dataset) {
      (d.named ? out_.dataset.from_named : out_.dataset.from).push_back(d.iri.value);
    }
    std::vector<std::string> names;
    if (q.form == sparql::QueryForm::kSelect) names = query_projection(q);
    Scope scope(out_.vars, uses_, nullptr, {}, 0);
    for (const auto& n : names) out_.projection.push_back(scope.var(n));
    switch (q.form) {
      case sparql::QueryForm::kSelect:
        out_.form = QueryForm::kSelect;
        break;
      case sparql::QueryForm::kAsk:
        out_.form = QueryForm::kAsk;
        break;
      case sparql::QueryForm::kConstruct:
        out_.form = QueryForm::kConstruct;
        break;
      case sparql::QueryForm::kDescribe:
        out_.form = QueryForm::kDescribe;
        break;
    }
    if (q.form == sparql::QueryForm::kDescribe) {
      std::vector<std::string> described;
      if (q.describe_star && q.where) {
        described = in_scope_variables(*q.where);
        for (const auto& n : described) out_.projection.push_back(scope.var(n));
      }
      for (const auto& d : q.describe) {
        if (const auto* v = std::get_if<Var>(&d)) {
          out_.projection.push_back(scope.var(v->name));
        } else {
          out_.describe_terms.push_back(intern(std::get<rdf::Term>(d)));
        }
      }
    }
    out_.root = modifiers(q, scope, out_.projection, &options);
    if (q.form == sparql::QueryForm::kConstruct) {
      std::map<std::string, int> blanks;
      auto tterm = [&](const VarOrTerm& t) {
        TemplateTerm out;
        if (const auto* v = std::get_if<Var>(&t)) {
          out.kind = TemplateTerm::Kind::kVariable;
          out.var = scope.var(v->name);
        } else {
          const auto& term = std::get<rdf::Term>(t);
          if (term.is_blank()) {
            out.kind = TemplateTerm::Kind::kBlank;
            auto [it, added] = blanks.emplace(term.value, static_cast<int>(blanks.size()));
            out.blank = it->second;
          } else {
            out.term = intern(term);
          }
        }
        return out;
      };
      for (const auto& t : q.construct_template) {
        TemplateTriple tt;
        tt.s = tterm(t.subject);
        if (const auto* v = std::get_if<Var>(&t.predicate)) {
          tt.p.kind = TemplateTerm::Kind::kVariable;
          tt.p.var = scope.var(v->name);
        } else if (const auto* iri = std::get_if<rdf::Term>(&t.predicate)) {
          tt.p.term = intern(*iri);
        } else {
          throw TranslateError{"a property path cannot appear in a CONSTRUCT template", t.pos};
        }
        tt.o = tterm(t.object);
        out_.construct.push_back(tt);
      }
      out_.template_blanks = static_cast<int>(blanks.size());
    }
  }

 private:
  rdf::Dictionary& dict_;
  Query& out_;
  int scopes_ = 0;
  std::vector<int> uses_;
};

}  // namespace

std::vector<std::string> in_scope_variables(const sparql::GroupGraphPattern& g) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  collect_scope(g, out, seen);
  return out;
}

base::Result<Query> translate(const sparql::Query& q, rdf::Dictionary& dict,
                              const TranslateOptions& options) {
  Query out;
  try {
    Translator t(dict, out);
    t.query(q, options);
  } catch (const TranslateError& e) {
    base::SourceRange range;
    range.begin = e.pos;
    range.end = e.pos;
    return base::Diagnostic::error(e.message, range);
  }
  return out;
}

}  // namespace kennis::sparql::algebra
