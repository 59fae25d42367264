// Incremental maintenance: after each random change, the inferred graph equals the one a
// fresh materialisation of the same asserted data gives (the property of DRed + recompute).
#include "reason_fixture.hpp"

#include <random>
#include <set>

namespace kennis::reason::testing {
namespace {

const char* kRules = R"(@prefix : <http://e/> .
@name(e-from-m)  [?x, :e, ?y] :- [?x, :m, ?y], NOT [?x, :blocked, ?y] .
@name(m-sym)     [?y, :m, ?x] :- [?x, :m, ?y] .
@name(path1)     [?x, :path, ?y] :- [?x, :e, ?y] .
@name(path2)     [?x, :path, ?z] :- [?x, :path, ?y], [?y, :e, ?z] .
@name(node1)     [?x, a, :Node] :- [?x, :e, ?y] .
@name(node2)     [?y, a, :Node] :- [?x, :e, ?y] .
@name(unreached) [?x, :unreached, ?y] :- [?x, a, :Node], [?y, a, :Node], NOT [?x, :path, ?y] .
@name(outdeg)    [?x, :outdeg, ?n] :- AGGREGATE([?x, :path, ?y] ON ?x BIND COUNT(?y) AS ?n) .
@name(hub)       [?x, a, :Hub] :- [?x, :outdeg, ?n], FILTER(?n >= 3) .
@name(near-hub)  [?x, :nearHub, ?h] :- [?x, :path, ?h], [?h, a, :Hub] .
@name(heavy)     [?x, :heavy, ?v] :- [?x, :w, ?w], BIND(?w * 2 AS ?v), FILTER(?v > 4) .
@name(lonely)    [?x, :lonely, true] :- [?x, a, :Node], NOT EXISTS ?y IN ([?x, :e, ?y]) .
@name(total)     [:all, :edges, ?n] :- AGGREGATE([?x, :e, ?y] BIND COUNT(*) AS ?n) .
@name(path-hint) [?x, :path, ?y] :- [?x, :hint, ?y], NOT [?x, :blocked, ?y] .
@name(pair)      [?k, :from, ?x], [?k, :to, ?y], [?x, :hasPair, ?k] :- [?x, :e, ?y],
                     BIND(IRI(CONCAT(STR(?x), "-", STRAFTER(STR(?y), "e/"))) AS ?k) .
@name(pair-hub)  [?k, a, :HubPair] :- [?k, :from, ?x], [?x, a, :Hub] .
@name(pair-open) [?k, :from, ?x], [?k, :open, true], [?x, :hasOpenPair, ?k] :- [?x, :e, ?y],
                     NOT [?x, :blocked, ?y],
                     BIND(IRI(CONCAT(STR(?x), "-", STRAFTER(STR(?y), "e/"))) AS ?k) .
@name(lack)      [?x, :lacks, ?y], [?x, :lackNode, ?k], [?k, :lackOf, ?y] :-
                     [?x, a, :Node], [?y, a, :Node], NOT [?x, :e, ?y],
                     BIND(IRI(CONCAT(STR(?x), "-lack-", STRAFTER(STR(?y), "e/"))) AS ?k) .
@name(lack-hint) [?x, :lacks, ?y] :- [?x, :hint, ?y] .
)";

struct Generator {
  std::mt19937 rng;
  explicit Generator(unsigned seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  std::string node() { return "<http://e/n" + std::to_string(pick(6)) + ">"; }
  /// A random asserted triple in N-Triples.
  std::string triple() {
    switch (pick(11)) {
      case 0:
      case 1:
      case 2:
        return node() + " <http://e/e> " + node() + " .";
      case 3:
      case 4:
        return node() + " <http://e/m> " + node() + " .";
      case 5:
        return node() + " <http://e/blocked> " + node() + " .";
      case 6:
        return node() + " <http://e/path> " + node() + " .";
      case 7:
        return node() + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/" +
               (pick(2) ? "Node" : "Hub") + "> .";
      case 8:
        return node() + " <http://e/w> \"" + std::to_string(pick(5)) +
               "\"^^<http://www.w3.org/2001/XMLSchema#integer> .";
      case 9:
        return node() + " <http://e/hint> " + node() + " .";
      default:
        return node() + " <http://e/e> " + node() + " .";
    }
  }
};

/// Turns one N-Triples line into a quad of `w`'s dictionary (default graph).
store::Quad to_quad(World& w, const std::string& line) {
  struct One : rdf::StatementSink {
    store::Quad q;
    void statement(TermId s, TermId p, TermId o, TermId, std::uint32_t, std::uint32_t) override {
      q = store::Quad{s, p, o, store::kDefaultGraph};
    }
  } sink;
  rdf::ReadOptions options;
  options.syntax = rdf::Syntax::kNTriples;
  auto r = rdf::read_string(line, "change.nt", w.dict, sink, options);
  EXPECT_TRUE(r.ok());
  return sink.q;
}

std::string join(const std::set<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST(Incremental, MatchesRematerialisationAfterRandomChanges) {
  for (unsigned seed = 1; seed <= 60; ++seed) {
    Generator gen(seed);
    std::set<std::string> asserted;
    for (int i = 0; i < 14; ++i) asserted.insert(gen.triple());
    World inc;
    inc.load(join(asserted));
    inc.set_rules(kRules);
    inc.reasoner->materialise();
    for (int step = 0; step < 25; ++step) {
      const std::set<std::string> previous = asserted;
      const int n = 1 + gen.pick(3);
      for (int k = 0; k < n; ++k) {
        if (!asserted.empty() && gen.pick(2) == 0) {
          auto it = asserted.begin();
          std::advance(it, gen.pick(static_cast<int>(asserted.size())));
          asserted.erase(it);
        } else {
          asserted.insert(gen.triple());
        }
      }
      // The change is the difference of the asserted sets.
      std::vector<store::Quad> adds, removes;
      for (const auto& t : asserted) {
        if (!previous.count(t)) adds.push_back(to_quad(inc, t));
      }
      for (const auto& t : previous) {
        if (!asserted.count(t)) removes.push_back(to_quad(inc, t));
      }
      std::string change;
      for (const auto& q : adds) change += "+ " + inc.line({q.s, q.p, q.o}) + "\n";
      for (const auto& q : removes) change += "- " + inc.line({q.s, q.p, q.o}) + "\n";
      const std::string old_inferred = inc.inferred_text();
      UpdateStats us = inc.reasoner->update(adds, removes);
      World fresh;
      fresh.load(join(asserted));
      fresh.set_rules(kRules);
      fresh.reasoner->materialise();
      ASSERT_EQ(inc.inferred_text(), fresh.inferred_text())
          << "seed " << seed << " step " << step << "\nbefore:\n"
          << join(previous) << "after:\n"
          << join(asserted) << "change:\n"
          << change << "inferred before:\n"
          << old_inferred;
      (void)us;
    }
  }
}

TEST(Incremental, ReportsInferredAndRetracted) {
  World w;
  w.load("@prefix : <http://e/> . :a :p :b . :b :p :c .");
  w.set_rules("@prefix : <http://e/> . [?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] .");
  w.reasoner->materialise();
  EXPECT_EQ(w.inferred_text(), "<http://e/a> <http://e/p> <http://e/c> .\n");
  const TermId p = w.dict.find_iri("http://e/p");
  const TermId b = w.dict.find_iri("http://e/b");
  const TermId c = w.dict.find_iri("http://e/c");
  const TermId d = w.dict.intern_iri("http://e/d");
  UpdateStats s = w.reasoner->update({{c, p, d, store::kDefaultGraph}}, {});
  EXPECT_EQ(s.inferred.size(), 2u);  // a p d, b p d
  EXPECT_EQ(s.retracted.size(), 0u);
  s = w.reasoner->update({}, {{b, p, c, store::kDefaultGraph}});
  EXPECT_EQ(s.retracted.size(), 3u);  // a p c, a p d, b p d
  EXPECT_EQ(w.inferred_text(), "");
}

TEST(Incremental, RemovedAssertedTripleThatIsDerivableBecomesInferred) {
  World w;
  w.load("@prefix : <http://e/> . :a :p :b . :b :p :c . :a :p :c .");
  w.set_rules("@prefix : <http://e/> . [?x, :p, ?z] :- [?x, :p, ?y], [?y, :p, ?z] .");
  w.reasoner->materialise();
  EXPECT_EQ(w.inferred_text(), "");
  const TermId p = w.dict.find_iri("http://e/p");
  const TermId a = w.dict.find_iri("http://e/a");
  const TermId c = w.dict.find_iri("http://e/c");
  w.reasoner->update({}, {{a, p, c, store::kDefaultGraph}});
  EXPECT_EQ(w.inferred_text(), "<http://e/a> <http://e/p> <http://e/c> .\n");
}

}  // namespace
}  // namespace kennis::reason::testing
