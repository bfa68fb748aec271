// static_files: URL path -> file under the web root, checked segment by
// segment before the file system is touched, then again after symlinks are
// resolved.
#include "searchd/static_files.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>

#include "common/error.h"
#include "searchd/codec.h"
#include "searchd/router.h"

namespace warta::searchd {
namespace {

namespace fs = std::filesystem;
using http::HttpRequest;
using http::HttpResponse;

constexpr std::string_view kIndexFile = "index.html";
constexpr std::string_view kStaticPrefix = "/static/";
// index.html names its assets as "{{assets}}/app.js"; the server fills in
// "/static/<version>" so that a changed file gets a new URL.
constexpr std::string_view kAssetBasePlaceholder = "{{assets}}";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

struct ContentType {
  std::string_view extension;
  std::string_view type;
};
constexpr std::array<ContentType, 12> kContentTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
    {".webmanifest", "application/manifest+json"},
    {".map", "application/json"},
}};

void add_security_headers(HttpResponse& response) {
  response.headers.emplace_back("Content-Security-Policy", std::string(kPageContentSecurityPolicy));
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  response.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
}

HttpResponse error(ErrorCode code, const std::string& message) {
  HttpResponse response;
  response.status = error_status(code);
  response.body = encode_error(Error(code, message));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;

std::string hex16(std::uint64_t value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[value & 0xf];
    value >>= 4;
  }
  return out;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate).
std::string http_date(fs::file_time_type time) {
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::file_clock::to_sys(time));
  std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 64> buffer{};
  std::size_t n = std::strftime(buffer.data(), buffer.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buffer.data(), n);
}

std::optional<std::string> read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(text[i + j]) == needle[j]) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

// A 304 when the client's copy (by ETag, or failing that by date) is current.
bool not_modified(const HttpRequest& request, const std::string& etag, const std::string& last_modified) {
  std::string if_none_match = request.header("if-none-match");
  if (!if_none_match.empty()) return if_none_match == etag || if_none_match == "*";
  return !last_modified.empty() && request.header("if-modified-since") == last_modified;
}

HttpResponse finish(const HttpRequest& request, std::string body, std::string_view type, std::string etag,
                    std::string last_modified, std::string_view cache_control) {
  HttpResponse response;
  response.content_type = std::string(type);
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  response.headers.emplace_back("ETag", etag);
  if (!last_modified.empty()) response.headers.emplace_back("Last-Modified", last_modified);
  if (not_modified(request, etag, last_modified)) {
    response.status = 304;
    return response;
  }
  response.body = std::move(body);
  return response;
}

bool is_version_segment(std::string_view segment) {
  return segment.size() == 17 && segment[0] == 'v' &&
         segment.substr(1).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw std::runtime_error("web root " + root.string() + ": not a directory");
  root_ = fs::canonical(root);
}

bool StaticFiles::claims(std::string_view target) {
  std::string_view path = path_of(target);
  return path == "/" || path == "/index.html" || path.rfind(kStaticPrefix, 0) == 0;
}

HttpResponse StaticFiles::serve(const HttpRequest& request) const {
  auto start = std::chrono::steady_clock::now();
  HttpResponse response;
  if (request.method != "GET" && request.method != "HEAD") {
    response = error(ErrorCode::kMethodNotAllowed, request.method + " is not allowed here; use GET, HEAD");
    response.headers.emplace_back("Allow", "GET, HEAD");
  } else {
    std::string_view path = path_of(request.target);
    if (path == "/" || path == "/index.html") {
      response = serve_index(request);
    } else if (path.rfind(kStaticPrefix, 0) == 0) {
      response = serve_asset(request, path.substr(kStaticPrefix.size()));
    } else {
      response = error(ErrorCode::kNotFound, "no such page");
    }
  }
  add_security_headers(response);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} {} {} {:.1f}ms", request.method, request.target, response.status, ms);
  return response;
}

HttpResponse StaticFiles::serve_index(const HttpRequest& request) const {
  auto page = read_whole(root_ / kIndexFile);
  if (!page) return error(ErrorCode::kNotFound, "the web root has no index.html");
  std::string base = std::string(kStaticPrefix) + asset_version();
  for (auto at = page->find(kAssetBasePlaceholder); at != std::string::npos;
       at = page->find(kAssetBasePlaceholder, at + base.size())) {
    page->replace(at, kAssetBasePlaceholder.size(), base);
  }
  std::string etag = "\"" + hex16(fnv1a(kFnvOffset, *page)) + "\"";
  return finish(request, std::move(*page), content_type_for(kIndexFile), etag, "", kRevalidate);
}

HttpResponse StaticFiles::serve_asset(const HttpRequest& request, std::string_view path) const {
  // Encoded separators would let a decoded segment carry a '/' or '\'.
  if (contains_ci(path, "%2f") || contains_ci(path, "%5c") || contains_ci(path, "%00")) {
    return error(ErrorCode::kBadRequest, "path: encoded slashes, backslashes and NUL are not allowed");
  }
  std::string decoded;
  if (!percent_decode(path, decoded, false)) return error(ErrorCode::kBadRequest, "path: malformed percent escape");
  if (decoded.find('\\') != std::string::npos || decoded.find('\0') != std::string::npos) {
    return error(ErrorCode::kBadRequest, "path: backslashes and NUL are not allowed");
  }

  std::vector<std::string_view> segments;
  for (std::string_view rest = decoded; !rest.empty();) {
    auto slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // "/dir/" names the directory

  bool versioned = !segments.empty() && is_version_segment(segments.front());
  bool current = versioned && segments.front() == asset_version();
  if (versioned) segments.erase(segments.begin());
  if (segments.empty()) return error(ErrorCode::kNotFound, "no such file");

  fs::path relative;
  for (std::string_view segment : segments) {
    if (segment == "." || segment == "..") {
      return error(ErrorCode::kBadRequest, "path: '.' and '..' segments are not allowed");
    }
    // Empty segments ("a//b") and hidden files are never part of the page.
    if (segment.empty() || segment.front() == '.') return error(ErrorCode::kNotFound, "no such file");
    relative /= std::string(segment);
  }

  std::error_code ec;
  fs::path file = fs::canonical(root_ / relative, ec);
  if (ec) return error(ErrorCode::kNotFound, "no such file");
  // A symlink inside the root may still point outside it.
  auto [root_end, file_it] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (root_end != root_.end()) return error(ErrorCode::kNotFound, "no such file");
  auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return error(ErrorCode::kNotFound, "no such file");
  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec);
  if (ec || size > kMaxFileBytes) return error(ErrorCode::kNotFound, "no such file");
  auto bytes = read_whole(file);
  if (!bytes) return error(ErrorCode::kNotFound, "no such file");

  std::string etag = "\"" + std::to_string(size) + "-" +
                     hex16(static_cast<std::uint64_t>(mtime.time_since_epoch().count())) + "\"";
  // Only a URL that names today's version may be cached for good; an old
  // page asking for an old version gets today's file, revalidated each time.
  return finish(request, std::move(*bytes), content_type_for(file), etag, http_date(mtime),
                current ? kImmutable : kRevalidate);
}

std::string StaticFiles::asset_version() const {
  std::uint64_t hash = kFnvOffset;
  std::vector<std::string> lines;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ostringstream line;
    line << fs::relative(it->path(), root_, ec).generic_string() << ' ' << it->file_size(ec) << ' '
         << it->last_write_time(ec).time_since_epoch().count();
    lines.push_back(line.str());
  }
  // Directory order is unspecified; the version must not depend on it.
  std::sort(lines.begin(), lines.end());
  for (const auto& line : lines) hash = fnv1a(hash, line + "\n");
  return "v" + hex16(hash);
}

std::optional<fs::path> find_web_root(const std::vector<fs::path>& candidates) {
  for (const auto& dir : candidates) {
    std::error_code ec;
    if (!dir.empty() && fs::is_regular_file(dir / kIndexFile, ec)) return dir;
  }
  return std::nullopt;
}

std::string_view content_type_for(const fs::path& file) {
  std::string extension = file.extension().string();
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& entry : kContentTypes) {
    if (entry.extension == extension) return entry.type;
  }
  return "application/octet-stream";
}

}  // namespace warta::searchd
