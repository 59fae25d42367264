// The canned-query header (sparql/query_file.hpp): fields, parameters, and binding values.
#include "sparql/query_file.hpp"

#include "base/error.hpp"

#include <gtest/gtest.h>

namespace kennis::sparql {
namespace {

const char* kQuery =
    "# Title: Ranked partner candidates for one gap\n"
    "# Question: Which actors could fill this SME's gap,\n"
    "#   best first?\n"
    "# @param sme         IRI  the SME (e.g. <https://example.org/a>)\n"
    "# @param ?limit      integer  how many\n"
    "# @param who         string   a name\n"
    "# Columns: ?sme — the SME\n"
    "PREFIX ex: <https://example.org/>\n"
    "# @param hidden IRI  not in the header: after the first non-comment line\n"
    "SELECT * WHERE { ?sme ex:p ?o }\n";

PrefixMap prefixes() { return {{"ex", "https://example.org/"}}; }

TEST(QueryHeader, ReadsTitleQuestionAndParameters) {
  const QueryHeader h = read_query_header(kQuery);
  EXPECT_EQ(h.title, "Ranked partner candidates for one gap");
  EXPECT_EQ(h.question, "Which actors could fill this SME's gap, best first?");
  ASSERT_EQ(h.params.size(), 3u);
  EXPECT_EQ(h.params[0].name, "sme");
  EXPECT_EQ(h.params[0].type, "IRI");
  EXPECT_EQ(h.params[0].description, "the SME (e.g. <https://example.org/a>)");
  EXPECT_EQ(h.params[1].name, "limit");  // '?' dropped
  EXPECT_EQ(h.params[2].type, "string");
  EXPECT_EQ(h.param("hidden"), nullptr);
  EXPECT_NE(h.param("who"), nullptr);
}

TEST(QueryHeader, FieldsAreReadOnlyFromTheHeader) {
  EXPECT_EQ(header_field(kQuery, "Columns"), "?sme — the SME");
  EXPECT_EQ(header_field(kQuery, "Title"), "Ranked partner candidates for one gap");
  EXPECT_EQ(header_field("SELECT * {}\n# Title: late\n", "Title"), "");
  EXPECT_EQ(header_field("\n\n   # Title:   spaced   \nASK {}", "Title"), "spaced");
}

TEST(QueryHeader, NoHeaderIsEmpty) {
  const QueryHeader h = read_query_header("SELECT * WHERE { ?s ?p ?o }");
  EXPECT_TRUE(h.title.empty());
  EXPECT_TRUE(h.params.empty());
  EXPECT_EQ(describe_params(h.params),
            "the query documents no parameters (# @param NAME TYPE DESCRIPTION)");
}

TEST(BindParams, ReadsIrisPrefixedNamesNumbersAndBareStrings) {
  const QueryHeader h = read_query_header(kQuery);
  auto b = bind_params(h, {"sme=ex:a", "limit=5", "who=Bo"}, prefixes(), "", true);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].first, "sme");
  EXPECT_EQ(b[0].second, rdf::Term::iri("https://example.org/a"));
  EXPECT_EQ(rdf::to_ntriples(b[1].second), "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  EXPECT_EQ(b[2].second, rdf::Term::literal("Bo"));
  b = bind_params(h, {"$sme=<https://example.org/b>"}, prefixes(), "", false);
  EXPECT_EQ(b[0].second, rdf::Term::iri("https://example.org/b"));
}

TEST(BindParams, WrongArgumentsAreUsageErrors) {
  const QueryHeader h = read_query_header(kQuery);
  const auto p = prefixes();
  EXPECT_THROW(bind_params(h, {"sme"}, p, "", false), base::UsageError);
  EXPECT_THROW(bind_params(h, {"=x"}, p, "", false), base::UsageError);
  EXPECT_THROW(bind_params(h, {"bogus=1"}, p, "", false), base::UsageError);
  EXPECT_THROW(bind_params(h, {"sme=ex:a", "sme=ex:b"}, p, "", false), base::UsageError);
  EXPECT_THROW(bind_params(h, {"sme=42"}, p, "", false), base::UsageError);  // not an IRI
  EXPECT_THROW(bind_params(h, {"limit=not a term"}, p, "", false), base::UsageError);
  try {
    bind_params(h, {"sme=ex:a"}, p, "", true);
    FAIL() << "a missing parameter must be reported";
  } catch (const base::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("missing parameter 'limit'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("documented parameters:\n  sme  IRI"), std::string::npos);
  }
}

}  // namespace
}  // namespace kennis::sparql
