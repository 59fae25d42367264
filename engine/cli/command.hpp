// The `kennis` command line: main.cpp builds one CLI11 app from the table of commands it
// holds, in the order `kennis --help` lists them; each command lives in its own file
// (cli/<name>_command.cpp) and exposes one register function. A command's callback throws
// base::UsageError (exit 2) or base::DataError (exit 1); main.cpp prints and maps them. A
// callback may also set the exit code for outcomes that are not errors (e.g. `explain` of a
// triple that is not entailed).
#pragma once

#include <CLI/CLI.hpp>

namespace kennis::cli {

/// Sets the process exit code returned after the command's callback completes normally.
void set_exit_code(int code);
int exit_code();

// One per command, in cli/<name>_command.cpp; each adds its subcommand to the app.
void register_load(CLI::App& app);
void register_stats(CLI::App& app);
void register_check(CLI::App& app);
void register_format(CLI::App& app);
void register_export(CLI::App& app);
void register_reason(CLI::App& app);
void register_explain(CLI::App& app);
void register_diff(CLI::App& app);
void register_query(CLI::App& app);
void register_serve(CLI::App& app);

}  // namespace kennis::cli
