#include "base/atomic_file.hpp"

#include "base/error.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kennis::base {

namespace {

// The temporary files open now, for the signal handler: a fixed table (nothing is allocated
// or locked in the handler), each entry claimed by a compare-and-swap on its state.
constexpr int kLiveFiles = 16;
constexpr std::size_t kPathBytes = 4096;
enum : int { kFree = 0, kClaimed = 1, kLive = 2 };
struct LiveFile {
  std::atomic<int> state{kFree};
  char path[kPathBytes];
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the states");
LiveFile g_live[kLiveFiles];

/// Enters `path` in the table; returns its entry, or -1 if the table is full or the path long.
int track(const std::string& path) {
  if (path.size() >= kPathBytes) return -1;
  for (int i = 0; i < kLiveFiles; ++i) {
    int expected = kFree;
    if (g_live[i].state.compare_exchange_strong(expected, kClaimed)) {
      std::memcpy(g_live[i].path, path.c_str(), path.size() + 1);
      g_live[i].state.store(kLive, std::memory_order_release);
      return i;
    }
  }
  return -1;
}

void untrack(int slot) {
  if (slot >= 0) g_live[slot].state.store(kFree, std::memory_order_release);
}

extern "C" void remove_live_files_and_reraise(int sig) {
  const int saved = errno;
  for (LiveFile& f : g_live) {
    if (f.state.load(std::memory_order_acquire) == kLive) ::unlink(f.path);
  }
  errno = saved;
  // SA_RESETHAND restored the default action on entry; the signal is blocked while this
  // handler runs, so the raised one ends the process as soon as it returns.
  ::raise(sig);
}

}  // namespace

void remove_temporary_files_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0) continue;
      if ((old.sa_flags & SA_SIGINFO) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_live_files_and_reraise;
      sigemptyset(&action.sa_mask);
      for (int other : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, other);
      action.sa_flags = SA_RESETHAND;
      ::sigaction(sig, &action, nullptr);
    }
  });
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  remove_temporary_files_on_signals();
  std::string pattern = target_ + ".tmp-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkstemp(buf.data());
  if (fd < 0) {
    throw DataError(Diagnostic::error("cannot create a temporary file beside '" + target_ +
                                      "': " + std::strerror(errno)));
  }
  temp_ = buf.data();
  slot_ = track(temp_);
  stream_ = ::fdopen(fd, "wb");
  if (stream_ == nullptr) {
    ::close(fd);
    std::remove(temp_.c_str());
    untrack(slot_);
    slot_ = -1;
    throw DataError(Diagnostic::error("cannot open '" + temp_ + "': " + std::strerror(errno)));
  }
  // mkstemp creates 0600; give the file the usual permissions.
  ::fchmod(
      fd, 0644 & ~[] {
        mode_t m = ::umask(0);
        ::umask(m);
        return m;
      }());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    if (stream_ != nullptr) std::fclose(stream_);
    std::remove(temp_.c_str());
  }
  untrack(slot_);
}

void AtomicFile::commit() {
  errno = 0;
  bool ok = std::fflush(stream_) == 0 && !std::ferror(stream_);
  ok = ok && ::fsync(::fileno(stream_)) == 0;
  const int saved = errno;  // 0 if the error was an earlier write's (reported as EIO)
  if (std::fclose(stream_) != 0) ok = false;
  stream_ = nullptr;
  if (!ok) {
    std::remove(temp_.c_str());
    committed_ = true;
    throw DataError(Diagnostic::error("cannot write '" + target_ +
                                      "': " + std::strerror(saved != 0 ? saved : EIO)));
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    int err = errno;
    std::remove(temp_.c_str());
    committed_ = true;
    throw DataError(
        Diagnostic::error("cannot rename into '" + target_ + "': " + std::strerror(err)));
  }
  committed_ = true;
  // Only now: a signal before the rename still finds the temporary file to remove.
  untrack(slot_);
  slot_ = -1;
}

}  // namespace kennis::base
