// metrics: request counters and a latency histogram, rendered in the
// Prometheus text format for GET /metrics.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace warta::searchd {

class Metrics {
 public:
  // Records one finished request. Thread-safe.
  void record(const std::string& route, int status, double seconds);

  // The Prometheus exposition text, with gauges supplied by the caller.
  std::string render(std::uint64_t queue_depth, std::uint64_t documents, std::uint64_t revision) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, std::array<std::uint64_t, kBuckets.size() + 1>> histogram_;  // last: +Inf
  std::map<std::string, double> latency_sum_;
};

}  // namespace warta::searchd
