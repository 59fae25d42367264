// Exceptions for "this command cannot go on". They are caught only in cli/ and server/,
// which map them to exit codes: UsageError -> 2, DataError -> 1 (and base::LimitError, in
// limits.hpp, -> 3).
#pragma once

#include "base/diagnostic.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace kennis::base {

/// Wrong command-line use: unknown option, missing file, unknown format. Exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad data or a failed query; carries the diagnostics to print. Exit code 1.
class DataError : public std::runtime_error {
 public:
  explicit DataError(Diagnostic d) : std::runtime_error(d.message), diagnostics_{std::move(d)} {}
  explicit DataError(std::vector<Diagnostic> ds)
      : std::runtime_error(ds.empty() ? "error" : ds.front().message),
        diagnostics_(std::move(ds)) {}
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace kennis::base
