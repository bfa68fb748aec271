// log: spdlog logger creation and format.
#include "common/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace warta {

void init_logging(const std::string& program, const std::string& level, bool timestamps) {
  auto logger = spdlog::stderr_color_mt(program);
  logger->set_pattern(timestamps ? "%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v" : "%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
  // A server's lines must reach a log file as they happen (tests and
  // scripts wait for "listening on").
  if (timestamps) spdlog::flush_on(spdlog::level::info);
}

}  // namespace warta
