// kennis: load RDF, reason with rules, answer SPARQL queries. See docs/cli.md.
#include "base/error.hpp"
#include "cli/command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

namespace kennis::cli {

namespace {
std::vector<std::pair<int, RegisterFn>>& registry() {
  static std::vector<std::pair<int, RegisterFn>> commands;
  return commands;
}
int g_exit_code = 0;
}  // namespace

bool add_command(int order, RegisterFn fn) {
  registry().emplace_back(order, fn);
  return true;
}

void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }

}  // namespace kennis::cli

int main(int argc, char** argv) {
  using namespace kennis;
  CLI::App app{"kennis: a knowledge-graph reasoning engine (RDF store, rules, SPARQL)", "kennis"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kennis 0.1.0");
  app.failure_message(CLI::FailureMessage::help);
  auto& commands = cli::registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& entry : commands) entry.second(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "kennis: " << e.what() << "\n";
    std::cerr << "Run 'kennis --help' or 'kennis <command> --help' for usage.\n";
    return 2;
  } catch (const base::UsageError& e) {
    std::cerr << "kennis: " << e.what() << "\n";
    std::cerr << "Run 'kennis --help' or 'kennis <command> --help' for usage.\n";
    return 2;
  } catch (const base::DataError& e) {
    base::DiagnosticList list;
    for (const auto& d : e.diagnostics()) list.add(d);
    list.print(std::cerr);
    return 1;
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
