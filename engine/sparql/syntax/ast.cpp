#include "sparql/syntax/ast.hpp"

#include <cassert>
#include <sstream>

namespace kennis::sparql {

bool is_generated_blank(const rdf::Term& t) {
  return t.is_blank() && !t.value.empty() && t.value[0] == '#';
}

const GroupGraphPattern& exists_pattern(const expr::Exists& e) {
  const auto* handle = dynamic_cast<const ExistsPattern*>(e.pattern.get());
  assert(handle != nullptr);
  return handle->pattern();
}

std::string ExistsPattern::to_string() const { return sparql::to_string(pattern_); }

namespace {

// True iff `e` contains an Aggregate node (outside EXISTS patterns).
bool has_aggregate(const expr::Expr& e) {
  struct Visitor {
    bool operator()(const expr::Variable&) const { return false; }
    bool operator()(const expr::Constant&) const { return false; }
    bool operator()(const expr::Unary& u) const { return has_aggregate(*u.arg); }
    bool operator()(const expr::Binary& b) const {
      return has_aggregate(*b.lhs) || has_aggregate(*b.rhs);
    }
    bool operator()(const expr::InList& in) const {
      if (has_aggregate(*in.lhs)) return true;
      for (const auto& x : in.list) {
        if (has_aggregate(*x)) return true;
      }
      return false;
    }
    bool operator()(const expr::Call& c) const {
      for (const auto& x : c.args) {
        if (has_aggregate(*x)) return true;
      }
      return false;
    }
    bool operator()(const expr::Aggregate&) const { return true; }
    bool operator()(const expr::Exists&) const { return false; }
  };
  return std::visit(Visitor{}, e.node);
}

}  // namespace

bool Query::is_aggregated() const {
  if (!group_by.empty()) return true;
  for (const Projection& p : projection) {
    if (p.expr && has_aggregate(*p.expr)) return true;
  }
  for (const auto& h : having) {
    if (has_aggregate(*h)) return true;
  }
  for (const OrderCondition& o : order_by) {
    if (has_aggregate(*o.expr)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Printing

namespace {

const char* op_text(expr::Op op) {
  switch (op) {
    case expr::Op::kOr:
      return "||";
    case expr::Op::kAnd:
      return "&&";
    case expr::Op::kEq:
      return "=";
    case expr::Op::kNe:
      return "!=";
    case expr::Op::kLt:
      return "<";
    case expr::Op::kGt:
      return ">";
    case expr::Op::kLe:
      return "<=";
    case expr::Op::kGe:
      return ">=";
    case expr::Op::kAdd:
      return "+";
    case expr::Op::kSub:
      return "-";
    case expr::Op::kMul:
      return "*";
    case expr::Op::kDiv:
      return "/";
    case expr::Op::kNot:
      return "!";
    case expr::Op::kNeg:
      return "-";
    case expr::Op::kPlus:
      return "+";
  }
  return "?";
}

class Printer {
 public:
  std::string str() const { return out_.str(); }

  void term(const rdf::Term& t) { out_ << rdf::to_ntriples(t); }
  void var(const Var& v) { out_ << '?' << v.name; }
  void var_or_term(const VarOrTerm& t) {
    if (const Var* v = std::get_if<Var>(&t)) {
      var(*v);
    } else {
      term(std::get<rdf::Term>(t));
    }
  }

  void path(const Path& p) {
    switch (p.kind) {
      case PathKind::kLink:
        term(p.iri);
        return;
      case PathKind::kInverse:
        out_ << '^';
        operand(*p.args[0]);
        return;
      case PathKind::kSequence:
      case PathKind::kAlternative: {
        const char* sep = p.kind == PathKind::kSequence ? "/" : "|";
        out_ << '(';
        for (std::size_t i = 0; i < p.args.size(); ++i) {
          if (i > 0) out_ << sep;
          path(*p.args[i]);
        }
        out_ << ')';
        return;
      }
      case PathKind::kZeroOrMore:
      case PathKind::kOneOrMore:
      case PathKind::kZeroOrOne:
        operand(*p.args[0]);
        out_ << (p.kind == PathKind::kZeroOrMore  ? "*"
                 : p.kind == PathKind::kOneOrMore ? "+"
                                                  : "?");
        return;
      case PathKind::kNegatedSet: {
        out_ << "!(";
        bool first = true;
        for (const rdf::Term& t : p.forward) {
          if (!first) out_ << '|';
          first = false;
          term(t);
        }
        for (const rdf::Term& t : p.inverse) {
          if (!first) out_ << '|';
          first = false;
          out_ << '^';
          term(t);
        }
        out_ << ')';
        return;
      }
    }
  }

  // The operand of ^ or a modifier: parenthesised when it is itself one (`(^<a>)*`, `(<a>*)+`).
  void operand(const Path& p) {
    bool wrap = p.kind == PathKind::kInverse || p.kind == PathKind::kZeroOrMore ||
                p.kind == PathKind::kOneOrMore || p.kind == PathKind::kZeroOrOne;
    if (wrap) out_ << '(';
    path(p);
    if (wrap) out_ << ')';
  }

  void verb(const Verb& v) {
    if (const Var* x = std::get_if<Var>(&v)) {
      var(*x);
    } else if (const rdf::Term* t = std::get_if<rdf::Term>(&v)) {
      term(*t);
    } else {
      path(*std::get<PathPtr>(v));
    }
  }

  void triple(const TriplePattern& t) {
    var_or_term(t.subject);
    out_ << ' ';
    verb(t.predicate);
    out_ << ' ';
    var_or_term(t.object);
    out_ << " .";
  }

  void triples(const std::vector<TriplePattern>& ts) {
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (i > 0) out_ << ' ';
      triple(ts[i]);
    }
  }

  void expression(const expr::Expr& e) {
    std::visit([this](const auto& n) { node(n); }, e.node);
  }

  void group(const GroupGraphPattern& g) {
    out_ << '{';
    for (const PatternElement& e : g.elements) {
      out_ << ' ';
      std::visit([this](const auto& n) { element(n); }, e.node);
    }
    out_ << " }";
  }

  void data_block(const DataBlock& d) {
    out_ << "VALUES (";
    for (std::size_t i = 0; i < d.vars.size(); ++i) {
      if (i > 0) out_ << ' ';
      var(d.vars[i]);
    }
    out_ << ") {";
    for (const auto& row : d.rows) {
      out_ << " (";
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) out_ << ' ';
        if (row[i]) {
          term(*row[i]);
        } else {
          out_ << "UNDEF";
        }
      }
      out_ << ')';
    }
    out_ << " }";
  }

  void query(const Query& q) {
    switch (q.form) {
      case QueryForm::kSelect:
        out_ << "SELECT";
        if (q.distinct) out_ << " DISTINCT";
        if (q.reduced) out_ << " REDUCED";
        if (q.select_star) out_ << " *";
        for (const Projection& p : q.projection) {
          out_ << ' ';
          if (p.expr) {
            out_ << '(';
            expression(*p.expr);
            out_ << " AS ";
            var(p.var);
            out_ << ')';
          } else {
            var(p.var);
          }
        }
        break;
      case QueryForm::kConstruct:
        out_ << "CONSTRUCT";
        if (!q.construct_where) {
          out_ << " { ";
          triples(q.construct_template);
          out_ << (q.construct_template.empty() ? "}" : " }");
        }
        break;
      case QueryForm::kDescribe:
        out_ << "DESCRIBE";
        if (q.describe_star) out_ << " *";
        for (const VarOrTerm& t : q.describe) {
          out_ << ' ';
          var_or_term(t);
        }
        break;
      case QueryForm::kAsk:
        out_ << "ASK";
        break;
    }
    for (const DatasetClause& d : q.dataset) {
      out_ << (d.named ? " FROM NAMED " : " FROM ");
      term(d.iri);
    }
    if (q.where) {
      out_ << " WHERE ";
      group(*q.where);
    }
    if (!q.group_by.empty()) {
      out_ << " GROUP BY";
      for (const GroupCondition& g : q.group_by) {
        out_ << ' ';
        if (g.var) {
          out_ << '(';
          expression(*g.expr);
          out_ << " AS ";
          var(*g.var);
          out_ << ')';
        } else {
          expression(*g.expr);
        }
      }
    }
    if (!q.having.empty()) {
      out_ << " HAVING";
      for (const auto& h : q.having) {
        out_ << ' ';
        expression(*h);
      }
    }
    if (!q.order_by.empty()) {
      out_ << " ORDER BY";
      for (const OrderCondition& o : q.order_by) {
        out_ << (o.descending ? " DESC(" : " ASC(");
        expression(*o.expr);
        out_ << ')';
      }
    }
    if (q.limit) out_ << " LIMIT " << *q.limit;
    if (q.offset) out_ << " OFFSET " << *q.offset;
    if (q.values) {
      out_ << ' ';
      data_block(*q.values);
    }
  }

 private:
  // Expressions
  void node(const expr::Variable& v) { out_ << '?' << v.name; }
  void node(const expr::Constant& c) { term(c.term); }
  void node(const expr::Unary& u) {
    out_ << op_text(u.op);
    expression(*u.arg);
  }
  void node(const expr::Binary& b) {
    out_ << '(';
    expression(*b.lhs);
    out_ << ' ' << op_text(b.op) << ' ';
    expression(*b.rhs);
    out_ << ')';
  }
  void node(const expr::InList& in) {
    out_ << '(';
    expression(*in.lhs);
    out_ << (in.negated ? " NOT IN (" : " IN (");
    args(in.list);
    out_ << "))";
  }
  void node(const expr::Call& c) {
    if (c.iri) {
      term(rdf::Term::iri(c.name));
    } else {
      out_ << c.name;
    }
    out_ << '(';
    args(c.args);
    out_ << ')';
  }
  void node(const expr::Aggregate& a) {
    out_ << a.name << '(';
    if (a.distinct) out_ << "DISTINCT ";
    if (a.arg) {
      expression(*a.arg);
    } else {
      out_ << '*';
    }
    if (a.name == "GROUP_CONCAT" && a.separator != " ") {
      out_ << "; SEPARATOR=" << rdf::to_ntriples(rdf::Term::literal(a.separator));
    }
    out_ << ')';
  }
  void node(const expr::Exists& e) {
    out_ << (e.negated ? "NOT EXISTS " : "EXISTS ");
    group(exists_pattern(e));
  }
  void args(const std::vector<expr::ExprPtr>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (i > 0) out_ << ", ";
      expression(*xs[i]);
    }
  }

  // Pattern elements
  void element(const TriplesBlock& b) { triples(b.triples); }
  void element(const Filter& f) {
    out_ << "FILTER(";
    expression(*f.condition);
    out_ << ')';
  }
  void element(const Bind& b) {
    out_ << "BIND(";
    expression(*b.expr);
    out_ << " AS ";
    var(b.var);
    out_ << ')';
  }
  void element(const OptionalPattern& o) {
    out_ << "OPTIONAL ";
    group(o.pattern);
  }
  void element(const MinusPattern& m) {
    out_ << "MINUS ";
    group(m.pattern);
  }
  void element(const NestedGroup& n) { group(n.pattern); }
  void element(const UnionPattern& u) {
    for (std::size_t i = 0; i < u.branches.size(); ++i) {
      if (i > 0) out_ << " UNION ";
      group(u.branches[i]);
    }
  }
  void element(const GraphPattern& g) {
    out_ << "GRAPH ";
    var_or_term(g.name);
    out_ << ' ';
    group(g.pattern);
  }
  void element(const ServicePattern& s) {
    out_ << (s.silent ? "SERVICE SILENT " : "SERVICE ");
    var_or_term(s.endpoint);
    out_ << ' ';
    group(s.pattern);
  }
  void element(const DataBlock& d) { data_block(d); }
  void element(const SubSelect& s) { query(*s.query); }

  std::ostringstream out_;
};

template <class F>
std::string print(F f) {
  Printer p;
  f(p);
  return p.str();
}

}  // namespace

std::string to_string(const Query& q) {
  return print([&](Printer& p) { p.query(q); });
}
std::string to_string(const GroupGraphPattern& g) {
  return print([&](Printer& p) { p.group(g); });
}
std::string to_string(const Path& path) {
  return print([&](Printer& p) { p.path(path); });
}
std::string to_string(const VarOrTerm& t) {
  return print([&](Printer& p) { p.var_or_term(t); });
}
std::string to_string(const TriplePattern& t) {
  return print([&](Printer& p) { p.triple(t); });
}
std::string expression_to_string(const expr::Expr& e) {
  return print([&](Printer& p) { p.expression(e); });
}

}  // namespace kennis::sparql
