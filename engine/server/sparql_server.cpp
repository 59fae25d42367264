#include "server/sparql_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <mutex>
#include <sstream>

namespace kennis::server {

namespace {

struct AcceptEntry {
  std::string type;
  double q = 1.0;
};

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<AcceptEntry> parse_accept(const std::string& accept) {
  std::vector<AcceptEntry> out;
  std::stringstream ss(accept);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::stringstream parts(item);
    std::string part;
    AcceptEntry e;
    bool first = true;
    while (std::getline(parts, part, ';')) {
      part = trim(part);
      if (first) {
        e.type = part;
        first = false;
      } else if (part.rfind("q=", 0) == 0) {
        try {
          e.q = std::stod(part.substr(2));
        } catch (...) {
          e.q = 0;
        }
      }
    }
    std::transform(e.type.begin(), e.type.end(), e.type.begin(), ::tolower);
    if (!e.type.empty()) out.push_back(e);
  }
  return out;
}

bool matches(const std::string& pattern, const std::string& type) {
  if (pattern == "*/*" || pattern == type) return true;
  if (pattern.size() > 2 && pattern.substr(pattern.size() - 2) == "/*") {
    return type.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  }
  return false;
}

}  // namespace

std::string negotiate(const std::string& accept, const std::vector<std::string>& offered) {
  if (offered.empty()) return "";
  if (trim(accept).empty()) return offered.front();
  auto entries = parse_accept(accept);
  std::string best;
  double best_q = 0;
  int best_specificity = -1;
  for (const std::string& type : offered) {
    for (const AcceptEntry& e : entries) {
      if (!matches(e.type, type)) continue;
      int specificity = e.type == type ? 2 : e.type == "*/*" ? 0 : 1;
      if (e.q > best_q ||
          (e.q == best_q && e.q > 0 && specificity > best_specificity && best.empty())) {
        best = type;
        best_q = e.q;
        best_specificity = specificity;
      }
    }
  }
  return best_q > 0 ? best : "";
}

struct SparqlServer::Impl {
  ServerOptions options;
  QueryHandler handler;
  httplib::Server http;
  std::mutex mutex;  // one query at a time
  int port = 0;

  void answer(const httplib::Request& req, httplib::Response& res, QueryRequest q) {
    q.accept = req.get_header_value("Accept");
    for (std::size_t i = 0; i < req.get_param_value_count("default-graph-uri"); ++i) {
      q.default_graph_uris.push_back(req.get_param_value("default-graph-uri", i));
    }
    for (std::size_t i = 0; i < req.get_param_value_count("named-graph-uri"); ++i) {
      q.named_graph_uris.push_back(req.get_param_value("named-graph-uri", i));
    }
    for (const auto& [name, value] : req.params) {
      if (name.size() > 1 && name[0] == '$') q.params.push_back(name.substr(1) + "=" + value);
    }
    QueryResponse r;
    {
      std::lock_guard<std::mutex> lock(mutex);
      r = handler(q);
    }
    res.status = r.status;
    res.set_content(r.body, r.content_type.empty() ? "text/plain; charset=utf-8" : r.content_type);
  }

  static void fail(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(message + "\n", "text/plain; charset=utf-8");
  }

  void install_routes() {
    http.Get(options.path, [this](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("query")) {
        if (req.has_param("update")) return fail(res, 400, "SPARQL Update is not supported");
        // No query: a short description of the service, for people who open it in a browser.
        res.set_content("Kennis SPARQL 1.1 endpoint. Send a query with ?query=... (GET) or POST.\n",
                        "text/plain; charset=utf-8");
        return;
      }
      if (req.get_param_value_count("query") != 1) {
        return fail(res, 400, "exactly one 'query' parameter is allowed");
      }
      QueryRequest q;
      q.query = req.get_param_value("query");
      answer(req, res, std::move(q));
    });
    http.Post(options.path, [this](const httplib::Request& req, httplib::Response& res) {
      std::string type = req.get_header_value("Content-Type");
      type = type.substr(0, type.find(';'));
      std::transform(type.begin(), type.end(), type.begin(), ::tolower);
      QueryRequest q;
      if (type == "application/sparql-query") {
        q.query = req.body;
      } else if (type == "application/x-www-form-urlencoded") {
        if (req.has_param("update")) return fail(res, 400, "SPARQL Update is not supported");
        if (req.get_param_value_count("query") != 1) {
          return fail(res, 400, "exactly one 'query' parameter is required");
        }
        q.query = req.get_param_value("query");
      } else if (type == "application/sparql-update") {
        return fail(res, 400, "SPARQL Update is not supported");
      } else {
        return fail(res, 415,
                    "send the query as application/sparql-query or "
                    "application/x-www-form-urlencoded");
      }
      answer(req, res, std::move(q));
    });
    auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", "GET, POST");
      fail(res, 405, "use GET or POST");
    };
    http.Put(options.path, not_allowed);
    http.Delete(options.path, not_allowed);
    http.Patch(options.path, not_allowed);
  }
};

SparqlServer::SparqlServer(ServerOptions options, QueryHandler handler)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->install_routes();
}

SparqlServer::~SparqlServer() = default;

bool SparqlServer::bind(std::string& error) {
  if (impl_->options.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(impl_->options.host.c_str());
  } else if (impl_->http.bind_to_port(impl_->options.host.c_str(), impl_->options.port)) {
    impl_->port = impl_->options.port;
  } else {
    impl_->port = -1;
  }
  if (impl_->port <= 0) {
    error = "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port);
    return false;
  }
  return true;
}

int SparqlServer::port() const { return impl_->port; }
void SparqlServer::run() { impl_->http.listen_after_bind(); }
void SparqlServer::stop() { impl_->http.stop(); }

}  // namespace kennis::server
