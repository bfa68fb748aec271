// router: method + path -> which endpoint, with its path parameters. Pure.
#pragma once

#include <string>
#include <string_view>

namespace warta::searchd {

enum class Route {
  kSearch,          // GET, POST /search
  kArticle,         // GET /articles/{id}
  kSimilar,         // GET /articles/{id}/similar
  kHealth,          // GET /health
  kStats,           // GET /stats
  kMetrics,         // GET /metrics
  kSynonyms,        // GET /synonyms?term=
  kNotFound,
  kMethodNotAllowed,
};

struct RouteMatch {
  Route route = Route::kNotFound;
  std::string id;           // for kArticle and kSimilar, percent-decoded
  std::string query;        // the query string, without '?'
  std::string allow;        // for kMethodNotAllowed: the methods the path takes
  std::string name;         // route name for logs and metrics ("search", ...)
};

// Routes `method` and `target` (path with optional query string). HEAD is
// routed like GET.
RouteMatch route_request(std::string_view method, std::string_view target);

// Decodes %XX escapes into `out` (and '+' as space when `plus_is_space`);
// false for a malformed escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace warta::searchd
