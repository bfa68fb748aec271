// tcpsrv_process: fork/exec into a process group of its own, killed as a group.
#include "tests/support/tcpsrv_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace warta::test {
namespace {
std::atomic<int> next_log{0};
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

pid_t start_process_group(const std::vector<std::string>& argv, const std::string& log_path) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    // A test that dies (an abort, a timeout) takes its daemon with it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so that a stop cannot race the child
  return pid;
}

void stop_process_group(pid_t pid) {
  if (pid <= 0) return;
  ::kill(-pid, SIGKILL);
  ::kill(-pid, SIGCONT);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

bool wait_until_listening(int port, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TcpsrvProcess::TcpsrvProcess(const TempDir& dir, const std::string& db) : db_(db) {
  log_ = dir.file("tcpsrv-" + std::to_string(next_log++) + ".log");
  port_ = free_port();
  start();
}

TcpsrvProcess::~TcpsrvProcess() { stop(); }

void TcpsrvProcess::start() {
  if (pid_ > 0) return;
  write_file(log_, "");
  pid_ = start_process_group({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port_), db_}, log_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(log_).find("Listening...") != std::string::npos) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "xapian-tcpsrv did not start on port " << port_ << ":\n" << read_file(log_);
}

void TcpsrvProcess::pause() {
  if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void TcpsrvProcess::resume() {
  if (pid_ > 0) ::kill(-pid_, SIGCONT);
}

void TcpsrvProcess::stop() {
  stop_process_group(pid_);
  pid_ = -1;
}

}  // namespace warta::test
