// log: the spdlog set-up both programs share (stderr, one line per event).
#pragma once

#include <string>

namespace warta {

// Names accepted by --log-level, in the order help texts list them.
inline constexpr const char* kLogLevels[] = {"trace", "debug", "info", "warn", "error", "off"};

// Makes a stderr logger called `program` the default, at `level` (one of
// kLogLevels). `timestamps` prefixes each line with the time (servers);
// otherwise lines read "level: message" (command-line tools).
void init_logging(const std::string& program, const std::string& level, bool timestamps);

}  // namespace warta
