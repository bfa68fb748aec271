// server: the HTTP/1.1 transport of warta-searchd; it accepts connections and
// hands each request to a RequestHandler, knowing nothing about search.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "searchd/http/http_message.h"

namespace warta::searchd::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = pick a free port; see HttpServer::local_endpoint()
  std::size_t body_limit = 1 << 20;           // larger bodies get 413 payload_too_large
  std::size_t header_limit = 16 * 1024;       // request line + headers; larger get 431
  std::chrono::seconds idle_timeout{30};      // keep-alive idle, and time to send a request
  std::chrono::seconds write_timeout{30};     // time for the client to take a response
  std::size_t max_connections = 1024;         // more get 503 overloaded and are closed
  // At max_connections, the connection that has waited longest for its
  // request (an idle keep-alive or a slow sender), if it has waited at least
  // this long, is closed to admit the new one: slow clients cannot hold
  // every slot until their timeout.
  std::chrono::milliseconds reclaim_after{1000};
};

class Listener;
class ServerState;

// One listening socket and its connections. All I/O runs on the threads that
// run the io_context; each connection has its own strand. Requests on one
// connection are handled one at a time, in order (pipelining is serialised).
class HttpServer {
 public:
  // `handler` is called once per well-formed request, on an I/O thread and
  // concurrently for different connections; it must not block, and must call
  // `respond` exactly once, from any thread, before the io_context is gone.
  // A handler that throws or drops `respond` without calling it yields a 500.
  HttpServer(boost::asio::io_context& io, ServerOptions options, RequestHandler handler);

  // Calls stop(). Connections still open keep the state they need alive.
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Resolves and binds options.host:options.port, then accepts connections
  // once the io_context runs. Throws std::runtime_error naming "host:port" and
  // the cause when it cannot resolve, bind or listen. Call at most once.
  void start();

  // The bound address, with the real port when options.port was 0.
  // Valid after start() returned; thread-safe.
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  // Graceful stop: stops accepting, closes idle keep-alive connections, lets
  // requests already received get their response (sent with Connection:
  // close), then closes those too. Returns at once; io_context::run() returns
  // once the last connection is gone. Thread-safe and idempotent.
  void stop();

  // Connections currently open (for stats and tests). Thread-safe.
  std::size_t connection_count() const;

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<ServerState> state_;
  std::shared_ptr<Listener> listener_;
  boost::asio::ip::tcp::endpoint endpoint_;
};

// "127.0.0.1:8080", or "[::1]:8080" for IPv6: the form logs and clients use.
std::string format_endpoint(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace warta::searchd::http
