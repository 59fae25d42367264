#include "rdf/writer.hpp"

#include <serd/serd.h>

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace kennis::rdf {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True iff serd may write the literal without quotes: its lexical form is a Turtle INTEGER,
// DECIMAL or BooleanLiteral token (or the datatype is one serd does not abbreviate).
bool bare_literal_ok(const TermView& v) {
  std::string_view dt = v.datatype;
  std::string_view lex = v.value;
  if (dt == kXsdBoolean) return lex == "true" || lex == "false";
  if (!lex.empty() && (lex[0] == '+' || lex[0] == '-')) lex.remove_prefix(1);
  if (dt == kXsdInteger) return all_digits(lex);
  if (dt == kXsdDecimal) {
    auto dot = lex.find('.');
    if (dot == std::string_view::npos) return true;  // serd quotes these itself
    return (dot == 0 || all_digits(lex.substr(0, dot))) && all_digits(lex.substr(dot + 1));
  }
  return true;
}

// A literal node over `text`, which may hold NUL characters (serd_node_from_substring stops
// at the first one, which would cut such literals short).
SerdNode literal_node(const std::string& text) {
  SerdNode n = SERD_NODE_NULL;
  n.buf = reinterpret_cast<const uint8_t*>(text.c_str());
  n.n_bytes = text.size();
  n.type = SERD_LITERAL;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n.n_chars;
    if (c == '\n' || c == '\r') n.flags |= SERD_HAS_NEWLINE;
    if (c == '"') n.flags |= SERD_HAS_QUOTE;
  }
  return n;
}

// Passes serd's output to a FILE, holding back trailing spaces and tabs: serd 0.30 ends TriG
// output with indentation and no newline. At the end the held-back run is dropped and a final
// newline ensured, so every output ends in one clean line. (Only whitespace at the very end is
// dropped; inside the document it may belong to a long literal.)
struct TrimmingSink {
  std::FILE* out;
  std::string pending;
  char last = '\n';

  static std::size_t write(const void* buf, std::size_t len, void* stream) {
    auto* self = static_cast<TrimmingSink*>(stream);
    const char* bytes = static_cast<const char*>(buf);
    std::size_t keep = len;
    while (keep > 0 && (bytes[keep - 1] == ' ' || bytes[keep - 1] == '\t')) --keep;
    if (keep == 0) {
      self->pending.append(bytes, len);
      return len;
    }
    if (!self->pending.empty()) {
      std::fwrite(self->pending.data(), 1, self->pending.size(), self->out);
      self->pending.clear();
    }
    std::fwrite(bytes, 1, keep, self->out);
    self->last = bytes[keep - 1];
    self->pending.assign(bytes + keep, len - keep);
    return len;
  }
  void finish() {
    if (last != '\n') std::fputc('\n', out);
  }
};

struct Ranked {
  std::uint32_t g, s, p, o;  // ranks
  IdQuad q;
};

class QuadWriter {
 public:
  QuadWriter(std::FILE* out, const Dictionary& dict, const WriteOptions& options)
      : out_(out), dict_(dict), options_(options) {}

  bool write(std::vector<IdQuad> quads);

 private:
  void rank_terms(const std::vector<IdQuad>& quads);
  void compute_blank_signatures(const std::vector<IdQuad>& quads);
  void sort_ranked();
  bool relabel_once();
  SerdNode node_for(TermId id, std::string& storage, SerdNode* datatype, std::string& dt_storage,
                    SerdNode* lang);
  void emit(SerdStatementFlags flags, const IdQuad& q);
  void emit_subject_block(std::size_t begin, std::size_t end, SerdStatementFlags first_flags);
  void write_inline(TermId blank);

  std::FILE* out_;
  const Dictionary& dict_;
  const WriteOptions& options_;
  bool triples_only_ = false;
  bool turtle_ = false;
  std::vector<Ranked> ranked_;
  std::unordered_map<TermId, std::uint32_t> rank_;         // non-blank term -> rank
  std::unordered_map<TermId, std::string> signature_;      // blank -> content signature
  std::unordered_map<TermId, std::uint32_t> blank_index_;  // blank -> canonical index
  std::vector<TermId> blanks_;                             // blanks sorted for ranking
  std::unordered_map<TermId, std::uint32_t> object_uses_;  // blank -> uses as object
  std::unordered_set<TermId> inline_;                      // blanks written as [ ... ]
  std::unordered_map<TermId, std::pair<std::size_t, std::size_t>> subject_range_;
  std::size_t label_width_ = 1;
  SerdWriter* writer_ = nullptr;
  SerdEnv* env_ = nullptr;
  std::string xsd_prefix_;  // prefix name bound to the XSD namespace in Turtle output
};

void QuadWriter::rank_terms(const std::vector<IdQuad>& quads) {
  std::vector<TermId> terms;
  std::unordered_set<TermId> seen;
  auto add = [&](TermId t) {
    if (t != kNoTerm && seen.insert(t).second) terms.push_back(t);
  };
  for (const IdQuad& q : quads) add(q.s), add(q.p), add(q.o), add(q.g);
  std::vector<TermId> named;
  for (TermId t : terms) {
    if (dict_.kind(t) == TermKind::kBlank) {
      blanks_.push_back(t);
    } else {
      named.push_back(t);
    }
  }
  std::sort(named.begin(), named.end(),
            [&](TermId a, TermId b) { return compare_terms(dict_.term(a), dict_.term(b)) < 0; });
  // Blank nodes rank first (0 .. blanks-1); named terms after them.
  const auto base = static_cast<std::uint32_t>(blanks_.size());
  for (std::size_t i = 0; i < named.size(); ++i)
    rank_[named[i]] = base + static_cast<std::uint32_t>(i);
}

void QuadWriter::compute_blank_signatures(const std::vector<IdQuad>& quads) {
  // Depth-1 signature: sorted outgoing (p, o) with blank objects shown as "_"; then depth 2
  // replaces "_" with the object's depth-1 signature. Orders blank nodes by their content,
  // which is stable across relabelling.
  std::unordered_map<TermId, std::vector<std::string>> out1;
  std::unordered_map<TermId, std::vector<std::pair<std::string, TermId>>> out2;
  for (const IdQuad& q : quads) {
    if (dict_.kind(q.s) != TermKind::kBlank) continue;
    std::string p = to_ntriples(dict_.term(q.p));
    if (dict_.kind(q.o) == TermKind::kBlank) {
      out1[q.s].push_back(p + " _");
      out2[q.s].emplace_back(p, q.o);
    } else {
      std::string e = p + " " + to_ntriples(dict_.term(q.o));
      out1[q.s].push_back(e);
      out2[q.s].emplace_back(e, kNoTerm);
    }
  }
  std::unordered_map<TermId, std::string> sig1;
  for (auto& [b, v] : out1) {
    std::sort(v.begin(), v.end());
    std::string s;
    for (auto& e : v) s += e + ";";
    sig1[b] = std::move(s);
  }
  // Incoming edges and graphs tell apart blank nodes with the same content (two addresses
  // in the same town, say) by who refers to them, so that labels do not depend on the input's.
  std::unordered_map<TermId, std::vector<std::string>> in;
  auto name = [&](TermId t) {
    if (t == kNoTerm) return std::string();
    return dict_.kind(t) == TermKind::kBlank ? "[" + sig1[t] + "]" : to_ntriples(dict_.term(t));
  };
  for (const IdQuad& q : quads) {
    if (dict_.kind(q.o) == TermKind::kBlank)
      in[q.o].push_back(to_ntriples(dict_.term(q.p)) + " " + name(q.s) + " " + name(q.g));
    if (q.g != kNoTerm && dict_.kind(q.s) == TermKind::kBlank) in[q.s].push_back("@ " + name(q.g));
  }
  for (TermId b : blanks_) {
    std::vector<std::string> parts;
    for (auto& [e, o] : out2[b]) parts.push_back(o == kNoTerm ? e : e + " [" + sig1[o] + "]");
    std::sort(parts.begin(), parts.end());
    std::string s;
    for (auto& e : parts) s += e + ";";
    // After the outgoing part, behind a separator below every character it holds, so the
    // order of blank nodes with different content stays as it was.
    std::vector<std::string>& incoming = in[b];
    std::sort(incoming.begin(), incoming.end());
    s += '\x01';
    for (auto& e : incoming) s += e + ";";
    signature_[b] = std::move(s);
  }
  // Initial order: signature, then current label.
  std::sort(blanks_.begin(), blanks_.end(), [&](TermId a, TermId b) {
    const std::string& sa = signature_[a];
    const std::string& sb = signature_[b];
    if (sa != sb) return sa < sb;
    return dict_.term(a).value < dict_.term(b).value;
  });
  for (std::size_t i = 0; i < blanks_.size(); ++i)
    blank_index_[blanks_[i]] = static_cast<std::uint32_t>(i);
}

void QuadWriter::sort_ranked() {
  auto r = [&](TermId t) -> std::uint32_t {
    if (t == kNoTerm) return 0;
    auto it = blank_index_.find(t);
    if (it != blank_index_.end()) return it->second + 1;
    return rank_[t] + 1;
  };
  for (Ranked& x : ranked_) {
    x.g = triples_only_ ? 0 : r(x.q.g);
    x.s = r(x.q.s);
    x.p = r(x.q.p);
    x.o = r(x.q.o);
  }
  std::sort(ranked_.begin(), ranked_.end(), [](const Ranked& a, const Ranked& b) {
    if (a.g != b.g) return a.g < b.g;
    if (a.s != b.s) return a.s < b.s;
    if (a.p != b.p) return a.p < b.p;
    return a.o < b.o;
  });
}

// Renumbers labelled blank nodes in order of first appearance; true if anything changed.
bool QuadWriter::relabel_once() {
  std::unordered_map<TermId, std::uint32_t> next;
  std::uint32_t counter = 0;
  auto visit = [&](TermId t) {
    if (t == kNoTerm || !blank_index_.count(t) || next.count(t)) return;
    next[t] = counter++;
  };
  for (const Ranked& x : ranked_) visit(x.q.g), visit(x.q.s), visit(x.q.o);
  bool changed = next != blank_index_;
  blank_index_ = std::move(next);
  return changed;
}

SerdNode QuadWriter::node_for(TermId id, std::string& storage, SerdNode* datatype,
                              std::string& dt_storage, SerdNode* lang) {
  TermView v = dict_.term(id);
  if (datatype != nullptr) *datatype = SERD_NODE_NULL;
  if (lang != nullptr) *lang = SERD_NODE_NULL;
  switch (v.kind) {
    case TermKind::kIri:
      storage.assign(v.value);
      return serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(storage.data()),
                                      storage.size());
    case TermKind::kBlank: {
      std::string digits = std::to_string(blank_index_[id]);
      storage =
          "n" + std::string(label_width_ - std::min(label_width_, digits.size()), '0') + digits;
      return serd_node_from_substring(SERD_BLANK, reinterpret_cast<const uint8_t*>(storage.data()),
                                      storage.size());
    }
    case TermKind::kLiteral:
      storage.assign(v.value);
      if (!v.lang.empty() && lang != nullptr) {
        dt_storage.assign(v.lang);
        *lang = serd_node_from_substring(
            SERD_LITERAL, reinterpret_cast<const uint8_t*>(dt_storage.data()), dt_storage.size());
      } else if (v.datatype != kXsdString && datatype != nullptr) {
        // serd writes xsd:integer/decimal/boolean literals bare in Turtle, judging by the
        // datatype alone, even when the lexical form is not a valid token ("20x1"^^xsd:integer
        // would come out as 20x1). For such literals, give the datatype as a CURIE, which
        // serd writes as it is and does not abbreviate.
        if (turtle_ && !bare_literal_ok(v)) {
          dt_storage = xsd_prefix_ + ":" + std::string(v.datatype.substr(kXsd.size()));
          *datatype = serd_node_from_substring(
              SERD_CURIE, reinterpret_cast<const uint8_t*>(dt_storage.data()), dt_storage.size());
        } else {
          dt_storage.assign(v.datatype);
          *datatype = serd_node_from_substring(
              SERD_URI, reinterpret_cast<const uint8_t*>(dt_storage.data()), dt_storage.size());
        }
      }
      return literal_node(storage);
  }
  return SERD_NODE_NULL;
}

void QuadWriter::emit(SerdStatementFlags flags, const IdQuad& q) {
  std::string gs, ss, ps, os, ds, unused1, unused2, unused3;
  SerdNode dt, lang;
  SerdNode g = SERD_NODE_NULL;
  if (!triples_only_ && q.g != kNoTerm) g = node_for(q.g, gs, nullptr, unused1, nullptr);
  SerdNode s = node_for(q.s, ss, nullptr, unused2, nullptr);
  SerdNode p = node_for(q.p, ps, nullptr, unused3, nullptr);
  SerdNode o = node_for(q.o, os, &dt, ds, &lang);
  serd_writer_write_statement(writer_, flags, g.buf != nullptr ? &g : nullptr, &s, &p, &o,
                              dt.buf != nullptr ? &dt : nullptr,
                              lang.buf != nullptr ? &lang : nullptr);
}

void QuadWriter::write_inline(TermId blank) {
  auto it = subject_range_.find(blank);
  if (it == subject_range_.end()) return;
  emit_subject_block(it->second.first, it->second.second, SERD_ANON_CONT);
  std::string storage, unused;
  SerdNode node = node_for(blank, storage, nullptr, unused, nullptr);
  serd_writer_end_anon(writer_, &node);
}

void QuadWriter::emit_subject_block(std::size_t begin, std::size_t end,
                                    SerdStatementFlags base_flags) {
  for (std::size_t i = begin; i < end; ++i) {
    const IdQuad& q = ranked_[i].q;
    if (turtle_ && inline_.count(q.o)) {
      if (subject_range_.count(q.o)) {
        emit(base_flags | SERD_ANON_O_BEGIN, q);
        write_inline(q.o);
      } else {
        // An empty inline node: written "[]".
        emit(base_flags | SERD_EMPTY_O, q);
      }
    } else {
      emit(base_flags, q);
    }
  }
}

bool QuadWriter::write(std::vector<IdQuad> quads) {
  const Syntax syn = options_.syntax;
  triples_only_ = !is_quad_syntax(syn);
  turtle_ = syn == Syntax::kTurtle || syn == Syntax::kTriG;
  if (triples_only_) {
    for (IdQuad& q : quads) q.g = kNoTerm;
  }
  rank_terms(quads);
  compute_blank_signatures(quads);
  ranked_.reserve(quads.size());
  for (const IdQuad& q : quads) ranked_.push_back(Ranked{0, 0, 0, 0, q});
  sort_ranked();
  ranked_.erase(std::unique(ranked_.begin(), ranked_.end(),
                            [](const Ranked& a, const Ranked& b) { return a.q == b.q; }),
                ranked_.end());

  // Inline candidates (Turtle/TriG): blank nodes used exactly once as an object, in the
  // same graph as their description, never as a graph name, and not in a cycle.
  if (turtle_) {
    std::unordered_map<TermId, TermId> object_graph;
    std::unordered_set<TermId> subject_elsewhere;
    for (const Ranked& x : ranked_) {
      if (dict_.kind(x.q.o) == TermKind::kBlank) {
        ++object_uses_[x.q.o];
        object_graph[x.q.o] = x.q.g;
      }
    }
    for (const Ranked& x : ranked_) {
      if (dict_.kind(x.q.s) == TermKind::kBlank && object_graph.count(x.q.s) &&
          object_graph[x.q.s] != x.q.g) {
        subject_elsewhere.insert(x.q.s);
      }
      if (x.q.g != kNoTerm) subject_elsewhere.insert(x.q.g);
    }
    for (auto& [b, uses] : object_uses_) {
      if (uses == 1 && !subject_elsewhere.count(b)) inline_.insert(b);
    }
    // Break cycles: follow the single parent of each inline node; a node that reaches
    // itself stays labelled.
    std::unordered_map<TermId, TermId> parent;
    for (const Ranked& x : ranked_) {
      if (inline_.count(x.q.o)) parent[x.q.o] = x.q.s;
    }
    for (auto it = inline_.begin(); it != inline_.end();) {
      TermId cur = parent[*it];
      bool cycle = false;
      for (std::size_t steps = 0; steps < parent.size() + 1; ++steps) {
        if (cur == *it) {
          cycle = true;
          break;
        }
        auto p = parent.find(cur);
        if (p == parent.end()) break;
        cur = p->second;
      }
      it = cycle ? inline_.erase(it) : std::next(it);
    }
    // Inline nodes get no label: exclude them from the labelled set.
    for (TermId b : inline_) blank_index_.erase(b);
  }
  // Canonical labels: iterate "sort, renumber by first appearance" to a fixed point.
  std::unordered_map<TermId, std::uint32_t> inline_index;
  if (turtle_) {
    // Inline nodes still need a stable position for sorting: their signature order.
    std::uint32_t n = 0;
    for (TermId b : blanks_) {
      if (inline_.count(b)) inline_index[b] = n++;
    }
  }
  auto with_inline = [&]() {
    for (auto& [b, i] : inline_index) blank_index_[b] = 1000000000u + i;
  };
  auto without_inline = [&]() {
    for (auto& [b, i] : inline_index) blank_index_.erase(b);
  };
  for (int round = 0; round < 8; ++round) {
    with_inline();
    sort_ranked();
    without_inline();
    if (!relabel_once()) break;
  }
  with_inline();
  sort_ranked();
  label_width_ = std::to_string(blank_index_.size()).size();

  for (std::size_t i = 0; i < ranked_.size();) {
    std::size_t j = i;
    while (j < ranked_.size() && ranked_[j].q.s == ranked_[i].q.s &&
           ranked_[j].q.g == ranked_[i].q.g)
      ++j;
    if (inline_.count(ranked_[i].q.s)) subject_range_[ranked_[i].q.s] = {i, j};
    i = j;
  }

  SerdStyle style = static_cast<SerdStyle>(0);
  if (turtle_) style = static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED);
  env_ = serd_env_new(nullptr);
  SerdSyntax serd_syntax = syn == Syntax::kTurtle   ? SERD_TURTLE
                           : syn == Syntax::kTriG   ? SERD_TRIG
                           : syn == Syntax::kNQuads ? SERD_NQUADS
                                                    : SERD_NTRIPLES;
  TrimmingSink sink{out_, {}};
  writer_ = serd_writer_new(serd_syntax, style, env_, nullptr, TrimmingSink::write, &sink);
  PrefixMap prefixes = options_.prefixes;
  if (turtle_) {
    // Literals that must keep their quotes need an XSD prefix (see node_for).
    bool need_xsd = std::any_of(ranked_.begin(), ranked_.end(), [&](const Ranked& x) {
      return dict_.kind(x.q.o) == TermKind::kLiteral && !bare_literal_ok(dict_.term(x.q.o));
    });
    if (need_xsd) {
      for (const Prefix& p : prefixes) {
        if (p.iri == kXsd) xsd_prefix_ = p.name;
      }
      if (xsd_prefix_.empty()) {
        xsd_prefix_ = "xsd";
        for (int i = 1; prefixes.contains(xsd_prefix_); ++i)
          xsd_prefix_ = "xsd" + std::to_string(i);
        prefixes.add(xsd_prefix_, std::string(kXsd));
      }
    }
    for (const Prefix& p : prefixes) {
      SerdNode name = serd_node_from_substring(
          SERD_LITERAL, reinterpret_cast<const uint8_t*>(p.name.data()), p.name.size());
      SerdNode uri = serd_node_from_substring(
          SERD_URI, reinterpret_cast<const uint8_t*>(p.iri.data()), p.iri.size());
      serd_env_set_prefix(env_, &name, &uri);
      serd_writer_set_prefix(writer_, &name, &uri);
    }
  }
  for (std::size_t i = 0; i < ranked_.size();) {
    std::size_t j = i;
    while (j < ranked_.size() && ranked_[j].q.s == ranked_[i].q.s &&
           ranked_[j].q.g == ranked_[i].q.g)
      ++j;
    if (!(turtle_ && inline_.count(ranked_[i].q.s))) emit_subject_block(i, j, 0);
    i = j;
  }
  serd_writer_finish(writer_);
  sink.finish();
  serd_writer_free(writer_);
  serd_env_free(env_);
  return std::fflush(out_) == 0 && !std::ferror(out_);
}

}  // namespace

bool write_quads(std::FILE* out, const Dictionary& dict, std::vector<IdQuad> quads,
                 const WriteOptions& options) {
  QuadWriter writer(out, dict, options);
  return writer.write(std::move(quads));
}

}  // namespace kennis::rdf
