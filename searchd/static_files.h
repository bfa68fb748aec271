// static_files: serves the search page (web/) from a directory: maps a URL
// path to a file under the web root and never outside it, with content types,
// caching and security headers. Knows nothing about search.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searchd/http/http_message.h"

namespace warta::searchd {

// The Content-Security-Policy of the page: scripts, styles and connections
// from this server only, no inline script or style, no framing.
inline constexpr std::string_view kPageContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class StaticFiles {
 public:
  // Serves the files under `root`. Throws std::runtime_error naming the path
  // when it is not a directory.
  explicit StaticFiles(const std::filesystem::path& root);

  // True for the targets the page owns: "/", "/index.html" and "/static/..."
  // (query strings ignored). Everything else belongs to the API.
  static bool claims(std::string_view target);

  // Answers a request for a claimed target; never throws. GET and HEAD only
  // (405 otherwise). "/" is index.html with its asset base filled in; a path
  // that is malformed or tries to leave the root (.., encoded slashes or
  // backslashes, NUL) is a 400; a missing, hidden or non-regular file a 404.
  // Every answer, errors included, carries the security headers. Thread-safe.
  http::HttpResponse serve(const http::HttpRequest& request) const;

  // "v" + 16 hex digits naming the current contents of the root (paths, sizes
  // and modification times), so versioned asset URLs change with any file.
  std::string asset_version() const;

  const std::filesystem::path& root() const { return root_; }

 private:
  http::HttpResponse serve_index(const http::HttpRequest& request) const;
  http::HttpResponse serve_asset(const http::HttpRequest& request, std::string_view path) const;

  std::filesystem::path root_;  // canonical
};

// The web root to use when none is given: the first of `candidates` that is
// a directory holding index.html, or nullopt.
std::optional<std::filesystem::path> find_web_root(const std::vector<std::filesystem::path>& candidates);

// "text/html; charset=utf-8" for ".html", ...; "application/octet-stream" for
// an extension it does not know.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace warta::searchd
