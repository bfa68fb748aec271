// progress: the one-line progress bar an interactive run draws on stderr.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace spdlog::sinks {
class sink;
}

namespace warta::indexer {

// Counters the pipeline updates and the bar reads.
struct ProgressCounters {
  std::atomic<std::uint64_t> bytes_read{0};    // input bytes consumed (compressed for .gz)
  std::atomic<std::uint64_t> records_read{0};  // records handed on by the reader
  std::atomic<std::uint64_t> articles{0};      // articles written
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<bool> merging{false};          // the final merge is running
};

// Redraws the bar on `screen` four times a second on a background thread
// while alive; clears it on destruction. `total_bytes` 0 means unknown (no
// ETA). While the bar is alive, a line logged through spdlog's default
// logger first clears the bar, so that no message is glued to the end of
// the bar's line; the next tick draws the bar again under the message.
// The default logger's sinks are swapped in the constructor and restored in
// the destructor: create and destroy the bar while no other thread logs.
class ProgressBar {
 public:
  ProgressBar(const ProgressCounters& counters, std::uint64_t total_bytes, std::FILE* screen = stderr);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Clears the bar's line if the bar is on it, then runs `write_line`.
  template <typename WriteLine>
  void write_below_bar(WriteLine&& write_line) {
    std::lock_guard lock(screen_mutex_);
    clear_line_locked();
    write_line();
  }

 private:
  void run();
  void draw();
  void clear_line_locked();

  const ProgressCounters& counters_;
  std::uint64_t total_bytes_;
  std::FILE* screen_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::mutex screen_mutex_;  // the bar's line and log lines take turns
  bool bar_on_screen_ = false;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> logger_sinks_;  // restored on destruction
  std::thread thread_;
};

}  // namespace warta::indexer
