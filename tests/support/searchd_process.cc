// searchd_process: start, read the port from the log, stop.
#include "tests/support/searchd_process.h"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace warta::test {
namespace {
std::atomic<int> next_log{0};
}

SearchdProcess::SearchdProcess(const std::string& binary, const TempDir& dir, const std::string& db,
                               const std::vector<std::string>& extra) {
  log_ = dir.file("searchd-" + std::to_string(next_log++) + ".log");
  std::vector<std::string> argv{binary, "--listen", "127.0.0.1:0"};
  if (!db.empty()) argv.insert(argv.begin() + 1, {"--db", db});
  argv.insert(argv.end(), extra.begin(), extra.end());
  pid_ = start_process(argv, log_, log_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string text = read_file(log_);
    auto at = text.find("listening on 127.0.0.1:");
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
      port_ = std::stoi(text.substr(at + 23));
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "warta-searchd did not report its port:\n" << read_file(log_);
}

SearchdProcess::~SearchdProcess() { stop(); }

int SearchdProcess::stop() {
  if (pid_ <= 0) return exit_code_;
  kill(pid_, SIGTERM);
  exit_code_ = wait_process(pid_);
  pid_ = -1;
  return exit_code_;
}

std::string SearchdProcess::log() const { return read_file(log_); }

}  // namespace warta::test
