#include "base/limits.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace kennis::base {
namespace {

LimitKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const LimitError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no LimitError";
  return LimitKind::kCancelled;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const LimitError& e) {
    return e.what();
  }
  return "(none)";
}

TEST(Budget, WithoutLimitsNeverStops) {
  const Budget none;
  none.check();
  none.check_rows(1'000'000'000);
  none.check_derived(1'000'000'000);
  const Budget empty(Limits{}, "query");
  empty.check();
  EXPECT_FALSE(Limits{}.any());
}

TEST(Budget, TimeoutStopsAfterTheDeadline) {
  Limits l;
  l.timeout_seconds = 0.05;
  const Budget b(l, "query");
  b.check();  // not yet
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  EXPECT_EQ(kind_of([&] { b.check(); }), LimitKind::kTimeout);
  EXPECT_EQ(message_of([&] { b.check(); }), "query stopped after 0.05 s (--timeout)");
}

TEST(Budget, RowsAndDerivedTriplesAreCountedByTheCaller) {
  Limits l;
  l.max_rows = 10;
  l.max_derived = 100;
  const Budget b(l, "query");
  b.check_rows(10);
  EXPECT_EQ(kind_of([&] { b.check_rows(11); }), LimitKind::kRows);
  EXPECT_EQ(message_of([&] { b.check_rows(11); }),
            "query stopped: its answer has more than 10 rows (--max-rows)");
  b.check_derived(100);
  EXPECT_EQ(message_of([&] { b.check_derived(101); }),
            "query stopped: more than 100 triples derived (--max-derived)");
}

TEST(Budget, MemoryCeilingIsTheProcessResidentMemory) {
  ASSERT_GT(resident_memory_bytes(), 0u);  // Linux: /proc/self/statm
  Limits l;
  l.max_memory = 1024;  // far below any process
  const Budget b(l, "materialisation");
  EXPECT_EQ(message_of([&] { b.check(); }),
            "materialisation stopped: memory use above 1 KiB (--max-memory)");
  l.max_memory = std::uint64_t{1} << 50;
  const Budget roomy(l, "query");
  roomy.check();
}

TEST(Budget, CancelFlagSetFromAnotherThread) {
  std::atomic<bool> cancel{false};
  Limits l;
  l.cancel = &cancel;
  EXPECT_TRUE(l.any());
  const Budget b(l, "query");
  b.check();
  std::thread t([&] { cancel.store(true); });
  t.join();
  EXPECT_EQ(kind_of([&] { b.check(); }), LimitKind::kCancelled);
  EXPECT_EQ(message_of([&] { b.check(); }), "query cancelled");
}

TEST(Ticker, ChecksEveryKEverySteps) {
  std::atomic<bool> cancel{true};
  Limits l;
  l.cancel = &cancel;
  const Budget b(l, "query");
  Ticker t(&b);
  for (std::uint32_t i = 1; i < Ticker::kEvery; ++i) t.tick();  // no check yet
  EXPECT_EQ(kind_of([&] { t.tick(); }), LimitKind::kCancelled);
  Ticker idle;  // no budget: never throws
  for (std::uint32_t i = 0; i < 3 * Ticker::kEvery; ++i) idle.tick();
}

TEST(LimitError, NamesWhatWasRunningOnce) {
  LimitError e(LimitKind::kTimeout, "materialisation stopped after 2 s (--timeout)");
  e.set_running("rule `mint`");
  e.set_running("rule `outer`");  // the innermost layer wins
  e.add_note("12 triples derived so far");
  EXPECT_STREQ(e.what(),
               "materialisation stopped after 2 s (--timeout) while rule `mint` was deriving; "
               "12 triples derived so far");
  EXPECT_TRUE(e.has_running());
}

TEST(Sizes, ParseWithBinarySuffixes) {
  EXPECT_EQ(parse_size("100"), 100u);
  EXPECT_EQ(parse_size("2G"), std::uint64_t{2} << 30);
  EXPECT_EQ(parse_size("512m"), std::uint64_t{512} << 20);
  EXPECT_EQ(parse_size("64KiB"), std::uint64_t{64} << 10);
  EXPECT_EQ(parse_size("1.5G"), std::uint64_t{3} << 29);
  EXPECT_EQ(parse_size("1T"), std::uint64_t{1} << 40);
  EXPECT_EQ(parse_size("0"), 0u);
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("G"));
  EXPECT_FALSE(parse_size("2X"));
  EXPECT_FALSE(parse_size("-1"));
  EXPECT_FALSE(parse_size("2 G"));
  EXPECT_EQ(format_size(std::uint64_t{2} << 30), "2 GiB");
  EXPECT_EQ(format_size(1536), "1.5 KiB");
  EXPECT_GT(total_memory_bytes(), 0u);
}

}  // namespace
}  // namespace kennis::base
