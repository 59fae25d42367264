#include "store/dataset.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace kennis::store {

namespace {

// Collects statements per graph as SPO keys for QuadStore::insert_bulk.
class BulkSink : public rdf::StatementSink {
 public:
  BulkSink(TermId into_graph, std::unordered_map<Quad, Origin, QuadHash>* origins,
           std::uint32_t file_index)
      : into_graph_(into_graph), origins_(origins), file_index_(file_index) {}

  void statement(TermId s, TermId p, TermId o, TermId g, std::uint32_t line,
                 std::uint32_t col) override {
    const TermId graph = g == kNoTerm ? into_graph_ : g;
    std::vector<Key>* keys = graph == into_graph_ ? &first_ : &by_graph_[graph];
    keys->push_back(Key{s, p, o});
    if (origins_ != nullptr)
      origins_->try_emplace(Quad{s, p, o, graph}, Origin{file_index_, line, col});
  }

  std::size_t flush(QuadStore& store) {
    std::size_t added = 0;
    if (!first_.empty()) added += store.insert_bulk(into_graph_, std::move(first_));
    for (auto& [g, keys] : by_graph_) added += store.insert_bulk(g, std::move(keys));
    by_graph_.clear();
    return added;
  }

 private:
  TermId into_graph_;
  std::unordered_map<Quad, Origin, QuadHash>* origins_;
  std::uint32_t file_index_;
  std::vector<Key> first_;
  std::map<TermId, std::vector<Key>> by_graph_;
};

bool is_rdf_file(const std::filesystem::path& p) {
  return rdf::syntax_from_path(p.string()).has_value();
}

}  // namespace

base::Result<std::vector<std::string>> Dataset::expand_paths(
    const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               path, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_rdf_file(it->path()))
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, ec)) {
      out.push_back(path);
    } else {
      return base::Diagnostic::error("no such file or folder: '" + path + "'");
    }
  }
  return out;
}

std::string Dataset::stream_kind(const std::string& path) {
  std::error_code ec;
  switch (std::filesystem::status(path, ec).type()) {
    case std::filesystem::file_type::fifo:
      return "a FIFO";
    case std::filesystem::file_type::character:
      return "a character device";
    case std::filesystem::file_type::block:
      return "a block device";
    case std::filesystem::file_type::socket:
      return "a socket";
    default:
      return {};
  }
}

template <class Read>
base::Result<LoadStats> Dataset::load_one(const std::string& name, const LoadOptions& options,
                                          Read&& read) {
  const auto file_index = static_cast<std::uint32_t>(files_.size());
  files_.push_back(name);
  BulkSink sink(options.into_graph, options.track_origins ? &origins_ : nullptr, file_index);
  rdf::ReadOptions ro;
  ro.syntax = options.syntax;
  ro.track_origins = options.track_origins;
  // Blank nodes are scoped to their document.
  ro.blank_prefix = "f" + std::to_string(file_index) + "_";
  base::Result<rdf::ReadSummary> summary = read(sink, ro);
  if (!summary.ok()) return summary.error();
  prefixes_.merge(summary->prefixes);
  LoadStats stats;
  stats.statements = summary->statements;
  stats.quads_added = sink.flush(store_);
  return stats;
}

base::Result<LoadStats> Dataset::load(const std::vector<std::string>& paths,
                                      const LoadOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto files = expand_paths(paths);
  if (!files.ok()) return files.error();
  LoadStats stats;
  for (const std::string& file : files.value()) {
    auto added = load_one(file, options, [&](rdf::StatementSink& sink, const rdf::ReadOptions& ro) {
      return rdf::read_file(file, dict_, sink, ro);
    });
    if (!added.ok()) return added.error();
    stats.statements += added->statements;
    stats.quads_added += added->quads_added;
    ++stats.files;
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

base::Result<LoadStats> Dataset::load_text(std::string_view text, const std::string& name,
                                           const LoadOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto stats = load_one(name, options, [&](rdf::StatementSink& sink, const rdf::ReadOptions& ro) {
    return rdf::read_string(text, name, dict_, sink, ro);
  });
  if (!stats.ok()) return stats.error();
  stats->files = 1;
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

std::optional<Origin> Dataset::origin(const Quad& q) const {
  auto it = origins_.find(q);
  if (it == origins_.end()) return std::nullopt;
  return it->second;
}

std::string Dataset::describe(const Origin& o) const {
  std::string file = o.file < files_.size() ? files_[o.file] : "?";
  return file + ":" + std::to_string(o.line) + ":" + std::to_string(o.column);
}

}  // namespace kennis::store
