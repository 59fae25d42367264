// Result writers for people: the HTML table and the Graphviz picture of a graph.
#include "results/graph_dot.hpp"
#include "results/result_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace kennis::results {
namespace {

template <class Write>
std::string capture(Write&& write) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buffer, &size);
  EXPECT_TRUE(write(f));
  std::fclose(f);
  std::string s(buffer, size);
  std::free(buffer);
  return s;
}

TEST(HtmlTable, EscapesLinksAndAlignsNumbers) {
  rdf::Dictionary dict;
  ResultTable t;
  t.variables = {"who", "note", "n"};
  const TermId row1[] = {
      dict.intern_iri("http://e/a?x=1&y=2"), dict.intern(rdf::Term::literal("<b> & \"c\"")),
      dict.intern(rdf::Term::literal("7", "http://www.w3.org/2001/XMLSchema#integer"))};
  const TermId row2[] = {dict.intern_iri("http://e/b"), rdf::kNoTerm, rdf::kNoTerm};
  t.add_row(row1);
  t.add_row(row2);
  WriteOptions o;
  o.format = Format::kHtml;
  o.prefixes = {{"e", "http://e/"}};
  o.title = "Gaps & partners";
  const std::string html = capture([&](std::FILE* f) { return write_table(f, dict, t, o); });
  EXPECT_NE(html.find("<title>Gaps &amp; partners</title>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th>who</th><th>note</th><th>n</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"http://e/a?x=1&amp;y=2\">&lt;http://e/a?x=1&amp;y=2&gt;</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td>&lt;b&gt; &amp; &quot;c&quot;</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"num\">7</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<tr><td><a href=\"http://e/b\">e:b</a></td><td></td><td></td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("2 rows"), std::string::npos);
  // The table sits on lines of its own, so that a report can cut it out.
  EXPECT_NE(html.find("\n<table class=\"kennis-results\">\n"), std::string::npos);
  EXPECT_NE(html.find("\n</table>\n"), std::string::npos);
  EXPECT_EQ(format_from_name("html"), Format::kHtml);
}

class Dot : public ::testing::Test {
 protected:
  rdf::Dictionary dict;
  std::vector<rdf::IdQuad> triples;
  void add(const rdf::Term& s, const std::string& p, const rdf::Term& o) {
    triples.push_back({dict.intern(s), dict.intern_iri(p), dict.intern(o), rdf::kNoTerm});
  }
  std::string write() {
    DotOptions o;
    o.prefixes = {{"", "http://e/"}};
    o.title = "A \"cluster\"";
    return capture([&](std::FILE* f) { return write_dot(f, dict, triples, o); });
  }
};

TEST_F(Dot, LabelsTypesLiteralsEdgesAndLegend) {
  const auto iri = [](const char* x) { return rdf::Term::iri(std::string("http://e/") + x); };
  const std::string label = "http://www.w3.org/2004/02/skos/core#prefLabel";
  add(iri("c"), std::string(rdf::kRdfType), iri("Cluster"));
  add(iri("c"), "http://e/member", iri("acme"));
  add(iri("c"), "http://e/member", iri("uni"));
  add(iri("acme"), label, rdf::Term::literal("Acme (nl)", "", "nl"));
  add(iri("acme"), label, rdf::Term::literal("Acme", "", "en"));
  add(iri("acme"), std::string(rdf::kRdfType), iri("Business"));
  add(iri("acme"), "http://e/employees",
      rdf::Term::literal("12", "http://www.w3.org/2001/XMLSchema#integer"));
  add(iri("uni"), std::string(rdf::kRdfType), iri("Knowledge"));
  const std::string dot = write();
  // Nodes are numbered in the order of their names: :acme, :c, :uni.
  EXPECT_NE(dot.find("label=\"A \\\"cluster\\\"\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("n0 [label=\"Acme\\n«:Business»\\n:employees: 12\", fillcolor=\"#cfe2f3\", "
                     "tooltip=\":acme\"];"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("n1 [label=\":c\\n«:Cluster»\", fillcolor=\"#d9ead3\"];"), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("n1 -> n0 [label=\":member\"];"), std::string::npos) << dot;
  EXPECT_NE(dot.find("n1 -> n2 [label=\":member\"];"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("type"), std::string::npos) << "rdf:type is folded into the boxes";
  EXPECT_NE(dot.find("subgraph cluster_legend"), std::string::npos);
  EXPECT_NE(dot.find("[label=\":Knowledge\", fillcolor=\"#fff2cc\"]"), std::string::npos) << dot;
  // The same triples in another order give the same picture.
  std::reverse(triples.begin(), triples.end());
  EXPECT_EQ(write(), dot);
}

}  // namespace
}  // namespace kennis::results
