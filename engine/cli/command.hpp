// The `kennis` command line: main.cpp builds one CLI11 app; each subcommand lives in its own
// file (cli/<name>_command.cpp) and registers itself with KENNIS_REGISTER_COMMAND, so adding a
// command never touches main.cpp. A subcommand's callback throws base::UsageError (exit 2) or
// base::DataError (exit 1); main.cpp prints and maps them. A callback may also set the exit
// code for outcomes that are not errors (e.g. `explain` of a triple that is not entailed).
#pragma once

#include <CLI/CLI.hpp>

namespace kennis::cli {

using RegisterFn = void (*)(CLI::App& app);

/// Adds a subcommand registration; `order` sorts the commands in --help.
bool add_command(int order, RegisterFn fn);

/// Sets the process exit code returned after the command's callback completes normally.
void set_exit_code(int code);
int exit_code();

}  // namespace kennis::cli

#define KENNIS_CONCAT_INNER(a, b) a##b
#define KENNIS_CONCAT(a, b) KENNIS_CONCAT_INNER(a, b)
/// KENNIS_REGISTER_COMMAND(order, fn): registers fn(CLI::App&) at static-initialisation time.
#define KENNIS_REGISTER_COMMAND(order, fn)                                         \
  static const bool KENNIS_CONCAT(kennis_registered_, __LINE__) [[maybe_unused]] = \
      ::kennis::cli::add_command(order, fn)
