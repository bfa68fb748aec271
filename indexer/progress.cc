// progress: articles/s, MB/s and ETA from the share of input bytes read.
#include "indexer/progress.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace warta::indexer {
namespace {

std::string duration_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

// Stands in for the default logger's sinks while a bar is drawn: clears
// the bar's line, then hands the message to those sinks unchanged.
class BarClearingSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
  BarClearingSink(ProgressBar& bar, std::vector<spdlog::sink_ptr> sinks) : bar_(bar), sinks_(std::move(sinks)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    bar_.write_below_bar([&] {
      for (auto& wrapped : sinks_) {
        if (wrapped->should_log(msg.level)) wrapped->log(msg);
      }
    });
  }
  void flush_() override {
    for (auto& wrapped : sinks_) wrapped->flush();
  }

 private:
  ProgressBar& bar_;
  std::vector<spdlog::sink_ptr> sinks_;
};

}  // namespace

ProgressBar::ProgressBar(const ProgressCounters& counters, std::uint64_t total_bytes, std::FILE* screen)
    : counters_(counters), total_bytes_(total_bytes), screen_(screen), start_(std::chrono::steady_clock::now()) {
  auto logger = spdlog::default_logger();
  logger_sinks_ = logger->sinks();
  logger->sinks() = {std::make_shared<BarClearingSink>(*this, logger_sinks_)};
  try {
    thread_ = std::thread([this] { run(); });
  } catch (...) {
    logger->sinks() = logger_sinks_;  // no sink may outlive the bar it points to
    throw;
  }
}

ProgressBar::~ProgressBar() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  spdlog::default_logger()->sinks() = logger_sinks_;
  std::lock_guard lock(screen_mutex_);
  clear_line_locked();
}

void ProgressBar::clear_line_locked() {
  if (!bar_on_screen_) return;
  std::fputs("\r\033[K", screen_);
  std::fflush(screen_);
  bar_on_screen_ = false;
}

void ProgressBar::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [&] { return stop_; })) draw();
}

void ProgressBar::draw() {
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed <= 0) return;
  double bytes = static_cast<double>(counters_.bytes_read.load());
  double articles = static_cast<double>(counters_.articles.load());
  double done = articles + static_cast<double>(counters_.rejected.load());
  double read = static_cast<double>(counters_.records_read.load());
  // The reader runs ahead of the writers; the share done is the records
  // finished over the records the whole input is expected to hold.
  double share = 0;
  if (total_bytes_ > 0 && bytes > 0 && read > 0) {
    share = std::min(1.0, done / (read * static_cast<double>(total_bytes_) / bytes));
  }
  double input_rate = share * static_cast<double>(total_bytes_) / elapsed / 1e6;
  char line[200];
  if (counters_.merging.load()) {
    std::snprintf(line, sizeof line, "\r\033[Kmerging shards: %.0f articles written in %s",
                  articles, duration_text(elapsed).c_str());
  } else if (total_bytes_ > 0) {
    constexpr int kWidth = 24;
    int filled = static_cast<int>(share * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '=');
    bar.append(static_cast<std::size_t>(kWidth - filled), ' ');
    std::string eta = share > 0.001 ? duration_text(elapsed / share - elapsed) : "?";
    std::snprintf(line, sizeof line,
                  "\r\033[K[%s] %3.0f%%  %.0f articles  %.0f/s  %.1f MB/s  ETA %s", bar.c_str(),
                  share * 100, articles, articles / elapsed, input_rate, eta.c_str());
  } else {
    std::snprintf(line, sizeof line, "\r\033[K%.0f articles  %.0f/s  %.1f MB/s  %s", articles,
                  articles / elapsed, bytes / elapsed / 1e6, duration_text(elapsed).c_str());
  }
  std::lock_guard lock(screen_mutex_);
  std::fputs(line, screen_);
  std::fflush(screen_);
  bar_on_screen_ = true;
}

}  // namespace warta::indexer
