// Reading RDF with serd 0.30. Every syntax goes through serd's reader; this file turns
// serd nodes into dictionary ids (expanding CURIEs, resolving relative IRIs against the
// base) and serd's errors into Diagnostics.
//
// Positions: serd reports file:line:col for its own syntax errors. For statement origins
// (and for errors serd does not see, such as an undefined prefix) the input is read one
// byte at a time through a counting source, which knows where serd is.
#include "rdf/reader.hpp"

#include <serd/serd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <zlib.h>

namespace kennis::rdf {

namespace {

// A byte source over zlib (which reads plain files as they are), or over a string.
struct Source {
  gzFile gz = nullptr;
  std::string_view text;
  std::size_t text_pos = 0;
  bool count = false;
  std::uint32_t line = 1;
  std::uint32_t col = 1;
  std::string line_bytes;  // when counting: the current line up to what serd has read
  std::string prev_line;   // when counting: the line before it
  bool failed = false;

  std::size_t read(void* buf, std::size_t n) {
    std::size_t got = 0;
    if (gz != nullptr) {
      int r = gzread(gz, buf, static_cast<unsigned>(n));
      if (r < 0) {
        failed = true;
        return 0;
      }
      got = static_cast<std::size_t>(r);
    } else {
      got = std::min(n, text.size() - text_pos);
      std::memcpy(buf, text.data() + text_pos, got);
      text_pos += got;
    }
    if (count) {
      const auto* bytes = static_cast<const unsigned char*>(buf);
      for (std::size_t i = 0; i < got; ++i) {
        if (bytes[i] == '\n') {
          ++line;
          col = 1;
          prev_line.swap(line_bytes);
          line_bytes.clear();
        } else {
          if ((bytes[i] & 0xC0) != 0x80) ++col;
          line_bytes += static_cast<char>(bytes[i]);
        }
      }
    }
    return got;
  }
};

std::size_t source_read(void* buf, std::size_t size, std::size_t nmemb, void* stream) {
  return static_cast<Source*>(stream)->read(buf, size * nmemb);
}

int source_error(void* stream) { return static_cast<Source*>(stream)->failed ? 1 : 0; }

std::string_view node_view(const SerdNode* n) {
  return {reinterpret_cast<const char*>(n->buf), n->n_bytes};
}

// True iff `s` holds a UTF-16 surrogate (U+D800..U+DFFF) encoded as UTF-8 (ED A0..BF xx),
// which serd produces for escapes such as \ud800; no RDF term may contain one.
bool has_surrogate(std::string_view s) {
  for (std::size_t i = s.find('\xED'); i != std::string_view::npos; i = s.find('\xED', i + 1)) {
    if (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) return true;
  }
  return false;
}

// The code-point column of byte column `byte_col` (1-based) in `line`.
std::uint32_t code_points_before(std::string_view line, std::uint32_t byte_col) {
  std::uint32_t col = 1;
  for (std::size_t i = 0; i + 1 < byte_col && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  if (byte_col > line.size() + 1) col += byte_col - static_cast<std::uint32_t>(line.size()) - 1;
  return col;
}

// The byte offset of the first byte in `s` that does not belong to a well-formed UTF-8
// sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80             ? 1
                          : (c & 0xE0) == 0xC0 ? 2
                          : (c & 0xF0) == 0xE0 ? 3
                          : (c & 0xF8) == 0xF0 ? 4
                                               : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

// The last escape of a UTF-16 surrogate (\uD800..\uDFFF or \U0000D800..) in `line`, or "".
std::string_view surrogate_escape(std::string_view line) {
  auto surrogate = [](char hi, char lo) {
    return (hi == 'd' || hi == 'D') && std::strchr("89abcdefABCDEF", lo) != nullptr && lo != 0;
  };
  std::string_view found;
  for (std::size_t i = line.find('\\'); i != std::string_view::npos; i = line.find('\\', i + 1)) {
    if (i + 5 < line.size() && line[i + 1] == 'u' && surrogate(line[i + 2], line[i + 3])) {
      found = line.substr(i, 6);
    } else if (i + 9 < line.size() && line[i + 1] == 'U' && line.substr(i + 2, 4) == "0000" &&
               surrogate(line[i + 6], line[i + 7])) {
      found = line.substr(i, 10);
    }
  }
  return found;
}

struct ReaderState {
  Dictionary& dict;
  StatementSink& sink;
  Syntax syntax;
  std::string name;
  Source* source = nullptr;
  SerdEnv* env = nullptr;
  ReadSummary summary;
  std::optional<base::Diagnostic> error;
  std::string base;  // the current base IRI (absolute), "" if none
  std::string iri_buf;
  std::string dt_buf;

  ReaderState(Dictionary& d, StatementSink& s, Syntax syn, std::string n)
      : dict(d), sink(s), syntax(syn), name(std::move(n)) {}

  base::SourceRange here() const {
    base::SourceRange r{name, {}, {}};
    if (source != nullptr && source->count) r.begin = {source->line, source->col};
    r.end = r.begin;
    return r;
  }

  bool is_turtle_family() const { return syntax == Syntax::kTurtle || syntax == Syntax::kTriG; }

  /// The surrogate escape in the current line (counting source only), or "".
  std::string current_surrogate_escape() const {
    if (source == nullptr || !source->count) return {};
    return std::string(surrogate_escape(source->line_bytes));
  }

  /// Records the first error, positioned where serd is; if `near` occurs in the current line
  /// before that point, at its last occurrence instead.
  void fail(std::string message, std::string_view near = {}) {
    if (error) return;
    base::SourceRange r = here();
    if (!near.empty() && source != nullptr && source->count) {
      const std::size_t at = source->line_bytes.rfind(near);
      if (at != std::string::npos) {
        r.begin.column = r.end.column =
            code_points_before(source->line_bytes, static_cast<std::uint32_t>(at + 1));
      }
    }
    error = base::Diagnostic::error(std::move(message), r);
  }

  // Expands a URI or CURIE node to a full IRI in `out`. Returns false (and records an
  // error) if it cannot.
  bool expand(const SerdNode* n, std::string& out) {
    if (n->type == SERD_CURIE) {
      if (!is_turtle_family()) {
        fail("prefixed name '" + std::string(node_view(n)) + "' is not allowed in " +
                 std::string(syntax == Syntax::kNTriples ? "N-Triples" : "N-Quads") +
                 "; write the full IRI in <...>",
             node_view(n));
        return false;
      }
      SerdChunk prefix{nullptr, 0}, suffix{nullptr, 0};
      if (serd_env_expand(env, n, &prefix, &suffix) != SERD_SUCCESS) {
        std::string_view curie = node_view(n);
        auto colon = curie.find(':');
        fail("undefined prefix '" + std::string(curie.substr(0, colon + 1)) + "' in '" +
                 std::string(curie) + "'",
             curie);
        return false;
      }
      out.assign(reinterpret_cast<const char*>(prefix.buf), prefix.len);
      out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
      return true;
    }
    std::string_view v = node_view(n);
    if (has_scheme(v)) {
      out.assign(v);
      return true;
    }
    if (syntax == Syntax::kNTriples || syntax == Syntax::kNQuads) {
      fail("relative IRI <" + std::string(v) + "> is not allowed in " +
           std::string(syntax == Syntax::kNTriples ? "N-Triples" : "N-Quads"));
      return false;
    }
    if (base.empty()) {
      fail("cannot resolve relative IRI <" + std::string(v) + "> without a base IRI");
      return false;
    }
    out = resolve_iri(base, v);
    return true;
  }

  TermId intern_node(const SerdNode* n, const SerdNode* datatype, const SerdNode* lang) {
    switch (n->type) {
      case SERD_URI:
      case SERD_CURIE:
        if (!expand(n, iri_buf)) return kNoTerm;
        if (has_surrogate(iri_buf)) {
          fail("IRI contains a UTF-16 surrogate (U+D800..U+DFFF), which is not a character",
               current_surrogate_escape());
          return kNoTerm;
        }
        return dict.intern(TermView{TermKind::kIri, iri_buf, {}, {}});
      case SERD_BLANK:
        return dict.intern(TermView{TermKind::kBlank, node_view(n), {}, {}});
      case SERD_LITERAL: {
        TermView v{TermKind::kLiteral, node_view(n), kXsdString, {}};
        if (has_surrogate(v.value)) {
          fail("string contains a UTF-16 surrogate (U+D800..U+DFFF), which is not a character",
               current_surrogate_escape());
          return kNoTerm;
        }
        if (lang != nullptr && lang->n_bytes > 0) {
          v.lang = node_view(lang);
          v.datatype = kRdfLangString;
        } else if (datatype != nullptr && datatype->n_bytes > 0) {
          if (!expand(datatype, dt_buf)) return kNoTerm;
          v.datatype = dt_buf;
        }
        return dict.intern(v);
      }
      default:
        fail("unexpected node");
        return kNoTerm;
    }
  }
};

SerdStatus on_base(void* handle, const SerdNode* uri) {
  auto* st = static_cast<ReaderState*>(handle);
  std::string_view v = node_view(uri);
  if (!has_scheme(v) && st->base.empty()) {
    st->fail("cannot resolve relative base IRI <" + std::string(v) + "> without a base IRI");
    return SERD_ERR_BAD_ARG;
  }
  st->base = has_scheme(v) ? std::string(v) : resolve_iri(st->base, v);
  const SerdNode abs = serd_node_from_substring(
      SERD_URI, reinterpret_cast<const uint8_t*>(st->base.data()), st->base.size());
  if (serd_env_set_base_uri(st->env, &abs) != SERD_SUCCESS) {
    st->fail("invalid base IRI <" + std::string(v) + ">");
    return SERD_ERR_BAD_ARG;
  }
  st->summary.base_iri = st->base;
  return SERD_SUCCESS;
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  auto* st = static_cast<ReaderState*>(handle);
  // A relative namespace IRI is resolved against the base, here rather than by serd (whose
  // resolver does not remove dot segments).
  std::string iri(node_view(uri));
  if (!has_scheme(iri)) {
    if (st->base.empty()) {
      st->fail("cannot resolve relative namespace IRI <" + iri + "> without a base IRI");
      return SERD_ERR_BAD_ARG;
    }
    iri = resolve_iri(st->base, iri);
  }
  const SerdNode abs =
      serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(iri.data()), iri.size());
  if (serd_env_set_prefix(st->env, name, &abs) != SERD_SUCCESS) {
    st->fail("invalid namespace IRI <" + std::string(node_view(uri)) + ">");
    return SERD_ERR_BAD_ARG;
  }
  st->summary.prefixes.set(std::string(node_view(name)), std::move(iri));
  return SERD_SUCCESS;
}

SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                        const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                        const SerdNode* datatype, const SerdNode* lang) {
  auto* st = static_cast<ReaderState*>(handle);
  if (st->error) return SERD_ERR_BAD_SYNTAX;
  TermId s = st->intern_node(subject, nullptr, nullptr);
  TermId p = st->intern_node(predicate, nullptr, nullptr);
  TermId o = st->intern_node(object, datatype, lang);
  TermId g = kNoTerm;
  if (graph != nullptr && graph->type != SERD_NOTHING && graph->n_bytes > 0) {
    // serd 0.30 reads "name { ... }" in Turtle as a graph; only TriG has graphs.
    if (!is_quad_syntax(st->syntax)) {
      st->fail("a graph ('" + std::string(node_view(graph)) + " { ... }') is not allowed in " +
                   std::string(st->syntax == Syntax::kTurtle ? "Turtle" : "N-Triples") +
                   "; named graphs need TriG",
               node_view(graph));
      return SERD_ERR_BAD_SYNTAX;
    }
    g = st->intern_node(graph, nullptr, nullptr);
  }
  if (st->error) return SERD_ERR_BAD_SYNTAX;
  std::uint32_t line = 0, col = 0;
  if (st->source != nullptr && st->source->count) line = st->source->line, col = st->source->col;
  st->sink.statement(s, p, o, g, line, col);
  ++st->summary.statements;
  return SERD_SUCCESS;
}

SerdStatus on_error(void* handle, const SerdError* e) {
  auto* st = static_cast<ReaderState*>(handle);
  if (st->error) return SERD_SUCCESS;
  char buf[1024];
  va_list args;
  va_copy(args, *e->args);
  std::vsnprintf(buf, sizeof buf, e->fmt, args);
  va_end(args);
  std::string message(buf);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // serd 0.30's column is the 0-based byte offset of the offending (next) character, except
  // on line 1, whose cursor starts at 1, and where reading byte by byte (the counting source)
  // adds one more. Columns are reported 1-based in code points when the line is known.
  const bool counting = st->source != nullptr && st->source->count;
  std::uint32_t col = e->col + 1;
  if (e->line == 1) col = counting ? e->col - 1 : e->col;
  col = std::max<std::uint32_t>(col, 1);
  if (counting) {
    const std::string* text = st->source->line == e->line       ? &st->source->line_bytes
                              : st->source->line == e->line + 1 ? &st->source->prev_line
                                                                : nullptr;
    if (text != nullptr) {
      // serd reports bad UTF-8 after reading past it: point at the first bad byte; and it
      // finds a missing IRI scheme at the closing '>': point at the IRI's '<'.
      std::size_t at = std::string::npos;
      if (message.rfind("invalid UTF-8", 0) == 0) {
        at = first_invalid_utf8(*text);
      } else if (message.find("IRI scheme") != std::string::npos && col >= 2) {
        at = text->rfind('<', col - 2);
      }
      col = at != std::string::npos ? code_points_before(*text, static_cast<std::uint32_t>(at + 1))
                                    : code_points_before(*text, col);
    }
  }
  base::SourceRange range{st->name, {e->line, col}, {e->line, col}};
  if (e->line == 0) range.begin = range.end = {};
  st->error = base::Diagnostic::error(message, range);
  return SERD_SUCCESS;
}

SerdSyntax to_serd(Syntax s) {
  switch (s) {
    case Syntax::kTurtle:
      return SERD_TURTLE;
    case Syntax::kTriG:
      return SERD_TRIG;
    case Syntax::kNTriples:
      return SERD_NTRIPLES;
    case Syntax::kNQuads:
      return SERD_NQUADS;
  }
  return SERD_TURTLE;
}

class NullSink : public StatementSink {
 public:
  void statement(TermId, TermId, TermId, TermId, std::uint32_t, std::uint32_t) override {}
};

base::Result<ReadSummary> run_reader(Source& source, const std::string& name, Syntax syntax,
                                     Dictionary& dict, StatementSink& sink,
                                     const ReadOptions& options) {
  ReaderState st(dict, sink, syntax, name);
  st.source = &source;
  SerdNode base_node =
      serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(options.base_iri.c_str()));
  st.env = serd_env_new(options.base_iri.empty() ? nullptr : &base_node);
  st.summary.base_iri = options.base_iri;
  st.base = options.base_iri;
  SerdReader* reader =
      serd_reader_new(to_serd(syntax), &st, nullptr, on_base, on_prefix, on_statement, nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, on_error, &st);
  if (!options.blank_prefix.empty()) {
    serd_reader_add_blank_prefix(reader,
                                 reinterpret_cast<const uint8_t*>(options.blank_prefix.c_str()));
  }
  SerdStatus status = serd_reader_read_source(reader, source_read, source_error, &source,
                                              reinterpret_cast<const uint8_t*>(name.c_str()),
                                              source.count ? 1 : 4096);
  serd_reader_free(reader);
  serd_env_free(st.env);
  if (source.failed && !st.error) {
    st.error = base::Diagnostic::error("cannot read: " + std::string(std::strerror(errno)),
                                       base::SourceRange{name, {}, {}});
  }
  if (!st.error && status != SERD_SUCCESS && status != SERD_FAILURE) {
    st.error = base::Diagnostic::error(serd_strerror(status) == nullptr
                                           ? std::string("syntax error")
                                           : reinterpret_cast<const char*>(serd_strerror(status)),
                                       base::SourceRange{name, {}, {}});
  }
  if (st.error) return *st.error;
  return std::move(st.summary);
}

}  // namespace

base::Result<ReadSummary> read_file(const std::string& path, Dictionary& dict, StatementSink& sink,
                                    const ReadOptions& options) {
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? "<stdin>" : path;
  std::optional<Syntax> syntax = options.syntax;
  if (!syntax) syntax = syntax_from_path(path);
  if (!syntax) {
    return base::Diagnostic::error("cannot tell the RDF syntax of '" + path +
                                   "' from its extension; use --format (" +
                                   std::string(syntax_choices()) + ")");
  }
  // A FIFO or a device is read once, as a stream, when its syntax is given.
  bool is_stream = is_stdin;
  if (!is_stdin) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    is_stream = options.syntax && std::filesystem::exists(status) &&
                !std::filesystem::is_regular_file(status) && !std::filesystem::is_directory(status);
    if (!std::filesystem::is_regular_file(status) && !is_stream) {
      return base::Diagnostic::error(
          std::string(std::filesystem::exists(status) ? "not a regular file" : "no such file") +
          ": '" + path + "'");
    }
  }
  ReadOptions opts = options;
  if (opts.base_iri.empty()) opts.base_iri = is_stdin ? "file:///dev/stdin" : file_iri(path);

  auto open = [&](Source& src) {
    src.gz = is_stdin ? gzdopen(dup(0), "rb") : gzopen(path.c_str(), "rb");
    if (src.gz != nullptr) gzbuffer(src.gz, 1 << 17);
    return src.gz != nullptr;
  };
  Source source;
  source.count = opts.track_origins;
  if (!open(source)) {
    return base::Diagnostic::error("cannot open '" + path + "': " + std::strerror(errno));
  }
  auto result = run_reader(source, name, *syntax, dict, sink, opts);
  gzclose(source.gz);
  // On an error, read again counting characters: this positions errors that serd does not
  // see (an undefined prefix, say) and turns serd's byte columns into code points. Errors
  // are rare, so the fast path stays fast.
  if (!result.ok() && result.error().range.file == name && !opts.track_origins && !is_stream) {
    Source again;
    again.count = true;
    if (open(again)) {
      NullSink null_sink;
      auto located = run_reader(again, name, *syntax, dict, null_sink, opts);
      gzclose(again.gz);
      if (!located.ok()) return located.error();
    }
  }
  return result;
}

base::Result<ReadSummary> read_string(std::string_view text, const std::string& name,
                                      Dictionary& dict, StatementSink& sink,
                                      const ReadOptions& options) {
  Source source;
  source.text = text;
  source.count = true;
  Syntax syntax = options.syntax.value_or(Syntax::kTurtle);
  return run_reader(source, name, syntax, dict, sink, options);
}

}  // namespace kennis::rdf
