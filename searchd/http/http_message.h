// http_message: the transport's view of a request and a response. The
// transport knows nothing about search; the router and handlers know
// nothing about sockets.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace warta::searchd::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query string as sent, e.g. "/search?q=a"
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
