// Compiling rules against a dictionary (see program.hpp).
#include "reason/program.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace kennis::reason {

namespace {

class RuleCompiler {
 public:
  RuleCompiler(const rules::Rule& rule, rdf::Dictionary& dict,
               std::vector<base::Diagnostic>& errors)
      : rule_(rule), dict_(dict), errors_(errors) {}

  CRule compile() {
    CRule out;
    out.index = rule_.index;
    out.name = rule_.display_name();
    out.source = &rule_;
    for (const rules::Atom& a : rule_.head) out.head.push_back(atom(a));
    for (const rules::BodyItem& item : rule_.body) {
      std::visit(
          [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, rules::Atom>) {
              out.positive.push_back(atom(n));
            } else if constexpr (std::is_same_v<T, rules::Negation>) {
              out.negated.push_back(atom(n.atom));
            } else if constexpr (std::is_same_v<T, rules::NotExists>) {
              out.not_exists.push_back(not_exists(n));
            } else if constexpr (std::is_same_v<T, rules::Filter>) {
              out.filters.push_back(filter(n));
            } else if constexpr (std::is_same_v<T, rules::Bind>) {
              out.binds.push_back(bind(n));
            } else {
              out.aggregates.push_back(aggregate(n));
            }
          },
          item.node);
    }
    out.slot_names = names_;
    // Kinds guaranteed by the body: subjects are never literals, predicates are IRIs.
    std::vector<bool> subject_safe(names_.size(), false), predicate_safe(names_.size(), false);
    for (const CAtom& a : out.positive) {
      if (a.t[0].is_var()) subject_safe[a.t[0].var] = true;
      if (a.t[1].is_var()) subject_safe[a.t[1].var] = predicate_safe[a.t[1].var] = true;
    }
    // So are the values of BIND(IRI(...)) (IRIs) and BIND(BNODE(...)) (blank nodes): an
    // error leaves the variable unbound and the rule does not fire.
    for (const CBind& b : out.binds) {
      if (b.source == nullptr || !b.source->expr || b.target < 0) continue;
      const auto* call = std::get_if<expr::Call>(&b.source->expr->node);
      if (call == nullptr || call->iri) continue;
      if (call->name == "IRI" || call->name == "URI") {
        subject_safe[b.target] = predicate_safe[b.target] = true;
      } else if (call->name == "BNODE") {
        subject_safe[b.target] = true;
      }
    }
    for (CAtom& h : out.head) {
      h.check_kind[0] = h.t[0].is_var() && !subject_safe[h.t[0].var];
      h.check_kind[1] = h.t[1].is_var() && !predicate_safe[h.t[1].var];
    }
    return out;
  }

 private:
  int slot(const std::string& name) {
    auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) return static_cast<int>(it - names_.begin());
    names_.push_back(name);
    return static_cast<int>(names_.size() - 1);
  }

  CAtom atom(const rules::Atom& a) {
    CAtom c;
    c.source = &a;
    for (int i = 0; i < 3; ++i) {
      const rules::RuleTerm& t = a.terms[i];
      if (t.is_variable) {
        c.t[i].var = slot(t.var);
      } else {
        c.t[i].constant = dict_.intern(t.constant);
      }
    }
    return c;
  }

  CNotExists not_exists(const rules::NotExists& n) {
    CNotExists c;
    c.source = &n;
    for (const rules::Atom& a : n.atoms) c.atoms.push_back(atom(a));
    for (const std::string& v : n.vars) c.local_slots.push_back(slot(v));
    return c;
  }

  expr::SlotResolver resolver() {
    return [this](std::string_view name) { return slot(std::string(name)); };
  }

  void expression_error(const base::Diagnostic& d, const base::SourceRange& at) {
    base::Diagnostic e = d;
    e.range = at;
    if (e.code.empty()) e.code = "K213";
    e.message = "in rule `" + rule_.display_name() + "`: " + e.message;
    errors_.push_back(std::move(e));
  }

  CFilter filter(const rules::Filter& f) {
    CFilter c;
    c.source = &f;
    auto r = expr::compile(*f.expr, resolver(), dict_);
    if (!r.ok()) {
      expression_error(r.error(), f.range);
      return c;
    }
    c.expr = std::move(r.value());
    c.slots = c.expr.slots();
    return c;
  }

  CBind bind(const rules::Bind& b) {
    CBind c;
    c.source = &b;
    c.target = slot(b.var);
    auto r = expr::compile(*b.expr, resolver(), dict_);
    if (!r.ok()) {
      expression_error(r.error(), b.range);
      return c;
    }
    c.expr = std::move(r.value());
    c.slots = c.expr.slots();
    return c;
  }

  CAggregate aggregate(const rules::AggregateItem& a) {
    CAggregate c;
    c.source = &a;
    const std::size_t first_slot = names_.size();
    for (const rules::BodyItem& item : a.body) {
      std::visit(
          [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, rules::Atom>) {
              c.atoms.push_back(atom(n));
            } else if constexpr (std::is_same_v<T, rules::Negation>) {
              c.negated.push_back(atom(n.atom));
            } else if constexpr (std::is_same_v<T, rules::NotExists>) {
              c.not_exists.push_back(not_exists(n));
            } else if constexpr (std::is_same_v<T, rules::Filter>) {
              c.filters.push_back(filter(n));
            } else if constexpr (std::is_same_v<T, rules::Bind>) {
              c.binds.push_back(bind(n));
            }
          },
          item.node);
    }
    // The solution's identity: every variable bound by the body's atoms and BINDs.
    std::vector<int> body;
    for (const CAtom& at : c.atoms) {
      for (const Slot& s : at.t) {
        if (s.is_var()) body.push_back(s.var);
      }
    }
    for (const CBind& b : c.binds) body.push_back(b.target);
    std::sort(body.begin(), body.end());
    body.erase(std::unique(body.begin(), body.end()), body.end());
    c.body_slots = std::move(body);
    (void)first_slot;
    for (const std::string& g : a.group_vars) c.group_slots.push_back(slot(g));
    for (const rules::AggregateOutput& o : a.outputs) {
      CAggregateOutput out;
      out.target = slot(o.var);
      const auto* node = std::get_if<expr::Aggregate>(&o.aggregate->node);
      if (!node) continue;  // rejected by the checks
      auto r = expr::compile_aggregate(*node, resolver(), dict_);
      if (!r.ok()) {
        expression_error(r.error(), o.range);
        continue;
      }
      out.aggregate = std::move(r.value());
      c.outputs.push_back(std::move(out));
    }
    return c;
  }

  const rules::Rule& rule_;
  rdf::Dictionary& dict_;
  std::vector<base::Diagnostic>& errors_;
  std::vector<std::string> names_;
};

}  // namespace

base::Result<Program> compile_program(const rules::LoadedRules& rules, rdf::Dictionary& dict) {
  Program p;
  std::vector<base::Diagnostic> errors;
  for (const rules::Rule& r : rules.rules.rules) {
    p.rules.push_back(RuleCompiler(r, dict, errors).compile());
  }
  // Rules equal up to variable names (slots are numbered by first occurrence, so equal
  // structure means equal rules), e.g. rdfs9 and OWL RL cax-sco loaded together: each is a
  // duplicate of the first such rule, found by its atoms in a hash table (not by comparing
  // every pair of rules).
  auto atoms_key = [](const CRule& r) {
    std::string key;
    auto add = [&](const auto& value) {
      key.append(reinterpret_cast<const char*>(&value), sizeof value);
    };
    add(r.head.size());
    add(r.positive.size());
    for (const auto* atoms : {&r.head, &r.positive}) {
      for (const CAtom& a : *atoms) {
        for (const Slot& s : a.t) {
          add(s.var);
          add(s.constant);
        }
      }
    }
    return key;
  };
  std::unordered_map<std::string, std::size_t> first_with;
  for (std::size_t i = 0; i < p.rules.size(); ++i) {
    CRule& r = p.rules[i];
    if (r.nonmonotone() || !r.filters.empty() || !r.binds.empty()) continue;
    auto [it, fresh] = first_with.emplace(atoms_key(r), i);
    if (!fresh) r.duplicate_of = static_cast<int>(it->second);
  }
  if (!errors.empty()) {
    base::Diagnostic first = errors.front();
    for (std::size_t i = 1; i < errors.size(); ++i) {
      first.notes.push_back(base::to_string(errors[i]));
    }
    return first;
  }
  return p;
}

}  // namespace kennis::reason
