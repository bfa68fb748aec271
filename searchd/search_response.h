// search_response: what a search returns, before it is encoded as JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace warta::searchd {

// The other matching articles of a hit's near-duplicate group (collapse).
struct Duplicates {
  std::uint64_t count = 0;       // all of them
  std::vector<std::string> ids;  // the best-ranked of them, at most kMaxDuplicateIds
};
inline constexpr std::size_t kMaxDuplicateIds = 100;

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
  std::optional<Duplicates> duplicates;  // collapsed searches, when the group has other matches
};

struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
};

// How `q` was read when date words were taken out of it: the range they
// say ("YYYY-MM-DD", inclusive; an end may be open) and the rest of `q`.
struct Interpreted {
  std::optional<std::string> date_from;
  std::optional<std::string> date_to;
  std::string q;
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
  std::optional<Interpreted> interpreted;  // only when something was interpreted
  // Shards that were down (only under --on-shard-failure partial): the
  // answer covers the others, and says "partial": true.
  std::vector<std::string> missing_shards;
};

}  // namespace warta::searchd
