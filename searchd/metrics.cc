// metrics: counters under one mutex; cheap next to a search.
#include "searchd/metrics.h"

#include <sstream>

namespace warta::searchd {

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  auto& buckets = histogram_[route];
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++buckets[i];
  latency_sum_[route] += seconds;
}

std::string Metrics::render(std::uint64_t queue_depth, std::uint64_t documents, std::uint64_t revision) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP warta_requests_total Requests answered, by route and HTTP status.\n"
      << "# TYPE warta_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "warta_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << "\n";
  }
  out << "# HELP warta_request_duration_seconds Time to answer a request, by route.\n"
      << "# TYPE warta_request_duration_seconds histogram\n";
  for (const auto& [route, buckets] : histogram_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += buckets[i];
      out << "warta_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
          << cumulative << "\n";
    }
    cumulative += buckets[kBuckets.size()];
    out << "warta_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << cumulative << "\n";
    out << "warta_request_duration_seconds_sum{route=\"" << route << "\"} " << latency_sum_.at(route) << "\n";
    out << "warta_request_duration_seconds_count{route=\"" << route << "\"} " << cumulative << "\n";
  }
  out << "# HELP warta_queue_depth Searches waiting for or running on a worker.\n"
      << "# TYPE warta_queue_depth gauge\nwarta_queue_depth " << queue_depth << "\n"
      << "# HELP warta_documents Articles in the index.\n"
      << "# TYPE warta_documents gauge\nwarta_documents " << documents << "\n"
      << "# HELP warta_index_revision Revision of the index being searched.\n"
      << "# TYPE warta_index_revision gauge\nwarta_index_revision " << revision << "\n";
  return out.str();
}

}  // namespace warta::searchd
