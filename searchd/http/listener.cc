// listener: the accept loop of the HTTP transport; one Session per accepted
// connection.
#include "searchd/http/listener.h"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <spdlog/spdlog.h>

#include "searchd/http/server.h"
#include "searchd/http/session.h"

namespace warta::searchd::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {
// Accept errors such as EMFILE repeat at once; pause instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
}  // namespace

Listener::Listener(net::io_context& io, std::shared_ptr<ServerState> state)
    : io_(io),
      state_(std::move(state)),
      acceptor_(net::make_strand(io)),
      retry_timer_(acceptor_.get_executor()) {}

void Listener::open(const tcp::endpoint& endpoint, const std::string& name) {
  beast::error_code ec;
  const auto check = [&](const char* step) {
    if (ec) {
      throw std::runtime_error("cannot listen on " + name + ": " + step + ": " + ec.message());
    }
  };
  acceptor_.open(endpoint.protocol(), ec);
  check("open");
  // Lets a restarted searchd bind while old connections sit in TIME_WAIT; a
  // live listener on the port still makes bind fail.
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  check("setsockopt");
  acceptor_.bind(endpoint, ec);
  check("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  check("listen");
  endpoint_ = acceptor_.local_endpoint(ec);
  check("getsockname");
}

void Listener::start() {
  net::dispatch(acceptor_.get_executor(),
                beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void Listener::do_accept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand, so its handlers never run concurrently.
  acceptor_.async_accept(net::make_strand(io_),
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    spdlog::warn("http: accept on {} failed: {}", format_endpoint(endpoint_), ec.message());
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  try {
    auto session = std::make_shared<Session>(std::move(socket), state_);
    switch (state_->admit(session)) {
      case ServerState::Admission::kAdmitted:
        session->start();
        break;
      case ServerState::Admission::kFull:
        session->reject_overloaded();
        break;
      case ServerState::Admission::kStopping:
        break;  // dropping the session closes the socket
    }
  } catch (const std::exception& e) {
    spdlog::error("http: cannot start a session: {}", e.what());
  }
  do_accept();
}

}  // namespace warta::searchd::http
