// searchd_process: starts the real warta-searchd on a free loopback port for
// a test and stops it by its PID.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/support/process.h"

namespace warta::test {

class SearchdProcess {
 public:
  // Runs `binary --db db --listen 127.0.0.1:0 [extra...]` (no --db when `db` is empty), logging into a file
  // of `dir`, and waits (up to 30 s) for its "listening on" line. A test
  // failure is recorded when it does not come.
  SearchdProcess(const std::string& binary, const TempDir& dir, const std::string& db,
                 const std::vector<std::string>& extra = {});
  ~SearchdProcess();
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  // SIGTERM, then waits; returns the exit code (-signal when killed).
  int stop();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }  // -1 once stopped
  std::string log() const;

 private:
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

}  // namespace warta::test
