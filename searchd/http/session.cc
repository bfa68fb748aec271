// session: one HTTP/1.1 connection: read a request within the limits, pass it
// to the handler, write its response back on the connection's strand.
#include "searchd/http/session.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <string_view>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

namespace warta::searchd::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// After an error answer the client may still be sending the request we did
// not read; closing at once would reset the connection and could destroy our
// answer in the client's receive buffer. Drain for at most this long.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kDrainChunk = 16 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// I/O errors are routine (clients vanish); one debug line each, then close.
void log_io_error(const beast::error_code& ec, std::string_view what, const std::string& remote) {
  spdlog::debug("http {}: {}: {}", remote, what, ec.message());
}

std::string json_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

// The protocol's error body: {"error":{"code":"...","message":"..."}}.
HttpResponse error_response(ErrorCode code, const std::string& message) {
  HttpResponse response;
  response.status = error_status(code);
  response.body = R"({"error":{"code":")" + std::string(error_slug(code)) + R"(","message":")" +
                  json_escape(message) + R"("}})";
  return response;
}

// Beast 1.74 speaks boost::string_view.
std::string_view to_std(beast::string_view text) { return {text.data(), text.size()}; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// RFC 9110 token: what a header name may contain.
bool is_token(std::string_view name) {
  constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

// CR or LF in a value would let it start a new header or a new response.
bool is_safe_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Headers the transport sets itself; a handler's copy would contradict them.
bool is_transport_header(std::string_view lower_name) {
  return lower_name == "content-length" || lower_name == "transfer-encoding" ||
         lower_name == "connection" || lower_name == "keep-alive" ||
         lower_name == "content-type" || lower_name == "x-content-type-options";
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

std::string remote_of(const tcp::socket& socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : format_endpoint(endpoint);
}

}  // namespace

// ---- ServerState -----------------------------------------------------------

ServerState::Admission ServerState::admit(const std::shared_ptr<Session>& session) {
  std::vector<std::weak_ptr<Session>> live;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_.load(std::memory_order_relaxed)) return Admission::kStopping;
    if (sessions_.size() < options_.max_connections) {
      sessions_.emplace(session.get(), session);
      return Admission::kAdmitted;
    }
    live.reserve(sessions_.size());
    for (const auto& [key, weak] : sessions_) live.push_back(weak);
  }
  // Chosen outside the lock: the last reference to a session may be dropped
  // here, and its destructor takes the lock.
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  const auto min_wait =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.reclaim_after).count();
  std::shared_ptr<Session> victim;
  std::int64_t oldest = 0;
  for (const auto& weak : live) {
    auto candidate = weak.lock();
    if (!candidate) continue;
    const std::int64_t since = candidate->waiting_since();
    if (since == 0 || now - since < min_wait) continue;
    if (!victim || since < oldest) {
      victim = std::move(candidate);
      oldest = since;
    }
  }
  if (!victim) return Admission::kFull;
  victim->evict();
  const std::lock_guard lock(mutex_);
  if (stopping_.load(std::memory_order_relaxed)) return Admission::kStopping;
  sessions_.emplace(session.get(), session);
  return Admission::kAdmitted;
}

void ServerState::remove(const Session* session) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

std::vector<std::shared_ptr<Session>> ServerState::begin_stop() {
  const std::lock_guard lock(mutex_);
  stopping_.store(true, std::memory_order_release);
  std::vector<std::shared_ptr<Session>> live;
  live.reserve(sessions_.size());
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

std::size_t ServerState::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

// ---- PendingResponse -------------------------------------------------------

// Shared by the copies of the `respond` callback a handler holds. It keeps
// the session and the io_context alive until the answer is posted back to
// the session's strand, and answers 500 if the handler drops it unanswered.
class Session::PendingResponse {
 public:
  explicit PendingResponse(std::shared_ptr<Session> session)
      : session_(std::move(session)),
        // Counts as outstanding work: io_context::run() must not return while
        // a handler on another thread still owes this connection an answer.
        work_(net::prefer(session_->stream_.get_executor(),
                          net::execution::outstanding_work.tracked)) {}

  ~PendingResponse() {
    if (done_.exchange(true)) return;
    try {
      spdlog::error("http {}: request handler dropped its response", session_->remote_);
      deliver(error_response(ErrorCode::kInternal, "the request handler gave no response"));
    } catch (...) {
      // Nothing sensible is left to do in a destructor; the session times out.
    }
  }

  PendingResponse(const PendingResponse&) = delete;
  PendingResponse& operator=(const PendingResponse&) = delete;

  // Posts `response` to the session; false if one was already given.
  bool respond(HttpResponse response) {
    if (done_.exchange(true)) return false;
    deliver(std::move(response));
    return true;
  }

 private:
  void deliver(HttpResponse response) {
    net::post(work_, [session = session_, response = std::move(response)]() mutable {
      session->guarded("respond", [&] { session->write_response(std::move(response)); });
    });
  }

  std::shared_ptr<Session> session_;
  net::any_io_executor work_;
  std::atomic<bool> done_{false};
};

// ---- Session ---------------------------------------------------------------

Session::Session(tcp::socket&& socket, std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)), remote_(remote_of(stream_.socket())) {
  // Each response leaves in one gather write; with Nagle on, a pipelined
  // second response would wait for the client's delayed ACK (~40 ms).
  beast::error_code ignored;
  stream_.socket().set_option(tcp::no_delay(true), ignored);
}

Session::~Session() { state_->remove(this); }

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->guarded("start", [&] { self->do_read_header(); });
  });
}

void Session::reject_overloaded() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->guarded("reject", [&] {
      self->write_error(ErrorCode::kOverloaded, "too many open connections; retry later");
    });
  });
}

void Session::stop() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->guarded("stop", [&] { self->on_stop(); });
  });
}

void Session::evict() {
  waiting_since_.store(0, std::memory_order_relaxed);  // never chosen twice
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->guarded("evict", [&] {
      if (self->phase_ != Phase::kReading) return;  // answering: let it finish
      spdlog::debug("http {}: closed to make room for a new connection", self->remote_);
      self->close_now();
    });
  });
}

template <class F>
void Session::guarded(const char* what, F&& f) noexcept {
  // Nothing may escape into Asio: a throwing completion handler would unwind
  // through io_context::run() and take an I/O thread down.
  try {
    std::forward<F>(f)();
  } catch (const std::exception& e) {
    try {
      spdlog::error("http {}: {}: {}", remote_, what, e.what());
    } catch (...) {
    }
    close_now();
  } catch (...) {
    close_now();
  }
}

void Session::do_read_header() {
  if (state_->stopping()) {
    close_now();
    return;
  }
  const ServerOptions& options = state_->options();
  phase_ = Phase::kReading;
  waiting_since_.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  // A fresh parser per request: Beast parsers are single-use.
  parser_.emplace();
  parser_->body_limit(options.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
  // One deadline covers the idle wait and the whole request, body included.
  stream_.expires_after(options.idle_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->guarded("read", [&] { self->on_read_header(ec); });
                           });
}

void Session::on_read_header(beast::error_code ec) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  const auto& request = parser_->get();
  // curl and others wait (about a second) for this before sending a body.
  if (!parser_->is_done() && request.version() >= 11 &&
      beast::iequals(request[bhttp::field::expect], "100-continue")) {
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                       self->guarded("write", [&] {
                         if (write_ec) {
                           log_io_error(write_ec, "write 100-continue", self->remote_);
                           self->close_now();
                           return;
                         }
                         self->do_read_body();
                       });
                     });
    return;
  }
  do_read_body();
}

void Session::do_read_body() {
  if (parser_->is_done()) {
    handle_request();
    return;
  }
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->guarded("read", [&] { self->on_read_body(ec); });
                    });
}

void Session::on_read_body(beast::error_code ec) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  handle_request();
}

void Session::on_read_error(beast::error_code ec) {
  if (phase_ == Phase::kClosing) return;  // we closed it (stop)
  const ServerOptions& options = state_->options();
  if (ec == bhttp::error::end_of_stream) {  // the client closed between requests
    close_now();
  } else if (ec == bhttp::error::body_limit) {
    write_error(ErrorCode::kPayloadTooLarge,
                "request body larger than " + std::to_string(options.body_limit) + " bytes");
  } else if (ec == bhttp::error::header_limit) {
    write_error(ErrorCode::kHeadersTooLarge,
                "request headers larger than " + std::to_string(options.header_limit) + " bytes");
  } else if (ec != bhttp::error::partial_message && is_parse_error(ec)) {
    write_error(ErrorCode::kBadRequest, "malformed HTTP request: " + ec.message());
  } else {
    log_io_error(ec, "read", remote_);  // timeout, reset, or a truncated request
    close_now();
  }
}

void Session::handle_request() {
  phase_ = Phase::kHandling;
  waiting_since_.store(0, std::memory_order_relaxed);
  auto& message = parser_->get();
  version_ = message.version() == 10 ? 10 : 11;
  keep_alive_ = message.keep_alive();
  linger_ = false;
  // HEAD is answered as GET without the body, so routes need not know it.
  head_ = message.method() == bhttp::verb::head;

  HttpRequest request;
  request.method = head_ ? std::string("GET") : std::string(message.method_string());
  request.target = origin_form(to_std(message.target()));
  request.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    request.headers.emplace_back(lowercase(to_std(field.name_string())), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote = remote_;
  parser_.reset();  // frees the body while the handler works

  auto pending = std::make_shared<PendingResponse>(shared_from_this());
  std::function<void(HttpResponse)> respond = [pending, remote = remote_](HttpResponse response) {
    if (!pending->respond(std::move(response))) {
      spdlog::error("http {}: request handler responded twice; extra response dropped", remote);
    }
  };
  try {
    state_->handler()(std::move(request), std::move(respond));
  } catch (const std::exception& e) {
    spdlog::error("http {}: request handler threw: {}", remote_, e.what());
    pending->respond(error_response(ErrorCode::kInternal, "internal error"));
  } catch (...) {
    spdlog::error("http {}: request handler threw a non-exception", remote_);
    pending->respond(error_response(ErrorCode::kInternal, "internal error"));
  }
}

void Session::write_error(ErrorCode code, const std::string& message) {
  version_ = parser_ && parser_->is_header_done() && parser_->get().version() == 10 ? 10 : 11;
  keep_alive_ = false;
  head_ = false;
  linger_ = true;  // the rest of the request may still be on its way
  HttpResponse response = error_response(code, message);
  if (code == ErrorCode::kOverloaded) response.headers.emplace_back("Retry-After", "1");
  write_response(std::move(response));
}

void Session::write_response(HttpResponse response) {
  if (phase_ == Phase::kClosing) return;  // the connection is already gone
  phase_ = Phase::kWriting;
  waiting_since_.store(0, std::memory_order_relaxed);
  if (state_->stopping()) keep_alive_ = false;
  if (response.status < 200 || response.status > 599) {
    spdlog::error("http {}: handler gave invalid status {}", remote_, response.status);
    response = error_response(ErrorCode::kInternal, "internal error");
  }

  auto& out = response_.emplace();
  out.version(version_);
  out.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  out.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : response.headers) {
    if (!is_token(name) || !is_safe_value(value) || is_transport_header(lowercase(name))) {
      spdlog::warn("http {}: dropped response header '{}'", remote_, name);
      continue;
    }
    out.insert(name, value);
  }
  out.keep_alive(keep_alive_);
  // 204 and 304 never carry a body or its length.
  if (response.status != 204 && response.status != 304) {
    out.content_length(response.body.size());
    if (!head_) out.body() = std::move(response.body);
  }

  stream_.expires_after(state_->options().write_timeout);
  bhttp::async_write(stream_, out, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->guarded("write", [&] { self->on_write(ec); });
  });
}

void Session::on_write(beast::error_code ec) {
  if (ec) {
    if (phase_ != Phase::kClosing) log_io_error(ec, "write", remote_);
    close_now();
    return;
  }
  response_.reset();
  if (linger_) {
    linger_close();
  } else if (!keep_alive_) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    close_now();
  } else {
    do_read_header();
  }
}

void Session::on_stop() {
  // Only a connection waiting for a request is idle; one that has started
  // sending a request, or awaits its answer, finishes and then closes.
  if (phase_ != Phase::kReading) return;
  const bool request_started = buffer_.size() > 0 || (parser_ && parser_->got_some());
  if (!request_started) close_now();
}

void Session::linger_close() {
  phase_ = Phase::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    close_now();
    return;
  }
  drain_.resize(kDrainChunk);
  stream_.expires_after(kLingerTime);
  do_linger_read();
}

void Session::do_linger_read() {
  stream_.async_read_some(net::buffer(drain_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            self->guarded("linger", [&] {
                              if (ec) {
                                self->close_now();  // EOF, reset or the linger deadline
                              } else {
                                self->do_linger_read();
                              }
                            });
                          });
}

void Session::close_now() noexcept {
  phase_ = Phase::kClosing;
  waiting_since_.store(0, std::memory_order_relaxed);
  stream_.close();
}

}  // namespace warta::searchd::http
