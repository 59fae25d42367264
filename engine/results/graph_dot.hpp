// Pictures of RDF graphs: a CONSTRUCT or DESCRIBE result (a cluster with its members, an SME
// with its gaps and partners) written as a Graphviz DOT digraph, which `dot -Tsvg` (Debian
// package graphviz) turns into a picture. Resources are boxes titled with their label
// (skos:prefLabel, rdfs:label, schema:name, foaf:name; English first) and coloured by their
// first type, with a legend; literal properties are listed inside the box; every other triple
// is an arrow labelled with its predicate. The output is deterministic.
#pragma once

#include "rdf/dictionary.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/reader.hpp"
#include "rdf/writer.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace kennis::results {

struct DotOptions {
  /// Prefixes to abbreviate IRIs with (rdf::kTableDisplay, as result tables).
  rdf::PrefixMap prefixes;
  /// The graph's title (shown at the top; "" for none).
  std::string title;
  /// Literal properties listed per box, at most.
  std::size_t max_literals = 6;
};

/// Writes the triples (graph names ignored) as a DOT digraph. Returns false if writing failed.
bool write_dot(std::FILE* out, const rdf::Dictionary& dict, const std::vector<rdf::IdQuad>& triples,
               const DotOptions& options);

}  // namespace kennis::results
