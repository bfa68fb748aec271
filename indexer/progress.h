// progress: the one-line progress bar an interactive run draws on stderr.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace warta::indexer {

// Counters the pipeline updates and the bar reads.
struct ProgressCounters {
  std::atomic<std::uint64_t> bytes_read{0};    // input bytes consumed (compressed for .gz)
  std::atomic<std::uint64_t> records_read{0};  // records handed on by the reader
  std::atomic<std::uint64_t> articles{0};      // articles written
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<bool> merging{false};          // the final merge is running
};

// Redraws the bar four times a second on a background thread while alive;
// clears it on destruction. `total_bytes` 0 means unknown (no ETA).
class ProgressBar {
 public:
  ProgressBar(const ProgressCounters& counters, std::uint64_t total_bytes);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

 private:
  void run();
  void draw();

  const ProgressCounters& counters_;
  std::uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace warta::indexer
