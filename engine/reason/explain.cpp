// Proof trees (see explain.hpp).
#include "reason/explain.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <set>

namespace kennis::reason {

namespace {

Triple instantiate(const CAtom& a, const std::vector<TermId>& row) {
  TermId v[3];
  for (int i = 0; i < 3; ++i) v[i] = a.t[i].is_var() ? row[a.t[i].var] : a.t[i].constant;
  return Triple{v[0], v[1], v[2]};
}

std::string atom_text(const CAtom& a, const std::vector<TermId>& row, const CRule& rule,
                      const TermNamer& name, const std::set<int>& unbound_ok) {
  std::string s = "[";
  for (int i = 0; i < 3; ++i) {
    if (i) s += ", ";
    const Slot& sl = a.t[i];
    if (!sl.is_var()) {
      s += name(sl.constant);
    } else if (unbound_ok.count(sl.var) || row[sl.var] == kNoTerm) {
      s += "?" + rule.slot_names[sl.var];
    } else {
      s += name(row[sl.var]);
    }
  }
  return s + "]";
}

class Explainer {
 public:
  Explainer(Reasoner& r, const OriginFn& origin, const TermNamer& name, std::size_t max_depth)
      : r_(r), origin_(origin), name_(name), max_depth_(max_depth) {}

  Proof prove(const Triple& t, std::size_t depth) {
    Proof p;
    p.triple = t;
    if (r_.asserted(t)) {
      p.kind = Proof::Kind::kAsserted;
      for (TermId g : r_.store().graphs()) {
        if (g == r_.inferred_graph()) continue;
        const store::Quad q{t.s, t.p, t.o, g};
        if (!r_.store().contains(q)) continue;
        std::string o = origin_ ? origin_(q) : std::string();
        if (o.empty()) o = g == store::kDefaultGraph ? "default graph" : "graph " + name_(g);
        p.origins.push_back(std::move(o));
      }
      return p;
    }
    if (depth >= max_depth_ || on_path_.count(t)) {
      p.kind = Proof::Kind::kTruncated;
      return p;
    }
    p.kind = Proof::Kind::kInferred;
    const std::uint64_t rank = r_.rank(t);
    on_path_.insert(t);
    bool found = false;
    for (const CRule& rule : r_.program().rules) {
      for (std::size_t h = 0; h < rule.head.size() && !found; ++h) {
        r_.for_each_derivation(rule, h, t, [&](const std::vector<TermId>& row) {
          for (const CAtom& a : rule.positive) {
            const Triple q = instantiate(a, row);
            if (r_.asserted(q)) continue;
            // Premises must come from earlier rounds (or, without ranks, off the path).
            if (rank != 0 ? !(r_.rank(q) != 0 && r_.rank(q) < rank) : on_path_.count(q) > 0) {
              return true;
            }
          }
          found = true;
          fill(p, rule, row, depth);
          return false;
        });
      }
      if (found) break;
    }
    on_path_.erase(t);
    if (!found) p.kind = Proof::Kind::kTruncated;
    return p;
  }

 private:
  void fill(Proof& p, const CRule& rule, const std::vector<TermId>& row, std::size_t depth) {
    p.rule = &rule;
    for (int s = 0; s < rule.num_slots(); ++s) {
      if (row[s] != kNoTerm) p.bindings.emplace_back(rule.slot_names[s], row[s]);
    }
    const std::vector<TermId> saved = row;  // recursion reuses the reasoner's executor
    for (const CAtom& a : rule.positive)
      p.premises.push_back(prove(instantiate(a, saved), depth + 1));
    for (const CAtom& a : rule.negated) {
      p.conditions.push_back("NOT " + atom_text(a, saved, rule, name_, {}) + ": not entailed");
    }
    for (const CNotExists& ne : rule.not_exists) {
      std::set<int> local(ne.local_slots.begin(), ne.local_slots.end());
      std::string s = "NOT EXISTS";
      for (int v : ne.local_slots) s += " ?" + rule.slot_names[v];
      s += " IN (";
      for (std::size_t i = 0; i < ne.atoms.size(); ++i) {
        if (i) s += ", ";
        s += atom_text(ne.atoms[i], saved, rule, name_, local);
      }
      p.conditions.push_back(s + "): no match");
    }
    for (const CFilter& f : rule.filters) {
      std::string s = "FILTER(" + f.expr.text() + ") is true";
      std::string with;
      for (int v : f.slots) {
        if (v < 0 || v >= rule.num_slots() || saved[v] == kNoTerm) continue;
        with += (with.empty() ? " with ?" : ", ?") + rule.slot_names[v] + " = " + name_(saved[v]);
      }
      p.conditions.push_back(s + with);
    }
    for (const CBind& b : rule.binds) {
      p.conditions.push_back("BIND(" + b.expr.text() + " AS ?" + rule.slot_names[b.target] +
                             ") gives " + name_(saved[b.target]));
    }
    for (std::size_t k = 0; k < rule.aggregates.size(); ++k) {
      const CAggregate& g = rule.aggregates[k];
      std::set<int> local;
      for (const CAtom& a : g.atoms) {
        for (const Slot& sl : a.t) {
          if (sl.is_var() &&
              std::find(g.group_slots.begin(), g.group_slots.end(), sl.var) == g.group_slots.end())
            local.insert(sl.var);
        }
      }
      std::string s = "AGGREGATE over (";
      for (std::size_t i = 0; i < g.atoms.size(); ++i) {
        if (i) s += ", ";
        s += atom_text(g.atoms[i], saved, rule, name_, local);
      }
      s += ")";
      for (const CAggregateOutput& o : g.outputs) {
        s += ", ?" + rule.slot_names[o.target] + " = " + name_(saved[o.target]);
      }
      // The solutions aggregated (at most kShown), each with its premises proved.
      constexpr std::size_t kShown = 10;
      std::vector<std::vector<Triple>> solutions;
      std::size_t total = 0;
      std::set<std::vector<Triple>> seen;
      r_.for_each_aggregate_solution(rule, k, saved, [&](const std::vector<TermId>& sol) {
        std::vector<Triple> atoms;
        for (const CAtom& a : g.atoms) atoms.push_back(instantiate(a, sol));
        if (!seen.insert(atoms).second) return true;
        ++total;
        if (solutions.size() < kShown) solutions.push_back(std::move(atoms));
        return true;
      });
      s += " from " + std::to_string(total) + " solution" + (total == 1 ? "" : "s");
      if (total > solutions.size()) s += " (first " + std::to_string(solutions.size()) + " shown)";
      p.conditions.push_back(s);
      for (const auto& sol : solutions) {
        for (const Triple& t : sol) p.premises.push_back(prove(t, depth + 1));
      }
    }
  }

  Reasoner& r_;
  const OriginFn& origin_;
  const TermNamer& name_;
  std::size_t max_depth_;
  std::set<Triple> on_path_;
};

std::string triple_text(const Triple& t, const TermNamer& name) {
  return name(t.s) + " " + name(t.p) + " " + name(t.o);
}

std::string location(const CRule& rule) {
  if (!rule.source) return {};
  return rule.source->range.file + ":" + std::to_string(rule.source->range.begin.line);
}

void text(const Proof& p, const TermNamer& name, const std::string& indent, bool last, bool root,
          std::string& out) {
  const std::string branch = root ? "" : (last ? "└─ " : "├─ ");
  const std::string child_indent = root ? "" : indent + (last ? "   " : "│  ");
  out += indent + branch + triple_text(p.triple, name);
  switch (p.kind) {
    case Proof::Kind::kAsserted: {
      out += "   [asserted";
      for (const auto& o : p.origins) out += ", " + o;
      out += "]\n";
      return;
    }
    case Proof::Kind::kTruncated:
      out += "   [inferred; proof shown above or too deep]\n";
      return;
    case Proof::Kind::kInferred:
      break;
  }
  out += "   [rule `" + p.rule->name + "`";
  const std::string loc = location(*p.rule);
  if (!loc.empty()) out += ", " + loc;
  out += "]\n";
  if (!p.bindings.empty()) {
    out += child_indent + "   with ";
    for (std::size_t i = 0; i < p.bindings.size(); ++i) {
      if (i) out += ", ";
      out += "?" + p.bindings[i].first + " = " + name(p.bindings[i].second);
    }
    out += "\n";
  }
  const std::size_t n = p.premises.size() + p.conditions.size();
  std::size_t k = 0;
  for (const Proof& q : p.premises) {
    ++k;
    text(q, name, child_indent, k == n, false, out);
  }
  for (const std::string& c : p.conditions) {
    ++k;
    out += child_indent + (k == n ? "└─ " : "├─ ") + c + "\n";
  }
}

template <class W>
void json(const Proof& p, const rdf::Dictionary& dict, W& w) {
  auto term = [&](TermId id) {
    const std::string s = rdf::to_ntriples(dict.term(id));
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("triple");
  w.StartObject();
  w.Key("s");
  term(p.triple.s);
  w.Key("p");
  term(p.triple.p);
  w.Key("o");
  term(p.triple.o);
  w.EndObject();
  w.Key("status");
  switch (p.kind) {
    case Proof::Kind::kAsserted:
      w.String("asserted");
      break;
    case Proof::Kind::kInferred:
      w.String("inferred");
      break;
    case Proof::Kind::kTruncated:
      w.String("truncated");
      break;
  }
  if (p.kind == Proof::Kind::kAsserted) {
    w.Key("origins");
    w.StartArray();
    for (const auto& o : p.origins) w.String(o.c_str());
    w.EndArray();
  }
  if (p.kind == Proof::Kind::kInferred) {
    w.Key("rule");
    w.String(p.rule->name.c_str());
    w.Key("location");
    w.String(location(*p.rule).c_str());
    w.Key("bindings");
    w.StartObject();
    for (const auto& [v, id] : p.bindings) {
      w.Key(v.c_str());
      term(id);
    }
    w.EndObject();
    w.Key("premises");
    w.StartArray();
    for (const Proof& q : p.premises) json(q, dict, w);
    w.EndArray();
    w.Key("conditions");
    w.StartArray();
    for (const auto& c : p.conditions) w.String(c.c_str());
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::optional<Proof> explain(Reasoner& reasoner, const Triple& t, const OriginFn& origin,
                             const TermNamer& name, std::size_t max_depth) {
  if (!reasoner.holds(t)) return std::nullopt;
  Explainer e(reasoner, origin, name, max_depth);
  return e.prove(t, 0);
}

std::string to_text(const Proof& proof, const TermNamer& name) {
  std::string out;
  text(proof, name, "", true, true, out);
  return out;
}

std::string to_json(const Proof& proof, const rdf::Dictionary& dict) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  json(proof, dict, w);
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace kennis::reason
