// result_cache: answers to searches already made, kept per index revision.
//
// A search's answer depends only on the request and on the index it ran
// on, so an answer is kept under the request and the revision of every
// local shard, and it is never served for another revision: a commit
// makes every earlier entry unreachable (they age out of the LRU order).
// Searches over remote shards are not cached: their revision is not known.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "searchd/search_request.h"
#include "searchd/search_response.h"

namespace warta::searchd {

class ResultCache {
 public:
  // At most `max_bytes` of answers (an estimate of their size in memory);
  // 0 keeps nothing.
  explicit ResultCache(std::size_t max_bytes);
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  bool enabled() const { return max_bytes_ > 0; }

  // The answer kept for `request` on `revision`, if any.
  std::optional<SearchResponse> find(const std::string& revision, const SearchRequest& request);
  // Keeps `response`, dropping the least recently used answers to stay
  // within the size; an answer larger than a quarter of it is not kept.
  void store(const std::string& revision, const SearchRequest& request, const SearchResponse& response);

  struct Counts {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Counts counts() const;

 private:
  struct Entry {
    std::string revision;
    SearchRequest request;
    SearchResponse response;
    std::size_t bytes = 0;
  };
  using Order = std::list<Entry>;  // most recently used first

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  Order order_;
  std::unordered_multimap<std::uint64_t, Order::iterator> by_hash_;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// A hash of every field of the request (equal requests, equal hashes).
std::uint64_t hash_of(const std::string& revision, const SearchRequest& request);

// Roughly how many bytes `response` holds.
std::size_t approximate_bytes(const SearchResponse& response);

}  // namespace warta::searchd
