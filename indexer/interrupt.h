// interrupt: SIGINT (Ctrl-C) and SIGTERM stop a run cleanly. The run stops
// reading at the next record and before its final merge or commit; what was
// committed stays, nothing after it is kept (the writer's transaction, the
// staging segments removed), and the process exits 128 + the signal's number.
// A second signal ends the process at once, as without the handlers (the
// index still opens at its last commit: see DESIGN's killed runs).
#pragma once

#include <stdexcept>

namespace warta::indexer {

class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_number_; }

 private:
  int signal_number_;
};

// Installs the handlers; call once, before any thread starts.
void install_interrupt_handlers();

// Throws Interrupted once a handled signal has arrived.
void throw_if_interrupted();

}  // namespace warta::indexer
