// result_cache: an LRU list of answers, found by a hash of the request and
// confirmed by comparing the whole request.
#include "searchd/result_cache.h"

#include <functional>
#include <string_view>

namespace warta::searchd {
namespace {

// FNV-1a over length-prefixed fields, so that ("ab","c") and ("a","bc") differ.
class Hasher {
 public:
  void add(std::string_view s) {
    add_number(s.size());
    for (char c : s) mix(static_cast<unsigned char>(c));
  }
  void add_number(std::uint64_t n) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(n >> (8 * i)));
  }
  void add_optional(const std::optional<std::string>& s) {
    add_number(s ? 1 : 0);
    if (s) add(std::string_view(*s));
  }
  std::uint64_t value() const { return h_; }

 private:
  void mix(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  std::uint64_t h_ = 14695981039346656037ull;
};

std::size_t bytes_of(const std::optional<std::string>& s) { return s ? s->size() : 0; }

}  // namespace

std::uint64_t hash_of(const std::string& revision, const SearchRequest& request) {
  Hasher h;
  h.add(revision);
  h.add(request.q);
  h.add_number(request.filters.size());
  for (const FieldFilter& f : request.filters) {
    h.add(f.field);
    h.add_number(f.values.size());
    for (const std::string& v : f.values) h.add(v);
  }
  h.add_number(request.date ? 1 : 0);
  if (request.date) {
    h.add_optional(request.date->from);
    h.add_optional(request.date->to);
  }
  h.add_number(request.facets.size());
  for (const FacetRequest& f : request.facets) {
    h.add(f.field);
    h.add_number(f.size ? static_cast<std::uint64_t>(*f.size) + 1 : 0);
  }
  h.add_number(request.sort ? static_cast<std::uint64_t>(*request.sort) + 1 : 0);
  h.add_number(static_cast<std::uint64_t>(request.offset));
  h.add_number(static_cast<std::uint64_t>(request.limit));
  h.add_number(request.highlight ? 1 : 0);
  h.add_number(std::hash<double>{}(request.recency));
  h.add_number(request.interpret_dates ? 1 : 0);
  h.add_optional(request.reference_date);
  h.add_number(request.collapse ? 1 : 0);
  return h.value();
}

std::size_t approximate_bytes(const SearchResponse& response) {
  std::size_t bytes = sizeof(SearchResponse) + bytes_of(response.suggestion);
  for (const Hit& hit : response.hits) {
    bytes += sizeof(Hit) + hit.id.size() + hit.title.size() + hit.title_html.size() + hit.snippet.size() +
             bytes_of(hit.url) + bytes_of(hit.source) + bytes_of(hit.published_at) + bytes_of(hit.section) +
             bytes_of(hit.location) + bytes_of(hit.lang);
    for (const std::string& a : hit.authors) bytes += sizeof(std::string) + a.size();
    if (hit.duplicates) {
      for (const std::string& id : hit.duplicates->ids) bytes += sizeof(std::string) + id.size();
    }
  }
  for (const auto& [name, counts] : response.facets) {
    bytes += name.size() + sizeof(counts);
    for (const FacetCount& c : counts) bytes += sizeof(FacetCount) + c.value.size();
  }
  return bytes;
}

ResultCache::ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::optional<SearchResponse> ResultCache::find(const std::string& revision, const SearchRequest& request) {
  if (!enabled()) return std::nullopt;
  std::uint64_t hash = hash_of(revision, request);
  std::lock_guard lock(mutex_);
  auto [first, last] = by_hash_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    Order::iterator entry = it->second;
    if (entry->revision == revision && entry->request == request) {
      order_.splice(order_.begin(), order_, entry);
      ++hits_;
      return entry->response;
    }
  }
  ++misses_;
  return std::nullopt;
}

void ResultCache::store(const std::string& revision, const SearchRequest& request, const SearchResponse& response) {
  if (!enabled()) return;
  std::size_t bytes = approximate_bytes(response) + revision.size() + request.q.size() + sizeof(Entry);
  if (bytes > max_bytes_ / 4) return;
  std::uint64_t hash = hash_of(revision, request);
  std::lock_guard lock(mutex_);
  auto [first, last] = by_hash_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (it->second->revision == revision && it->second->request == request) return;  // another thread was first
  }
  order_.push_front(Entry{revision, request, response, bytes});
  by_hash_.emplace(hash, order_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !order_.empty()) {
    Order::iterator oldest = std::prev(order_.end());
    auto [from, to] = by_hash_.equal_range(hash_of(oldest->revision, oldest->request));
    for (auto it = from; it != to; ++it) {
      if (it->second == oldest) {
        by_hash_.erase(it);
        break;
      }
    }
    bytes_ -= oldest->bytes;
    order_.erase(oldest);
  }
}

ResultCache::Counts ResultCache::counts() const {
  std::lock_guard lock(mutex_);
  return Counts{hits_, misses_, order_.size(), bytes_};
}

}  // namespace warta::searchd
