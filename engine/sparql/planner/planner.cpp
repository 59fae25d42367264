#include "sparql/planner/planner.hpp"

#include "sparql/planner/passes.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace kennis::sparql::planner {

bool DatasetGraphs::is_named(TermId g) const {
  return std::binary_search(named_graphs.begin(), named_graphs.end(), g);
}

const std::vector<std::string>& pass_names() {
  static const std::vector<std::string> names = {"order-joins", "push-filters", "intersect-joins",
                                                 "hash-join"};
  return names;
}

base::Result<Plan> plan_query(const algebra::Query& q, const DatasetGraphs& graphs,
                              store::Statistics& stats, const PlanOptions& options) {
  for (const auto& d : options.disabled) {
    const auto& names = pass_names();
    if (std::find(names.begin(), names.end(), d) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      return base::Diagnostic::error("unknown planner pass '" + d + "' (passes: " + list + ")");
    }
  }
  auto enabled = [&](const std::string& name) {
    return std::find(options.disabled.begin(), options.disabled.end(), name) ==
           options.disabled.end();
  };
  Plan plan;
  std::vector<detail::Bits> exists_bound;
  using Clock = std::chrono::steady_clock;
  auto timed = [&](const std::string& name, auto&& fn) {
    const auto t0 = Clock::now();
    fn();
    plan.pass_times.emplace_back(
        name, std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  };
  timed("lower", [&] { detail::lower(q, graphs, plan, exists_bound); });
  detail::PassContext ctx{q, graphs, stats, plan.width};
  const detail::Bits none(plan.width, false);
  auto each_root = [&](auto&& fn) {
    fn(*plan.root, none);
    for (std::size_t i = 0; i < plan.exists.size(); ++i) {
      if (plan.exists[i]) fn(*plan.exists[i], exists_bound[i]);
    }
  };
  if (enabled("order-joins")) {
    timed("order-joins", [&] {
      each_root([&](Node& n, const detail::Bits& b) { detail::order_joins(n, b, ctx); });
    });
  }
  if (enabled("push-filters")) {
    timed("push-filters", [&] {
      each_root([&](Node& n, const detail::Bits& b) { detail::push_filters(n, b, ctx); });
    });
  }
  if (enabled("intersect-joins")) {
    timed("intersect-joins", [&] {
      each_root([&](Node& n, const detail::Bits& b) { detail::intersect_joins(n, b, ctx); });
    });
  }
  if (enabled("hash-join")) {
    // Not inside EXISTS patterns: they see the outer row by substitution (section 18.6), so
    // even an operand that binds nothing in common may read the outer row's variables.
    timed("hash-join", [&] { detail::hash_join(*plan.root, none, ctx, plan); });
  }
  timed("annotate",
        [&] { each_root([&](Node& n, const detail::Bits& b) { detail::annotate(n, b, ctx); }); });
  return plan;
}

// ---- printing -------------------------------------------------------------------------

namespace {

std::string slots_text(const std::vector<Slot>& slots, const algebra::VarTable& vars) {
  std::string s;
  for (Slot v : slots) {
    if (!s.empty()) s += " ";
    s += "?" + vars.names[static_cast<std::size_t>(v)];
  }
  return s;
}

std::string graph_text(const GraphRef& g, const algebra::VarTable& vars,
                       const rdf::Dictionary& dict) {
  switch (g.mode) {
    case GraphRef::Mode::kDefault:
      return "";
    case GraphRef::Mode::kConstant:
      return " in " + rdf::to_ntriples(dict.term(g.term));
    case GraphRef::Mode::kVariable:
      return " in ?" + vars.names[static_cast<std::size_t>(g.var)];
  }
  return "";
}

std::string estimate_text(double e) {
  if (e < 0) return "";
  char buf[48];
  if (e >= 100 || e == std::floor(e)) {
    std::snprintf(buf, sizeof buf, "  ~%.0f", e);
  } else {
    std::snprintf(buf, sizeof buf, "  ~%.2g", e);
  }
  return buf;
}

}  // namespace

std::string to_string(const Node& n, const algebra::VarTable& vars, const rdf::Dictionary& dict,
                      int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  auto term = [&](const algebra::PatternTerm& t) { return algebra::to_string(t, vars, dict); };
  std::string line = pad;
  switch (n.kind) {
    case NodeKind::kScan:
      line += "scan " + term(n.triple.s) + " " + term(n.triple.p) + " " + term(n.triple.o) +
              graph_text(n.graph, vars, dict);
      break;
    case NodeKind::kPath:
      line += "path " + term(n.subject) + " " + algebra::to_string(*n.path, dict) + " " +
              term(n.object) + graph_text(n.graph, vars, dict);
      break;
    case NodeKind::kSeq:
      line += n.children.empty() ? "unit" : "join";
      break;
    case NodeKind::kFilter:
      line += "filter " + n.exprs[0]->text();
      break;
    case NodeKind::kExtend:
      line +=
          "bind ?" + vars.names[static_cast<std::size_t>(n.slots[0])] + " := " + n.exprs[0]->text();
      break;
    case NodeKind::kValues:
      line += "values (" + slots_text(n.slots, vars) + ") " + std::to_string(n.row_count) + " row" +
              (n.row_count == 1 ? "" : "s");
      break;
    case NodeKind::kUnion:
      line += "union";
      break;
    case NodeKind::kLeftJoin: {
      line += "optional";
      std::string f;
      for (const auto& e : n.exprs) f += (f.empty() ? "" : " && ") + e->text();
      if (!f.empty()) line += " filter " + f;
      break;
    }
    case NodeKind::kMinus:
      line += "minus";
      break;
    case NodeKind::kGraph:
      line += "graph" + graph_text(n.graph, vars, dict) + " (each named graph)";
      break;
    case NodeKind::kMaterialize:
      line += n.slots.empty() ? "materialize" : "hash-join on (" + slots_text(n.slots, vars) + ")";
      break;
    case NodeKind::kGroup: {
      line += "group by (" + slots_text(n.slots, vars) + ")";
      for (const auto& a : n.aggregates) {
        line += " ?" + vars.names[static_cast<std::size_t>(a.slot)] + ":=" + a.text;
      }
      break;
    }
    case NodeKind::kOrderBy: {
      line += "order by";
      for (const auto& k : n.order) {
        line += k.descending ? " DESC(" + k.expr->text() + ")" : " " + k.expr->text();
      }
      break;
    }
    case NodeKind::kProject:
      line += "project (" + slots_text(n.slots, vars) + ")";
      break;
    case NodeKind::kDistinct:
      line += "distinct";
      break;
    case NodeKind::kSlice:
      line += "slice offset " + std::to_string(n.offset) + " limit " +
              (n.limit == algebra::kNoLimit ? std::string("-") : std::to_string(n.limit));
      break;
    case NodeKind::kEmpty:
      line += "empty";
      break;
    case NodeKind::kIntersect:
      line += "intersect on ?" + vars.names[static_cast<std::size_t>(n.slots[0])];
      break;
  }
  if (!n.mask.empty()) line += "  [scope hides " + slots_text(n.mask, vars) + "]";
  line += estimate_text(n.estimate);
  line += "\n";
  for (const auto& c : n.children) line += to_string(*c, vars, dict, indent + 1);
  return line;
}

std::string to_string(const Plan& plan, const algebra::VarTable& vars,
                      const rdf::Dictionary& dict) {
  std::string s = to_string(*plan.root, vars, dict, 0);
  for (std::size_t i = 0; i < plan.exists.size(); ++i) {
    s += "exists #" + std::to_string(i) + ":\n";
    if (plan.exists[i]) s += to_string(*plan.exists[i], vars, dict, 1);
  }
  return s;
}

}  // namespace kennis::sparql::planner
