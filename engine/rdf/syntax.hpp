// RDF concrete syntaxes Kennis reads and writes, and how they are named on the command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kennis::rdf {

enum class Syntax { kTurtle, kTriG, kNTriples, kNQuads };

/// "ttl"/"turtle", "trig", "nt"/"ntriples"/"n-triples", "nq"/"nquads"/"n-quads".
std::optional<Syntax> syntax_from_name(std::string_view name);
/// From the file extension (.ttl .trig .nt .nq, each optionally followed by .gz).
std::optional<Syntax> syntax_from_path(std::string_view path);
/// The short name: "ttl", "trig", "nt", "nq".
std::string_view syntax_name(Syntax s);
/// True for TriG and N-Quads.
inline bool is_quad_syntax(Syntax s) { return s == Syntax::kTriG || s == Syntax::kNQuads; }
/// Names accepted by syntax_from_name, for usage messages.
std::string_view syntax_choices();

}  // namespace kennis::rdf
