// process: runs the real binaries from tests, capturing their output.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace warta::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs argv[0] with the arguments, feeding `input` on stdin; waits.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {});

// Starts a process with stdout and stderr sent to the given files (or
// /dev/null when empty); returns its PID.
pid_t start_process(const std::vector<std::string>& argv, const std::string& out_path = {},
                    const std::string& err_path = {});

// Waits for `pid`; returns the exit code, or -signal when killed.
int wait_process(pid_t pid);

// A fresh directory under the system temp folder, removed with its
// contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Whole-file helpers.
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

}  // namespace warta::test
