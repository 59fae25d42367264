// A canned query file: SPARQL with a header of comments that documents it for the people who
// run it and for the tools that do (kennis query, the endpoint, the report):
//
//   # Title: Ranked partner candidates for one gap
//   # Question: Which actors could fill this SME's gap in this competence, best first?
//   # @param sme         IRI  the SME (e.g. <https://w3id.org/kennis/data/actor/...>)
//   # @param competence  IRI  the missing competence
//   # Columns: ?sme, ?competence — the gap; ...
//   PREFIX : <https://w3id.org/kennis#>
//   SELECT ...
//
// The header is the run of comment lines at the top; it ends at the first line that is not a
// comment. `# Key: value` lines are fields; a field continues on the following comment lines
// that are indented by more than one space. `# @param NAME TYPE DESCRIPTION` documents a
// parameter, bound from the command line (--param NAME=VALUE) as an initial VALUES row:
// values are never pasted into the query text. docs/queries.md is the user guide.
#pragma once

#include "rdf/term.hpp"
#include "sparql/syntax/ast.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kennis::sparql {

/// A parameter documented by `# @param NAME TYPE DESCRIPTION`.
struct QueryParam {
  std::string name;  ///< without '?' or '$'
  std::string type;  ///< as written: IRI, string, integer, ...
  std::string description;
};

struct QueryHeader {
  std::string title;     ///< `# Title:` (its first line)
  std::string question;  ///< `# Question:`, continuation lines joined with spaces
  std::vector<QueryParam> params;

  const QueryParam* param(std::string_view name) const;
};

/// Reads the header of a query text (an empty header if it has none).
QueryHeader read_query_header(std::string_view text);

/// The value of the header field `# Key: value` on its own line ("" if absent).
std::string header_field(std::string_view text, std::string_view key);

/// "documented parameters:\n  sme  IRI  the SME ..." for usage messages.
std::string describe_params(const std::vector<QueryParam>& params);

/// Checks `NAME=VALUE` arguments against the parameters the header documents without reading
/// the values: a malformed argument, an unknown or repeated name, and (when `require_all`) a
/// documented parameter left unbound are base::UsageErrors. (A command checks this before it
/// loads data; the values are read with the data's prefixes too.)
void check_param_names(const QueryHeader& header, const std::vector<std::string>& arguments,
                       bool require_all);

/// A parameter value bound to a variable of the query.
using ParamBinding = std::pair<std::string, rdf::Term>;

/// Binds `NAME=VALUE` arguments to the parameters the header documents (checked as
/// check_param_names does). A value is read as an RDF term with `prefixes` (the query's, then
/// the data's) and the query's base: an IRI <...>, a prefixed name, a quoted
/// literal or a number; for a parameter of type string (literal, text) a bare word is a plain
/// literal. Throws base::UsageError for a malformed argument, an unknown or repeated name, a
/// value of the wrong kind, and (when `require_all`) a documented parameter left unbound.
std::vector<ParamBinding> bind_params(const QueryHeader& header,
                                      const std::vector<std::string>& arguments,
                                      const PrefixMap& prefixes, const std::string& base_iri,
                                      bool require_all);

}  // namespace kennis::sparql
