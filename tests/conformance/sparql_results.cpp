#include "sparql_results.hpp"

#include "expr/numeric.hpp"
#include "expr/text.hpp"
#include "rdf/reader.hpp"
#include "rdf/term.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace kennis::conformance {

namespace {

using rdf::kNoTerm;
using rdf::Term;
using rdf::TermId;

constexpr std::string_view kRs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
constexpr std::string_view kXsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view kXsdDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
constexpr std::string_view kXsdDouble = "http://www.w3.org/2001/XMLSchema#double";
constexpr std::string_view kXsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TermId intern(rdf::Dictionary& dict, Term t, const std::string& blank_prefix) {
  if (t.is_blank()) t.value = blank_prefix + t.value;
  return dict.intern(t);
}

// ---- a small XML reader (enough for the SPARQL XML results format) -----------------------

struct XmlNode {
  std::string name;                          // local name (prefix stripped)
  std::map<std::string, std::string> attrs;  // by local name ("xml:lang" kept as "lang")
  std::vector<std::unique_ptr<XmlNode>> children;
  std::string text;

  const XmlNode* child(std::string_view n) const {
    for (const auto& c : children) {
      if (c->name == n) return c.get();
    }
    return nullptr;
  }
  std::string attr(const std::string& n) const {
    auto it = attrs.find(n);
    return it == attrs.end() ? std::string() : it->second;
  }
};

class XmlReader {
 public:
  explicit XmlReader(const std::string& text) : s_(text) {}

  std::unique_ptr<XmlNode> parse(std::string& error) {
    auto root = std::make_unique<XmlNode>();
    std::vector<XmlNode*> stack{root.get()};
    while (pos_ < s_.size()) {
      if (s_[pos_] != '<') {
        const std::size_t end = s_.find('<', pos_);
        stack.back()->text += decode(s_.substr(pos_, end - pos_));
        pos_ = end == std::string::npos ? s_.size() : end;
        continue;
      }
      if (s_.compare(pos_, 4, "<!--") == 0) {
        pos_ = skip_past("-->");
      } else if (s_.compare(pos_, 2, "<?") == 0) {
        pos_ = skip_past("?>");
      } else if (s_.compare(pos_, 9, "<![CDATA[") == 0) {
        const std::size_t end = s_.find("]]>", pos_);
        if (end == std::string::npos) break;
        stack.back()->text += s_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (s_.compare(pos_, 2, "<!") == 0) {
        pos_ = skip_past(">");
      } else if (s_.compare(pos_, 2, "</") == 0) {
        pos_ = skip_past(">");
        if (stack.size() > 1) stack.pop_back();
      } else {
        const std::size_t end = tag_end();
        if (end == std::string::npos) {
          error = "unterminated tag";
          return nullptr;
        }
        std::string tag = s_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end + 1;
        const bool empty = !tag.empty() && tag.back() == '/';
        if (empty) tag.pop_back();
        auto node = std::make_unique<XmlNode>();
        parse_tag(tag, *node);
        XmlNode* raw = node.get();
        stack.back()->children.push_back(std::move(node));
        if (!empty) stack.push_back(raw);
      }
    }
    return root;
  }

 private:
  std::size_t skip_past(std::string_view what) {
    const std::size_t end = s_.find(what, pos_);
    return end == std::string::npos ? s_.size() : end + what.size();
  }
  std::size_t tag_end() const {
    char quote = 0;
    for (std::size_t i = pos_ + 1; i < s_.size(); ++i) {
      if (quote) {
        if (s_[i] == quote) quote = 0;
      } else if (s_[i] == '"' || s_[i] == '\'') {
        quote = s_[i];
      } else if (s_[i] == '>') {
        return i;
      }
    }
    return std::string::npos;
  }
  static std::string local(const std::string& qname) {
    const auto colon = qname.find(':');
    if (qname == "xml:lang") return "lang";
    return colon == std::string::npos ? qname : qname.substr(colon + 1);
  }
  void parse_tag(const std::string& tag, XmlNode& node) {
    std::size_t i = 0;
    while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    node.name = local(tag.substr(0, i));
    while (i < tag.size()) {
      while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
      const std::size_t eq = tag.find('=', i);
      if (eq == std::string::npos) break;
      std::string name = tag.substr(i, eq - i);
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
        name.pop_back();
      std::size_t q = eq + 1;
      while (q < tag.size() && std::isspace(static_cast<unsigned char>(tag[q]))) ++q;
      if (q >= tag.size()) break;
      const char quote = tag[q];
      const std::size_t close = tag.find(quote, q + 1);
      if (close == std::string::npos) break;
      node.attrs[local(name)] = decode(tag.substr(q + 1, close - q - 1));
      i = close + 1;
    }
  }
  static std::string decode(const std::string& t) {
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] != '&') {
        out += t[i];
        continue;
      }
      const std::size_t semi = t.find(';', i);
      if (semi == std::string::npos) {
        out += t[i];
        continue;
      }
      const std::string ent = t.substr(i + 1, semi - i - 1);
      if (ent == "lt") {
        out += '<';
      } else if (ent == "gt") {
        out += '>';
      } else if (ent == "amp") {
        out += '&';
      } else if (ent == "quot") {
        out += '"';
      } else if (ent == "apos") {
        out += '\'';
      } else if (!ent.empty() && ent[0] == '#') {
        const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        expr::append_utf8(out, static_cast<char32_t>(
                                   std::stoul(ent.substr(hex ? 2 : 1), nullptr, hex ? 16 : 10)));
      } else {
        out += '&' + ent + ';';
      }
      i = semi;
    }
    return out;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

bool read_srx(const std::string& text, rdf::Dictionary& dict, const std::string& bp, ResultSet& out,
              std::string& error) {
  XmlReader reader(text);
  auto root = reader.parse(error);
  if (!root) return false;
  const XmlNode* sparql = root->child("sparql");
  if (sparql == nullptr) {
    error = "no <sparql> element";
    return false;
  }
  if (const XmlNode* head = sparql->child("head")) {
    for (const auto& v : head->children) {
      if (v->name == "variable") out.variables.push_back(v->attr("name"));
    }
  }
  if (const XmlNode* b = sparql->child("boolean")) {
    out.is_boolean = true;
    std::string t = b->text;
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return std::isspace(c); }), t.end());
    out.boolean = t == "true";
    return true;
  }
  const XmlNode* results = sparql->child("results");
  if (results == nullptr) return true;
  for (const auto& r : results->children) {
    if (r->name != "result") continue;
    std::vector<TermId> row(out.variables.size(), kNoTerm);
    for (const auto& b : r->children) {
      if (b->name != "binding") continue;
      const std::string name = b->attr("name");
      auto it = std::find(out.variables.begin(), out.variables.end(), name);
      std::size_t col = static_cast<std::size_t>(it - out.variables.begin());
      if (it == out.variables.end()) {
        out.variables.push_back(name);
        for (auto& other : out.rows) other.push_back(kNoTerm);
        row.push_back(kNoTerm);
      }
      for (const auto& v : b->children) {
        Term t;
        if (v->name == "uri") {
          t = Term::iri(v->text);
        } else if (v->name == "bnode") {
          t = Term::blank(v->text);
        } else if (v->name == "literal") {
          t = Term::literal(v->text, v->attr("datatype"), v->attr("lang"));
        } else {
          continue;
        }
        row[col] = intern(dict, t, bp);
      }
    }
    out.rows.push_back(std::move(row));
  }
  return true;
}

bool read_srj(const std::string& text, rdf::Dictionary& dict, const std::string& bp, ResultSet& out,
              std::string& error) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    error = "invalid JSON";
    return false;
  }
  if (doc.HasMember("boolean") && doc["boolean"].IsBool()) {
    out.is_boolean = true;
    out.boolean = doc["boolean"].GetBool();
    return true;
  }
  if (doc.HasMember("head") && doc["head"].HasMember("vars")) {
    for (const auto& v : doc["head"]["vars"].GetArray()) out.variables.emplace_back(v.GetString());
  }
  if (!doc.HasMember("results")) return true;
  for (const auto& b : doc["results"]["bindings"].GetArray()) {
    std::vector<TermId> row(out.variables.size(), kNoTerm);
    for (auto m = b.MemberBegin(); m != b.MemberEnd(); ++m) {
      const std::string name = m->name.GetString();
      auto it = std::find(out.variables.begin(), out.variables.end(), name);
      if (it == out.variables.end()) continue;
      const auto& v = m->value;
      const std::string type = v["type"].GetString();
      const std::string value = v["value"].GetString();
      Term t;
      if (type == "uri") {
        t = Term::iri(value);
      } else if (type == "bnode") {
        t = Term::blank(value);
      } else {
        const std::string dt = v.HasMember("datatype") ? v["datatype"].GetString() : "";
        const std::string lang = v.HasMember("xml:lang") ? v["xml:lang"].GetString() : "";
        t = Term::literal(value, dt, lang);
      }
      row[static_cast<std::size_t>(it - out.variables.begin())] = intern(dict, t, bp);
    }
    out.rows.push_back(std::move(row));
  }
  return true;
}

/// One TSV cell (SPARQL 1.1 TSV: terms in Turtle / N-Triples syntax, numbers bare).
bool tsv_term(const std::string& cell, Term& t) {
  if (cell.empty()) return false;
  if (cell.front() == '<' && cell.back() == '>') {
    t = Term::iri(cell.substr(1, cell.size() - 2));
    return true;
  }
  if (cell.rfind("_:", 0) == 0) {
    t = Term::blank(cell.substr(2));
    return true;
  }
  if (cell.front() == '"') {
    std::string lex;
    std::size_t i = 1;
    for (; i < cell.size() && cell[i] != '"'; ++i) {
      if (cell[i] == '\\' && i + 1 < cell.size()) {
        const char e = cell[++i];
        switch (e) {
          case 't':
            lex += '\t';
            break;
          case 'n':
            lex += '\n';
            break;
          case 'r':
            lex += '\r';
            break;
          case 'u':
          case 'U': {
            const std::size_t n = e == 'u' ? 4 : 8;
            expr::append_utf8(
                lex, static_cast<char32_t>(std::stoul(cell.substr(i + 1, n), nullptr, 16)));
            i += n;
            break;
          }
          default:
            lex += e;
        }
      } else {
        lex += cell[i];
      }
    }
    const std::string rest = i + 1 < cell.size() ? cell.substr(i + 1) : "";
    if (rest.rfind("@", 0) == 0) {
      t = Term::literal(lex, {}, rest.substr(1));
    } else if (rest.rfind("^^<", 0) == 0) {
      t = Term::literal(lex, rest.substr(3, rest.size() - 4));
    } else {
      t = Term::literal(lex);
    }
    return true;
  }
  if (cell == "true" || cell == "false") {
    t = Term::literal(cell, std::string(kXsdBoolean));
    return true;
  }
  const bool has_exp = cell.find_first_of("eE") != std::string::npos;
  const bool has_dot = cell.find('.') != std::string::npos;
  t = Term::literal(cell, std::string(has_exp ? kXsdDouble : has_dot ? kXsdDecimal : kXsdInteger));
  return true;
}

bool read_tsv(const std::string& text, rdf::Dictionary& dict, const std::string& bp,
              ResultSet& out) {
  std::istringstream in(text);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      cells.push_back(
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (header) {
      for (auto& c : cells) out.variables.push_back(c.rfind('?', 0) == 0 ? c.substr(1) : c);
      header = false;
      continue;
    }
    if (line.empty() && out.variables.size() > 1) continue;
    std::vector<TermId> row(out.variables.size(), kNoTerm);
    for (std::size_t i = 0; i < cells.size() && i < row.size(); ++i) {
      Term t;
      if (tsv_term(cells[i], t)) row[i] = intern(dict, t, bp);
    }
    out.rows.push_back(std::move(row));
  }
  return true;
}

/// The rs: vocabulary in an RDF graph.
class TripleSink : public rdf::StatementSink {
 public:
  std::multimap<TermId, std::pair<TermId, TermId>> by_subject;
  void statement(TermId s, TermId p, TermId o, TermId, std::uint32_t, std::uint32_t) override {
    by_subject.emplace(s, std::make_pair(p, o));
  }
  std::vector<TermId> objects(TermId s, TermId p) const {
    std::vector<TermId> out;
    auto range = by_subject.equal_range(s);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second.first == p) out.push_back(it->second.second);
    }
    return out;
  }
};

bool read_rs_graph(const std::string& path, rdf::Dictionary& dict, const std::string& bp,
                   ResultSet& out, std::string& error) {
  rdf::Dictionary local;
  TripleSink g;
  auto r = rdf::read_file(path, local, g);
  if (!r.ok()) {
    error = r.error().message;
    return false;
  }
  auto rs = [&](std::string_view name) {
    return local.find_iri(std::string(kRs) + std::string(name));
  };
  const TermId type = local.find_iri(rdf::kRdfType);
  const TermId result_set = rs("ResultSet");
  TermId root = kNoTerm;
  for (const auto& [s, po] : g.by_subject) {
    if (po.first == type && po.second == result_set) root = s;
  }
  if (root == kNoTerm) {
    error = "no rs:ResultSet";
    return false;
  }
  auto copy = [&](TermId id) { return intern(dict, local.term(id).to_term(), bp); };
  const auto booleans = g.objects(root, rs("boolean"));
  if (!booleans.empty()) {
    out.is_boolean = true;
    out.boolean = local.term(booleans.front()).value == "true";
    return true;
  }
  for (TermId v : g.objects(root, rs("resultVariable"))) {
    out.variables.emplace_back(local.term(v).value);
  }
  std::vector<std::pair<long, std::vector<TermId>>> rows;
  for (TermId sol : g.objects(root, rs("solution"))) {
    std::vector<TermId> row(out.variables.size(), kNoTerm);
    for (TermId b : g.objects(sol, rs("binding"))) {
      const auto vars = g.objects(b, rs("variable"));
      const auto vals = g.objects(b, rs("value"));
      if (vars.empty() || vals.empty()) continue;
      const std::string name(local.term(vars.front()).value);
      auto it = std::find(out.variables.begin(), out.variables.end(), name);
      if (it == out.variables.end()) continue;
      row[static_cast<std::size_t>(it - out.variables.begin())] = copy(vals.front());
    }
    const auto idx = g.objects(sol, rs("index"));
    const long index = idx.empty() ? 0 : std::stol(std::string(local.term(idx.front()).value));
    rows.emplace_back(index, std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& r2 : rows) out.rows.push_back(std::move(r2.second));
  return true;
}

bool is_blank(const rdf::Dictionary& dict, TermId t) {
  return t != kNoTerm && dict.kind(t) == rdf::TermKind::kBlank;
}

std::optional<kennis::expr::NumericType> numeric_type(std::string_view datatype) {
  using kennis::expr::NumericType;
  if (datatype == kXsdInteger) return NumericType::kInteger;
  if (datatype == kXsdDecimal) return NumericType::kDecimal;
  if (datatype == kXsdDouble) return NumericType::kDouble;
  if (datatype == "http://www.w3.org/2001/XMLSchema#float") return NumericType::kFloat;
  return std::nullopt;
}

/// Term equality: identical ids, literals equal up to the case of the language tag, or
/// numeric literals of one datatype with equal values ("3"^^xsd:decimal and "3.0": the
/// expected results do not always use canonical forms).
bool same_term(const rdf::Dictionary& dict, TermId a, TermId b) {
  if (a == b) return true;
  if (a == kNoTerm || b == kNoTerm) return false;
  const auto x = dict.term(a);
  const auto y = dict.term(b);
  if (!x.is_literal() || !y.is_literal() || x.datatype != y.datatype) return false;
  if (x.value != y.value) {
    const auto type = numeric_type(x.datatype);
    if (!type) return false;
    const auto nx = kennis::expr::parse_numeric(x.value, *type);
    const auto ny = kennis::expr::parse_numeric(y.value, *type);
    return nx && ny && kennis::expr::numeric_compare(*nx, *ny) == std::partial_ordering::equivalent;
  }
  if (x.lang.size() != y.lang.size()) return false;
  for (std::size_t i = 0; i < x.lang.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(x.lang[i])) !=
        std::tolower(static_cast<unsigned char>(y.lang[i]))) {
      return false;
    }
  }
  return true;
}

/// Backtracking search for a row matching with a consistent blank-node bijection.
class Matcher {
 public:
  Matcher(const rdf::Dictionary& dict, const std::vector<std::vector<TermId>>& e,
          const std::vector<std::vector<TermId>>& a, bool ordered)
      : dict_(dict), e_(e), a_(a), ordered_(ordered), used_(a.size(), false) {}

  bool run() { return match(0); }

 private:
  bool cells_match(const std::vector<TermId>& er, const std::vector<TermId>& ar,
                   std::vector<std::pair<TermId, TermId>>& added) {
    if (er.size() != ar.size()) return false;
    for (std::size_t c = 0; c < er.size(); ++c) {
      const TermId x = er[c];
      const TermId y = ar[c];
      if (is_blank(dict_, x) || is_blank(dict_, y)) {
        if (!is_blank(dict_, x) || !is_blank(dict_, y)) return false;
        auto fx = fwd_.find(x);
        auto by = back_.find(y);
        if (fx != fwd_.end() || by != back_.end()) {
          if (fx == fwd_.end() || by == back_.end() || fx->second != y) return false;
          continue;
        }
        fwd_[x] = y;
        back_[y] = x;
        added.emplace_back(x, y);
      } else if (!same_term(dict_, x, y)) {
        return false;
      }
    }
    return true;
  }
  void undo(const std::vector<std::pair<TermId, TermId>>& added) {
    for (const auto& [x, y] : added) {
      fwd_.erase(x);
      back_.erase(y);
    }
  }
  bool match(std::size_t i) {
    if (++steps_ > 2000000) return false;
    if (i == e_.size()) return true;
    for (std::size_t j = ordered_ ? i : 0; j < (ordered_ ? i + 1 : a_.size()); ++j) {
      if (used_[j]) continue;
      std::vector<std::pair<TermId, TermId>> added;
      if (cells_match(e_[i], a_[j], added)) {
        used_[j] = true;
        if (match(i + 1)) return true;
        used_[j] = false;
      }
      undo(added);
    }
    return false;
  }

  const rdf::Dictionary& dict_;
  const std::vector<std::vector<TermId>>& e_;
  const std::vector<std::vector<TermId>>& a_;
  bool ordered_;
  std::vector<bool> used_;
  std::map<TermId, TermId> fwd_, back_;
  std::size_t steps_ = 0;
};

std::string row_text(const rdf::Dictionary& dict, const std::vector<std::string>& vars,
                     const std::vector<TermId>& row) {
  std::string s = "{";
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (row[i] == kNoTerm) continue;
    if (s.size() > 1) s += ", ";
    s += "?" + vars[i] + "=" + term_text(dict, row[i]);
  }
  return s + "}";
}

}  // namespace

std::string term_text(const rdf::Dictionary& dict, TermId id) {
  return id == kNoTerm ? std::string("UNDEF") : rdf::to_ntriples(dict.term(id));
}

bool read_result_set(const std::string& path, rdf::Dictionary& dict,
                     const std::string& blank_prefix, ResultSet& out, std::string& error) {
  std::string text;
  if (!read_text(path, text)) {
    error = "cannot read " + path;
    return false;
  }
  if (ends_with(path, ".srx")) return read_srx(text, dict, blank_prefix, out, error);
  if (ends_with(path, ".srj")) return read_srj(text, dict, blank_prefix, out, error);
  if (ends_with(path, ".tsv")) return read_tsv(text, dict, blank_prefix, out);
  if (ends_with(path, ".ttl") || ends_with(path, ".nt")) {
    return read_rs_graph(path, dict, blank_prefix, out, error);
  }
  error = "no reader for result file " + path;
  return false;
}

ResultSet to_result_set(const sparql::exec::QueryResult& result) {
  ResultSet out;
  if (result.form == sparql::algebra::QueryForm::kAsk) {
    out.is_boolean = true;
    out.boolean = result.boolean;
    return out;
  }
  out.variables = result.table.variables;
  for (std::size_t r = 0; r < result.table.rows(); ++r) {
    const rdf::TermId* row = result.table.row(r);
    out.rows.emplace_back(row, row + result.table.width());
  }
  return out;
}

bool same_results(const rdf::Dictionary& dict, const ResultSet& expected, const ResultSet& actual,
                  bool ordered, std::string& why) {
  if (expected.is_boolean || actual.is_boolean) {
    if (expected.is_boolean != actual.is_boolean) {
      why = "expected a boolean result: " + std::string(expected.is_boolean ? "yes" : "no");
      return false;
    }
    if (expected.boolean != actual.boolean) {
      why = std::string("expected ") + (expected.boolean ? "true" : "false") + ", got " +
            (actual.boolean ? "true" : "false");
      return false;
    }
    return true;
  }
  // Align both on the union of variable names.
  std::vector<std::string> vars = expected.variables;
  for (const auto& v : actual.variables) {
    if (std::find(vars.begin(), vars.end(), v) == vars.end()) vars.push_back(v);
  }
  auto align = [&](const ResultSet& rs) {
    std::vector<std::vector<TermId>> rows;
    for (const auto& r : rs.rows) {
      std::vector<TermId> row(vars.size(), kNoTerm);
      for (std::size_t i = 0; i < rs.variables.size() && i < r.size(); ++i) {
        const auto pos = std::find(vars.begin(), vars.end(), rs.variables[i]) - vars.begin();
        row[static_cast<std::size_t>(pos)] = r[i];
      }
      rows.push_back(std::move(row));
    }
    return rows;
  };
  const auto e = align(expected);
  const auto a = align(actual);
  if (e.size() != a.size()) {
    why = "expected " + std::to_string(e.size()) + " solutions, got " + std::to_string(a.size());
  } else if (Matcher(dict, e, a, ordered).run()) {
    return true;
  } else {
    why = ordered ? "solutions differ (or are in another order)" : "solutions differ";
  }
  // Show a few rows of each side.
  why += "\n      expected:";
  for (std::size_t i = 0; i < e.size() && i < 8; ++i)
    why += "\n        " + row_text(dict, vars, e[i]);
  if (e.size() > 8) why += "\n        ...";
  why += "\n      actual:";
  for (std::size_t i = 0; i < a.size() && i < 8; ++i)
    why += "\n        " + row_text(dict, vars, a[i]);
  if (a.size() > 8) why += "\n        ...";
  return false;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || !cell.empty()) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

bool same_csv(const std::string& expected, const std::string& actual, std::string& why) {
  auto e = parse_csv(expected);
  auto a = parse_csv(actual);
  if (e.empty() || a.empty()) {
    why = "empty CSV";
    return false;
  }
  if (e.front() != a.front()) {
    why = "CSV headers differ";
    return false;
  }
  // Encode blank nodes as ids in a scratch dictionary so that the matcher can be reused.
  rdf::Dictionary dict;
  auto encode = [&](const std::vector<std::vector<std::string>>& rows, const std::string& bp) {
    std::vector<std::vector<TermId>> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      std::vector<TermId> row;
      for (const auto& c : rows[r]) {
        row.push_back(c.rfind("_:", 0) == 0 ? dict.intern(Term::blank(bp + c.substr(2)))
                                            : dict.intern(Term::literal(c)));
      }
      out.push_back(std::move(row));
    }
    return out;
  };
  const auto er = encode(e, "e");
  const auto ar = encode(a, "a");
  if (er.size() != ar.size()) {
    why = "expected " + std::to_string(er.size()) + " CSV rows, got " + std::to_string(ar.size());
    return false;
  }
  if (!Matcher(dict, er, ar, false).run()) {
    why = "CSV rows differ:\n" + actual;
    return false;
  }
  return true;
}

}  // namespace kennis::conformance
