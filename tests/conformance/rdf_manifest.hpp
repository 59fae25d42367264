// Reading W3C RDF test manifests (https://w3c.github.io/rdf-tests/): the tests listed in
// mf:entries of a suite folder's manifest.ttl, with their local files and base IRIs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kennis::testing {

struct RdfTestCase {
  std::string name;
  std::string type;    ///< local name in rdft:, e.g. "TestTurtleEval"
  std::string action;  ///< local path of the input
  std::string result;  ///< local path of the expected result (evaluation tests), else ""
  std::string base;    ///< base IRI: mf:assumedTestBase + file name, else the file's IRI
};

/// The tests of `dir`/manifest.ttl in mf:entries order; nullopt (and `error`) if the
/// manifest cannot be read.
std::optional<std::vector<RdfTestCase>> read_rdf_manifest(const std::filesystem::path& dir,
                                                          std::string& error);

}  // namespace kennis::testing
