#include "results/result_table.hpp"

#include "rdf/display.hpp"
#include "results/format.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace kennis::results {

namespace {

bool put(std::FILE* out, std::string_view s) {
  return std::fwrite(s.data(), 1, s.size(), out) == s.size();
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_plain_number(const rdf::TermView& t) {
  return t.datatype == rdf::kXsdInteger || t.datatype == rdf::kXsdDecimal ||
         t.datatype == rdf::kXsdDouble || t.datatype == rdf::kXsdBoolean;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string tsv_term(const rdf::TermView& t) {
  if (t.is_literal() && is_plain_number(t) &&
      t.datatype.find("boolean") == std::string_view::npos && !t.value.empty() &&
      t.value.find_first_of(" \t\n") == std::string_view::npos &&
      t.datatype.find("integer") != std::string_view::npos) {
    return std::string(t.value);
  }
  return rdf::to_ntriples(t);
}

bool write_json(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("head");
  w.StartObject();
  w.Key("vars");
  w.StartArray();
  for (const std::string& v : table.variables)
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
  w.EndObject();
  w.Key("results");
  w.StartObject();
  w.Key("bindings");
  w.StartArray();
  bool ok = true;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    w.StartObject();
    const TermId* row = table.width() ? table.row(r) : nullptr;
    for (std::size_t c = 0; c < table.width(); ++c) {
      if (row[c] == rdf::kNoTerm) continue;
      const rdf::TermView t = dict.term(row[c]);
      const std::string& name = table.variables[c];
      w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
      w.StartObject();
      w.Key("type");
      w.String(t.is_iri() ? "uri" : t.is_blank() ? "bnode" : "literal");
      w.Key("value");
      w.String(t.value.data(), static_cast<rapidjson::SizeType>(t.value.size()));
      if (t.is_literal() && !t.lang.empty()) {
        w.Key("xml:lang");
        w.String(t.lang.data(), static_cast<rapidjson::SizeType>(t.lang.size()));
      } else if (t.is_literal() && t.datatype != rdf::kXsdString) {
        w.Key("datatype");
        w.String(t.datatype.data(), static_cast<rapidjson::SizeType>(t.datatype.size()));
      }
      w.EndObject();
    }
    w.EndObject();
    // Stream in pieces so large results do not build one huge string.
    if (buf.GetSize() > (1 << 20)) {
      ok = ok && put(out, std::string_view(buf.GetString(), buf.GetSize()));
      buf.Clear();
    }
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  ok = ok && put(out, std::string_view(buf.GetString(), buf.GetSize())) && put(out, "\n");
  return ok;
}

bool write_xml(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table) {
  std::string s =
      "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
      "  <head>\n";
  for (const std::string& v : table.variables)
    s += "    <variable name=\"" + xml_escape(v) + "\"/>\n";
  s += "  </head>\n  <results>\n";
  bool ok = true;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    s += "    <result>\n";
    const TermId* row = table.width() ? table.row(r) : nullptr;
    for (std::size_t c = 0; c < table.width(); ++c) {
      if (row[c] == rdf::kNoTerm) continue;
      const rdf::TermView t = dict.term(row[c]);
      s += "      <binding name=\"" + xml_escape(table.variables[c]) + "\">";
      if (t.is_iri()) {
        s += "<uri>" + xml_escape(t.value) + "</uri>";
      } else if (t.is_blank()) {
        s += "<bnode>" + xml_escape(t.value) + "</bnode>";
      } else if (!t.lang.empty()) {
        s += "<literal xml:lang=\"" + xml_escape(t.lang) + "\">" + xml_escape(t.value) +
             "</literal>";
      } else if (t.datatype != rdf::kXsdString) {
        s += "<literal datatype=\"" + xml_escape(t.datatype) + "\">" + xml_escape(t.value) +
             "</literal>";
      } else {
        s += "<literal>" + xml_escape(t.value) + "</literal>";
      }
      s += "</binding>\n";
    }
    s += "    </result>\n";
    if (s.size() > (1 << 20)) {
      ok = ok && put(out, s);
      s.clear();
    }
  }
  s += "  </results>\n</sparql>\n";
  return ok && put(out, s);
}

bool write_delimited(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table,
                     bool csv) {
  std::string s;
  for (std::size_t c = 0; c < table.width(); ++c) {
    if (c > 0) s += csv ? "," : "\t";
    s += csv ? table.variables[c] : "?" + table.variables[c];
  }
  s += csv ? "\r\n" : "\n";
  bool ok = true;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    const TermId* row = table.width() ? table.row(r) : nullptr;
    for (std::size_t c = 0; c < table.width(); ++c) {
      if (c > 0) s += csv ? "," : "\t";
      if (row[c] == rdf::kNoTerm) continue;
      const rdf::TermView t = dict.term(row[c]);
      if (csv) {
        s += csv_field(t.is_blank() ? "_:" + std::string(t.value) : std::string(t.value));
      } else {
        s += tsv_term(t);
      }
    }
    s += csv ? "\r\n" : "\n";
    if (s.size() > (1 << 20)) {
      ok = ok && put(out, s);
      s.clear();
    }
  }
  return ok && put(out, s);
}

bool write_text_table(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table,
                      const rdf::PrefixMap& prefixes) {
  const std::size_t w = table.width();
  std::vector<std::vector<std::string>> cells(table.rows(), std::vector<std::string>(w));
  std::vector<std::size_t> widths(w);
  for (std::size_t c = 0; c < w; ++c) widths[c] = display_width(table.variables[c]) + 1;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    for (std::size_t c = 0; c < w; ++c) {
      TermId id = table.row(r)[c];
      if (id != rdf::kNoTerm) {
        cells[r][c] = rdf::display_term(dict.term(id), prefixes, rdf::kTableDisplay);
      }
      widths[c] = std::max(widths[c], display_width(cells[r][c]));
    }
  }
  auto line = [&](const std::vector<std::string>& values) {
    std::string s;
    for (std::size_t c = 0; c < w; ++c) {
      s += c == 0 ? "" : "  ";
      s += values[c];
      if (c + 1 < w) s += std::string(widths[c] - display_width(values[c]), ' ');
    }
    return s + "\n";
  };
  std::string s;
  if (w > 0) {
    std::vector<std::string> header;
    for (const std::string& v : table.variables) header.push_back("?" + v);
    s += line(header);
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < w; ++c) rule.push_back(std::string(widths[c], '-'));
    s += line(rule);
  }
  bool ok = true;
  for (const auto& row : cells) {
    s += line(row);
    if (s.size() > (1 << 20)) {
      ok = ok && put(out, s);
      s.clear();
    }
  }
  s += "(" + std::to_string(table.rows()) + (table.rows() == 1 ? " row)\n" : " rows)\n");
  return ok && put(out, s);
}

bool write_html(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table,
                const WriteOptions& options) {
  // A complete page (it opens in a browser as it is); the table sits between lines of its own
  // so that a report can take it out with a line-based tool.
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                  xml_escape(options.title.empty() ? "Query results" : options.title) +
                  "</title>\n<style>\n"
                  "body { font-family: sans-serif; margin: 1.5em; }\n"
                  "table.kennis-results { border-collapse: collapse; font-size: 0.9em; }\n"
                  "table.kennis-results th, table.kennis-results td { border: 1px solid #ccc; "
                  "padding: 0.25em 0.6em; text-align: left; vertical-align: top; }\n"
                  "table.kennis-results th { background: #eef2f7; }\n"
                  "table.kennis-results td.num { text-align: right; }\n"
                  "</style>\n</head>\n<body>\n";
  if (!options.title.empty()) s += "<h1>" + xml_escape(options.title) + "</h1>\n";
  s += "<table class=\"kennis-results\">\n<thead><tr>";
  for (const std::string& v : table.variables) s += "<th>" + xml_escape(v) + "</th>";
  s += "</tr></thead>\n<tbody>\n";
  bool ok = true;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    s += "<tr>";
    const TermId* row = table.width() == 0 ? nullptr : table.row(r);
    for (std::size_t c = 0; c < table.width(); ++c) {
      if (row[c] == rdf::kNoTerm) {
        s += "<td></td>";
        continue;
      }
      const rdf::TermView t = dict.term(row[c]);
      const std::string shown =
          xml_escape(rdf::display_term(t, options.prefixes, rdf::kTableDisplay));
      if (t.is_iri()) {
        s += "<td><a href=\"" + xml_escape(t.value) + "\">" + shown + "</a></td>";
      } else if (t.is_literal() && is_plain_number(t) &&
                 t.datatype.find("boolean") == std::string_view::npos) {
        s += "<td class=\"num\">" + shown + "</td>";
      } else {
        s += "<td>" + shown + "</td>";
      }
    }
    s += "</tr>\n";
    if (s.size() > (1 << 20)) {
      ok = ok && put(out, s);
      s.clear();
    }
  }
  s += "</tbody>\n</table>\n<p class=\"kennis-count\">" + std::to_string(table.rows()) +
       (table.rows() == 1 ? " row" : " rows") + "</p>\n</body>\n</html>\n";
  return ok && put(out, s);
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<Format> format_from_name(std::string_view name) {
  const OutputFormat* f = find_output_format(name);
  if (f == nullptr || !f->tabular) return std::nullopt;
  switch (f->kind) {
    case OutputKind::kJson:
      return Format::kJson;
    case OutputKind::kXml:
      return Format::kXml;
    case OutputKind::kCsv:
      return Format::kCsv;
    case OutputKind::kTsv:
      return Format::kTsv;
    case OutputKind::kHtml:
      return Format::kHtml;
    default:
      return Format::kTable;
  }
}

bool write_table(std::FILE* out, const rdf::Dictionary& dict, const ResultTable& table,
                 const WriteOptions& options) {
  switch (options.format) {
    case Format::kJson:
      return write_json(out, dict, table);
    case Format::kXml:
      return write_xml(out, dict, table);
    case Format::kCsv:
      return write_delimited(out, dict, table, true);
    case Format::kTsv:
      return write_delimited(out, dict, table, false);
    case Format::kTable:
      return write_text_table(out, dict, table, options.prefixes);
    case Format::kHtml:
      return write_html(out, dict, table, options);
  }
  return false;
}

bool write_boolean(std::FILE* out, bool value, const WriteOptions& options) {
  switch (options.format) {
    case Format::kJson:
      return put(out,
                 value ? "{\"head\":{},\"boolean\":true}\n" : "{\"head\":{},\"boolean\":false}\n");
    case Format::kXml:
      return put(out, std::string("<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/"
                                  "sparql-results#\">\n  <head/>\n  <boolean>") +
                          (value ? "true" : "false") + "</boolean>\n</sparql>\n");
    case Format::kHtml:
      return put(out, std::string("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                                  "charset=\"utf-8\">\n<title>Query result</title>\n</head>\n"
                                  "<body>\n<p class=\"kennis-boolean\">") +
                          (value ? "true" : "false") + "</p>\n</body>\n</html>\n");
    default:
      return put(out, value ? "true\n" : "false\n");
  }
}

}  // namespace kennis::results
