// The SPARQL 1.1 Protocol endpoint (W3C "SPARQL 1.1 Protocol", section 2.1 query operation):
//   GET  /sparql?query=...                       (query via GET)
//   POST /sparql  application/x-www-form-urlencoded, query=...   (via URL-encoded POST)
//   POST /sparql  application/sparql-query, the query as the body (via POST directly)
// with default-graph-uri / named-graph-uri parameters, content negotiation on Accept, and
// 400 (malformed query), 405, 406, 415 as the protocol asks. The server is only the protocol:
// executing a query is the QueryHandler's job (query_service.hpp answers from a Session). Queries
// run one at a time, since the dictionary and store are not shared between threads.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kennis::server {

struct QueryRequest {
  std::string query;
  std::vector<std::string> default_graph_uris;
  std::vector<std::string> named_graph_uris;
  /// The client's Accept header ("" if none).
  std::string accept;
  /// Values for the parameters a canned query documents (`# @param NAME ...`), sent as
  /// `$NAME=VALUE` request parameters and passed on as "NAME=VALUE".
  std::vector<std::string> params;
  /// Set to true (by the server: the client went away, shutdown) to stop the query while it
  /// runs; it then answers 503. nullptr: never cancelled.
  const std::atomic<bool>* cancel = nullptr;
};

struct QueryResponse {
  int status = 200;
  std::string content_type;
  std::string body;
};

using QueryHandler = std::function<QueryResponse(const QueryRequest&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 7878;
  /// Path of the endpoint.
  std::string path = "/sparql";
};

/// Picks the media type to answer with from an Accept header, among `offered` (in order of
/// preference when the client has none). Honours q-values and wildcards. Returns "" when
/// nothing offered is acceptable.
std::string negotiate(const std::string& accept, const std::vector<std::string>& offered);

class SparqlServer {
 public:
  SparqlServer(ServerOptions options, QueryHandler handler);
  ~SparqlServer();
  SparqlServer(const SparqlServer&) = delete;
  SparqlServer& operator=(const SparqlServer&) = delete;

  /// Binds the socket. Returns false (with a message in `error`) if it cannot. After bind(),
  /// port() is the bound port (useful with port 0).
  bool bind(std::string& error);
  int port() const;
  /// Serves until stop() is called (from another thread or a signal handler).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kennis::server
