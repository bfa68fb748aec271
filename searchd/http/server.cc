// server: HttpServer binds the listener and reaches every session on stop.
#include "searchd/http/server.h"

#include <stdexcept>
#include <string>
#include <utility>

#include <boost/beast/core/error.hpp>
#include <spdlog/spdlog.h>

#include "searchd/http/listener.h"
#include "searchd/http/session.h"

namespace warta::searchd::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

std::string format_host_port(const std::string& host, unsigned short port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

std::string format_endpoint(const tcp::endpoint& endpoint) {
  return format_host_port(endpoint.address().to_string(), endpoint.port());
}

HttpServer::HttpServer(net::io_context& io, ServerOptions options, RequestHandler handler)
    : io_(io), state_(std::make_shared<ServerState>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() {
  try {
    stop();
  } catch (...) {
    // Only allocation can fail here; the sessions still end by their timeouts.
  }
}

void HttpServer::start() {
  if (listener_) throw std::logic_error("HttpServer::start() called twice");
  const ServerOptions& options = state_->options();
  const std::string name = format_host_port(options.host, options.port);

  // Sessions log from the I/O threads. Build spdlog's registry here, before
  // any of them runs: its lazy construction inside the (uninstrumented) shared
  // library races, as ThreadSanitizer sees it, with a second thread's first log.
  spdlog::default_logger_raw();

  beast::error_code ec;
  tcp::resolver resolver(io_);
  const auto results =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) throw std::runtime_error("cannot listen on " + name + ": " + ec.message());
  if (results.empty()) throw std::runtime_error("cannot listen on " + name + ": no address");

  // A name such as "localhost" may resolve to several addresses: take the
  // first one that binds, and report the last failure if none does.
  std::string last_error;
  for (const auto& entry : results) {
    auto listener = std::make_shared<Listener>(io_, state_);
    try {
      listener->open(entry.endpoint(), name);
    } catch (const std::runtime_error& e) {
      last_error = e.what();
      continue;
    }
    endpoint_ = listener->local_endpoint();
    listener_ = std::move(listener);
    listener_->start();
    return;
  }
  throw std::runtime_error(last_error);
}

tcp::endpoint HttpServer::local_endpoint() const { return endpoint_; }

void HttpServer::stop() {
  if (listener_) listener_->stop();
  for (const auto& session : state_->begin_stop()) session->stop();
}

std::size_t HttpServer::connection_count() const { return state_->size(); }

}  // namespace warta::searchd::http
