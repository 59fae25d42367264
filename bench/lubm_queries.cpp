// The 14 LUBM queries over a materialised LUBM closure, timed in process: for each query one
// warm-up run, then REPS runs of parse + translate + plan + execute with every solution
// collected into a result table (no serialisation), and the median. Prints one line per
// query: name, answer count, median ms, min ms, and OK / MISMATCH against expected counts.
//
//   lubm_queries [--reps N] [--expected FILE.tsv --column NAME] [--disable-pass NAME]...
//                DATA QUERY_DIR
//
// FILE.tsv is ../shared/datasets/lubm/expected-counts.tsv (column e.g. lubm10_complete).
// Exit status 1 if a count differs from the expected one. Used by bench/lubm_queries.sh,
// which adds the peer engine's figures.
#include "base/error.hpp"
#include "session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, long> read_expected(const std::string& path, const std::string& column) {
  std::map<std::string, long> out;
  std::ifstream in(path);
  std::string line;
  int col = -1;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    if (col < 0) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == column) col = static_cast<int>(i);
      }
      if (col < 0) {
        std::cerr << "no column " << column << " in " << path << "\n";
        return out;
      }
      continue;
    }
    if (static_cast<std::size_t>(col) < cells.size()) {
      out[cells[0]] = std::stol(cells[static_cast<std::size_t>(col)]);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  std::string expected_path;
  std::string column = "lubm10_complete";
  std::vector<std::string> positional;
  std::vector<std::string> disabled;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--reps" && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--expected" && i + 1 < argc) {
      expected_path = argv[++i];
    } else if (arg == "--disable-pass" && i + 1 < argc) {
      disabled.emplace_back(argv[++i]);
    } else if (arg == "--column" && i + 1 < argc) {
      column = argv[++i];
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) {
    std::cerr << "usage: lubm_queries [--reps N] [--expected FILE.tsv --column NAME] DATA "
                 "QUERY_DIR\n";
    return 2;
  }
  const std::string data = positional[0];
  const std::string query_dir = positional[1];
  if (!std::filesystem::exists(data) || !std::filesystem::is_directory(query_dir)) {
    std::cout << "skipped: no LUBM data at " << data << "\n";
    return 77;
  }
  std::vector<std::string> queries;
  for (const auto& e : std::filesystem::directory_iterator(query_dir)) {
    if (e.path().extension() == ".rq") queries.push_back(e.path().string());
  }
  std::sort(queries.begin(), queries.end());
  const auto expected =
      expected_path.empty() ? std::map<std::string, long>{} : read_expected(expected_path, column);

  using Clock = std::chrono::steady_clock;
  kennis::session::Session session;
  const auto t0 = Clock::now();
  try {
    session.load({data});
  } catch (const kennis::base::DataError& e) {
    std::cerr << kennis::base::to_string(e.diagnostics().front()) << "\n";
    return 1;
  }
  std::printf("load\t%zu triples\t%.3f s\n", session.data().store().size(),
              std::chrono::duration<double>(Clock::now() - t0).count());
  std::printf("query\tcount\tmedian_ms\tmin_ms\tcheck\n");
  bool all_ok = true;
  for (const auto& path : queries) {
    const std::string name = std::filesystem::path(path).stem().string();
    const std::string text = read_text(path);
    std::vector<double> times;
    std::size_t count = 0;
    bool failed = false;
    kennis::session::QuerySpec spec;
    spec.text = text;
    spec.source = path;
    spec.disabled_passes = disabled;
    for (int r = -1; r < reps; ++r) {
      const auto start = Clock::now();
      kennis::session::PreparedQuery prepared;
      try {
        prepared = session.prepare(spec);
      } catch (const kennis::base::DataError& e) {
        std::cerr << kennis::base::to_string(e.diagnostics().front()) << "\n";
        failed = true;
        break;
      }
      const auto result = session.execute(prepared);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      count = result.table.rows();
      if (r >= 0) times.push_back(ms);
    }
    if (failed) {
      std::printf("%s\t-\t-\t-\tERROR\n", name.c_str());
      all_ok = false;
      continue;
    }
    std::sort(times.begin(), times.end());
    const double median = times.size() % 2 == 1
                              ? times[times.size() / 2]
                              : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
    std::string check;
    auto it = expected.find(name);
    if (it != expected.end()) {
      const bool ok = static_cast<long>(count) == it->second;
      all_ok = all_ok && ok;
      check = ok ? "OK" : "MISMATCH(expected " + std::to_string(it->second) + ")";
    }
    std::printf("%s\t%zu\t%.3f\t%.3f\t%s\n", name.c_str(), count, median, times.front(),
                check.c_str());
    std::fflush(stdout);
  }
  return all_ok ? 0 : 1;
}
