#include "rdf/syntax.hpp"

namespace kennis::rdf {

std::optional<Syntax> syntax_from_name(std::string_view name) {
  if (name == "ttl" || name == "turtle") return Syntax::kTurtle;
  if (name == "trig") return Syntax::kTriG;
  if (name == "nt" || name == "ntriples" || name == "n-triples") return Syntax::kNTriples;
  if (name == "nq" || name == "nquads" || name == "n-quads") return Syntax::kNQuads;
  return std::nullopt;
}

std::optional<Syntax> syntax_from_path(std::string_view path) {
  if (path.size() > 3 && path.substr(path.size() - 3) == ".gz") path.remove_suffix(3);
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto slash = path.rfind('/');
  if (slash != std::string_view::npos && slash > dot) return std::nullopt;
  return syntax_from_name(path.substr(dot + 1));
}

std::string_view syntax_name(Syntax s) {
  switch (s) {
    case Syntax::kTurtle:
      return "ttl";
    case Syntax::kTriG:
      return "trig";
    case Syntax::kNTriples:
      return "nt";
    case Syntax::kNQuads:
      return "nq";
  }
  return "nt";
}

std::string_view syntax_choices() { return "nt, nq, ttl, trig"; }

}  // namespace kennis::rdf
