// session: one HTTP/1.1 connection (read a request, call the handler, write
// the response, repeat), and the state its sessions share with the server.
// Internal to searchd/http; include server.h from elsewhere.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "common/error.h"
#include "searchd/http/http_message.h"
#include "searchd/http/server.h"

namespace warta::searchd::http {

class Session;

// What the listener and every session share: options, the handler, and the
// live sessions a graceful stop must reach. Thread-safe.
class ServerState {
 public:
  enum class Admission { kAdmitted, kFull, kStopping };

  ServerState(ServerOptions options, RequestHandler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {}

  const ServerOptions& options() const { return options_; }
  const RequestHandler& handler() const { return handler_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Registers `session` as live unless the server is stopping or already has
  // max_connections live sessions and none of them may be reclaimed (see
  // ServerOptions::reclaim_after).
  Admission admit(const std::shared_ptr<Session>& session);

  // Forgets a session; called from its destructor. Unknown sessions are ignored.
  void remove(const Session* session);

  // Marks the server stopping and returns the sessions still alive; from now
  // on admit() refuses every session.
  std::vector<std::shared_ptr<Session>> begin_stop();

  std::size_t size() const;

 private:
  const ServerOptions options_;
  const RequestHandler handler_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;  // guarded by mutex_
};

// One connection. Every member runs on the connection's strand (the stream's
// executor); the public functions post onto it and are thread-safe.
class Session : public std::enable_shared_from_this<Session> {
 public:
  // `socket` must have a strand as its executor (net::make_strand).
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state);
  ~Session();

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts reading requests. Call once, on an admitted session.
  void start();

  // Answers 503 overloaded without reading a request, then closes.
  void reject_overloaded();

  // Graceful stop: closes the connection if it waits for a new request, else
  // lets the current request finish and closes after its response.
  void stop();

  // Closes the connection if it is still waiting for (or reading) a request;
  // one already being answered is left alone. Makes room at the connection cap.
  void evict();

  // When the connection began waiting for its current request (steady_clock
  // ticks), or 0 while it has none to wait for. Thread-safe.
  std::int64_t waiting_since() const { return waiting_since_.load(std::memory_order_relaxed); }

 private:
  class PendingResponse;
  enum class Phase { kReading, kHandling, kWriting, kClosing };

  void do_read_header();
  void on_read_header(boost::beast::error_code ec);
  void do_read_body();
  void on_read_body(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void handle_request();
  void write_response(HttpResponse response);
  void write_error(ErrorCode code, const std::string& message);
  void on_write(boost::beast::error_code ec);
  void on_stop();
  void linger_close();
  void do_linger_read();
  void close_now() noexcept;
  template <class F>
  void guarded(const char* what, F&& f) noexcept;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  std::string remote_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::response<boost::beast::http::string_body>> response_;
  std::vector<char> drain_;  // scratch for the lingering close
  Phase phase_ = Phase::kReading;
  unsigned version_ = 11;   // of the request being answered
  bool keep_alive_ = true;  // what the request asked for
  bool head_ = false;       // answer without a body
  bool linger_ = false;     // request bytes may be unread: drain before close
  std::atomic<std::int64_t> waiting_since_{0};  // see waiting_since()
};

}  // namespace warta::searchd::http
