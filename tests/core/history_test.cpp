// history_test.cpp — the byte ring under Session::rewind: cap respected, oldest evicted, records intact.
#include <doctest/doctest.h>

#include <cstring>

#include "core/history.h"

using namespace relulab::core;

TEST_CASE("history ring: never exceeds its cap, evicts the oldest, keeps record contents intact") {
  HistoryRing ring(8192);
  std::size_t sizes[] = {300, 500, 1000, 257, 700};
  for (std::int64_t step = 0; step < 500; ++step) {
    const std::size_t bytes = sizes[step % 5];
    unsigned char* out = ring.push(step, 0, bytes);
    REQUIRE(out != nullptr);
    std::memset(out, static_cast<int>(step % 251), bytes);
    CHECK(ring.used_bytes() <= 8192);
    // Every live record still holds its own bytes (no overlap with a newer record).
    for (int i = 0; i < ring.size(); ++i) {
      const auto& record = ring.record(i);
      const unsigned char* data = ring.data(record);
      CHECK(data[0] == static_cast<unsigned char>(record.step % 251));
      CHECK(data[record.bytes - 1] == static_cast<unsigned char>(record.step % 251));
      if (i > 0) CHECK(record.step == ring.record(i - 1).step + 1);
    }
  }
  CHECK(ring.newest().step == 499);
  CHECK(ring.record(0).step > 480);
  CHECK(ring.find_at_or_before(1) == -1);
  CHECK(ring.record(ring.find_at_or_before(495)).step == 495);
  ring.truncate_after(ring.find_at_or_before(495));
  CHECK(ring.newest().step == 495);
  CHECK(ring.push(500, 0, 100000) == nullptr);  // larger than the cap: refused
}
