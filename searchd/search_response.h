// search_response: what a search returns, before it is encoded as JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace warta::searchd {

// One result. Optional fields the article lacks are left out of the JSON.
struct Hit {
  std::string id;
  std::string title;
  std::optional<std::string> url;
  std::optional<std::string> source;
  std::optional<std::string> published_at;
  std::optional<std::string> section;
  std::vector<std::string> authors;
  std::optional<std::string> location;
  std::optional<std::string> lang;
  double score = 0;
  std::string title_html;  // HTML-escaped title, <mark> around matches when highlighting
  std::string snippet;     // HTML-escaped best passage of the body, likewise
};

struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
};

struct SearchResponse {
  std::uint64_t total = 0;
  bool total_exact = true;
  double took_ms = 0;
  int offset = 0;
  std::vector<Hit> hits;
  // In the order requested: field -> values (by count; year/month by time).
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets;
  std::optional<std::string> suggestion;
  // Shards that were down (only under --on-shard-failure partial): the
  // answer covers the others, and says "partial": true.
  std::vector<std::string> missing_shards;
};

}  // namespace warta::searchd
