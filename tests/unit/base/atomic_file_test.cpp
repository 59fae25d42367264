// AtomicFile: the target appears only on commit, whole; an abandoned or failed write leaves
// the target untouched and no temporary file behind.
#include "base/atomic_file.hpp"

#include "base/error.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace kennis::base {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kennis-atomic-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::size_t entries() {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_),
                                                  std::filesystem::directory_iterator()));
  }
  std::filesystem::path dir_;
};

TEST_F(AtomicFileTest, CommitReplacesTheTarget) {
  const auto target = dir_ / "out.nt";
  std::ofstream(target) << "old\n";
  {
    AtomicFile f(target.string());
    std::fputs("new content\n", f.stream());
    EXPECT_EQ(read(target), "old\n") << "the target changes only on commit";
    EXPECT_EQ(entries(), 2u) << "a temporary file beside the target";
    f.commit();
  }
  EXPECT_EQ(read(target), "new content\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, CreatesTheTargetWithUsualPermissions) {
  const auto target = dir_ / "fresh.ttl";
  {
    AtomicFile f(target.string());
    std::fputs("x", f.stream());
    f.commit();
  }
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0644 & ~mask);
}

TEST_F(AtomicFileTest, WithoutCommitNothingChanges) {
  const auto target = dir_ / "out.nt";
  std::ofstream(target) << "old\n";
  {
    AtomicFile f(target.string());
    std::fputs("partial", f.stream());
  }
  EXPECT_EQ(read(target), "old\n");
  EXPECT_EQ(entries(), 1u) << "the temporary file is removed";
  {
    AtomicFile f((dir_ / "never.nt").string());
    std::fputs("partial", f.stream());
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "never.nt"));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AnExceptionLeavesNoPartialFile) {
  const auto target = dir_ / "out.nt";
  try {
    AtomicFile f(target.string());
    std::fputs("half", f.stream());
    throw std::runtime_error("stop");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicFileTest, UnwritableFolderIsADataError) {
  EXPECT_THROW(AtomicFile((dir_ / "missing-folder" / "out.nt").string()), DataError);
}

TEST_F(AtomicFileTest, FailedRenameIsADataErrorAndLeavesNothing) {
  // The target's folder disappears before commit: the rename fails, commit throws, and
  // neither the target nor the temporary file exists afterwards.
  const auto sub = dir_ / "sub";
  std::filesystem::create_directories(sub);
  AtomicFile f((sub / "out.nt").string());
  std::fputs("data", f.stream());
  std::filesystem::remove_all(sub);
  EXPECT_THROW(f.commit(), DataError);
  EXPECT_FALSE(std::filesystem::exists(sub));
}

void write_then_raise(const std::string& target, int sig) {
  AtomicFile f(target);
  std::fputs("half written", f.stream());
  std::fflush(f.stream());
  std::raise(sig);
}

TEST_F(AtomicFileTest, SignalRemovesTheTemporaryFile) {
  // More files than the table of live temporary files holds, each committed or abandoned:
  // their entries are freed, so the one open when the signal comes is still tracked.
  for (int i = 0; i < 40; ++i) {
    AtomicFile f((dir_ / ("f" + std::to_string(i % 2) + ".nt")).string());
    if (i % 3 != 0) f.commit();
  }
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    EXPECT_EXIT(write_then_raise((dir_ / "big.nt").string(), sig), ::testing::KilledBySignal(sig),
                "");
    EXPECT_EQ(entries(), 0u) << "signal " << sig << " left the temporary file";
  }
}

TEST_F(AtomicFileTest, AnIgnoredSignalStaysIgnored) {
  // Where SIGHUP is ignored (nohup), writing a file does not make it fatal.
  EXPECT_EXIT(
      {
        std::signal(SIGHUP, SIG_IGN);
        write_then_raise((dir_ / "out.nt").string(), SIGHUP);
        std::exit(3);
      },
      ::testing::ExitedWithCode(3), "");
}

}  // namespace
}  // namespace kennis::base
