// The endpoint's answers, from a Session: a protocol request is parsed and planned (400 with
// the diagnostic if the query is wrong), its media type negotiated from the Accept header
// among the formats of results/format.hpp (406 if none is acceptable), run, and written by
// results::write_result — the same writer, prefixes and title as `kennis query`, so one query
// gives the same bytes through both.
#pragma once

#include "server/sparql_server.hpp"
#include "session/session.hpp"

namespace kennis::server {

/// Answers one request. Never throws: a query that fails while running answers 500; one that
/// hits a limit of the session's (Options::query_limits) or is cancelled (request.cancel)
/// answers 503 with the reason ("limit: query stopped after 30 s (--timeout)").
QueryResponse answer_query(session::Session& session, const QueryRequest& request);

}  // namespace kennis::server
