// kennis: load RDF, reason with rules, answer SPARQL queries. See docs/cli.md.
#include "base/edit_distance.hpp"
#include "base/error.hpp"
#include "base/limits.hpp"
#include "cli/command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string_view>
#include <vector>

namespace kennis::cli {

namespace {

int g_exit_code = 0;

struct Command {
  std::string_view name;
  void (*add)(CLI::App& app);
};

/// Every command, in the order `kennis --help` lists them: the maintainers' tools on the
/// data first, then reasoning, then queries and the endpoint.
constexpr Command kCommands[] = {
    {"load", register_load},       {"stats", register_stats},   {"check", register_check},
    {"format", register_format},   {"export", register_export}, {"reason", register_reason},
    {"explain", register_explain}, {"diff", register_diff},     {"query", register_query},
    {"serve", register_serve},
};

/// "unknown command 'lod'; did you mean 'load'?" for a first argument that names no command.
std::string unknown_command(std::string_view word) {
  std::string message = "unknown command '" + std::string(word) + "'";
  std::string_view best;
  std::size_t best_distance = 3;  // suggest only near misses
  for (const Command& c : kCommands) {
    const std::size_t d = base::edit_distance(word, c.name);
    if (d < best_distance) {
      best = c.name;
      best_distance = d;
    }
  }
  if (!best.empty()) message += "; did you mean '" + std::string(best) + "'?";
  std::string all;
  for (const Command& c : kCommands) all += (all.empty() ? "" : ", ") + std::string(c.name);
  return message + " (commands: " + all + ")";
}

int usage_error(const std::string& message) {
  std::cerr << "kennis: " << message << "\n";
  std::cerr << "Run 'kennis --help' or 'kennis <command> --help' for usage.\n";
  return 2;
}

}  // namespace

void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }

}  // namespace kennis::cli

int main(int argc, char** argv) {
  using namespace kennis;
  CLI::App app{"kennis: a knowledge-graph reasoning engine (RDF store, rules, SPARQL)", "kennis"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kennis 0.1.0");
  app.failure_message(CLI::FailureMessage::help);
  for (const cli::Command& c : cli::kCommands) c.add(app);

  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view word = argv[1];
    const bool known = std::any_of(std::begin(cli::kCommands), std::end(cli::kCommands),
                                   [&](const cli::Command& c) { return c.name == word; });
    if (!known) return cli::usage_error(cli::unknown_command(word));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return cli::usage_error(e.what());
  } catch (const base::UsageError& e) {
    return cli::usage_error(e.what());
  } catch (const base::DataError& e) {
    base::DiagnosticList list;
    for (const auto& d : e.diagnostics()) list.add(d);
    list.print(std::cerr);
    return 1;
  } catch (const base::LimitError& e) {
    // Stopped by --timeout, --max-rows, --max-memory or --max-derived: nothing was written.
    std::cerr << "kennis: limit: " << e.what() << "\n";
    return base::kLimitExitCode;
  } catch (const std::bad_alloc&) {
    std::cerr << "kennis: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "kennis: error: " << e.what() << "\n";
    return 1;
  }
  // Output that could not be written (a full disk, a closed pipe) is a failure.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "kennis: error: cannot write to standard output\n";
    return 1;
  }
  return cli::exit_code();
}
