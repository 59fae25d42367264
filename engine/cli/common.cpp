#include "cli/common.hpp"

#include "base/error.hpp"

#include <cstdio>
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

store::LoadStats load_or_throw(store::Dataset& ds, const std::vector<std::string>& paths,
                               const store::LoadOptions& options) {
  auto files = store::Dataset::expand_paths(paths);
  if (!files.ok()) throw base::UsageError(files.error().message);
  for (const std::string& f : files.value()) {
    if (f == "-" && !options.syntax) {
      throw base::UsageError("reading standard input needs --format (" +
                             std::string(rdf::syntax_choices()) + ")");
    }
    if (f != "-" && !options.syntax && !rdf::syntax_from_path(f)) {
      throw base::UsageError("cannot tell the RDF syntax of '" + f +
                             "' from its extension; use --format (" +
                             std::string(rdf::syntax_choices()) + ")");
    }
  }
  auto stats = ds.load(paths, options);
  if (!stats.ok()) throw base::DataError(stats.error());
  return stats.value();
}

Output::Output(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") return;
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A device, FIFO or socket: write to it directly; renaming over it would replace it.
    direct_ = std::fopen(path.c_str(), "wb");
    if (direct_ == nullptr) {
      throw base::DataError(base::Diagnostic::error("cannot open '" + path + "' for writing"));
    }
    return;
  }
  file_ = std::make_unique<base::AtomicFile>(path);
}

Output::~Output() {
  if (direct_ != nullptr) std::fclose(direct_);
}

std::FILE* Output::stream() { return file_ ? file_->stream() : direct_ ? direct_ : stdout; }

void Output::commit() {
  if (file_) {
    file_->commit();
    return;
  }
  std::FILE* f = direct_ ? direct_ : stdout;
  if (std::fflush(f) != 0 || std::ferror(f)) {
    throw base::DataError(base::Diagnostic::error(
        "cannot write to " + (direct_ ? "'" + path_ + "'" : std::string("standard output"))));
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

}  // namespace kennis::cli
