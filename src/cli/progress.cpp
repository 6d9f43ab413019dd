// progress.cpp — the thread pool of one call and the stderr progress bar of progress.h.
#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

namespace relulab::cli {

Progress::Progress(std::string label, std::int64_t total, bool enabled)
    : label_(std::move(label)), total_(std::max<std::int64_t>(1, total)), enabled_(enabled && isatty(2) != 0) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
  if (enabled_) draw(true);
}

Progress::~Progress() { finish(); }

void Progress::advance(std::int64_t done) {
  std::lock_guard<std::mutex> lock(mutex_);
  done_ = std::min(total_, done_ + done);
  if (enabled_) draw(done_ == total_);
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!enabled_ || finished_) return;
  finished_ = true;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

void Progress::draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kBarWidth = 30;
  const double fraction = static_cast<double>(done_) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kBarWidth);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string eta = "--:--";
  if (done_ > 0) {
    const int seconds = static_cast<int>(elapsed / fraction - elapsed + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%d:%02d", seconds / 60, seconds % 60);
    eta = buffer;
  }
  std::fprintf(stderr, "\r\033[K%s [%s%s] %lld/%lld  ETA %s", label_.c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kBarWidth - filled), '.').c_str(), static_cast<long long>(done_),
               static_cast<long long>(total_), eta.c_str());
  std::fflush(stderr);
}

void parallel_for(int count, int threads, const std::function<void(int index)>& job, Progress* progress) {
  std::atomic<int> next{0};
  auto worker = [&]() {
    for (int i = next++; i < count; i = next++) {
      job(i);
      if (progress) progress->advance();
    }
  };
  const int pool = std::clamp(threads, 1, std::max(1, count));
  std::vector<std::thread> helpers;
  for (int t = 1; t < pool; ++t) helpers.emplace_back(worker);
  worker();
  for (std::thread& helper : helpers) helper.join();
  if (progress) progress->finish();
}

}  // namespace relulab::cli
