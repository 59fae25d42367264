#include "server/sparql_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

namespace kennis::server {
namespace {

const std::vector<std::string> kResults = {"application/sparql-results+json",
                                           "application/sparql-results+xml", "text/csv",
                                           "text/tab-separated-values"};

TEST(Negotiate, NoAcceptHeaderTakesTheFirstOffer) {
  EXPECT_EQ(negotiate("", kResults), "application/sparql-results+json");
}

TEST(Negotiate, ExactTypeWins) {
  EXPECT_EQ(negotiate("text/csv", kResults), "text/csv");
  EXPECT_EQ(negotiate("application/sparql-results+xml", kResults),
            "application/sparql-results+xml");
}

TEST(Negotiate, QValuesOrderThePreferences) {
  EXPECT_EQ(negotiate("text/csv;q=0.5, text/tab-separated-values;q=0.9", kResults),
            "text/tab-separated-values");
}

TEST(Negotiate, WildcardsMatch) {
  EXPECT_EQ(negotiate("*/*", kResults), "application/sparql-results+json");
  EXPECT_EQ(negotiate("text/*", kResults), "text/csv");
}

TEST(Negotiate, NothingAcceptableGivesEmpty) {
  EXPECT_EQ(negotiate("image/png", kResults), "");
  EXPECT_EQ(negotiate("text/csv;q=0", kResults), "");
}

// A round trip through the protocol with a handler that echoes what it received.
TEST(SparqlServer, AcceptsQueryByGetAndBothPostForms) {
  SparqlServer server(ServerOptions{"127.0.0.1", 0, "/sparql"}, [](const QueryRequest& q) {
    QueryResponse r;
    r.content_type = "text/plain";
    r.body = q.query + "|" + std::to_string(q.default_graph_uris.size()) + "|" + q.accept;
    return r;
  });
  std::string error;
  ASSERT_TRUE(server.bind(error)) << error;
  std::thread thread([&] { server.run(); });
  httplib::Client client("127.0.0.1", server.port());

  auto get = client.Get("/sparql?query=ASK%20%7B%7D&default-graph-uri=urn%3Ag",
                        httplib::Headers{{"Accept", "text/csv"}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, "ASK {}|1|text/csv");

  auto form = client.Post("/sparql", "query=SELECT+*+%7B%7D", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->body, "SELECT * {}|0|*/*");

  auto direct = client.Post("/sparql", "SELECT ?x {}", "application/sparql-query");
  ASSERT_TRUE(direct);
  EXPECT_EQ(direct->body, "SELECT ?x {}|0|*/*");

  auto wrong_type = client.Post("/sparql", "x", "text/plain");
  ASSERT_TRUE(wrong_type);
  EXPECT_EQ(wrong_type->status, 415);

  auto update = client.Post("/sparql", "update=DROP+ALL", "application/x-www-form-urlencoded");
  ASSERT_TRUE(update);
  EXPECT_EQ(update->status, 400);

  auto put = client.Put("/sparql", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);

  server.stop();
  thread.join();
}

}  // namespace
}  // namespace kennis::server
