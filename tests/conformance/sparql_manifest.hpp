// Reader for the W3C SPARQL test manifests (https://w3c.github.io/rdf-tests/sparql/):
// follows mf:include from a top manifest and lists every entry of every mf:entries list
// with what it needs (query file, data, expected result). Shared by the SPARQL conformance
// drivers (syntax here, evaluation later).
#pragma once

#include <string>
#include <vector>

namespace kennis::conformance {

struct SparqlTest {
  std::string manifest;           ///< path of the manifest.ttl that lists the test
  std::string folder;             ///< its folder, relative to the suite root ("sparql11/bind")
  std::string iri;                ///< the test's IRI
  std::string name;               ///< mf:name
  std::string type;               ///< local name of the rdf:type: "PositiveSyntaxTest11", ...
  std::string approval;           ///< local name of dawgt:approval: "Approved", "Proposed", ...
  std::string query;              ///< path of the query: mf:action itself or its qt:query
  std::string query_iri;          ///< the query's IRI (its base IRI)
  std::vector<std::string> data;  ///< qt:data paths
  std::vector<std::string> graph_data;  ///< qt:graphData paths
  std::string result;                   ///< mf:result path (may be empty)
  std::string result_cardinality;       ///< local name of mf:resultCardinality ("LaxCardinality")
};

/// Reads `manifest` (a path) and, recursively, the manifests it includes. Paths in the
/// result are local paths. On error, returns false and sets `error`.
bool read_sparql_manifest(const std::string& manifest, const std::string& suite_root,
                          std::vector<SparqlTest>& tests, std::string& error);

}  // namespace kennis::conformance
