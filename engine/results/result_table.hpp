// ResultTable: the solutions of a SELECT query as rows of term ids, and the writers for them:
// a readable table for terminals, SPARQL 1.1 Query Results JSON and XML, CSV and TSV
// (W3C "SPARQL 1.1 Query Results JSON Format", "... XML Format", "... CSV and TSV Formats"),
// and an HTML page with the table (IRIs as links) for people.
#pragma once

#include "rdf/dictionary.hpp"
#include "rdf/prefix_map.hpp"
#include "rdf/reader.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kennis::results {

using rdf::TermId;

/// Solutions: `variables` names the columns (without '?'); `cells` holds the rows one after the
/// other, variables.size() ids per row; rdf::kNoTerm is an unbound cell.
struct ResultTable {
  std::vector<std::string> variables;
  std::vector<TermId> cells;

  std::size_t width() const { return variables.size(); }
  std::size_t rows() const { return variables.empty() ? row_count_ : cells.size() / width(); }
  const TermId* row(std::size_t i) const { return cells.data() + i * width(); }
  void add_row(const TermId* values) {
    if (variables.empty()) {
      ++row_count_;
    } else {
      cells.insert(cells.end(), values, values + width());
    }
  }

 private:
  std::size_t row_count_ = 0;  // rows of a table with no columns (SELECT with no variables)
};

enum class Format { kTable, kJson, kXml, kCsv, kTsv, kHtml };

/// The tabular formats of the table in format.hpp, by name ("table", "json", ...).
std::optional<Format> format_from_name(std::string_view name);

struct WriteOptions {
  Format format = Format::kTable;
  /// Table and HTML formats: prefixes to abbreviate IRIs with (rdf::kTableDisplay).
  rdf::PrefixMap prefixes;
  /// HTML format: the page title.
  std::string title;
};

/// Writes the solutions. Returns false if writing failed.
bool write_table(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table,
                 const WriteOptions& options);

/// Writes an ASK result. CSV/TSV/table print "true"/"false". Returns false if writing failed.
bool write_boolean(std::FILE* out, bool value, const WriteOptions& options);

/// Escapes &, <, > and " for XML and HTML text and attribute values.
std::string xml_escape(std::string_view s);

}  // namespace kennis::results
