// kennis serve [--rules FILE...] DATA... [--host H] [--port N] [--path /sparql]
//              [--union-default-graph] [--input-format F]
//              [--timeout SECONDS] [--max-rows N] [--max-memory SIZE]
//
// Loads the data, materialises the rules, and answers SPARQL 1.1 queries over HTTP (the
// SPARQL 1.1 Protocol, engine/server) until SIGINT or SIGTERM. The default graph of a query
// without FROM is the asserted default graph merged with the inferred graph, as in
// `kennis query`; named graphs are the files' named graphs and the inferred graph. Answers
// come from server::answer_query, with the formats of results/format.hpp negotiated from the
// Accept header. docs/serve.md is the user guide.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "server/query_service.hpp"
#include "server/sparql_server.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <pthread.h>
#include <thread>

namespace kennis::cli {

namespace {

struct ServeArgs {
  std::vector<std::string> data;
  std::vector<std::string> rules;
  std::string input_format;
  std::string host = "127.0.0.1";
  int port = 7878;
  std::string path = "/sparql";
  bool union_default = false;
  bool quiet = false;
  /// Per query; the defaults are the endpoint's (a query that hits one answers 503).
  LimitArgs limits{"30", 1'000'000, "", 0};
};

/// --max-memory's default for serve: half of the machine's memory (none if unknown).
std::uint64_t default_max_memory() { return base::total_memory_bytes() / 2; }

void run(const ServeArgs& args) {
  using Clock = std::chrono::steady_clock;
  if (args.port < 0 || args.port > 65535) {
    throw base::UsageError("--port must be between 0 and 65535");
  }
  if (args.path.empty() || args.path[0] != '/') {
    throw base::UsageError("--path must start with '/', found '" + args.path + "'");
  }
  check_one_stdin(args.data);
  const auto t0 = Clock::now();
  session::Options options = session_options(args.input_format);
  options.union_default_graph = args.union_default;
  options.query_limits = parse_limits(args.limits);
  if (args.limits.max_memory.empty()) options.query_limits.max_memory = default_max_memory();
  session::Session ses(options);
  ses.load(args.data);
  if (!args.rules.empty()) ses.load_rules(args.rules);
  ses.materialise();

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
  server::SparqlServer srv(
      so, [&](const server::QueryRequest& q) { return server::answer_query(ses, q); });
  std::string error;
  if (!srv.bind(error)) throw base::UsageError(error);
  const double ready = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!args.quiet) {
    std::fprintf(stderr,
                 "kennis: %zu triples (%zu inferred) ready in %.2f s; SPARQL endpoint at "
                 "http://%s:%d%s (Ctrl-C stops)\n",
                 ses.data().store().size(), ses.derived(), ready, args.host.c_str(), srv.port(),
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

}  // namespace

void register_serve(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve", "Answer SPARQL 1.1 Protocol queries over HTTP on the data (and its inferences)");
  cmd->add_option("data", args->data, "RDF files or folders; - for stdin")->required();
  cmd->add_option("--rules", args->rules,
                  "a rule file to materialise before serving (repeat for more)")
      ->allow_extra_args(false);
  add_input_format(cmd, args->input_format);
  cmd->add_option("--host", args->host, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", args->port, "port to listen on; 0 picks a free one (default 7878)");
  cmd->add_option("--path", args->path, "path of the endpoint (default /sparql)");
  cmd->add_flag("--union-default-graph", args->union_default,
                "query the merge of all graphs as the default graph");
  cmd->add_flag("-q,--quiet", args->quiet, "do not print the address and figures");
  add_limit_options(cmd, args->limits, "a query", true, false);
  cmd->get_option("--timeout")
      ->description("stop a query after SECONDS and answer 503 (default 30; 0: no limit)");
  cmd->get_option("--max-rows")
      ->description(
          "answer 503 instead of more than N rows or triples (default 1000000; 0: "
          "no limit)");
  cmd->get_option("--max-memory")
      ->description(
          "stop a query and answer 503 when the process holds more than SIZE of "
          "memory, e.g. 4G (default: half the machine's memory; 0: no limit)");
  cmd->callback([args] { run(*args); });
}

}  // namespace kennis::cli
