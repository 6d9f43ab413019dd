// progress.h — seed-parallel jobs on std::thread and the progress bar that follows them.
// Jobs are independent and write their result by index, so the output never depends on the thread count.
// The bar (with an ETA) goes to stderr only when stderr is a terminal and --quiet is not given.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace relulab::cli {

class Progress {
 public:
  // enabled: the caller's wish (not --quiet); the bar also needs stderr to be a terminal.
  Progress(std::string label, std::int64_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::int64_t done = 1);  // thread-safe
  void finish();                        // clears the line

 private:
  void draw(bool force);

  std::string label_;
  std::int64_t total_ = 0, done_ = 0;
  bool enabled_ = false, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::mutex mutex_;
};

// Runs job(i) for i in [0, count) on `threads` threads (1 = the calling thread), advancing `progress`.
void parallel_for(int count, int threads, const std::function<void(int index)>& job, Progress* progress);

}  // namespace relulab::cli
