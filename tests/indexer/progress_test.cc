#include "indexer/progress.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "tests/support/process.h"

namespace warta::indexer {
namespace {

// Puts the default logger back whatever the test's outcome.
struct DefaultLoggerGuard {
  std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  ~DefaultLoggerGuard() { spdlog::set_default_logger(previous); }
};

TEST(ProgressBar, ALoggedLineClearsTheBarFirstAndTheLoggerIsRestoredAfterwards) {
  // The bar and the log share one stream, as on a terminal.
  test::TempDir dir;
  std::string path = dir.file("screen");
  std::FILE* screen = std::fopen(path.c_str(), "ab");
  ASSERT_NE(screen, nullptr);
  DefaultLoggerGuard guard;
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_base<spdlog::details::console_mutex>>(screen);
  auto logger = std::make_shared<spdlog::logger>("progress-test", sink);
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);

  ProgressCounters counters;
  counters.articles = 7;
  {
    ProgressBar bar(counters, 0, screen);
    // Until the bar has drawn itself at least once.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (test::read_file(path).find("7 articles") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    spdlog::info("merged 2 segments");
  }
  std::fclose(screen);
  std::string text = test::read_file(path);
  ASSERT_NE(text.find("7 articles"), std::string::npos) << text;
  // The message starts a clean line instead of trailing the bar.
  EXPECT_NE(text.find("\r\033[Kmerged 2 segments\n"), std::string::npos) << text;
  ASSERT_EQ(logger->sinks().size(), 1u);
  EXPECT_EQ(logger->sinks().front(), sink);
}

}  // namespace
}  // namespace warta::indexer
