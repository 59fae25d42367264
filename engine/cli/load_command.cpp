// kennis load PATH... [--stats] [--input-format F]   and   kennis stats PATH...
// Loads RDF files into a fresh store and reports what was loaded.
#include "base/error.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

namespace kennis::cli {

namespace {

struct LoadArgs {
  std::vector<std::string> paths;
  std::string format;
  bool stats = false;
  bool json = false;
};

void print_stats(const store::Dataset& ds, const store::LoadStats& ls, std::ostream& out) {
  const auto& st = ds.store();
  const auto& dict = ds.dict();
  out << "triples:        " << st.size() << "\n";
  out << "statements:     " << ls.statements << " read from " << ls.files << " file"
      << (ls.files == 1 ? "" : "s") << "\n";
  out << "distinct terms: " << dict.size() << "\n";
  auto graphs = st.graphs();
  out << "graphs:         " << graphs.size() << "\n";
  for (store::TermId g : graphs) {
    const auto* table = st.graph(g);
    out << "  "
        << (g == store::kDefaultGraph ? std::string("(default graph)")
                                      : rdf::to_ntriples(dict.term(g)))
        << "  " << table->size() << "\n";
  }
  // Predicates across all graphs, most frequent first.
  std::vector<std::pair<store::TermId, std::size_t>> preds;
  for (store::TermId g : graphs) {
    for (auto& pc : st.graph(g)->predicate_counts()) preds.push_back(pc);
  }
  std::sort(preds.begin(), preds.end());
  std::vector<std::pair<store::TermId, std::size_t>> merged;
  for (auto& pc : preds) {
    if (!merged.empty() && merged.back().first == pc.first) {
      merged.back().second += pc.second;
    } else {
      merged.push_back(pc);
    }
  }
  std::stable_sort(merged.begin(), merged.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  out << "predicates:     " << merged.size() << "\n";
  for (auto& [p, n] : merged) {
    out << "  " << n << "\t" << rdf::to_ntriples(dict.term(p)) << "\n";
  }
  const double triples = std::max<double>(1.0, static_cast<double>(st.size()));
  out << "memory:         store " << human_bytes(static_cast<double>(st.memory_bytes()))
      << ", dictionary " << human_bytes(static_cast<double>(dict.memory_bytes())) << ", peak RSS "
      << human_bytes(static_cast<double>(peak_rss_bytes())) << " ("
      << static_cast<long>(static_cast<double>(peak_rss_bytes()) / triples) << " B/triple)\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f s (%.0f triples/s)", ls.seconds,
                static_cast<double>(ls.statements) / std::max(ls.seconds, 1e-9));
  out << "load time:      " << buf << "\n";
}

void run(const LoadArgs& args, bool always_stats) {
  session::Options options = session_options(args.format);
  options.input_syntax_option = "--format";
  session::Session ses(options);
  const store::LoadStats ls = ses.load(args.paths);
  const store::Dataset& ds = ses.data();
  if (always_stats || args.stats) {
    print_stats(ds, ls, std::cout);
  } else {
    std::printf("loaded %zu triples (%zu statements) from %zu file%s in %.3f s\n",
                ds.store().size(), ls.statements, ls.files, ls.files == 1 ? "" : "s", ls.seconds);
  }
}

void add_common(CLI::App* cmd, const std::shared_ptr<LoadArgs>& args) {
  cmd->add_option("paths", args->paths, "RDF files or folders (recursively); - for stdin")
      ->required();
  // These commands write no RDF, so --format names what they read (as --input-format).
  cmd->add_option("--input-format,--format", args->format,
                  "syntax of the data read: nt, nq, ttl, trig (default: by extension; needed "
                  "for - on standard input)");
}

}  // namespace

void register_load(CLI::App& app) {
  auto args = std::make_shared<LoadArgs>();
  auto* cmd = app.add_subcommand("load", "Load RDF files and report what was loaded");
  add_common(cmd, args);
  cmd->add_flag("--stats", args->stats, "print full statistics (as `kennis stats`)");
  cmd->callback([args] { run(*args, false); });
}

void register_stats(CLI::App& app) {
  auto args = std::make_shared<LoadArgs>();
  auto* cmd = app.add_subcommand(
      "stats", "Load RDF files and print triples, terms, graphs, predicates, memory, time");
  add_common(cmd, args);
  cmd->callback([args] { run(*args, true); });
}

}  // namespace kennis::cli
