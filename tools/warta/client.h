// client: a small blocking HTTP/1.1 client (plain HTTP, Boost.Beast) for talking to warta-searchd.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warta::cli {

// Where warta-searchd listens, split from a URL "http://HOST[:PORT][/PREFIX]".
struct ServerUrl {
  std::string host;    // a name or an address; IPv6 without its brackets
  std::string port;    // "80" when the URL names none
  std::string prefix;  // path prepended to every target, no trailing '/': "" or "/warta"
  std::string text;    // the URL as given, for messages
};

// Parses `url`. Returns nullopt and sets `error` to a message naming what is
// wrong when it is not an http:// URL with a host (https, a query string or
// a bad port are refused: the client speaks plain HTTP only).
std::optional<ServerUrl> parse_server_url(std::string_view url, std::string& error);

// Percent-encodes one path segment: every byte but A-Z a-z 0-9 - . _ ~.
std::string encode_path_segment(std::string_view segment);

// The server could not be reached (name lookup or connect failed or timed out).
class UnreachableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The server was reached but the exchange failed (write, read or a reply
// that is not HTTP, or no reply within the timeout).
class ExchangeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

inline constexpr std::chrono::seconds kDefaultTimeout{10};

// Sends one request (`method` "GET" or "POST"; `target` the path after the
// server's prefix, starting with '/'; `body` sent as application/json when
// not empty) on a new connection and returns the whole reply, whatever its
// status. Connecting and then the exchange each get `timeout`. Throws
// UnreachableError or ExchangeError with the reason (the system's words).
HttpReply http_request(const ServerUrl& server, std::string_view method, const std::string& target,
                       const std::string& body, std::chrono::seconds timeout = kDefaultTimeout);

}  // namespace warta::cli
