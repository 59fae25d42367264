// Reading RDF through serd: Turtle, TriG, N-Triples and N-Quads (optionally gzip-compressed),
// from files, standard input or strings. Terms are interned into a Dictionary; each statement
// is handed to a StatementSink as ids. Syntax errors become Diagnostics carrying serd's
// file:line:col.
#pragma once

#include "base/result.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/iri.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/syntax.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::rdf {

/// Receives statements; `g` is kNoTerm for the default graph. line/col are the position
/// just after the statement's object (0 when origins are not tracked).
class StatementSink {
 public:
  virtual ~StatementSink() = default;
  virtual void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t line,
                         std::uint32_t col) = 0;
};

struct ReadOptions {
  /// The syntax; if unset, taken from the file extension (error if unknown).
  std::optional<Syntax> syntax;
  /// Base IRI for relative references; default: the file's file:// IRI (file_iri).
  std::string base_iri;
  /// Prefix for blank-node labels, so that _:b in two documents are different nodes.
  std::string blank_prefix;
  /// Track the line/column of each statement (slower: reads byte by byte).
  bool track_origins = false;
};

struct ReadSummary {
  std::size_t statements = 0;
  /// The prefixes declared, in order (a name declared again keeps its place, with the new IRI).
  PrefixMap prefixes;
  std::string base_iri;
};

/// Reads `path` ("-" is standard input; a ".gz" suffix is decompressed). Returns a
/// Diagnostic (with file:line:col) on the first syntax error or if the file cannot be read.
/// Statements before the error have been passed to `sink`.
base::Result<ReadSummary> read_file(const std::string& path, Dictionary& dict, StatementSink& sink,
                                    const ReadOptions& options = {});

/// Reads `text`, reporting positions against `name`. `options.syntax` must be set.
base::Result<ReadSummary> read_string(std::string_view text, const std::string& name,
                                      Dictionary& dict, StatementSink& sink,
                                      const ReadOptions& options);

}  // namespace kennis::rdf
