// Printing and small helpers for the rule AST (see ast.hpp).
#include "rules/ast.hpp"

#include <algorithm>

namespace kennis::rules {

RuleTerm RuleTerm::variable(std::string name, base::SourceRange range) {
  RuleTerm t;
  t.is_variable = true;
  t.var = std::move(name);
  t.range = std::move(range);
  return t;
}

RuleTerm RuleTerm::constant_term(rdf::Term term, base::SourceRange range) {
  RuleTerm t;
  t.constant = std::move(term);
  t.range = std::move(range);
  return t;
}

base::SourceRange BodyItem::range() const {
  return std::visit(
      [](const auto& n) -> base::SourceRange {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Negation>) {
          return n.atom.range;
        } else {
          return n.range;
        }
      },
      node);
}

std::string Rule::display_name() const {
  if (!name.empty()) return name;
  std::string s = "rule at ";
  s += range.file.empty() ? "<input>" : range.file;
  s += ":" + std::to_string(range.begin.line);
  return s;
}

void RuleSet::append(RuleSet other) {
  for (Rule& r : other.rules) {
    r.index = rules.size();
    rules.push_back(std::move(r));
  }
  prefixes.merge(other.prefixes);
  for (auto& f : other.files) files.push_back(std::move(f));
}

std::string to_string(const RuleTerm& t) {
  if (t.is_variable) return "?" + t.var;
  return rdf::to_ntriples(t.constant);
}

std::string to_string(const Atom& a) {
  return "[" + to_string(a.terms[0]) + ", " + to_string(a.terms[1]) + ", " + to_string(a.terms[2]) +
         "]";
}

namespace {

std::string atoms_to_string(const std::vector<Atom>& atoms) {
  std::string s;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    if (i) s += ", ";
    s += to_string(atoms[i]);
  }
  return s;
}

std::string items_to_string(const std::vector<BodyItem>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += to_string(items[i]);
  }
  return s;
}

}  // namespace

std::string to_string(const BodyItem& item) {
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Atom>) {
          return to_string(n);
        } else if constexpr (std::is_same_v<T, Negation>) {
          return "NOT " + to_string(n.atom);
        } else if constexpr (std::is_same_v<T, NotExists>) {
          std::string s = "NOT EXISTS";
          for (const auto& v : n.vars) s += " ?" + v;
          return s + " IN (" + atoms_to_string(n.atoms) + ")";
        } else if constexpr (std::is_same_v<T, Filter>) {
          return "FILTER(" + expr::to_string(*n.expr) + ")";
        } else if constexpr (std::is_same_v<T, Bind>) {
          return "BIND(" + expr::to_string(*n.expr) + " AS ?" + n.var + ")";
        } else {
          std::string s = "AGGREGATE(" + items_to_string(n.body);
          if (!n.group_vars.empty()) {
            s += " ON";
            for (const auto& v : n.group_vars) s += " ?" + v;
          }
          s += " BIND ";
          for (std::size_t i = 0; i < n.outputs.size(); ++i) {
            if (i) s += ", ";
            s += expr::to_string(*n.outputs[i].aggregate) + " AS ?" + n.outputs[i].var;
          }
          return s + ")";
        }
      },
      item.node);
}

std::string to_string(const Rule& r) {
  std::string s;
  if (!r.name.empty()) s += "@name(" + r.name + ") ";
  s += atoms_to_string(r.head) + " :-";
  if (!r.body.empty()) s += " " + items_to_string(r.body);
  return s + " .";
}

void collect_variables(const expr::Expr& e, std::vector<std::string>& out) {
  auto add = [&](const std::string& name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, expr::Variable>) {
          add(n.name);
        } else if constexpr (std::is_same_v<T, expr::Unary>) {
          if (n.arg) collect_variables(*n.arg, out);
        } else if constexpr (std::is_same_v<T, expr::Binary>) {
          if (n.lhs) collect_variables(*n.lhs, out);
          if (n.rhs) collect_variables(*n.rhs, out);
        } else if constexpr (std::is_same_v<T, expr::InList>) {
          if (n.lhs) collect_variables(*n.lhs, out);
          for (const auto& x : n.list) {
            if (x) collect_variables(*x, out);
          }
        } else if constexpr (std::is_same_v<T, expr::Call>) {
          for (const auto& x : n.args) {
            if (x) collect_variables(*x, out);
          }
        } else if constexpr (std::is_same_v<T, expr::Aggregate>) {
          if (n.arg) collect_variables(*n.arg, out);
        }
      },
      e.node);
}

}  // namespace kennis::rules
