// RDF dataset isomorphism (RDF 1.1 Concepts, section 3.6): two datasets are isomorphic iff
// a bijection between their blank nodes maps one onto the other; every other term must be
// identical. Used by the conformance driver, the differential test and the unit tests.
//
// Method: colour refinement (each blank node's colour is repeatedly rehashed with the
// colours of its neighbourhood, jointly for both datasets) until the partition is stable;
// ties left over are broken by trying each candidate pairing (individualisation and
// refinement) and backtracking, and every candidate bijection is verified quad by quad.
#pragma once

#include "rdf/dictionary.hpp"
#include "rdf/writer.hpp"

#include <string>
#include <vector>

namespace kennis::testing {

struct IsomorphismResult {
  bool isomorphic = false;
  /// When not isomorphic: what differs (quads in one dataset only, in N-Quads form, or a
  /// statement about the blank-node structure).
  std::string explanation;
};

/// Compares `a` and `b`, whose terms are all interned in `dict` (so that equal non-blank
/// terms have equal ids; blank nodes of `a` and `b` must have different ids). A quad's
/// graph kNoTerm is the default graph. Duplicates are ignored.
IsomorphismResult check_isomorphic(const rdf::Dictionary& dict, std::vector<rdf::IdQuad> a,
                                   std::vector<rdf::IdQuad> b);

/// "<s> <p> <o> <g> ." for diagnostics.
std::string quad_to_string(const rdf::Dictionary& dict, const rdf::IdQuad& q);

}  // namespace kennis::testing
