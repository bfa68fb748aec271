// client: one request per connection over Beast's tcp_stream, with its expiry as the timeout.
#include "tools/warta/client.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>

#include "common/version.h"

namespace warta::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// A reply larger than this is refused rather than held in memory (a page of
// 100 hits with 1000-bucket facets is well under a megabyte).
constexpr std::uint64_t kMaxReplyBytes = std::uint64_t{64} << 20;

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Runs what was queued on `ioc` to the end. tcp_stream's expiry bounds only
// asynchronous operations, so each step is queued and then run, which reads
// like a blocking call and still times out.
void run(asio::io_context& ioc) {
  ioc.run();
  ioc.restart();
}

std::string reason(const beast::error_code& ec, std::chrono::seconds timeout) {
  if (ec == beast::error::timeout) return "timed out after " + std::to_string(timeout.count()) + " s";
  return ec.message();
}

std::string host_header(const ServerUrl& server) {
  bool ipv6 = server.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + server.host + "]" : server.host) + ":" + server.port;
}

}  // namespace

std::optional<ServerUrl> parse_server_url(std::string_view url, std::string& error) {
  const std::string quoted = "\"" + std::string(url) + "\"";
  constexpr std::string_view kScheme = "http://";
  if (!starts_with_nocase(url, kScheme)) {
    error = starts_with_nocase(url, "https://")
                ? "https is not supported, only plain http: " + quoted
                : "not an http:// URL: " + quoted;
    return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    error = "the server URL cannot have a query or fragment: " + quoted;
    return std::nullopt;
  }
  if (authority.find('@') != std::string_view::npos) {
    error = "the server URL cannot carry a user name: " + quoted;
    return std::nullopt;
  }

  ServerUrl server;
  server.text = std::string(url);
  std::string_view port;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      error = "unclosed '[' in the server URL: " + quoted;
      return std::nullopt;
    }
    server.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        error = "unexpected text after ']' in the server URL: " + quoted;
        return std::nullopt;
      }
      port = after.substr(1);
      has_port = true;
    }
  } else if (std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    server.host = std::string(authority.substr(0, colon));
    port = authority.substr(colon + 1);
    has_port = true;
  } else {
    server.host = std::string(authority);
  }
  if (server.host.empty()) {
    error = "no host in the server URL: " + quoted;
    return std::nullopt;
  }
  if (has_port) {
    bool digits = !port.empty() && port.size() <= 5 &&
                  port.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
      error = "bad port in the server URL (1..65535): " + quoted;
      return std::nullopt;
    }
    server.port = std::string(port);
  } else {
    server.port = "80";
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  server.prefix = std::string(path);
  return server;
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(segment.size());
  for (char c : segment) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

HttpReply http_request(const ServerUrl& server, std::string_view method, const std::string& target,
                       const std::string& body, std::chrono::seconds timeout) {
  asio::io_context ioc;
  beast::error_code ec;

  // Name lookup is left blocking: getaddrinfo cannot be interrupted anyway,
  // and it has timeouts of its own.
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type endpoints = resolver.resolve(server.host, server.port, ec);
  if (ec) throw UnreachableError(ec.message());

  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  stream.async_connect(endpoints, [&ec](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  run(ioc);
  if (ec) throw UnreachableError(reason(ec, timeout));

  http::request<http::string_body> request{http::string_to_verb({method.data(), method.size()}),
                                           server.prefix + target, 11};
  request.set(http::field::host, host_header(server));
  request.set(http::field::user_agent, "warta/" + std::string(warta::version()));
  request.set(http::field::accept, "application/json");
  request.keep_alive(false);
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();

  // One deadline for the whole exchange: a server that trickles bytes still
  // has to finish within `timeout`.
  stream.expires_after(timeout);
  http::async_write(stream, request, [&ec](const beast::error_code& e, std::size_t) { ec = e; });
  run(ioc);
  if (ec) throw ExchangeError(reason(ec, timeout));

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxReplyBytes);
  http::async_read(stream, buffer, parser, [&ec](const beast::error_code& e, std::size_t) { ec = e; });
  run(ioc);
  if (ec) throw ExchangeError(reason(ec, timeout));

  http::response<http::string_body> response = parser.release();
  HttpReply reply;
  reply.status = static_cast<int>(response.result_int());
  auto type = response[http::field::content_type];
  reply.content_type.assign(type.data(), type.size());
  reply.body = std::move(response.body());
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);  // the reply is in; errors do not matter
  return reply;
}

}  // namespace warta::cli
