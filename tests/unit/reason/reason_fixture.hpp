// Test fixture: a dictionary and store loaded from Turtle text, a rule set from text, and the
// inferred graph printed as sorted N-Triples lines.
#pragma once

#include "rdf/reader.hpp"
#include "reason/reasoner.hpp"
#include "rules/load.hpp"
#include "store/quad_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace kennis::reason::testing {

class StoreSink : public rdf::StatementSink {
 public:
  explicit StoreSink(store::QuadStore& st) : st_(st) {}
  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t, std::uint32_t) override {
    st_.insert(store::Quad{s, p, o, g == kNoTerm ? store::kDefaultGraph : g});
  }

 private:
  store::QuadStore& st_;
};

struct World {
  rdf::Dictionary dict;
  store::QuadStore store;
  rules::LoadedRules rules;
  std::unique_ptr<Reasoner> reasoner;

  void load(const std::string& turtle) {
    StoreSink sink(store);
    rdf::ReadOptions options;
    options.syntax = rdf::Syntax::kTurtle;
    auto r = rdf::read_string(turtle, "data.ttl", dict, sink, options);
    ASSERT_TRUE(r.ok()) << base::to_string(r.error());
    store.commit();
  }

  void set_rules(const std::string& text, ReasonerOptions options = {}) {
    rules = rules::load_rule_text(text, "test.rules");
    std::string errors;
    for (const auto& d : rules.diagnostics) errors += base::to_string(d) + "\n";
    ASSERT_TRUE(rules.ok()) << errors;
    auto r = Reasoner::create(rules, dict, store, std::move(options));
    ASSERT_TRUE(r.ok()) << base::to_string(r.error());
    reasoner = std::move(r.value());
  }

  std::string line(const Triple& t) const {
    return rdf::to_ntriples(dict.term(t.s)) + " " + rdf::to_ntriples(dict.term(t.p)) + " " +
           rdf::to_ntriples(dict.term(t.o)) + " .";
  }

  /// The inferred graph, one sorted N-Triples line each.
  std::vector<std::string> inferred() const {
    std::vector<std::string> out;
    store::Pattern pat;
    pat.g = reasoner->inferred_graph();
    store.for_each(pat, [&](const store::Quad& q) { out.push_back(line({q.s, q.p, q.o})); });
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string inferred_text() const {
    std::string s;
    for (const auto& l : inferred()) s += l + "\n";
    return s;
  }
};

}  // namespace kennis::reason::testing
