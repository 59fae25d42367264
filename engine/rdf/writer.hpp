// Writing RDF through serd: N-Triples, N-Quads, Turtle and TriG.
//
// Output is deterministic: quads are sorted by graph, subject, predicate and object (terms
// ordered by compare_terms), Turtle/TriG group by subject with the given prefixes, and blank
// nodes are relabelled canonically (n0, n1, ... zero-padded, in order of first appearance),
// so that load -> export -> load -> export gives byte-identical files. In Turtle and TriG a
// blank node used exactly once as an object is written inline as [ ... ].
#pragma once

#include "rdf/dictionary.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/reader.hpp"
#include "rdf/syntax.hpp"

#include <cstdio>
#include <vector>

namespace kennis::rdf {

/// A quad of ids; g == kNoTerm is the default graph.
struct IdQuad {
  TermId s, p, o, g;
  friend bool operator==(const IdQuad&, const IdQuad&) = default;
};

struct WriteOptions {
  Syntax syntax = Syntax::kNTriples;
  /// Prefixes to declare and abbreviate with (Turtle and TriG only), in order.
  PrefixMap prefixes;
};

/// Sorts, de-duplicates and writes `quads`. For triple syntaxes the graph is ignored.
/// Returns false if writing to `out` failed.
bool write_quads(std::FILE* out, const Dictionary& dict, std::vector<IdQuad> quads,
                 const WriteOptions& options);

}  // namespace kennis::rdf
