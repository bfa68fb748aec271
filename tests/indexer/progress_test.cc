#include "indexer/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace warta::indexer {
namespace {

// A log sink that writes where the bar draws, as stderr does on a terminal.
class ScreenSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ScreenSink(std::FILE* screen) : screen_(screen) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), screen_);
    std::fflush(screen_);
  }
  void flush_() override { std::fflush(screen_); }

 private:
  std::FILE* screen_;
};

std::string contents(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file)) > 0;) text.append(buf, n);
  std::fclose(file);
  return text;
}

// Puts the default logger back whatever the test's outcome.
struct DefaultLoggerGuard {
  std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  ~DefaultLoggerGuard() { spdlog::set_default_logger(previous); }
};

TEST(ProgressBar, ALoggedLineClearsTheBarFirstAndTheLoggerIsRestoredAfterwards) {
  // Appending, the bar's thread and the logger write one after the other.
  std::string path = (std::filesystem::temp_directory_path() / "warta-progress-test-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  ASSERT_GE(fd, 0);
  ::close(fd);
  std::FILE* screen = std::fopen(path.c_str(), "ab");
  ASSERT_NE(screen, nullptr);
  DefaultLoggerGuard guard;
  auto sink = std::make_shared<ScreenSink>(screen);
  auto logger = std::make_shared<spdlog::logger>("progress-test", sink);
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);

  ProgressCounters counters;
  counters.articles = 7;
  {
    ProgressBar bar(counters, 0, screen);
    // Until the bar has drawn itself at least once.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (contents(path).find("7 articles") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    spdlog::info("merged 2 segments");
  }
  std::fclose(screen);
  std::string text = contents(path);
  std::filesystem::remove(path);
  ASSERT_NE(text.find("7 articles"), std::string::npos) << text;
  // The message starts a clean line instead of trailing the bar.
  EXPECT_NE(text.find("\r\033[Kmerged 2 segments\n"), std::string::npos) << text;
  ASSERT_EQ(logger->sinks().size(), 1u);
  EXPECT_EQ(logger->sinks().front(), sink);
}

}  // namespace
}  // namespace warta::indexer
