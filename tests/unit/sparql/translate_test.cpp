// Translation to the algebra (SPARQL 1.1 section 18.2), compared in printed form.
#include "fixture.hpp"

#include <gtest/gtest.h>

namespace kennis::sparql::testing {
namespace {

TEST(Translate, GroupFiltersWrapTheWholeGroup) {
  Fixture f;
  EXPECT_EQ(f.algebra("SELECT ?x WHERE { FILTER(?y > 1) ?x ex:p ?y }"),
            "(project (?x)\n"
            "  (filter ?y > 1\n"
            "    (bgp\n"
            "      (triple ?x ex:p ?y))))\n");
}

TEST(Translate, OptionalWithItsOwnFilterIsLeftJoinWithFilter) {
  Fixture f;
  EXPECT_EQ(f.algebra("SELECT * WHERE { ?x ex:p ?y OPTIONAL { ?x ex:q ?z FILTER(?z = ?y) } }"),
            "(project (?x ?y ?z)\n"
            "  (leftjoin\n"
            "    (bgp\n"
            "      (triple ?x ex:p ?y))\n"
            "    (bgp\n"
            "      (triple ?x ex:q ?z))\n"
            "    ?z = ?y))\n");
}

TEST(Translate, NestedGroupFilterStaysInsideTheOptional) {
  Fixture f;
  const std::string a =
      f.algebra("SELECT * WHERE { ?x ex:p ?y OPTIONAL { { ?x ex:q ?z FILTER(?z = ?y) } } }");
  EXPECT_NE(a.find("(leftjoin\n    (bgp\n      (triple ?x ex:p ?y))\n    (filter"),
            std::string::npos)
      << a;
}

TEST(Translate, PathSequenceBecomesJoinThroughHiddenVariable) {
  Fixture f;
  EXPECT_EQ(f.algebra("SELECT ?y WHERE { ?x ex:p/^ex:q ?y }"),
            "(project (?y)\n"
            "  (bgp\n"
            "    (triple ?x ex:p ?.p0)\n"
            "    (triple ?y ex:q ?.p0)))\n");
}

TEST(Translate, ClosurePathStaysAPathOperator) {
  Fixture f;
  EXPECT_EQ(f.algebra("SELECT ?y WHERE { ex:a (ex:p|ex:q)* ?y }"),
            "(project (?y)\n"
            "  (path ex:a (path* (alt ex:p ex:q)) ?y))\n");
}

TEST(Translate, SubqueryVariablesThatAreNotProjectedAreOthers) {
  Fixture f;
  const std::string a =
      f.algebra("SELECT ?y WHERE { ?x ex:p ?y { SELECT ?x WHERE { ?x ex:q ?y } } }");
  // The inner ?y is a different variable (y~1); the inner ?x is the outer one.
  EXPECT_NE(a.find("(triple ?x ex:q ?y~1)"), std::string::npos) << a;
}

TEST(Translate, AggregatesGetSlotsAndHavingFilters) {
  Fixture f;
  EXPECT_EQ(
      f.algebra(
          "SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x ex:p ?y } GROUP BY ?x HAVING (COUNT(?y) > 1)"),
      "(project (?x ?n)\n"
      "  (extend ((?n COUNT(?y)))\n"
      "    (filter COUNT(?y) > 1\n"
      "      (group ((?x ?x)) ((?.agg0 COUNT(?y)) (?.agg1 COUNT(?y)))\n"
      "        (bgp\n"
      "          (triple ?x ex:p ?y))))))\n");
}

TEST(Translate, GraphVariableMentionedInsideGetsAHiddenSlot) {
  Fixture f;
  const std::string a = f.algebra("SELECT ?g WHERE { GRAPH ?g { ?s ex:p ?g } }");
  EXPECT_NE(a.find("(graph ?g ?.graph0"), std::string::npos) << a;
}

TEST(Translate, ServiceIsRejectedWithItsPosition) {
  Fixture f;
  EXPECT_EQ(f.algebra("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"),
            "error: SERVICE is not supported (queries run on the local dataset)");
}

}  // namespace
}  // namespace kennis::sparql::testing
