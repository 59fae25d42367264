// AtomicFile: writes go to a temporary file beside the target, renamed into place by
// commit(). If commit() is never called (an error, an exception), the temporary file is
// removed and the target is left untouched. A SIGINT, SIGTERM or SIGHUP that ends the process
// while the file is open removes it too (see remove_temporary_files_on_signals()).
#pragma once

#include <cstdio>
#include <string>

namespace kennis::base {

class AtomicFile {
 public:
  /// Opens "<target>.tmp-XXXXXX" in the target's folder. Throws DataError if it cannot.
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// The stream to write to; valid until commit() or destruction.
  std::FILE* stream() { return stream_; }

  /// Flushes, syncs and renames over the target. Throws DataError on any write error
  /// (disk full, ...), in which case the target is untouched.
  void commit();

 private:
  std::string target_;
  std::string temp_;
  std::FILE* stream_ = nullptr;
  bool committed_ = false;
  int slot_ = -1;  ///< in the table of live temporary files, or -1
};

/// Makes SIGINT, SIGTERM and SIGHUP remove every AtomicFile's temporary file before the
/// process ends by the signal's default action. Installed for each of these signals whose
/// action is still the default (a handler set by someone else, or an ignored signal, is
/// left alone); the first AtomicFile calls it. Idempotent and thread-safe. At most 16
/// temporary files are tracked at once; the handler only unlinks them (async-signal-safe).
void remove_temporary_files_on_signals();

}  // namespace kennis::base
