// Printing and inspection of expression ASTs. See ast.hpp.
#include "expr/ast.hpp"

#include <algorithm>

namespace kennis::expr {
namespace {

// Precedence, loosest first, after the SPARQL grammar [111]-[119].
constexpr int kPrecOr = 1;
constexpr int kPrecAnd = 2;
constexpr int kPrecRelational = 3;
constexpr int kPrecAdditive = 4;
constexpr int kPrecMultiplicative = 5;
constexpr int kPrecUnary = 6;
constexpr int kPrecPrimary = 7;

int precedence(Op op) {
  switch (op) {
    case Op::kOr:
      return kPrecOr;
    case Op::kAnd:
      return kPrecAnd;
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kGt:
    case Op::kLe:
    case Op::kGe:
      return kPrecRelational;
    case Op::kAdd:
    case Op::kSub:
      return kPrecAdditive;
    case Op::kMul:
    case Op::kDiv:
      return kPrecMultiplicative;
    case Op::kNot:
    case Op::kNeg:
    case Op::kPlus:
      return kPrecUnary;
  }
  return kPrecPrimary;
}

bool all_digits(std::string_view s, std::size_t from) {
  if (from >= s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t sign_len(std::string_view s) {
  return !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
}

/// True iff the lexical form can be written bare in SPARQL for its datatype.
bool is_short_form(std::string_view lex, std::string_view datatype) {
  if (datatype.substr(0, rdf::kXsd.size()) != rdf::kXsd) return false;
  const std::string_view local = datatype.substr(rdf::kXsd.size());
  if (local == "boolean") return lex == "true" || lex == "false";
  const std::size_t s = sign_len(lex);
  if (local == "integer") return all_digits(lex, s);
  if (local == "decimal") {
    const std::size_t dot = lex.find('.');
    if (dot == std::string_view::npos) return false;
    const std::string_view before = lex.substr(s, dot - s);
    return (before.empty() || all_digits(before, 0)) && all_digits(lex, dot + 1);
  }
  if (local == "double") {
    const std::size_t e = lex.find_first_of("eE");
    if (e == std::string_view::npos) return false;
    const std::string_view mant = lex.substr(s, e - s);
    const std::string_view exp = lex.substr(e + 1);
    const std::size_t dot = mant.find('.');
    const bool mant_ok = dot == std::string_view::npos
                             ? all_digits(mant, 0)
                             : ((dot == 0 || all_digits(mant.substr(0, dot), 0)) &&
                                (dot + 1 == mant.size() ? dot > 0 : all_digits(mant, dot + 1)));
    return mant_ok && all_digits(exp, sign_len(exp));
  }
  return false;
}

void print_term(const rdf::Term& t, std::string& out) {
  switch (t.kind) {
    case rdf::TermKind::kIri:
      out += "<" + rdf::escape_iri(t.value) + ">";
      return;
    case rdf::TermKind::kBlank:
      out += "_:" + t.value;
      return;
    case rdf::TermKind::kLiteral:
      break;
  }
  if (t.lang.empty() && is_short_form(t.value, t.datatype)) {
    out += t.value;
    return;
  }
  out += "\"" + rdf::escape_literal(t.value) + "\"";
  if (!t.lang.empty()) {
    out += "@" + t.lang;
  } else if (!t.datatype.empty() && t.datatype != rdf::kXsdString) {
    out += "^^<" + rdf::escape_iri(t.datatype) + ">";
  }
}

void print(const Expr* e, std::string& out, int min_prec);

void print_list(const std::vector<ExprPtr>& list, std::string& out) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ", ";
    print(list[i].get(), out, kPrecOr);
  }
}

struct Printer {
  std::string& out;
  int min_prec;

  void operator()(const Variable& v) const { out += "?" + v.name; }
  void operator()(const Constant& c) const { print_term(c.term, out); }
  void operator()(const Unary& u) const {
    const bool paren = kPrecUnary < min_prec;
    if (paren) out += "(";
    out += op_symbol(u.op);
    std::string inner;
    print(u.arg.get(), inner, kPrecUnary);
    // "-(-1)" rather than "--1"
    const bool wrap = !inner.empty() && (inner[0] == '-' || inner[0] == '+');
    out += wrap ? "(" + inner + ")" : inner;
    if (paren) out += ")";
  }
  void operator()(const Binary& b) const {
    const int p = precedence(b.op);
    const bool paren = p < min_prec;
    if (paren) out += "(";
    print(b.lhs.get(), out, p == kPrecRelational ? p + 1 : p);
    out += " ";
    out += op_symbol(b.op);
    out += " ";
    print(b.rhs.get(), out, p + 1);
    if (paren) out += ")";
  }
  void operator()(const InList& in) const {
    const bool paren = kPrecRelational < min_prec;
    if (paren) out += "(";
    print(in.lhs.get(), out, kPrecRelational + 1);
    out += in.negated ? " NOT IN (" : " IN (";
    print_list(in.list, out);
    out += ")";
    if (paren) out += ")";
  }
  void operator()(const Call& c) const {
    if (!c.iri) {
      out += c.name;
    } else if (c.name.substr(0, rdf::kXsd.size()) == rdf::kXsd) {
      out += "xsd:" + c.name.substr(rdf::kXsd.size());
    } else {
      out += "<" + rdf::escape_iri(c.name) + ">";
    }
    out += "(";
    print_list(c.args, out);
    out += ")";
  }
  void operator()(const Aggregate& a) const {
    out += a.name + "(";
    if (a.distinct) out += "DISTINCT ";
    if (a.arg)
      print(a.arg.get(), out, kPrecOr);
    else
      out += "*";
    if (a.separator != " ") out += "; SEPARATOR=\"" + rdf::escape_literal(a.separator) + "\"";
    out += ")";
  }
  void operator()(const Exists& e) const {
    out += e.negated ? "NOT EXISTS " : "EXISTS ";
    out += e.pattern ? e.pattern->to_string() : "{ ... }";
  }
};

void print(const Expr* e, std::string& out, int min_prec) {
  if (e == nullptr) {
    out += "<missing>";
    return;
  }
  std::visit(Printer{out, min_prec}, e->node);
}

template <class F>
void walk(const Expr* e, const F& f) {
  if (e == nullptr) return;
  f(*e);
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Unary>) {
          walk(n.arg.get(), f);
        } else if constexpr (std::is_same_v<T, Binary>) {
          walk(n.lhs.get(), f);
          walk(n.rhs.get(), f);
        } else if constexpr (std::is_same_v<T, InList>) {
          walk(n.lhs.get(), f);
          for (const ExprPtr& x : n.list) walk(x.get(), f);
        } else if constexpr (std::is_same_v<T, Call>) {
          for (const ExprPtr& x : n.args) walk(x.get(), f);
        } else if constexpr (std::is_same_v<T, Aggregate>) {
          walk(n.arg.get(), f);
        }
      },
      e->node);
}

}  // namespace

std::string_view op_symbol(Op op) {
  switch (op) {
    case Op::kOr:
      return "||";
    case Op::kAnd:
      return "&&";
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kGt:
      return ">";
    case Op::kLe:
      return "<=";
    case Op::kGe:
      return ">=";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    case Op::kNot:
      return "!";
    case Op::kNeg:
      return "-";
    case Op::kPlus:
      return "+";
  }
  return "?";
}

std::string to_string(const Expr& e) {
  std::string out;
  print(&e, out, kPrecOr);
  return out;
}

std::vector<std::string> variables_of(const Expr& e) {
  std::vector<std::string> names;
  walk(&e, [&names](const Expr& x) {
    if (const auto* v = std::get_if<Variable>(&x.node)) {
      if (std::find(names.begin(), names.end(), v->name) == names.end()) names.push_back(v->name);
    }
  });
  return names;
}

bool contains_aggregate(const Expr& e) {
  bool found = false;
  walk(&e, [&found](const Expr& x) { found = found || std::holds_alternative<Aggregate>(x.node); });
  return found;
}

}  // namespace kennis::expr
