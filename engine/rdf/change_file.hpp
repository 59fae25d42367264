// Change files: statements to add to and remove from a dataset, one a line, '+' (add) or '-'
// (remove) and then the statement in N-Triples or N-Quads; blank lines and '#' comments are
// skipped. `kennis reason --then` reads them, `kennis diff --format nt` writes them:
//
//   # a comment
//   + <http://e/a> <http://e/p> <http://e/b> .
//   - <http://e/c> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .
#pragma once

#include "base/result.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/writer.hpp"

#include <cstdio>
#include <istream>
#include <string>
#include <vector>

namespace kennis::rdf {

/// The statements of a change file in file order; g == kNoTerm is the default graph.
struct ChangeSet {
  std::vector<IdQuad> additions;
  std::vector<IdQuad> removals;
};

/// Reads a change file from `in`, interning its terms into `dict`; positions are reported
/// against `name`. The first error is returned as a Diagnostic at name:line:col (code K220
/// where the statement's own syntax error has none).
base::Result<ChangeSet> read_changes(std::istream& in, const std::string& name, Dictionary& dict);

/// One line of a change file: `sign` ('+' or '-'), the quad in N-Quads (no graph for
/// kNoTerm), " .\n".
std::string change_line(char sign, const Dictionary& dict, const IdQuad& q);

/// Writes the additions, then the removals, one line each. False if writing failed.
bool write_changes(std::FILE* out, const Dictionary& dict, const ChangeSet& changes);

}  // namespace kennis::rdf
