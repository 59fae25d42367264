#include "server/query_service.hpp"

#include "base/error.hpp"
#include "base/limits.hpp"

namespace kennis::server {

namespace {

QueryResponse text(int status, const std::string& message) {
  return QueryResponse{status, "text/plain; charset=utf-8", message + "\n"};
}

std::string offered_list(results::Shape shape) {
  std::string s;
  for (std::string_view t : results::offered_media_types(shape)) {
    s += (s.empty() ? "" : ", ") + std::string(t);
  }
  return s;
}

std::string diagnostics_text(const base::DataError& e) {
  std::string s;
  for (const auto& d : e.diagnostics()) s += (s.empty() ? "" : "\n") + base::to_string(d);
  return s;
}

}  // namespace

QueryResponse answer_query(session::Session& session, const QueryRequest& request) {
  session::QuerySpec spec;
  spec.text = request.query;
  spec.source = "query";
  spec.params = request.params;
  spec.require_all_params = false;
  spec.default_graph_uris = request.default_graph_uris;
  spec.named_graph_uris = request.named_graph_uris;
  spec.cancel = request.cancel;
  session::PreparedQuery prepared;
  try {
    prepared = session.prepare(spec);
  } catch (const base::DataError& e) {
    return text(400, diagnostics_text(e));
  } catch (const base::UsageError& e) {
    return text(400, e.what());
  } catch (const base::LimitError& e) {
    return text(503, std::string("limit: ") + e.what());
  }
  // Negotiate before running: a client that accepts nothing we offer gets 406 at once.
  const auto offered = results::offered_media_types(prepared.shape);
  const std::string chosen =
      negotiate(request.accept, std::vector<std::string>(offered.begin(), offered.end()));
  const results::OutputFormat* format = results::format_for_media_type(chosen, prepared.shape);
  if (format == nullptr) {
    return text(406, "cannot answer in any type the Accept header allows; offered: " +
                         offered_list(prepared.shape));
  }
  // A query that fails while running answers 500 with the reason; the server goes on.
  try {
    sparql::exec::QueryResult result = session.execute(prepared);
    results::ResultOptions ro;
    ro.prefixes = prepared.prefixes;
    ro.title = prepared.header.title;
    std::string body;
    if (!results::write_result(body, session.data().dict(), result, *format, ro)) {
      return text(500, "cannot write the result");
    }
    return QueryResponse{200, results::content_type(*format), std::move(body)};
  } catch (const base::LimitError& e) {
    // A limit hit: no partial answer, and the reason.
    return text(503, std::string("limit: ") + e.what());
  } catch (const base::DataError& e) {
    return text(500, diagnostics_text(e));
  } catch (const std::exception& e) {
    return text(500, e.what());
  }
}

}  // namespace kennis::server
