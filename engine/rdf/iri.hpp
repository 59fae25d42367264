// IRIs (RFC 3987, with the syntax of RFC 3986): the characters an IRIREF may hold in Turtle
// and SPARQL, telling an absolute IRI from a relative reference, the parts of a reference,
// resolving a reference against a base (RFC 3986, section 5.2), and the file: IRI of a local
// path. Turtle, TriG, SPARQL (BASE, IRI()) and the command line all resolve with these.
#pragma once

#include <string>
#include <string_view>

namespace kennis::rdf {

/// True iff `c` may stand unescaped in an IRIREF (Turtle [18], SPARQL [139]):
/// not a control character or space, and none of <>"{}|^`\ .
constexpr bool is_iriref_char(char32_t c) {
  return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' &&
         c != '^' && c != '`' && c != '\\';
}

/// True iff s starts with an RFC 3986 scheme followed by ':' (an absolute IRI).
bool has_scheme(std::string_view s);

/// The parts of an IRI reference (RFC 3986, section 3: scheme ":" "//" authority path
/// "?" query "#" fragment), as views into the parsed text; each optional part says whether it
/// is there (an empty query differs from none).
struct IriParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

/// Splits an IRI reference into its parts. Never fails: every string is some reference.
IriParts split_iri(std::string_view s);

/// RFC 3986, section 5.2.4: `path` without "." and ".." segments.
std::string remove_dot_segments(std::string_view path);

/// Resolves an IRI reference against an absolute base IRI (RFC 3986, section 5.2, with
/// dot-segment removal); a reference that has a scheme is returned unchanged, so that an IRI
/// written in full equals the same IRI elsewhere (Turtle, SPARQL and IRI() all use this one).
std::string resolve_iri(std::string_view base, std::string_view reference);

/// "file:///abs/path" for a local path (made absolute, percent-encoded as needed).
std::string file_iri(const std::string& path);

}  // namespace kennis::rdf
