// Expected results of the W3C SPARQL evaluation tests, read into term ids, and their
// comparison with what the engine produced:
//   .srx  SPARQL Query Results XML Format (a small XML reader, enough for that format)
//   .srj  SPARQL 1.1 Query Results JSON Format (RapidJSON)
//   .tsv  SPARQL 1.1 Query Results TSV Format
//   .ttl / .nt with the rs: vocabulary (http://www.w3.org/2001/sw/DataAccess/tests/result-set#)
//   .csv  compared as text cells (CSV loses term types)
// Solutions are compared as multisets (as sequences when the query orders them), with
// blank nodes matched by a bijection that must hold across all solutions.
#pragma once

#include "rdf/dictionary.hpp"
#include "sparql/exec/engine.hpp"

#include <string>
#include <vector>

namespace kennis::conformance {

struct ResultSet {
  bool is_boolean = false;
  bool boolean = false;
  std::vector<std::string> variables;
  /// One row per solution, aligned with `variables`; kNoTerm = unbound.
  std::vector<std::vector<rdf::TermId>> rows;
};

/// Reads an expected result set. Terms are interned into `dict`; blank-node labels get
/// `blank_prefix` so that they never coincide with the engine's. False (with `error`) on a
/// file that cannot be read or a format this reader does not know.
bool read_result_set(const std::string& path, rdf::Dictionary& dict,
                     const std::string& blank_prefix, ResultSet& out, std::string& error);

/// The engine's answer (a boolean for ASK, the solutions otherwise) as a ResultSet.
ResultSet to_result_set(const sparql::exec::QueryResult& result);

/// True iff `actual` equals `expected`: same boolean, or the same solutions (variables
/// compared by name, in any column order) up to a renaming of blank nodes; in the same order
/// if `ordered`. `why` explains a difference.
bool same_results(const rdf::Dictionary& dict, const ResultSet& expected, const ResultSet& actual,
                  bool ordered, std::string& why);

/// Parses CSV text (RFC 4180) into rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

/// Compares two CSV results (header and rows as multisets; cells starting with "_:" are
/// blank nodes matched by a bijection).
bool same_csv(const std::string& expected, const std::string& actual, std::string& why);

/// A term for diagnostics (N-Triples form, "UNDEF" for kNoTerm).
std::string term_text(const rdf::Dictionary& dict, rdf::TermId id);

}  // namespace kennis::conformance
