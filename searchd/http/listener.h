// listener: the accept loop of the HTTP transport; one Session per accepted
// connection. Internal to searchd/http; include server.h from elsewhere.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

namespace warta::searchd::http {

class ServerState;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, std::shared_ptr<ServerState> state);

  // Opens, binds and listens on `endpoint`. Throws std::runtime_error naming
  // `name` (the host:port asked for) and the cause. Call before start().
  void open(const boost::asio::ip::tcp::endpoint& endpoint, const std::string& name);

  // The bound address; valid after open().
  boost::asio::ip::tcp::endpoint local_endpoint() const { return endpoint_; }

  // Starts the accept loop on the io_context's threads.
  void start();

  // Closes the listening socket; thread-safe, idempotent.
  void stop();

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  std::shared_ptr<ServerState> state_;
  boost::asio::ip::tcp::acceptor acceptor_;  // on its own strand
  boost::asio::steady_timer retry_timer_;    // back-off after accept errors
  boost::asio::ip::tcp::endpoint endpoint_;
};

}  // namespace warta::searchd::http
