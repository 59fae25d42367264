// Dataset: one dictionary, one quad store, and what was learnt while loading them (the files,
// their prefixes, and optionally where each asserted triple came from). Loading, reasoning
// and querying all work on one Dataset.
#pragma once

#include "base/result.hpp"
#include "rdf/dictionary.hpp"
#include "rdf/reader.hpp"
#include "store/quad_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kennis::store {

/// Where an asserted triple was read: file index into Dataset::files(), line, column.
struct Origin {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct LoadOptions {
  /// Forces the syntax of every file (otherwise by extension).
  std::optional<rdf::Syntax> syntax;
  /// Keep the origin (file:line:col) of each asserted quad. Costs memory and load speed.
  bool track_origins = false;
  /// Load triple-syntax files into this graph instead of the default graph.
  TermId into_graph = kDefaultGraph;
};

struct LoadStats {
  std::size_t files = 0;
  std::size_t statements = 0;   ///< statements read (before de-duplication)
  std::size_t quads_added = 0;  ///< new distinct quads
  double seconds = 0;
};

struct QuadHash {
  std::size_t operator()(const Quad& q) const {
    std::uint64_t h = q.s;
    h = h * 0x9E3779B97F4A7C15ULL ^ q.p;
    h = h * 0x9E3779B97F4A7C15ULL ^ q.o;
    h = h * 0x9E3779B97F4A7C15ULL ^ q.g;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

class Dataset {
 public:
  rdf::Dictionary& dict() { return dict_; }
  const rdf::Dictionary& dict() const { return dict_; }
  QuadStore& store() { return store_; }
  const QuadStore& store() const { return store_; }

  /// Loads each path (a file, "-" for stdin, or a folder: every RDF file under it,
  /// recursively, in sorted order). Stops at the first error and returns it; the dataset
  /// then holds everything read before the error.
  base::Result<LoadStats> load(const std::vector<std::string>& paths, const LoadOptions& options);
  /// Loads a document given as text (`options.syntax` must be set); `name` stands for it in
  /// diagnostics and origins.
  base::Result<LoadStats> load_text(std::string_view text, const std::string& name,
                                    const LoadOptions& options);

  /// Expands folders into the RDF files under them (sorted); files are kept as given.
  /// Returns an error for a path that does not exist.
  static base::Result<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths);

  /// For a path that exists and is neither a regular file nor a folder, what it is: "a FIFO",
  /// "a character device", "a block device", "a socket" (such a path is read once, as a
  /// stream, and only in a syntax the user names); empty otherwise.
  static std::string stream_kind(const std::string& path);

  /// Files loaded, in order.
  const std::vector<std::string>& files() const { return files_; }
  /// Prefixes declared across all loaded files (first declaration of each name wins).
  const rdf::PrefixMap& prefixes() const { return prefixes_; }
  /// The origin of an asserted quad, if origins were tracked and the quad was loaded.
  std::optional<Origin> origin(const Quad& q) const;
  /// "file:line:col" for an origin.
  std::string describe(const Origin& o) const;

 private:
  template <class Read>
  base::Result<LoadStats> load_one(const std::string& name, const LoadOptions& options,
                                   Read&& read);

  rdf::Dictionary dict_;
  QuadStore store_;
  std::vector<std::string> files_;
  rdf::PrefixMap prefixes_;
  std::unordered_map<Quad, Origin, QuadHash> origins_;
};

}  // namespace kennis::store
