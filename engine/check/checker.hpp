// The ontology checker behind `kennis check`: modelling mistakes that a Turtle parser
// accepts but an ontology maintainer wants to hear about, each reported as a Diagnostic at
// the file:line:col of the triple that shows it.
//
// Checks (code, severity):
//   K101 error    literal whose lexical form is not valid for its XSD datatype
//                 (rdf::valid_lexical_form)
//   K102 warning  term in a vocabulary namespace of the data used as a class or property but
//                 never declared (with a "did you mean" hint)
//   K103 warning  class or property without an English and a Dutch rdfs:label
//   K104 warning  class or property without a definition (skos:definition or rdfs:comment)
//   K105 warning  individual typed with a class that is not declared
//   K106 warning  subject with rdf:type of both a class and its owl:disjointWith class
//   K107 warning  language tag that is not well formed (BCP 47)
// See docs/check.md.
#pragma once

#include "base/diagnostic.hpp"
#include "store/dataset.hpp"

#include <string>
#include <vector>

namespace kennis::check {

struct CheckOptions {
  /// IRI namespaces whose terms must be declared (K102, K103, K104). Empty: every namespace
  /// that declares at least one class or property in the data.
  std::vector<std::string> vocabularies;
  /// Skip K103/K104 (labels and definitions).
  bool skip_documentation = false;
};

/// Checks a dataset loaded with origins tracked. Diagnostics are sorted by position.
std::vector<base::Diagnostic> check_dataset(const store::Dataset& ds, const CheckOptions& options);

}  // namespace kennis::check
