// http_message: the transport's view of a request and a response. The
// transport knows nothing about search; the router and handlers know
// nothing about sockets.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warta::searchd::http {

// A request target in origin form: "http://host:port/search?q=a" (the
// absolute form, which HTTP/1.1 servers must accept) becomes "/search?q=a";
// other targets are returned as they are.
inline std::string origin_form(std::string_view target) {
  for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (target.substr(0, scheme.size()) == scheme) {
      std::size_t path = target.find_first_of("/?", scheme.size());
      if (path == std::string_view::npos) return "/";
      return (target[path] == '?' ? "/" : "") + std::string(target.substr(path));
    }
  }
  return std::string(target);
}

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query string in origin form, e.g. "/search?q=a"
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string remote;  // peer address "host:port", for logs

  // The first header called `name` (lowercase), or "".
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// Called on a worker thread or an I/O thread; must call `respond` exactly
// once, from any thread.
using RequestHandler = std::function<void(HttpRequest request,
                                          std::function<void(HttpResponse)> respond)>;

}  // namespace warta::searchd::http
