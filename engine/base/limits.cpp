#include "base/limits.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace kennis::base {

namespace {

/// Reads a small file whole with plain system calls (no stream, no allocation beyond `buf`).
std::size_t read_small_file(const char* path, char* buf, std::size_t size) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  std::size_t n = 0;
  while (n + 1 < size) {
    const ssize_t r = ::read(fd, buf + n, size - 1 - n);
    if (r <= 0) break;
    n += static_cast<std::size_t>(r);
  }
  ::close(fd);
  buf[n] = '\0';
  return n;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

}  // namespace

std::string_view limit_option(LimitKind kind) {
  switch (kind) {
    case LimitKind::kTimeout:
      return "--timeout";
    case LimitKind::kRows:
      return "--max-rows";
    case LimitKind::kMemory:
      return "--max-memory";
    case LimitKind::kDerived:
      return "--max-derived";
    case LimitKind::kCancelled:
      return "";
  }
  return "";
}

LimitError::LimitError(LimitKind kind, std::string message)
    : kind_(kind), message_(std::move(message)) {}

void LimitError::set_running(std::string_view what, std::string_view doing) {
  if (has_running_) return;
  has_running_ = true;
  message_ += " while ";
  message_ += what;
  message_ += " ";
  message_ += doing;
}

void LimitError::add_note(std::string_view text) {
  message_ += "; ";
  message_ += text;
}

std::uint64_t resident_memory_bytes() {
  // statm: size resident shared text lib data dt, in pages.
  char buf[128];
  if (read_small_file("/proc/self/statm", buf, sizeof buf) == 0) return 0;
  unsigned long long size = 0, resident = 0;
  if (std::sscanf(buf, "%llu %llu", &size, &resident) != 2) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return static_cast<std::uint64_t>(resident) * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

std::uint64_t total_memory_bytes() {
  char buf[256];
  if (read_small_file("/proc/meminfo", buf, sizeof buf) == 0) return 0;
  unsigned long long kib = 0;
  if (std::sscanf(buf, "MemTotal: %llu kB", &kib) != 1) return 0;
  return static_cast<std::uint64_t>(kib) * 1024;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::size_t i = 0;
  double value = 0;
  bool digits = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    value = value * 10 + (text[i++] - '0');
    digits = true;
  }
  if (i < text.size() && text[i] == '.') {
    double scale = 0.1;
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10) {
      value += (text[i] - '0') * scale;
      digits = true;
    }
  }
  if (!digits) return std::nullopt;
  std::string unit;
  for (; i < text.size(); ++i) {
    unit += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  }
  double factor = 1;
  if (unit.empty() || unit == "B") {
    factor = 1;
  } else {
    const std::string_view letters = "KMGT";
    const std::size_t power = letters.find(unit[0]);
    if (power == std::string_view::npos) return std::nullopt;
    const std::string_view rest = std::string_view(unit).substr(1);
    if (!(rest.empty() || rest == "B" || rest == "IB")) return std::nullopt;
    factor = std::pow(1024.0, static_cast<double>(power + 1));
  }
  const double bytes = value * factor;
  if (!(bytes < 1.8e19)) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(bytes));
}

std::string format_size(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g %s", v, units[u]);
  return buf;
}

Budget::Budget(const Limits& limits, std::string activity)
    : limits_(limits), activity_(std::move(activity)), start_(Clock::now()) {
  if (limits_.timeout_seconds > 0) {
    deadline_ = start_ + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(limits_.timeout_seconds));
  }
}

double Budget::elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

void Budget::check() const {
  if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) {
    fail(LimitKind::kCancelled);
  }
  if (!deadline_ && limits_.max_memory == 0) return;
  const Clock::time_point now = Clock::now();
  if (deadline_ && now >= *deadline_) fail(LimitKind::kTimeout);
  if (limits_.max_memory != 0) {
    const std::int64_t ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - start_).count();
    std::int64_t due = next_memory_read_.load(std::memory_order_relaxed);
    // One thread reads memory per period; the others go on.
    if (ns >= due && next_memory_read_.compare_exchange_strong(due, ns + 100'000'000,
                                                               std::memory_order_relaxed)) {
      if (resident_memory_bytes() > limits_.max_memory) fail(LimitKind::kMemory);
    }
  }
}

void Budget::fail(LimitKind kind) const {
  const std::string what = activity_.empty() ? std::string("operation") : activity_;
  std::string message;
  switch (kind) {
    case LimitKind::kTimeout:
      message = what + " stopped after " + seconds_text(limits_.timeout_seconds);
      break;
    case LimitKind::kRows:
      message =
          what + " stopped: its answer has more than " + std::to_string(limits_.max_rows) + " rows";
      break;
    case LimitKind::kMemory:
      message = what + " stopped: memory use above " + format_size(limits_.max_memory);
      break;
    case LimitKind::kDerived:
      message =
          what + " stopped: more than " + std::to_string(limits_.max_derived) + " triples derived";
      break;
    case LimitKind::kCancelled:
      message = what + " cancelled";
      break;
  }
  const std::string_view option = limit_option(kind);
  if (!option.empty()) message += " (" + std::string(option) + ")";
  throw LimitError(kind, std::move(message));
}

}  // namespace kennis::base
