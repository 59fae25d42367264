#include "sparql/query_file.hpp"

#include "base/error.hpp"
#include "sparql/syntax/parser.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace kennis::sparql {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Calls `line(comment)` with the text after '#' of each header line, until it returns false
/// or the header ends.
template <class Fn>
void for_each_header_line(std::string_view text, Fn&& line) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    const auto first = l.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    if (l[first] != '#') return;  // the header ends at the first non-comment line
    if (!line(l.substr(first + 1))) return;
  }
}

/// The key of a `Key: value` comment ("" if it is none) and where its value starts.
std::string field_key(std::string_view comment, std::size_t& value_at) {
  const auto k = comment.find_first_not_of(" \t");
  if (k == std::string_view::npos) return {};
  const auto colon = comment.find(':', k);
  if (colon == std::string_view::npos) return {};
  for (std::size_t i = k; i < colon; ++i) {
    const auto c = static_cast<unsigned char>(comment[i]);
    if (!std::isalnum(c) && c != '-' && c != '_') return {};
  }
  value_at = colon + 1;
  return std::string(comment.substr(k, colon - k));
}

/// Reads a value as an RDF term with the query's prefixes.
rdf::Term parse_value(const QueryParam& doc, const std::string& value, const PrefixMap& prefixes,
                      const std::string& base) {
  const std::string type = lower(doc.type);
  auto parsed = parse_expression(value, prefixes, {1, 1}, "--param " + doc.name, base);
  const expr::Constant* constant = nullptr;
  if (parsed.ok() && parsed->consumed == value.size()) {
    constant = std::get_if<expr::Constant>(&parsed->expr->node);
  }
  if (constant == nullptr) {
    if (type == "string" || type == "literal" || type == "text") return rdf::Term::literal(value);
    throw base::UsageError("cannot read --param " + doc.name + "=" + value +
                           " as an RDF term: expected an IRI <...>, a prefixed name, a quoted "
                           "literal or a number");
  }
  const rdf::Term& t = constant->term;
  if ((type == "iri" || type == "uri" || type == "resource") && !t.is_iri()) {
    throw base::UsageError("--param " + doc.name + " must be an IRI (documented type " + doc.type +
                           "), found " + rdf::to_ntriples(t));
  }
  return t;
}

}  // namespace

const QueryParam* QueryHeader::param(std::string_view name) const {
  for (const QueryParam& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

QueryHeader read_query_header(std::string_view text) {
  QueryHeader h;
  std::string* open_field = nullptr;  // the field that indented lines continue
  for_each_header_line(text, [&](std::string_view comment) {
    std::istringstream words{std::string(comment)};
    std::string tag;
    words >> tag;
    if (tag == "@param") {
      QueryParam d;
      words >> d.name >> d.type;
      if (!d.name.empty() && (d.name[0] == '?' || d.name[0] == '$')) d.name.erase(0, 1);
      std::getline(words, d.description);
      d.description = trim(d.description);
      if (!d.name.empty()) h.params.push_back(std::move(d));
      open_field = nullptr;
      return true;
    }
    std::size_t value_at = 0;
    const std::string key = field_key(comment, value_at);
    if (!key.empty()) {
      open_field = key == "Title" ? &h.title : key == "Question" ? &h.question : nullptr;
      if (open_field != nullptr && open_field->empty()) {
        *open_field = trim(comment.substr(value_at));
      } else {
        open_field = nullptr;
      }
      if (key == "Title") open_field = nullptr;  // a title is one line
      return true;
    }
    if (open_field != nullptr && comment.size() > 1 && comment[0] == ' ' && comment[1] == ' ') {
      const std::string more = trim(comment);
      if (!more.empty()) *open_field += " " + more;
      return true;
    }
    open_field = nullptr;
    return true;
  });
  return h;
}

std::string header_field(std::string_view text, std::string_view key) {
  std::string value;
  for_each_header_line(text, [&](std::string_view comment) {
    std::size_t value_at = 0;
    if (field_key(comment, value_at) != key) return true;
    value = trim(comment.substr(value_at));
    return false;
  });
  return value;
}

std::string describe_params(const std::vector<QueryParam>& params) {
  if (params.empty()) return "the query documents no parameters (# @param NAME TYPE DESCRIPTION)";
  std::string s = "documented parameters:";
  for (const auto& d : params) {
    s += "\n  " + d.name + "  " + d.type + (d.description.empty() ? "" : "  " + d.description);
  }
  return s;
}

namespace {

/// The name of a `NAME=VALUE` argument (without '?' or '$'); UsageError if it is malformed.
std::string param_name(const QueryHeader& header, const std::string& argument) {
  const auto eq = argument.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw base::UsageError("--param expects NAME=VALUE, found '" + argument + "'\n" +
                           describe_params(header.params));
  }
  std::string name = argument.substr(0, eq);
  if (name[0] == '?' || name[0] == '$') name.erase(0, 1);
  return name;
}

}  // namespace

void check_param_names(const QueryHeader& header, const std::vector<std::string>& arguments,
                       bool require_all) {
  std::set<std::string> given;
  for (const std::string& a : arguments) {
    const std::string name = param_name(header, a);
    if (header.param(name) == nullptr) {
      throw base::UsageError("unknown parameter '" + name + "'\n" + describe_params(header.params));
    }
    if (!given.insert(name).second) throw base::UsageError("parameter '" + name + "' given twice");
  }
  if (require_all) {
    for (const auto& d : header.params) {
      if (given.count(d.name) == 0) {
        throw base::UsageError("missing parameter '" + d.name + "' (--param " + d.name +
                               "=VALUE)\n" + describe_params(header.params));
      }
    }
  }
}

std::vector<ParamBinding> bind_params(const QueryHeader& header,
                                      const std::vector<std::string>& arguments,
                                      const PrefixMap& prefixes, const std::string& base_iri,
                                      bool require_all) {
  check_param_names(header, arguments, require_all);
  std::vector<ParamBinding> out;
  for (const std::string& a : arguments) {
    const std::string name = param_name(header, a);
    out.emplace_back(
        name, parse_value(*header.param(name), a.substr(a.find('=') + 1), prefixes, base_iri));
  }
  return out;
}

}  // namespace kennis::sparql
