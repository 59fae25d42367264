// Limits on one query, materialisation or update: a deadline, a number of result rows, a
// memory ceiling, a number of derived triples, and a cancel flag that another thread may set.
// The long loops of the SPARQL executor and the reasoner poll a Budget through a Ticker (a
// decrement per step, a full check every Ticker::kEvery steps); a limit that is hit throws
// LimitError, which the front ends report: `kennis` exits with code 3 (kLimitExitCode), the
// endpoint answers 503. Nothing partial is returned. User guide: docs/reliability.md.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace kennis::base {

/// The exit code of `kennis` when a limit stops a command.
inline constexpr int kLimitExitCode = 3;

enum class LimitKind { kTimeout, kRows, kMemory, kDerived, kCancelled };

/// The command-line option that sets a limit ("--timeout", ...); "" for kCancelled.
std::string_view limit_option(LimitKind kind);

/// What may be spent. Zero means "no limit" throughout; the default is no limit at all.
struct Limits {
  /// Wall-clock seconds from the start of the operation.
  double timeout_seconds = 0;
  /// Rows of a query's answer: solutions, or triples of a CONSTRUCT / DESCRIBE.
  std::uint64_t max_rows = 0;
  /// Resident memory of the whole process (data included), in bytes, as the kernel counts it
  /// (/proc/self/statm), read at most every 100 ms. Not enforced where /proc is missing.
  std::uint64_t max_memory = 0;
  /// Triples a materialisation or update may add to the inferred graph.
  std::uint64_t max_derived = 0;
  /// Stops the operation when it becomes true. Not owned; must outlive the operation.
  const std::atomic<bool>* cancel = nullptr;

  bool any() const {
    return timeout_seconds > 0 || max_rows > 0 || max_memory > 0 || max_derived > 0 ||
           cancel != nullptr;
  }
};

/// A limit was hit: the operation stopped and gave no result. The message names what stopped,
/// the limit and its option: "query stopped after 30 s (--timeout)".
class LimitError : public std::exception {
 public:
  LimitError(LimitKind kind, std::string message);
  LimitKind kind() const { return kind_; }
  const char* what() const noexcept override { return message_.c_str(); }

  /// What was running when the limit was hit, added once by the innermost layer that knows
  /// it (e.g. "rule `mint`"): the message then reads "... while rule `mint` was deriving".
  void set_running(std::string_view what, std::string_view doing = "was deriving");
  bool has_running() const { return has_running_; }
  /// Appends "; TEXT" (figures such as the triples derived so far).
  void add_note(std::string_view text);

 private:
  LimitKind kind_;
  std::string message_;
  bool has_running_ = false;
};

/// Resident memory of this process in bytes (/proc/self/statm); 0 if it cannot be read.
std::uint64_t resident_memory_bytes();
/// Physical memory of the machine in bytes (MemTotal in /proc/meminfo); 0 if unknown.
std::uint64_t total_memory_bytes();
/// Parses a size such as "512M", "2G", "1.5G", "100000" (bytes), "64KiB": K, M, G, T are
/// powers of 1024. nullopt if it is not a size.
std::optional<std::uint64_t> parse_size(std::string_view text);
/// "2 GiB", "512 MiB", "1.5 GiB": a size for messages.
std::string format_size(std::uint64_t bytes);

/// One operation's limits with its clock started. check() is thread-safe: the threads of a
/// parallel materialisation share one Budget.
class Budget {
 public:
  using Clock = std::chrono::steady_clock;

  /// No limits.
  Budget() = default;
  /// Starts the clock. `activity` names what is limited in messages: "query",
  /// "materialisation", "update".
  Budget(const Limits& limits, std::string activity);
  Budget(const Budget&) = delete;
  Budget& operator=(const Budget&) = delete;

  const Limits& limits() const { return limits_; }
  /// Seconds since the clock started.
  double elapsed() const;

  /// Throws LimitError if the cancel flag is set, the deadline has passed or resident memory
  /// is above the ceiling (memory is read at most every 100 ms). Costs a clock read.
  void check() const;
  /// Throws LimitError(kRows) iff `rows` is above max_rows.
  void check_rows(std::uint64_t rows) const {
    if (limits_.max_rows != 0 && rows > limits_.max_rows) fail(LimitKind::kRows);
  }
  /// Throws LimitError(kDerived) iff `derived` is above max_derived.
  void check_derived(std::uint64_t derived) const {
    if (limits_.max_derived != 0 && derived > limits_.max_derived) fail(LimitKind::kDerived);
  }
  /// Throws the LimitError of `kind` for this operation.
  [[noreturn]] void fail(LimitKind kind) const;

 private:
  Limits limits_;
  std::string activity_;
  Clock::time_point start_{};
  std::optional<Clock::time_point> deadline_;
  /// When memory is next read (ns since start_).
  mutable std::atomic<std::int64_t> next_memory_read_{0};
};

/// Polls a Budget every kEvery steps of a loop: the cost per step is a decrement and a
/// branch. One Ticker per thread; with no budget it never throws.
class Ticker {
 public:
  static constexpr std::uint32_t kEvery = 1024;

  explicit Ticker(const Budget* budget = nullptr) : budget_(budget) {}
  void set_budget(const Budget* budget) {
    budget_ = budget;
    left_ = kEvery;
  }
  const Budget* budget() const { return budget_; }

  /// One step of work.
  void tick() {
    if (--left_ == 0) poll();
  }

 private:
  void poll() {
    left_ = kEvery;
    if (budget_ != nullptr) budget_->check();
  }

  const Budget* budget_ = nullptr;
  std::uint32_t left_ = kEvery;
};

}  // namespace kennis::base
