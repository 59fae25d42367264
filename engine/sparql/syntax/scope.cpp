#include "sparql/syntax/scope.hpp"

#include <algorithm>
#include <unordered_set>

namespace kennis::sparql {

namespace {

class ScopeCollector {
 public:
  void add(const std::string& name) {
    if (seen_.insert(name).second) names_.push_back(name);
  }
  void add(const VarOrTerm& t) {
    if (const Var* v = std::get_if<Var>(&t)) add(v->name);
  }
  void add(const Verb& v) {
    if (const Var* var = std::get_if<Var>(&v)) add(var->name);
  }

  void group(const GroupGraphPattern& g) {
    for (const PatternElement& e : g.elements) element(e);
  }

  void element(const PatternElement& e) {
    std::visit([this](const auto& node) { this->node(node); }, e.node);
  }

  std::vector<std::string> take() { return std::move(names_); }

 private:
  void node(const TriplesBlock& b) {
    for (const TriplePattern& t : b.triples) {
      add(t.subject);
      add(t.predicate);
      add(t.object);
    }
  }
  void node(const Filter&) {}
  void node(const Bind& b) { add(b.var.name); }
  void node(const OptionalPattern& o) { group(o.pattern); }
  void node(const MinusPattern&) {}
  void node(const NestedGroup& n) { group(n.pattern); }
  void node(const UnionPattern& u) {
    for (const GroupGraphPattern& g : u.branches) group(g);
  }
  void node(const GraphPattern& g) {
    add(g.name);
    group(g.pattern);
  }
  void node(const ServicePattern& s) {
    add(s.endpoint);
    group(s.pattern);
  }
  void node(const DataBlock& d) {
    for (const Var& v : d.vars) add(v.name);
  }
  void node(const SubSelect& s) {
    for (const std::string& name : projected_variables(*s.query)) add(name);
  }

  std::vector<std::string> names_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::vector<std::string> in_scope_variables(const GroupGraphPattern& g) {
  ScopeCollector c;
  c.group(g);
  return c.take();
}

std::vector<std::string> in_scope_variables(const PatternElement& e) {
  ScopeCollector c;
  c.element(e);
  return c.take();
}

std::vector<std::string> projected_variables(const Query& q) {
  std::vector<std::string> names;
  if (q.select_star || (q.form != QueryForm::kSelect && q.projection.empty())) {
    if (q.where) names = in_scope_variables(*q.where);
    if (q.values) {
      for (const Var& v : q.values->vars) {
        if (std::find(names.begin(), names.end(), v.name) == names.end()) names.push_back(v.name);
      }
    }
    return names;
  }
  for (const Projection& p : q.projection) names.push_back(p.var.name);
  return names;
}

}  // namespace kennis::sparql
