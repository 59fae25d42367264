#include "sparql/exec/engine.hpp"

#include "rdf/display.hpp"
#include "sparql/exec/executor.hpp"
#include "sparql/syntax/parser.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_set>

namespace kennis::sparql::exec {

std::string PreparedQuery::algebra_text(const rdf::Dictionary& dict,
                                        const rdf::PrefixMap& prefixes) const {
  std::string s = algebra::to_string(*query_.root, query_.vars, dict) + "\n";
  for (std::size_t i = 0; i < query_.exists.size(); ++i) {
    s += "exists #" + std::to_string(i) + ":\n" +
         algebra::to_string(*query_.exists[i].op, query_.vars, dict, 1) + "\n";
  }
  return rdf::compact_iris(s, prefixes);
}

std::string PreparedQuery::plan_text(const rdf::Dictionary& dict,
                                     const rdf::PrefixMap& prefixes) const {
  std::string s = rdf::compact_iris(planner::to_string(plan_, query_.vars, dict), prefixes);
  s += "passes:";
  for (const auto& [name, us] : plan_.pass_times) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.0fus", name.c_str(), us);
    s += buf;
  }
  return s + "\n";
}

QueryEngine::QueryEngine(rdf::Dictionary& dict, const store::QuadStore& store)
    : dict_(dict), store_(store), stats_(store), default_graphs_{store::kDefaultGraph} {}

planner::DatasetGraphs QueryEngine::dataset_for(const algebra::DatasetClause& clause) const {
  planner::DatasetGraphs g;
  if (clause.present()) {
    std::set<rdf::TermId> seen;
    for (const auto& iri : clause.from) {
      const rdf::TermId id = dict_.find_iri(iri);
      if (id != rdf::kNoTerm && seen.insert(id).second) g.default_graphs.push_back(id);
    }
    for (const auto& iri : clause.from_named) {
      const rdf::TermId id = dict_.find_iri(iri);
      if (id != rdf::kNoTerm) g.named_graphs.push_back(id);
    }
  } else {
    g.default_graphs = default_graphs_;
    g.disjoint_defaults = disjoint_defaults_;
    for (rdf::TermId id : store_.graphs()) {
      if (id != store::kDefaultGraph) g.named_graphs.push_back(id);
    }
  }
  std::sort(g.named_graphs.begin(), g.named_graphs.end());
  g.named_graphs.erase(std::unique(g.named_graphs.begin(), g.named_graphs.end()),
                       g.named_graphs.end());
  return g;
}

base::Result<PreparedQuery> QueryEngine::prepare(const sparql::Query& ast,
                                                 const QueryOptions& options) {
  algebra::TranslateOptions to;
  to.bindings = options.bindings;
  auto q = algebra::translate(ast, dict_, to);
  if (!q.ok()) return q.error();
  PreparedQuery p;
  p.query_ = std::move(q).value();
  if (!options.default_graph_uris.empty() || !options.named_graph_uris.empty()) {
    p.query_.dataset.from = options.default_graph_uris;
    p.query_.dataset.from_named = options.named_graph_uris;
  }
  p.graphs_ = dataset_for(p.query_.dataset);
  auto plan = planner::plan_query(p.query_, p.graphs_, stats_, options.plan);
  if (!plan.ok()) return plan.error();
  p.plan_ = std::move(plan).value();
  p.eval_ = options.eval;
  if (p.eval_.base_iri.empty()) p.eval_.base_iri = p.query_.base_iri;
  return p;
}

base::Result<PreparedQuery> QueryEngine::prepare(std::string_view text,
                                                 std::string_view source_name,
                                                 const QueryOptions& options) {
  ParseOptions po;
  po.base_iri = options.base_iri;
  auto ast = parse_query(text, source_name, po);
  if (!ast.ok()) return ast.error();
  auto p = prepare(ast.value(), options);
  if (!p.ok()) {
    base::Diagnostic d = p.error();
    if (d.range.file.empty()) d.range.file = std::string(source_name);
    return d;
  }
  return p;
}

namespace {

bool valid_triple(const rdf::Dictionary& dict, rdf::TermId s, rdf::TermId p, rdf::TermId o) {
  if (s == rdf::kNoTerm || p == rdf::kNoTerm || o == rdf::kNoTerm) return false;
  return dict.kind(s) != rdf::TermKind::kLiteral && dict.kind(p) == rdf::TermKind::kIri;
}

/// Counts the distinct triples of a graph answer against max_rows (the writers merge
/// duplicates, so a template that repeats a triple does not count it twice). Keeps at most
/// max_rows + 1 triples; nothing when there is no row limit.
class TripleCounter {
 public:
  explicit TripleCounter(const base::Budget& budget) : budget_(budget) {}
  void add(const rdf::IdQuad& t) {
    if (budget_.limits().max_rows == 0) return;
    if (seen_.insert(Key{t.s, t.p, t.o}).second) budget_.check_rows(seen_.size());
  }

 private:
  struct Key {
    rdf::TermId s, p, o;
    bool operator==(const Key& k) const { return s == k.s && p == k.p && o == k.o; }
  };
  struct Hash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = k.s;
      h = h * 0x9E3779B97F4A7C15ULL ^ k.p;
      h = h * 0x9E3779B97F4A7C15ULL ^ k.o;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  const base::Budget& budget_;
  std::unordered_set<Key, Hash> seen_;
};

}  // namespace

QueryResult QueryEngine::execute(const PreparedQuery& q, const base::Limits& limits) {
  QueryResult result;
  const base::Budget budget(limits, "query");
  const algebra::Query& query = q.query_;
  result.form = query.form;
  result.shape = query.form == algebra::QueryForm::kAsk      ? results::Shape::kBoolean
                 : query.form == algebra::QueryForm::kSelect ? results::Shape::kSolutions
                                                             : results::Shape::kGraph;
  Executor ex(q.plan_, query, store_, dict_, q.graphs_, q.eval_);
  if (limits.any()) ex.set_budget(&budget);
  base::Ticker ticker(limits.any() ? &budget : nullptr);
  const std::size_t width = ex.width();
  switch (query.form) {
    case algebra::QueryForm::kSelect: {
      for (algebra::Slot s : query.projection) {
        result.table.variables.push_back(query.vars.names[static_cast<std::size_t>(s)]);
      }
      std::vector<rdf::TermId> out(query.projection.size());
      FnSink sink([&](const rdf::TermId* row) {
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = row[query.projection[i]];
        result.table.add_row(out.data());
        budget.check_rows(result.table.rows());
        return true;
      });
      ex.run(sink);
      break;
    }
    case algebra::QueryForm::kAsk: {
      FnSink sink([&](const rdf::TermId*) {
        result.boolean = true;
        return false;
      });
      ex.run(sink);
      break;
    }
    case algebra::QueryForm::kConstruct: {
      TripleCounter counter(budget);
      std::vector<rdf::TermId> blanks(static_cast<std::size_t>(query.template_blanks));
      FnSink sink([&](const rdf::TermId* row) {
        for (auto& b : blanks) {
          std::string label;
          do {
            label = "c" + std::to_string(++blank_counter_);
          } while (dict_.find(rdf::Term::blank(label)) != rdf::kNoTerm);
          b = dict_.intern(rdf::Term::blank(label));
        }
        auto value = [&](const algebra::TemplateTerm& t) -> rdf::TermId {
          switch (t.kind) {
            case algebra::TemplateTerm::Kind::kConstant:
              return t.term;
            case algebra::TemplateTerm::Kind::kVariable:
              return row[t.var];
            case algebra::TemplateTerm::Kind::kBlank:
              return blanks[static_cast<std::size_t>(t.blank)];
          }
          return rdf::kNoTerm;
        };
        for (const auto& t : query.construct) {
          const rdf::TermId s = value(t.s), p = value(t.p), o = value(t.o);
          if (valid_triple(dict_, s, p, o)) {
            result.triples.push_back({s, p, o, rdf::kNoTerm});
            counter.add(result.triples.back());
          }
        }
        return true;
      });
      ex.run(sink);
      break;
    }
    case algebra::QueryForm::kDescribe: {
      std::vector<rdf::TermId> resources = query.describe_terms;
      FnSink sink([&](const rdf::TermId* row) {
        for (algebra::Slot s : query.projection) {
          if (row[s] != rdf::kNoTerm) resources.push_back(row[s]);
        }
        return true;
      });
      if (!query.projection.empty()) ex.run(sink);
      // Concise bounded description: the resource's triples, following blank-node objects.
      TripleCounter counter(budget);
      std::set<rdf::TermId> done;
      while (!resources.empty()) {
        const rdf::TermId r = resources.back();
        resources.pop_back();
        if (!done.insert(r).second) continue;
        for (rdf::TermId g : q.graphs_.default_graphs) {
          store_.for_each(store::Pattern{r, rdf::kNoTerm, rdf::kNoTerm, g},
                          [&](const store::Quad& quad) {
                            ticker.tick();
                            result.triples.push_back({quad.s, quad.p, quad.o, rdf::kNoTerm});
                            counter.add(result.triples.back());
                            if (dict_.kind(quad.o) == rdf::TermKind::kBlank) {
                              resources.push_back(quad.o);
                            }
                          });
        }
      }
      break;
    }
  }
  (void)width;
  return result;
}

}  // namespace kennis::sparql::exec
