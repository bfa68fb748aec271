// router: a handful of fixed paths and one parameterised family.
#include "searchd/router.h"

namespace warta::searchd {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

RouteMatch only(std::string_view method, bool get_ok, bool post_ok, Route route, const char* name) {
  RouteMatch m;
  m.name = name;
  bool is_get = method == "GET" || method == "HEAD";
  if ((is_get && get_ok) || (method == "POST" && post_ok)) {
    m.route = route;
  } else {
    m.route = Route::kMethodNotAllowed;
    m.allow = get_ok && post_ok ? "GET, HEAD, POST" : (get_ok ? "GET, HEAD" : "POST");
  }
  return m;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

RouteMatch route_request(std::string_view method, std::string_view target) {
  std::string_view path = target;
  std::string_view query;
  if (auto q = target.find('?'); q != std::string_view::npos) {
    path = target.substr(0, q);
    query = target.substr(q + 1);
  }
  RouteMatch m;
  if (path == "/search") {
    m = only(method, true, true, Route::kSearch, "search");
  } else if (path == "/health") {
    m = only(method, true, false, Route::kHealth, "health");
  } else if (path == "/stats") {
    m = only(method, true, false, Route::kStats, "stats");
  } else if (path == "/metrics") {
    m = only(method, true, false, Route::kMetrics, "metrics");
  } else if (path == "/synonyms") {
    m = only(method, true, false, Route::kSynonyms, "synonyms");
  } else if (path.rfind("/articles/", 0) == 0 && path.size() > 10) {
    std::string_view rest = path.substr(10);
    bool similar = false;
    constexpr std::string_view kSimilar = "/similar";
    if (rest.size() > kSimilar.size() && rest.substr(rest.size() - kSimilar.size()) == kSimilar) {
      rest.remove_suffix(kSimilar.size());
      similar = true;
    }
    std::string id;
    if (rest.find('/') != std::string_view::npos || !percent_decode(rest, id, false) || id.empty()) {
      m.route = Route::kNotFound;
      m.name = "not_found";
    } else {
      m = only(method, true, false, similar ? Route::kSimilar : Route::kArticle, similar ? "similar" : "article");
      m.id = std::move(id);
    }
  } else {
    m.route = Route::kNotFound;
    m.name = "not_found";
  }
  m.query = std::string(query);
  return m;
}

}  // namespace warta::searchd
