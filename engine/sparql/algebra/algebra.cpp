#include "sparql/algebra/algebra.hpp"

#include <algorithm>

namespace kennis::sparql::algebra {

OpPtr Op::binary(OpKind kind, OpPtr a, OpPtr b) {
  auto op = make(kind);
  op->args.push_back(std::move(a));
  op->args.push_back(std::move(b));
  return op;
}

OpPtr Op::clone() const {
  auto op = std::make_unique<Op>();
  op->kind = kind;
  for (const auto& a : args) op->args.push_back(a->clone());
  op->triples = triples;
  op->subject = subject;
  op->object = object;
  op->path = path;
  op->exprs = exprs;
  op->slots = slots;
  op->order = order;
  op->rows = rows;
  op->row_count = row_count;
  op->aggregates = aggregates;
  op->graph = graph;
  op->offset = offset;
  op->limit = limit;
  return op;
}

namespace {

void mark(std::vector<bool>& v, Slot s) {
  if (s == kNoSlot) return;
  if (static_cast<std::size_t>(s) >= v.size()) v.resize(static_cast<std::size_t>(s) + 1, false);
  v[static_cast<std::size_t>(s)] = true;
}

void mark(VarSets& vs, const PatternTerm& t) {
  if (t.is_var()) {
    mark(vs.certain, t.var);
    mark(vs.possible, t.var);
  }
}

bool test(const std::vector<bool>& v, Slot s) {
  return s >= 0 && static_cast<std::size_t>(s) < v.size() && v[static_cast<std::size_t>(s)];
}

void var_sets_into(const Op& op, VarSets& out);

VarSets sets_of(const Op& op, std::size_t width) {
  VarSets vs;
  vs.certain.assign(width, false);
  vs.possible.assign(width, false);
  var_sets_into(op, vs);
  return vs;
}

void or_into(std::vector<bool>& a, const std::vector<bool>& b) {
  if (a.size() < b.size()) a.resize(b.size(), false);
  for (std::size_t i = 0; i < b.size(); ++i) a[i] = a[i] || b[i];
}

void var_sets_into(const Op& op, VarSets& out) {
  const std::size_t width = out.certain.size();
  switch (op.kind) {
    case OpKind::kBgp:
      for (const auto& t : op.triples) {
        mark(out, t.s);
        mark(out, t.p);
        mark(out, t.o);
      }
      return;
    case OpKind::kPath:
      mark(out, op.subject);
      mark(out, op.object);
      return;
    case OpKind::kJoin:
      for (const auto& a : op.args) var_sets_into(*a, out);
      return;
    case OpKind::kLeftJoin: {
      var_sets_into(*op.args[0], out);
      VarSets right = sets_of(*op.args[1], width);
      or_into(out.possible, right.possible);
      return;
    }
    case OpKind::kUnion: {
      VarSets a = sets_of(*op.args[0], width);
      VarSets b = sets_of(*op.args[1], width);
      for (std::size_t i = 0; i < width; ++i) {
        if (test(a.certain, static_cast<Slot>(i)) && test(b.certain, static_cast<Slot>(i))) {
          mark(out.certain, static_cast<Slot>(i));
        }
      }
      or_into(out.possible, a.possible);
      or_into(out.possible, b.possible);
      return;
    }
    case OpKind::kMinus:
    case OpKind::kFilter:
    case OpKind::kOrderBy:
    case OpKind::kDistinct:
    case OpKind::kReduced:
    case OpKind::kSlice:
      var_sets_into(*op.args[0], out);
      return;
    case OpKind::kGraph:
      mark(out, op.graph);
      var_sets_into(*op.args[0], out);
      return;
    case OpKind::kExtend:
      var_sets_into(*op.args[0], out);
      mark(out.possible, op.slots[0]);
      return;
    case OpKind::kGroup: {
      VarSets child = sets_of(*op.args[0], width);
      for (std::size_t k = 0; k < op.slots.size(); ++k) {
        mark(out.possible, op.slots[k]);
        const int v = op.exprs[k]->code.variable_slot();
        if (v != kNoSlot && v == op.slots[k] && test(child.certain, v)) {
          mark(out.certain, op.slots[k]);
        }
      }
      for (const auto& a : op.aggregates) mark(out.possible, a.slot);
      return;
    }
    case OpKind::kProject: {
      VarSets child = sets_of(*op.args[0], width);
      for (Slot s : op.slots) {
        if (test(child.certain, s)) mark(out.certain, s);
        if (test(child.possible, s)) mark(out.possible, s);
      }
      return;
    }
    case OpKind::kValues: {
      const std::size_t w = op.slots.size();
      for (std::size_t c = 0; c < w; ++c) {
        bool all = true;
        bool any = false;
        for (std::size_t r = 0; r < op.row_count; ++r) {
          if (op.rows[r * w + c] == kNoTerm) {
            all = false;
          } else {
            any = true;
          }
        }
        if (any) mark(out.possible, op.slots[c]);
        if (any && all) mark(out.certain, op.slots[c]);
      }
      return;
    }
  }
}

}  // namespace

VarSets var_sets(const Op& op, std::size_t width) { return sets_of(op, width); }

// ---- printing ---------------------------------------------------------------------------

std::string to_string(const PatternTerm& t, const VarTable& vars, const rdf::Dictionary& dict) {
  if (t.is_var()) {
    const auto s = static_cast<std::size_t>(t.var);
    return s < vars.size() ? "?" + vars.names[s] : "?" + std::to_string(t.var);
  }
  if (t.term == kNoTerm || t.term > dict.size()) return "<?>";
  return rdf::to_ntriples(dict.term(t.term));
}

std::string to_string(const Path& p, const rdf::Dictionary& dict) {
  auto term = [&](TermId id) {
    return id == kNoTerm || id > dict.size() ? std::string("<?>") : rdf::to_ntriples(dict.term(id));
  };
  auto list = [&](const char* head) {
    std::string s = std::string("(") + head;
    for (const auto& a : p.args) s += " " + to_string(*a, dict);
    return s + ")";
  };
  switch (p.kind) {
    case PathKind::kLink:
      return term(p.iri);
    case PathKind::kInverse:
      return list("reverse");
    case PathKind::kSequence:
      return list("seq");
    case PathKind::kAlternative:
      return list("alt");
    case PathKind::kZeroOrMore:
      return list("path*");
    case PathKind::kOneOrMore:
      return list("path+");
    case PathKind::kZeroOrOne:
      return list("path?");
    case PathKind::kNegated: {
      std::string s = "(notoneof";
      for (TermId f : p.forward) s += " " + term(f);
      for (TermId b : p.backward) s += " (reverse " + term(b) + ")";
      return s + ")";
    }
  }
  return "?";
}

namespace {

std::string slot_name(Slot s, const VarTable& vars) {
  return s >= 0 && static_cast<std::size_t>(s) < vars.size()
             ? "?" + vars.names[static_cast<std::size_t>(s)]
             : "?" + std::to_string(s);
}

std::string exprs_text(const std::vector<ExprRef>& es) {
  std::string s;
  for (const auto& e : es) {
    if (!s.empty()) s += " ";
    s += e->text();
  }
  return es.size() == 1 ? s : "(exprlist " + s + ")";
}

}  // namespace

std::string to_string(const Op& op, const VarTable& vars, const rdf::Dictionary& dict, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  auto children = [&]() {
    std::string s;
    for (const auto& a : op.args) s += "\n" + to_string(*a, vars, dict, indent + 1);
    return s + ")";
  };
  auto term = [&](const PatternTerm& t) { return to_string(t, vars, dict); };
  switch (op.kind) {
    case OpKind::kBgp: {
      if (op.triples.empty()) return pad + "(table unit)";
      std::string s = pad + "(bgp";
      for (const auto& t : op.triples) {
        s += "\n" + pad + "  (triple " + term(t.s) + " " + term(t.p) + " " + term(t.o) + ")";
      }
      return s + ")";
    }
    case OpKind::kPath:
      return pad + "(path " + term(op.subject) + " " + to_string(*op.path, dict) + " " +
             term(op.object) + ")";
    case OpKind::kJoin:
      return pad + "(join" + children();
    case OpKind::kLeftJoin:
      return pad + "(leftjoin" + children().substr(0, children().size() - 1) +
             (op.exprs.empty() ? "" : "\n" + pad + "  " + exprs_text(op.exprs)) + ")";
    case OpKind::kFilter:
      return pad + "(filter " + exprs_text(op.exprs) + children();
    case OpKind::kUnion:
      return pad + "(union" + children();
    case OpKind::kMinus:
      return pad + "(minus" + children();
    case OpKind::kGraph:
      return pad + "(graph " + term(op.graph) +
             (op.slots.empty() ? "" : " " + slot_name(op.slots[0], vars)) + children();
    case OpKind::kExtend:
      return pad + "(extend ((" + slot_name(op.slots[0], vars) + " " + op.exprs[0]->text() + "))" +
             children();
    case OpKind::kGroup: {
      std::string s = pad + "(group (";
      for (std::size_t k = 0; k < op.exprs.size(); ++k) {
        if (k) s += " ";
        s += "(" + slot_name(op.slots[k], vars) + " " + op.exprs[k]->text() + ")";
      }
      s += ") (";
      for (std::size_t k = 0; k < op.aggregates.size(); ++k) {
        if (k) s += " ";
        const auto& a = op.aggregates[k];
        s += "(" + slot_name(a.slot, vars) + " " + a.text + ")";
      }
      return s + ")" + children();
    }
    case OpKind::kOrderBy: {
      std::string s = pad + "(order (";
      for (std::size_t k = 0; k < op.order.size(); ++k) {
        if (k) s += " ";
        s += op.order[k].descending ? "(desc " + op.order[k].expr->text() + ")"
                                    : op.order[k].expr->text();
      }
      return s + ")" + children();
    }
    case OpKind::kProject:
    case OpKind::kDistinct:
    case OpKind::kReduced: {
      std::string s = pad + (op.kind == OpKind::kProject    ? "(project ("
                             : op.kind == OpKind::kDistinct ? "(distinct ("
                                                            : "(reduced (");
      for (std::size_t k = 0; k < op.slots.size(); ++k) {
        if (k) s += " ";
        s += slot_name(op.slots[k], vars);
      }
      return s + ")" + children();
    }
    case OpKind::kSlice:
      return pad + "(slice " + std::to_string(op.offset) + " " +
             (op.limit == kNoLimit ? std::string("_") : std::to_string(op.limit)) + children();
    case OpKind::kValues: {
      std::string s = pad + "(table (vars";
      for (Slot v : op.slots) s += " " + slot_name(v, vars);
      s += ")";
      const std::size_t w = op.slots.size();
      const std::size_t n = op.row_count;
      for (std::size_t r = 0; r < n; ++r) {
        s += "\n" + pad + "  (row";
        for (std::size_t c = 0; c < w; ++c) {
          TermId t = op.rows[r * w + c];
          if (t != kNoTerm) s += " [" + slot_name(op.slots[c], vars) + " " + term({t}) + "]";
        }
        s += ")";
      }
      return s + ")";
    }
  }
  return pad + "(?)";
}

}  // namespace kennis::sparql::algebra
