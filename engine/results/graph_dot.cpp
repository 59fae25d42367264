#include "results/graph_dot.hpp"

#include "rdf/display.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace kennis::results {

namespace {

constexpr std::string_view kLabelPredicates[] = {
    rdf::kSkosPrefLabel,
    rdf::kRdfsLabel,
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
};

/// Pastel fills, one per type in order of the types' names; then white.
constexpr const char* kPalette[] = {"#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc", "#d9d2e9",
                                    "#fce5cd", "#d0e0e3", "#ead1dc", "#e6e6e6", "#c9daf8"};

/// A DOT double-quoted string's content.
std::string dot_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string shorten(std::string s, std::size_t max) {
  // Count characters, not bytes, and never cut a UTF-8 sequence.
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++chars > max) {
      s.resize(i);
      return s + "…";
    }
  }
  return s;
}

int label_rank(const rdf::TermView& t) {
  if (t.lang == "en") return 0;
  if (t.lang.empty()) return 1;
  return 2;
}

struct Node {
  std::string title;
  int title_rank = 99;  // label predicate index * 3 + language rank; lower is better
  std::set<std::string> types;
  std::vector<std::pair<std::string, std::string>> literals;  // (predicate, value)
};

}  // namespace

bool write_dot(std::FILE* out, const rdf::Dictionary& dict, const std::vector<rdf::IdQuad>& triples,
               const DotOptions& options) {
  auto show = [&](const rdf::TermView& t) {
    return rdf::display_term(t, options.prefixes, rdf::kTableDisplay);
  };
  auto name = [&](rdf::TermId id) { return show(dict.term(id)); };
  // Nodes by their display name (sorted: the output does not depend on term ids).
  std::map<rdf::TermId, Node> nodes;
  std::set<std::tuple<std::string, std::string, std::string>> edges;  // (from, to, predicate)
  auto node = [&](rdf::TermId id) -> Node& { return nodes[id]; };
  for (const rdf::IdQuad& q : triples) {
    const rdf::TermView p = dict.term(q.p);
    const rdf::TermView o = dict.term(q.o);
    Node& n = node(q.s);
    if (o.is_literal()) {
      int which = -1;
      for (int i = 0; i < 4; ++i) {
        if (p.value == kLabelPredicates[i]) which = i;
      }
      if (which >= 0) {
        const int rank = which * 3 + label_rank(o);
        if (rank < n.title_rank || (rank == n.title_rank && std::string(o.value) < n.title)) {
          n.title = std::string(o.value);
          n.title_rank = rank;
        }
        continue;
      }
      n.literals.emplace_back(name(q.p), show(o));
      continue;
    }
    if (p.value == rdf::kRdfType) {
      n.types.insert(name(q.o));
      continue;
    }
    node(q.o);
    edges.emplace(name(q.s), name(q.o), name(q.p));
  }
  // Types in name order get the palette's colours.
  std::set<std::string> all_types;
  for (const auto& [id, n] : nodes) all_types.insert(n.types.begin(), n.types.end());
  std::map<std::string, std::string> colour;
  std::size_t k = 0;
  for (const std::string& t : all_types) {
    colour[t] = k < std::size(kPalette) ? kPalette[k] : "#ffffff";
    ++k;
  }
  // Stable node ids from the sorted display names.
  std::map<std::string, const Node*> by_name;
  for (const auto& [id, n] : nodes) by_name.emplace(name(id), &n);
  std::map<std::string, std::string> ids;
  for (const auto& [nm, n] : by_name) ids[nm] = "n" + std::to_string(ids.size());

  std::string s = "digraph kennis {\n";
  s += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t";
  if (!options.title.empty()) s += ", label=\"" + dot_escape(options.title) + "\"";
  s += "];\n";
  s +=
      "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", "
      "fontsize=10];\n";
  s += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\"];\n";
  for (const auto& [nm, np] : by_name) {
    const Node& n = *np;
    std::string label = shorten(n.title.empty() ? nm : n.title, 48);
    if (!n.types.empty()) {
      std::string types;
      for (const std::string& t : n.types) types += (types.empty() ? "" : ", ") + t;
      label += "\n«" + shorten(types, 48) + "»";
    }
    std::vector<std::pair<std::string, std::string>> lits = n.literals;
    std::sort(lits.begin(), lits.end());
    for (std::size_t i = 0; i < lits.size() && i < options.max_literals; ++i) {
      label += "\n" + lits[i].first + ": " + shorten(lits[i].second, 40);
    }
    if (lits.size() > options.max_literals) {
      label += "\n(" + std::to_string(lits.size() - options.max_literals) + " more)";
    }
    // Lines become \n escapes (dot_escape turns raw line breaks in values into spaces).
    std::string with_breaks;
    std::size_t start = 0;
    for (std::size_t pos; (pos = label.find('\n', start)) != std::string::npos; start = pos + 1) {
      with_breaks += dot_escape(label.substr(start, pos - start)) + "\\n";
    }
    with_breaks += dot_escape(label.substr(start));
    s += "  " + ids[nm] + " [label=\"" + with_breaks + "\"";
    if (!n.types.empty()) s += ", fillcolor=\"" + colour[*n.types.begin()] + "\"";
    if (!n.title.empty()) s += ", tooltip=\"" + dot_escape(nm) + "\"";
    s += "];\n";
  }
  for (const auto& [from, to, pred] : edges) {
    s += "  " + ids[from] + " -> " + ids[to] + " [label=\"" + dot_escape(pred) + "\"];\n";
  }
  if (!colour.empty()) {
    s += "  subgraph cluster_legend {\n    label=\"Types\"; fontsize=10; color=\"#bbbbbb\";\n";
    std::size_t i = 0;
    for (const auto& [type, fill] : colour) {
      s += "    legend" + std::to_string(i++) + " [label=\"" + dot_escape(type) +
           "\", fillcolor=\"" + fill + "\"];\n";
    }
    s += "  }\n";
  }
  s += "}\n";
  return std::fwrite(s.data(), 1, s.size(), out) == s.size();
}

}  // namespace kennis::results
