// AtomicFile: writes go to a temporary file beside the target, renamed into place by
// commit(). If commit() is never called (an error, an exception), the temporary file is
// removed and the target is left untouched.
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
};

}  // namespace kennis::base
