#include "cli/common.hpp"

#include "base/error.hpp"
#include "rdf/writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/resource.h>

namespace kennis::cli {

rdf::Syntax parse_syntax(const std::string& name) {
  auto s = rdf::syntax_from_name(name);
  if (!s) {
    throw base::UsageError("unknown format '" + name + "' (choose from " +
                           std::string(rdf::syntax_choices()) + ")");
  }
  return *s;
}

void add_input_format(CLI::App* cmd, std::string& value) {
  cmd->add_option("--input-format", value,
                  "syntax of the data read: nt, nq, ttl, trig (default: by extension; needed "
                  "for - on standard input)");
}

session::Options session_options(const std::string& input_format) {
  session::Options o;
  if (!input_format.empty()) o.input_syntax = parse_syntax(input_format);
  return o;
}

void split_rule_args(std::vector<std::string>& rules, std::vector<std::string>& data) {
  std::vector<std::string> keep, rest;
  for (std::string& r : rules) {
    const bool is_rules = r.size() > 6 && r.compare(r.size() - 6, 6, ".rules") == 0;
    (is_rules ? keep : rest).push_back(std::move(r));
  }
  if (keep.empty()) throw base::UsageError("--rules needs at least one rule file (*.rules)");
  rest.insert(rest.end(), data.begin(), data.end());
  rules = std::move(keep);
  data = std::move(rest);
}

void check_one_stdin(const std::vector<std::string>& paths) {
  if (std::count(paths.begin(), paths.end(), "-") > 1) {
    throw base::UsageError("standard input (-) can be read only once");
  }
}

void check_output_path(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw base::DataError(
        base::Diagnostic::error("cannot write '" + path + "': it is a folder, not a file"));
  }
}

bool is_stream_path(const std::string& path) { return !store::Dataset::stream_kind(path).empty(); }

Output::Output(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") return;
  check_output_path(path);
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A device, FIFO or socket: write to it directly; renaming over it would replace it.
    direct_ = std::fopen(path.c_str(), "wb");
    if (direct_ == nullptr) {
      throw base::DataError(base::Diagnostic::error("cannot open '" + path +
                                                    "' for writing: " + std::strerror(errno)));
    }
    return;
  }
  file_ = std::make_unique<base::AtomicFile>(path);
}

Output::~Output() {
  if (direct_ != nullptr) std::fclose(direct_);
}

std::FILE* Output::stream() { return file_ ? file_->stream() : direct_ ? direct_ : stdout; }

std::string Output::name() const { return is_stdout() ? std::string("<stdout>") : path_; }

void Output::commit() {
  if (file_) {
    file_->commit();
    return;
  }
  std::FILE* f = direct_ ? direct_ : stdout;
  errno = 0;
  if (std::fflush(f) != 0 || std::ferror(f)) {
    const int err = errno;  // 0 if the error was an earlier write's
    throw base::DataError(base::Diagnostic::error(
        "cannot write to " + (direct_ ? "'" + path_ + "'" : std::string("standard output")) +
        (err != 0 ? std::string(": ") + std::strerror(err) : std::string())));
  }
}

void write_graph(Output& out, const store::Dataset& ds, store::TermId graph, rdf::Syntax syntax,
                 rdf::PrefixMap prefixes) {
  std::vector<rdf::IdQuad> quads;
  store::Pattern pat;
  pat.g = graph;
  ds.store().for_each(pat, [&](const store::Quad& q) {
    quads.push_back(rdf::IdQuad{q.s, q.p, q.o, q.g == store::kDefaultGraph ? rdf::kNoTerm : q.g});
  });
  rdf::WriteOptions wo;
  wo.syntax = syntax;
  wo.prefixes = std::move(prefixes);
  errno = 0;
  if (!rdf::write_quads(out.stream(), ds.dict(), std::move(quads), wo)) {
    const int err = errno;
    throw base::DataError(base::Diagnostic::error(
        "cannot write '" + out.name() + "'" +
        (err != 0 ? std::string(": ") + std::strerror(err) : std::string())));
  }
}

std::size_t peak_rss_bytes() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

std::string seconds(double s) {
  char buf[32];
  if (s < 0.01) {
    std::snprintf(buf, sizeof buf, "%.3f ms", s * 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.3f s", s);
  }
  return buf;
}

std::optional<store::TermId> parse_graph_option(const std::string& value, store::Dataset& ds) {
  if (value == "all") return std::nullopt;
  if (value == "default") return store::kDefaultGraph;
  std::string iri = value;
  if (iri.size() >= 2 && iri.front() == '<' && iri.back() == '>')
    iri = iri.substr(1, iri.size() - 2);
  if (iri.find(':') == std::string::npos) {
    throw base::UsageError("--graph takes 'default', 'all' or an IRI, not '" + value + "'");
  }
  store::TermId id = ds.dict().find_iri(iri);
  // An IRI not in the data selects an empty graph (an id no graph has).
  return id == rdf::kNoTerm ? store::kDefaultGraph - 1 : id;
}

void add_limit_options(CLI::App* cmd, LimitArgs& args, const std::string& what, bool rows,
                       bool derived) {
  cmd->add_option("--timeout", args.timeout,
                  "stop " + what +
                      " after SECONDS, e.g. 30 or 0.5 (exit code 3; default: no "
                      "limit)");
  if (rows) {
    cmd->add_option("--max-rows", args.max_rows,
                    "stop " + what +
                        " if its answer has more than N rows or triples (exit code "
                        "3; default: no limit)");
  }
  cmd->add_option("--max-memory", args.max_memory,
                  "stop " + what +
                      " if the process holds more than SIZE of memory, e.g. 512M, "
                      "2G (exit code 3; default: no limit)");
  if (derived) {
    cmd->add_option("--max-derived", args.max_derived,
                    "stop " + what +
                        " if it derives more than N triples (exit code 3; default: "
                        "no limit)");
  }
}

base::Limits parse_limits(const LimitArgs& args) {
  base::Limits limits;
  if (!args.timeout.empty()) {
    char* end = nullptr;
    const double s = std::strtod(args.timeout.c_str(), &end);
    if (end == args.timeout.c_str() || *end != '\0' || !(s >= 0) || s > 1e9) {
      throw base::UsageError("--timeout takes a number of seconds such as 30 or 0.5, not '" +
                             args.timeout + "'");
    }
    limits.timeout_seconds = s;
  }
  limits.max_rows = args.max_rows;
  limits.max_derived = args.max_derived;
  if (!args.max_memory.empty()) {
    const auto size = base::parse_size(args.max_memory);
    if (!size) {
      throw base::UsageError(
          "--max-memory takes a size such as 512M or 2G (K, M, G, T: powers "
          "of 1024), not '" +
          args.max_memory + "'");
    }
    limits.max_memory = *size;
  }
  return limits;
}

}  // namespace kennis::cli
