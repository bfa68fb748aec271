// tcpsrv_process: Xapian's xapian-tcpsrv serving one database on a free
// loopback port, for tests of remote shards; stopped (with the children it
// forks per connection) and restarted on the same port.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/support/process.h"

namespace warta::test {

class TcpsrvProcess {
 public:
  // Starts `xapian-tcpsrv --interface 127.0.0.1 --port P db` on a free port
  // and waits (up to 30 s) until it listens. A test failure is recorded
  // when it does not.
  TcpsrvProcess(const TempDir& dir, const std::string& db);
  ~TcpsrvProcess();
  TcpsrvProcess(const TcpsrvProcess&) = delete;
  TcpsrvProcess& operator=(const TcpsrvProcess&) = delete;

  // Kills the server and every connection it serves (its process group).
  void stop();
  // Starts it again on the same port.
  void start();
  // Freezes the server and its connections (SIGSTOP): a shard that stops
  // answering without closing anything. resume() thaws it.
  void pause();
  void resume();
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::string db_;
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_port();

// Starts `argv` (found on PATH) in a process group of its own, output to
// `log_path`; returns its PID. stop_process_group() kills the group (the
// daemon and any children it forked) and reaps the daemon.
pid_t start_process_group(const std::vector<std::string>& argv, const std::string& log_path);
void stop_process_group(pid_t pid);

// Polls until something accepts connections on 127.0.0.1:port; false
// after `seconds`.
bool wait_until_listening(int port, int seconds);

}  // namespace warta::test
