// reason_bench: materialisation and incremental-update figures for a rule set over RDF data.
//
//   reason_bench --rules R.rules [R2.rules...] --data FILE... [--updates 1,100,10000] [--seed N]
//                [--threads N] [--repeat N]
//
// Prints: load time, materialisation time, derived triples per second, peak memory, and for
// each update size N the time to remove N random asserted triples and to add them back
// (each an incremental update), against the time of the full materialisation. After each
// pair the inferred graph must be the original one again (checked: same size). bench/reason.sh
// runs it on LUBM(10) and on a generated 1 M-triple file.
#include "base/error.hpp"
#include "session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <time.h>
#include <vector>

namespace {

using namespace kennis;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// CPU time of this process: what the work costs when other processes share the machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double peak_mib() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int usage() {
  std::fprintf(stderr,
               "usage: reason_bench --rules FILE... --data FILE... [--updates 1,100,10000] "
               "[--seed N] [--threads N] [--repeat N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> rule_files, data_files;
  std::vector<std::size_t> sizes = {1, 100, 10000};
  unsigned seed = 1;
  unsigned threads = 0;
  unsigned repeat = 5;
  std::vector<std::string>* into = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rules") {
      into = &rule_files;
    } else if (a == "--data") {
      into = &data_files;
    } else if (a == "--updates" && i + 1 < argc) {
      sizes.clear();
      std::stringstream ss(argv[++i]);
      std::string n;
      while (std::getline(ss, n, ',')) sizes.push_back(std::stoul(n));
      into = nullptr;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1u, static_cast<unsigned>(std::stoul(argv[++i])));
    } else if (a == "--threads" && i + 1 < argc) {
      threads = static_cast<unsigned>(std::stoul(argv[++i]));
    } else if (a == "--seed" && i + 1 < argc) {
      seed = static_cast<unsigned>(std::stoul(argv[++i]));
      into = nullptr;
    } else if (into != nullptr && a.rfind("--", 0) != 0) {
      into->push_back(a);
    } else {
      return usage();
    }
  }
  if (rule_files.empty() || data_files.empty()) return usage();

  session::Options so;
  so.threads = threads;
  session::Session ses(so);
  auto t0 = Clock::now();
  try {
    ses.load_rules(rule_files);
    t0 = Clock::now();
    ses.load(data_files);
  } catch (const base::DataError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", base::to_string(d).c_str());
    return 1;
  } catch (const base::UsageError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  const double load_s = since(t0);
  store::Dataset& ds = ses.data();
  const rules::LoadedRules& rules = ses.rules();
  const std::size_t asserted = ds.store().size();
  std::printf("data:          %zu triples from %zu files, loaded in %.3f s\n", asserted,
              data_files.size(), load_s);

  // The asserted triples updates will remove and add back.
  std::vector<store::Quad> pool;
  pool.reserve(asserted);
  ds.store().for_each(store::Pattern{}, [&](const store::Quad& q) { pool.push_back(q); });

  // Materialise `repeat` times, each with a fresh reasoner over the asserted triples (the
  // inferred graph is dropped in between), and quote the median; the last run is kept for
  // the updates.
  std::vector<double> walls, cpus;
  reason::MaterialiseStats ms;
  for (unsigned run = 0; run < repeat; ++run) {
    ses.drop_inferences();
    try {
      ses.reasoner();
    } catch (const base::DataError& e) {
      std::fprintf(stderr, "%s\n", base::to_string(e.diagnostics().front()).c_str());
      return 1;
    }
    const double cpu0 = cpu_seconds();
    ms = ses.materialise();
    cpus.push_back(cpu_seconds() - cpu0);
    walls.push_back(ms.seconds);
  }
  auto& reasoner = ses.reasoner();
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double full_s = median(walls), cpu_s = median(cpus);
  const std::size_t inferred = ds.store().graph(reasoner.inferred_graph())
                                   ? ds.store().graph(reasoner.inferred_graph())->size()
                                   : 0;
  std::printf(
      "materialise:   %zu derived in %.3f s (median of %u; min %.3f, max %.3f) = %.0f derived "
      "triples/s (%zu rules, %zu strata, %u threads); CPU time %.3f s = %.0f derived "
      "triples/s\n",
      ms.derived, full_s, repeat, *std::min_element(walls.begin(), walls.end()),
      *std::max_element(walls.begin(), walls.end()),
      static_cast<double>(ms.derived) / std::max(full_s, 1e-9), rules.rules.rules.size(),
      rules.strata.strata, reasoner.threads(), cpu_s,
      static_cast<double>(ms.derived) / std::max(cpu_s, 1e-9));
  std::printf("peak memory:   %.1f MiB (%.0f bytes per stored triple)\n", peak_mib(),
              peak_mib() * 1048576.0 / static_cast<double>(asserted + inferred));

  std::mt19937 rng(seed);
  for (std::size_t n : sizes) {
    if (n > pool.size()) continue;
    std::vector<store::Quad> change;
    std::sample(pool.begin(), pool.end(), std::back_inserter(change), n, rng);
    reason::UpdateStats del = ses.apply(session::Changes{{}, change});
    reason::UpdateStats add = ses.apply(session::Changes{change, {}});
    const std::size_t after = ds.store().graph(reasoner.inferred_graph())->size();
    std::printf(
        "update %6zu:  remove %9.3f ms (%zu retracted, %zu inferred; %zu kept, %zu overdeleted, "
        "%zu rederived; overdelete %.1f, rederive %.1f, insert %.1f, store %.1f ms) | "
        "add back %9.3f ms (%zu inferred) | %.2f%% / %.2f%% of full%s\n",
        n, del.seconds * 1e3, del.retracted.size(), del.inferred.size(), del.kept, del.overdeleted,
        del.rederived, del.overdelete_seconds * 1e3, del.rederive_seconds * 1e3,
        del.insert_seconds * 1e3, del.store_seconds * 1e3, add.seconds * 1e3, add.inferred.size(),
        100.0 * del.seconds / full_s, 100.0 * add.seconds / full_s,
        after == inferred ? "" : "  [inferred graph differs afterwards!]");
    if (after != inferred) return 1;
  }
  return 0;
}
