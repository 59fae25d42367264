// Well-known vocabulary IRIs: the XSD, RDF, RDFS, OWL and SKOS namespaces and the terms of
// them that the engine itself uses. Every spelled-out IRI of these vocabularies in engine/
// lives here. (XML Schema 1.1 Part 2; RDF 1.1 Concepts; RDF Schema 1.1; OWL 2; SKOS.)
#pragma once

#include <string_view>

namespace kennis::rdf {

// ---- namespaces ------------------------------------------------------------------------

inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";

// ---- XSD datatypes ---------------------------------------------------------------------

inline constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kXsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr std::string_view kXsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
inline constexpr std::string_view kXsdDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
inline constexpr std::string_view kXsdFloat = "http://www.w3.org/2001/XMLSchema#float";
inline constexpr std::string_view kXsdDouble = "http://www.w3.org/2001/XMLSchema#double";
inline constexpr std::string_view kXsdDateTime = "http://www.w3.org/2001/XMLSchema#dateTime";
inline constexpr std::string_view kXsdDate = "http://www.w3.org/2001/XMLSchema#date";
inline constexpr std::string_view kXsdDayTimeDuration =
    "http://www.w3.org/2001/XMLSchema#dayTimeDuration";

// ---- RDF -------------------------------------------------------------------------------

inline constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
inline constexpr std::string_view kRdfProperty =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property";
inline constexpr std::string_view kRdfLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
inline constexpr std::string_view kRdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
inline constexpr std::string_view kRdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
inline constexpr std::string_view kRdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";

// ---- RDFS ------------------------------------------------------------------------------

inline constexpr std::string_view kRdfsClass = "http://www.w3.org/2000/01/rdf-schema#Class";
inline constexpr std::string_view kRdfsDatatype = "http://www.w3.org/2000/01/rdf-schema#Datatype";
inline constexpr std::string_view kRdfsSubClassOf =
    "http://www.w3.org/2000/01/rdf-schema#subClassOf";
inline constexpr std::string_view kRdfsSubPropertyOf =
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf";
inline constexpr std::string_view kRdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";
inline constexpr std::string_view kRdfsComment = "http://www.w3.org/2000/01/rdf-schema#comment";

// ---- OWL -------------------------------------------------------------------------------

inline constexpr std::string_view kOwlClass = "http://www.w3.org/2002/07/owl#Class";
inline constexpr std::string_view kOwlObjectProperty =
    "http://www.w3.org/2002/07/owl#ObjectProperty";
inline constexpr std::string_view kOwlDatatypeProperty =
    "http://www.w3.org/2002/07/owl#DatatypeProperty";
inline constexpr std::string_view kOwlAnnotationProperty =
    "http://www.w3.org/2002/07/owl#AnnotationProperty";
inline constexpr std::string_view kOwlTransitiveProperty =
    "http://www.w3.org/2002/07/owl#TransitiveProperty";
inline constexpr std::string_view kOwlSymmetricProperty =
    "http://www.w3.org/2002/07/owl#SymmetricProperty";
inline constexpr std::string_view kOwlFunctionalProperty =
    "http://www.w3.org/2002/07/owl#FunctionalProperty";
inline constexpr std::string_view kOwlInverseFunctionalProperty =
    "http://www.w3.org/2002/07/owl#InverseFunctionalProperty";
inline constexpr std::string_view kOwlEquivalentClass =
    "http://www.w3.org/2002/07/owl#equivalentClass";
inline constexpr std::string_view kOwlDisjointWith = "http://www.w3.org/2002/07/owl#disjointWith";

// ---- SKOS ------------------------------------------------------------------------------

inline constexpr std::string_view kSkosPrefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel";
inline constexpr std::string_view kSkosDefinition =
    "http://www.w3.org/2004/02/skos/core#definition";

/// True iff `iri` is in the XSD namespace (and longer than it).
constexpr bool is_xsd(std::string_view iri) {
  return iri.size() > kXsd.size() && iri.substr(0, kXsd.size()) == kXsd;
}

}  // namespace kennis::rdf
