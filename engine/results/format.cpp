#include "results/format.hpp"

#include "results/graph_dot.hpp"

#include <cstdlib>

namespace kennis::results {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

const std::vector<OutputFormat>& output_formats() {
  static const std::vector<OutputFormat> formats = {
      {OutputKind::kTable, "table", {}, {}, true, false},
      {OutputKind::kJson,
       "json",
       {".json", ".srj"},
       {"application/sparql-results+json", "application/json"},
       true,
       false},
      {OutputKind::kXml,
       "xml",
       {".xml", ".srx"},
       {"application/sparql-results+xml", "application/xml"},
       true,
       false},
      {OutputKind::kCsv, "csv", {".csv"}, {"text/csv"}, true, false},
      {OutputKind::kTsv, "tsv", {".tsv"}, {"text/tab-separated-values", "text/plain"}, true, false},
      {OutputKind::kHtml, "html", {".html"}, {"text/html"}, true, false},
      {OutputKind::kTurtle, "ttl", {".ttl"}, {"text/turtle"}, false, true},
      {OutputKind::kNTriples, "nt", {".nt"}, {"application/n-triples", "text/plain"}, false, true},
      {OutputKind::kNQuads, "nq", {".nq"}, {"application/n-quads"}, false, true},
      {OutputKind::kTriG, "trig", {".trig"}, {"application/trig"}, false, true},
      {OutputKind::kDot, "dot", {".dot"}, {"text/vnd.graphviz"}, false, true},
  };
  return formats;
}

const OutputFormat* find_output_format(std::string_view name) {
  if (name == "text") name = "table";
  if (name == "srj") name = "json";
  if (name == "srx") name = "xml";
  if (name == "turtle") name = "ttl";
  if (name == "ntriples" || name == "n-triples") name = "nt";
  if (name == "nquads" || name == "n-quads") name = "nq";
  for (const OutputFormat& f : output_formats()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const OutputFormat* output_format_for_path(std::string_view path) {
  for (const OutputFormat& f : output_formats()) {
    for (std::string_view ext : f.extensions) {
      if (ends_with(path, ext)) return &f;
    }
  }
  return nullptr;
}

bool fits(const OutputFormat& format, Shape shape) {
  return shape == Shape::kGraph ? format.graph : format.tabular;
}

std::string output_format_choices(Shape shape) {
  std::string s;
  for (const OutputFormat& f : output_formats()) {
    if (fits(f, shape)) s += (s.empty() ? "" : ", ") + std::string(f.name);
  }
  return s;
}

std::vector<std::string_view> offered_media_types(Shape shape) {
  std::vector<std::string_view> out;
  for (const OutputFormat& f : output_formats()) {
    if (fits(f, shape) && !f.media_types.empty()) out.push_back(f.media_types.front());
  }
  for (const OutputFormat& f : output_formats()) {
    if (!fits(f, shape)) continue;
    for (std::size_t i = 1; i < f.media_types.size(); ++i) out.push_back(f.media_types[i]);
  }
  return out;
}

const OutputFormat* format_for_media_type(std::string_view media_type, Shape shape) {
  for (const OutputFormat& f : output_formats()) {
    if (!fits(f, shape)) continue;
    for (std::string_view t : f.media_types) {
      if (t == media_type) return &f;
    }
  }
  return nullptr;
}

std::string content_type(const OutputFormat& format) {
  if (format.media_types.empty()) return "text/plain; charset=utf-8";
  std::string type(format.media_types.front());
  if (type.rfind("text/", 0) == 0 || type == "application/n-triples" ||
      type == "application/n-quads" || type == "application/trig") {
    type += "; charset=utf-8";
  }
  return type;
}

bool write_result(std::FILE* out, const rdf::Dictionary& dict, Answer& answer,
                  const OutputFormat& format, const ResultOptions& options) {
  if (answer.shape == Shape::kGraph) {
    if (format.kind == OutputKind::kDot) {
      DotOptions dot;
      dot.prefixes = options.prefixes;
      dot.title = options.title;
      return write_dot(out, dict, answer.triples, dot);
    }
    rdf::WriteOptions wo;
    switch (format.kind) {
      case OutputKind::kNQuads:
        wo.syntax = rdf::Syntax::kNQuads;
        break;
      case OutputKind::kTurtle:
        wo.syntax = rdf::Syntax::kTurtle;
        break;
      case OutputKind::kTriG:
        wo.syntax = rdf::Syntax::kTriG;
        break;
      default:
        wo.syntax = rdf::Syntax::kNTriples;
        break;
    }
    wo.prefixes = options.prefixes;
    return rdf::write_quads(out, dict, std::move(answer.triples), wo);
  }
  WriteOptions wo;
  wo.format = format_from_name(format.name).value_or(Format::kTable);
  wo.prefixes = options.prefixes;
  wo.title = options.title;
  return answer.shape == Shape::kBoolean ? write_boolean(out, answer.boolean, wo)
                                         : write_table(out, dict, answer.table, wo);
}

bool write_result(std::string& out, const rdf::Dictionary& dict, Answer& answer,
                  const OutputFormat& format, const ResultOptions& options) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buffer, &size);
  if (f == nullptr) return false;
  const bool ok = write_result(f, dict, answer, format, options);
  const bool closed = std::fclose(f) == 0;
  if (buffer != nullptr) {
    out.assign(buffer, size);
    std::free(buffer);
  }
  return ok && closed;
}

}  // namespace kennis::results
