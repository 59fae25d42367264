// kennis serve [--rules FILE...] DATA... [--host H] [--port N] [--path /sparql]
//              [--union-default-graph]
//
// Loads the data, materialises the rules, and answers SPARQL 1.1 queries over HTTP (the
// SPARQL 1.1 Protocol, engine/server) until SIGINT or SIGTERM. The default graph of a query
// without FROM is the asserted default graph merged with the inferred graph, as in
// `kennis query`; named graphs are the files' named graphs and the inferred graph.
// Results are negotiated from the Accept header: SPARQL JSON (the default), XML, CSV, TSV, HTML
// for SELECT and ASK; Turtle (the default), N-Triples, N-Quads, TriG, Graphviz DOT for
// CONSTRUCT and DESCRIBE.
// docs/serve.md is the user guide.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/reasoning.hpp"
#include "results/graph_dot.hpp"
#include "results/result_table.hpp"
#include "server/sparql_server.hpp"
#include "sparql/exec/engine.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <pthread.h>
#include <thread>

namespace kennis::cli {

namespace {

struct ServeArgs {
  std::vector<std::string> data;
  std::vector<std::string> rules;
  std::string host = "127.0.0.1";
  int port = 7878;
  std::string path = "/sparql";
  bool union_default = false;
  bool quiet = false;
};

/// Media types offered, most preferred first, with the writer format each maps to.
struct Offer {
  const char* media_type;
  const char* format;
};
constexpr Offer kTableOffers[] = {
    {"application/sparql-results+json", "json"},
    {"application/sparql-results+xml", "xml"},
    {"text/csv", "csv"},
    {"text/tab-separated-values", "tsv"},
    {"text/html", "html"},
    // Browsers and plain clients asking for JSON or XML in general get the SPARQL forms.
    {"application/json", "json"},
    {"application/xml", "xml"},
    {"text/plain", "tsv"},
};
constexpr Offer kGraphOffers[] = {
    {"text/turtle", "ttl"},        {"application/n-triples", "nt"},
    {"application/n-quads", "nq"}, {"application/trig", "trig"},
    {"text/plain", "nt"},          {"text/vnd.graphviz", "dot"},
};

template <std::size_t N>
const Offer* pick(const std::string& accept, const Offer (&offers)[N]) {
  std::vector<std::string> types;
  for (const Offer& o : offers) types.emplace_back(o.media_type);
  const std::string chosen = server::negotiate(accept, types);
  for (const Offer& o : offers) {
    if (chosen == o.media_type) return &o;
  }
  return nullptr;
}

template <std::size_t N>
std::string offered_list(const Offer (&offers)[N]) {
  std::string s;
  for (const Offer& o : offers) s += std::string(s.empty() ? "" : ", ") + o.media_type;
  return s;
}

/// Runs `write` on a memory stream and returns what it wrote.
template <class Write>
bool write_to_string(std::string& out, Write&& write) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buffer, &size);
  if (f == nullptr) return false;
  const bool ok = write(f);
  const bool closed = std::fclose(f) == 0;
  if (buffer != nullptr) {
    out.assign(buffer, size);
    std::free(buffer);
  }
  return ok && closed;
}

server::QueryResponse text(int status, const std::string& message) {
  return server::QueryResponse{status, "text/plain; charset=utf-8", message + "\n"};
}

class Service {
 public:
  Service(store::Dataset& ds, std::vector<rdf::TermId> default_graphs, bool disjoint)
      : ds_(ds), engine_(ds.dict(), ds.store()) {
    engine_.set_default_graphs(std::move(default_graphs), disjoint);
  }

  server::QueryResponse answer(const server::QueryRequest& req) {
    sparql::exec::QueryOptions options;
    options.default_graph_uris = req.default_graph_uris;
    options.named_graph_uris = req.named_graph_uris;
    auto prepared = engine_.prepare(req.query, "query", options);
    if (!prepared.ok()) return text(400, base::to_string(prepared.error()));
    const bool graph_form = prepared->algebra().form == sparql::algebra::QueryForm::kConstruct ||
                            prepared->algebra().form == sparql::algebra::QueryForm::kDescribe;
    // Negotiate before running: a client that accepts nothing we offer gets 406 at once.
    const Offer* offer =
        graph_form ? pick(req.accept, kGraphOffers) : pick(req.accept, kTableOffers);
    if (offer == nullptr) {
      return text(406, "cannot answer in any type the Accept header allows; offered: " +
                           (graph_form ? offered_list(kGraphOffers) : offered_list(kTableOffers)));
    }
    sparql::exec::QueryResult result = engine_.execute(prepared.value());
    std::string body;
    bool ok = false;
    if (graph_form && std::string_view(offer->format) == "dot") {
      results::DotOptions dot;
      dot.prefixes = ds_.prefixes();
      ok = write_to_string(body, [&](std::FILE* f) {
        return results::write_dot(f, ds_.dict(), result.triples, dot);
      });
    } else if (graph_form) {
      rdf::WriteOptions wo;
      wo.syntax = *rdf::syntax_from_name(offer->format);
      wo.prefixes = ds_.prefixes();
      ok = write_to_string(body, [&](std::FILE* f) {
        return rdf::write_quads(f, ds_.dict(), std::move(result.triples), wo);
      });
    } else {
      results::WriteOptions wo;
      wo.format = *results::format_from_name(offer->format);
      ok = write_to_string(body, [&](std::FILE* f) {
        return result.form == sparql::algebra::QueryForm::kAsk
                   ? results::write_boolean(f, result.boolean, wo)
                   : results::write_table(f, ds_.dict(), result.table, wo);
      });
    }
    if (!ok) return text(500, "cannot write the result");
    std::string type = offer->media_type;
    if (type.rfind("text/", 0) == 0 || type == "application/n-triples" ||
        type == "application/n-quads" || type == "application/trig") {
      type += "; charset=utf-8";
    }
    return server::QueryResponse{200, type, std::move(body)};
  }

 private:
  store::Dataset& ds_;
  sparql::exec::QueryEngine engine_;
};

void run(const ServeArgs& args) {
  using Clock = std::chrono::steady_clock;
  if (args.port < 0 || args.port > 65535) {
    throw base::UsageError("--port must be between 0 and 65535");
  }
  if (args.path.empty() || args.path[0] != '/') {
    throw base::UsageError("--path must start with '/', found '" + args.path + "'");
  }
  const auto t0 = Clock::now();
  QueryData qd;
  qd.open(args.data, args.rules);
  store::Dataset& ds = qd.data;
  bool disjoint = false;
  const std::vector<rdf::TermId> default_graphs = qd.default_graphs(args.union_default, disjoint);
  Service service(ds, default_graphs, disjoint);

  // SIGINT and SIGTERM are taken by a thread that stops the server; every other thread
  // (the server's workers included) has them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::ServerOptions so;
  so.host = args.host;
  so.port = args.port;
  so.path = args.path;
  server::SparqlServer srv(so, [&](const server::QueryRequest& q) {
    // A query that fails while running answers 500 with the reason; the server goes on.
    try {
      return service.answer(q);
    } catch (const base::DataError& e) {
      std::string text;
      for (const auto& d : e.diagnostics()) text += base::to_string(d) + "\n";
      return server::QueryResponse{500, "text/plain; charset=utf-8", text};
    } catch (const std::exception& e) {
      return server::QueryResponse{500, "text/plain; charset=utf-8", std::string(e.what()) + "\n"};
    }
  });
  std::string error;
  if (!srv.bind(error)) throw base::UsageError(error);
  const double ready = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!args.quiet) {
    std::fprintf(stderr,
                 "kennis: %zu triples (%zu inferred) ready in %.2f s; SPARQL endpoint at "
                 "http://%s:%d%s (Ctrl-C stops)\n",
                 ds.store().size(), qd.derived, ready, args.host.c_str(), srv.port(),
                 args.path.c_str());
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    srv.stop();
  });
  srv.run();
  // run() also returns if the listener fails; wake the waiter so that it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!args.quiet) std::fprintf(stderr, "kennis: stopped\n");
}

void register_serve(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve", "Answer SPARQL 1.1 Protocol queries over HTTP on the data (and its inferences)");
  cmd->add_option("data", args->data, "RDF files or folders")->required();
  cmd->add_option("--rules", args->rules,
                  "a rule file to materialise before serving (repeat for more)")
      ->allow_extra_args(false);
  cmd->add_option("--host", args->host, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", args->port, "port to listen on; 0 picks a free one (default 7878)");
  cmd->add_option("--path", args->path, "path of the endpoint (default /sparql)");
  cmd->add_flag("--union-default-graph", args->union_default,
                "query the merge of all graphs as the default graph");
  cmd->add_flag("-q,--quiet", args->quiet, "do not print the address and figures");
  cmd->callback([args] { run(*args); });
}

}  // namespace

KENNIS_REGISTER_COMMAND(40, register_serve);

}  // namespace kennis::cli
