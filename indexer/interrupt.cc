// interrupt: a flag set by the signal handler, read between records.
#include "indexer/interrupt.h"

#include <atomic>
#include <csignal>
#include <string>

namespace warta::indexer {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may only touch a lock-free atomic");

extern "C" void on_stop_signal(int signal_number) {
  int none = 0;
  if (!g_signal.compare_exchange_strong(none, signal_number)) {
    // The second one: stop now, by the signal's default action.
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
}

std::string signal_name(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

}  // namespace

Interrupted::Interrupted(int signal_number)
    : std::runtime_error("interrupted by " + signal_name(signal_number) +
                         "; the index keeps its last commit (run again to complete it)"),
      signal_number_(signal_number) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int signal_number : {SIGINT, SIGTERM}) sigaction(signal_number, &action, nullptr);
}

void throw_if_interrupted() {
  if (int signal_number = g_signal.load(std::memory_order_relaxed); signal_number != 0) {
    throw Interrupted(signal_number);
  }
}

}  // namespace warta::indexer
