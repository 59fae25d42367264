// IRI references: resolution of a relative reference against a base (RFC 3986 section 5.2,
// which RFC 3987 reuses for IRIs), as SPARQL requires for BASE (SPARQL 1.1 section 4.1.1).
#pragma once

#include <string>
#include <string_view>

namespace kennis::sparql::syntax {

/// True iff `iri` starts with a scheme ("http:", "urn:", ...).
bool has_scheme(std::string_view iri);

/// The target IRI of reference `ref` against `base` (RFC 3986 5.2.2, with dot segments
/// removed). If `base` is empty or has no scheme, `ref` is returned unchanged.
std::string resolve_iri(std::string_view base, std::string_view ref);

}  // namespace kennis::sparql::syntax
