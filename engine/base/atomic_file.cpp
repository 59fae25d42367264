#include "base/atomic_file.hpp"

#include "base/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kennis::base {

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  std::string pattern = target_ + ".tmp-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkstemp(buf.data());
  if (fd < 0) {
    throw DataError(Diagnostic::error("cannot create a temporary file beside '" + target_ +
                                      "': " + std::strerror(errno)));
  }
  temp_ = buf.data();
  stream_ = ::fdopen(fd, "wb");
  if (stream_ == nullptr) {
    ::close(fd);
    std::remove(temp_.c_str());
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
}

void AtomicFile::commit() {
  bool ok = std::fflush(stream_) == 0 && !std::ferror(stream_);
  int saved = errno;
  ok = ok && ::fsync(::fileno(stream_)) == 0;
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
}

}  // namespace kennis::base
