// Every format a query result can be written in, in one table: its name on the command line,
// the file extensions that choose it, the media types the endpoint answers with, and which
// results it can carry. write_result is the one writer behind `kennis query`, `kennis serve`
// and the report, so that one query gives the same bytes through each of them.
#pragma once

#include "rdf/dictionary.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/reader.hpp"
#include "rdf/writer.hpp"
#include "results/result_table.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::results {

/// What a query gives: solutions (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE).
enum class Shape { kSolutions, kBoolean, kGraph };

/// A query's answer, ready to be written.
struct Answer {
  Shape shape = Shape::kSolutions;
  ResultTable table;                 ///< kSolutions
  bool boolean = false;              ///< kBoolean
  std::vector<rdf::IdQuad> triples;  ///< kGraph (g = kNoTerm)
};

enum class OutputKind {
  kTable,
  kJson,
  kXml,
  kCsv,
  kTsv,
  kHtml,
  kNTriples,
  kNQuads,
  kTurtle,
  kTriG,
  kDot
};

struct OutputFormat {
  OutputKind kind;
  std::string_view name;  ///< on the command line: --format NAME
  /// File extensions (with the dot) that choose this format for -o FILE.
  std::vector<std::string_view> extensions;
  /// Media types the endpoint offers it under; the first is the one it answers with (with a
  /// charset where the type is text), the others are accepted as well. Empty: not served.
  std::vector<std::string_view> media_types;
  bool tabular;  ///< writes solutions and booleans (SELECT, ASK)
  bool graph;    ///< writes graphs (CONSTRUCT, DESCRIBE)
};

/// The table, in the order the endpoint prefers when a client accepts several.
const std::vector<OutputFormat>& output_formats();
/// By --format name (also "turtle", "ntriples", "n-triples", "nquads", "n-quads"); nullptr if none.
const OutputFormat* find_output_format(std::string_view name);
/// By the extension of an output path; nullptr if none fits.
const OutputFormat* output_format_for_path(std::string_view path);
/// True if the format can write an answer of this shape.
bool fits(const OutputFormat& format, Shape shape);
/// "table, json, ..." for usage messages: the names of the formats that fit `shape`.
std::string output_format_choices(Shape shape);

/// The media types offered for an answer of `shape`, most preferred first: every format's
/// first media type in table order, then the other media types.
std::vector<std::string_view> offered_media_types(Shape shape);
/// The format and the Content-Type value (charset added for text) for a negotiated media type.
const OutputFormat* format_for_media_type(std::string_view media_type, Shape shape);
std::string content_type(const OutputFormat& format);

struct ResultOptions {
  /// Prefixes to abbreviate IRIs with (table, HTML, Turtle, TriG, DOT).
  rdf::PrefixMap prefixes;
  /// The page or picture title (HTML, DOT); "" for none.
  std::string title;
};

/// Writes `answer` in `format`, which must fit its shape. Returns false if writing failed.
bool write_result(std::FILE* out, const rdf::Dictionary& dict, Answer& answer,
                  const OutputFormat& format, const ResultOptions& options);

/// The same into a string (the endpoint's response body). Returns false if writing failed.
bool write_result(std::string& out, const rdf::Dictionary& dict, Answer& answer,
                  const OutputFormat& format, const ResultOptions& options);

}  // namespace kennis::results
