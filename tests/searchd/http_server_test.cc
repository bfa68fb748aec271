// http_server_test: the HTTP transport over real sockets, with a tiny echo
// handler in place of search.
#include "searchd/http/server.h"
#include "searchd/http/http_message.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace warta::searchd::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kHandlerDelay = 300ms;  // how long /delayed keeps its answer

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

struct Reply {
  bool ok = false;  // a complete response arrived
  int status = 0;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;

  bool has(const std::string& name) const { return headers.count(name) > 0; }
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A blocking test client on a plain POSIX socket; every wait is bounded.
class Client {
 public:
  explicit Client(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Sends every byte; false if the server closed the connection first.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response (of a HEAD request when `head`: no body follows).
  Reply read_reply(bool head = false) {
    Reply reply;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return reply;
    }
    const std::string head_block = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head_block.find("\r\n");
    const std::string status_line = head_block.substr(0, line_end);
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return reply;
    reply.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head_block.find("\r\n", start);
      const std::string line = head_block.substr(start, line_end == std::string::npos
                                                            ? std::string::npos
                                                            : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[lower(line.substr(0, colon))] = value;
    }
    if (head || reply.status / 100 == 1 || reply.status == 204 || reply.status == 304) {
      reply.ok = true;
      return reply;
    }
    if (!reply.has("content-length")) return reply;  // the server always sends one
    const auto length = std::stoul(reply.header("content-length"));
    while (buffer_.size() < length) {
      if (!fill()) return reply;
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    reply.ok = true;
    return reply;
  }

  // True if the server closes the connection (EOF or reset) within `limit`;
  // bytes that arrive meanwhile are discarded.
  bool closed_within(std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      pollfd pfd{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (::poll(&pfd, 1, static_cast<int>(std::max<long>(left.count(), 1))) <= 0) continue;
      char scratch[4096];
      const ssize_t n = ::recv(fd_, scratch, sizeof scratch, 0);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    }
    return false;
  }

 private:
  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

std::string get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

std::string post(const std::string& target, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string error_json(const std::string& code, const std::string& message) {
  return R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
}

// Each test owns a server on a free port, run by two I/O threads, and a
// handler that echoes requests or misbehaves on purpose, by path.
class HttpServerTest : public ::testing::Test {
 protected:
  void TearDown() override {
    stop_server();
    std::vector<std::thread> workers;
    {
      const std::lock_guard lock(mutex_);
      workers.swap(workers_);
    }
    for (auto& worker : workers) worker.join();
  }

  void start_server(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(
        io_, options, [this](HttpRequest request, std::function<void(HttpResponse)> respond) {
          handle(std::move(request), std::move(respond));
        });
    server_->start();
    port_ = server_->local_endpoint().port();
    for (int i = 0; i < 2; ++i) {
      io_threads_.emplace_back([this] {
        io_.run();
        const std::lock_guard lock(mutex_);
        ++io_threads_done_;
        cv_.notify_all();
      });
    }
  }

  // Stops the server; true if both I/O threads left run() within `limit`.
  bool stop_server(std::chrono::seconds limit = 10s) {
    if (!server_) return true;
    server_->stop();
    if (io_threads_.empty()) return true;  // stopped before
    bool finished;
    {
      std::unique_lock lock(mutex_);
      finished = cv_.wait_for(lock, limit, [this] { return io_threads_done_ == io_threads_.size(); });
    }
    if (!finished) io_.stop();  // keep a failing test from hanging
    for (auto& thread : io_threads_) thread.join();
    io_threads_.clear();
    return finished;
  }

  // Waits until `n` /delayed requests have reached the handler.
  bool wait_delayed_started(int n) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, 5s, [&] { return delayed_started_ >= n; });
  }

  void handle(HttpRequest request, std::function<void(HttpResponse)> respond) {
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (path == "/echo") {
      HttpResponse response;
      response.content_type = "text/plain";
      response.body = request.method + " " + request.target + "\n" + request.body;
      response.headers = {{"X-Seen-Header", request.header("x-test-header")},
                          {"X-Remote", request.remote}};
      respond(std::move(response));
    } else if (path == "/delayed") {
      // Answers later from a thread that is not an I/O thread.
      const std::lock_guard lock(mutex_);
      ++delayed_started_;
      cv_.notify_all();
      workers_.emplace_back([respond = std::move(respond)] {
        std::this_thread::sleep_for(kHandlerDelay);
        HttpResponse response;
        response.content_type = "text/plain";
        response.body = "late";
        respond(std::move(response));
      });
    } else if (path == "/throw") {
      throw std::runtime_error("handler failed");
    } else if (path == "/drop") {
      // Returns without responding: the transport must answer 500.
    } else if (path == "/twice") {
      respond(HttpResponse{200, "text/plain", "first", {}});
      respond(HttpResponse{200, "text/plain", "second", {}});
    } else if (path == "/headers") {
      respond(HttpResponse{201,
                           "application/json",
                           "{}",
                           {{"X-Extra", "1"},
                            {"X-Bad", "a\r\nInjected: yes"},
                            {"Content-Length", "999"},
                            {"Bad Name", "x"}}});
    } else {
      respond(HttpResponse{404, "application/json", error_json("not_found", "no route"), {}});
    }
  }

  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  unsigned short port_ = 0;
  std::vector<std::thread> io_threads_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::size_t io_threads_done_ = 0;       // guarded by mutex_
  int delayed_started_ = 0;               // guarded by mutex_
  std::vector<std::thread> workers_;      // guarded by mutex_
};

TEST_F(HttpServerTest, GetEchoesMethodTargetAndLowercasedHeaders) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send(get("/echo?q=a%20b", "X-Test-Header: Hello\r\n")));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET /echo?q=a%20b\n");
  EXPECT_EQ(reply.header("content-type"), "text/plain");
  EXPECT_EQ(reply.header("content-length"), std::to_string(reply.body.size()));
  EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.header("x-seen-header"), "Hello");  // found by its lowercase name
  EXPECT_EQ(reply.header("x-remote").rfind("127.0.0.1:", 0), 0u);
  EXPECT_FALSE(reply.has("server"));
  EXPECT_FALSE(reply.has("connection"));  // HTTP/1.1 keeps alive by default
}

TEST_F(HttpServerTest, PostBodyReachesHandler) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(post("/echo", R"({"q":"humas"})")));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "POST /echo\n{\"q\":\"humas\"}");
}

TEST_F(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(get("/echo?n=1")));
  EXPECT_EQ(client.read_reply().body, "GET /echo?n=1\n");
  ASSERT_TRUE(client.send(post("/echo?n=2", "two")));
  const Reply second = client.read_reply();
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(second.body, "POST /echo?n=2\ntwo");
  EXPECT_EQ(server_->connection_count(), 1u);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start_server();
  Client client(port_);
  // The slow one first: its answer must still come first.
  ASSERT_TRUE(client.send(get("/delayed") + get("/echo?n=2")));
  const Reply first = client.read_reply();
  const Reply second = client.read_reply();
  ASSERT_TRUE(first.ok);
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(first.body, "late");
  EXPECT_EQ(second.body, "GET /echo?n=2\n");
}

TEST_F(HttpServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  start_server();
  Client plain(port_);
  ASSERT_TRUE(plain.send("GET /echo HTTP/1.0\r\n\r\n"));
  const Reply reply = plain.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.body, "GET /echo\n");
  EXPECT_TRUE(plain.closed_within(2s));

  Client keep(port_);
  ASSERT_TRUE(keep.send("GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const Reply first = keep.read_reply();
  ASSERT_TRUE(first.ok);
  EXPECT_EQ(lower(first.header("connection")), "keep-alive");
  ASSERT_TRUE(keep.send("GET /echo?n=2 HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(keep.read_reply().body, "GET /echo?n=2\n");
}

TEST_F(HttpServerTest, BodyOverLimitGets413AndClose) {
  ServerOptions options;
  options.body_limit = 1024;
  start_server(options);
  Client client(port_);
  ASSERT_TRUE(client.send(post("/echo", std::string(2048, 'x'))));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.header("content-type"), "application/json");
  EXPECT_EQ(reply.body, error_json("payload_too_large", "request body larger than 1024 bytes"));
  EXPECT_EQ(lower(reply.header("connection")), "close");
  EXPECT_TRUE(client.closed_within(3s));
}

TEST_F(HttpServerTest, DefaultLimitRejectsBeforeTheBodyIsSent) {
  start_server();
  Client client(port_);
  // Only the headers: the answer must not wait for 2 MB that never come.
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n"));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.body,
            error_json("payload_too_large", "request body larger than 1048576 bytes"));
  EXPECT_TRUE(client.closed_within(3s));
}

// Closing at once with the body still arriving resets the connection: the
// client's send fails and clients such as curl then report that error
// instead of the 413. The server drains for a while before closing.
TEST_F(HttpServerTest, ClientThatSendsTheWholeOversizedBodyStillReads413) {
  start_server();
  Client client(port_);
  EXPECT_TRUE(client.send(post("/echo", std::string(16 << 20, 'z'))));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 413);
}

TEST_F(HttpServerTest, ChunkedBodyOverLimitGets413) {
  ServerOptions options;
  options.body_limit = 1024;
  start_server(options);
  Client client(port_);
  const std::string chunk(800, 'y');
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n"));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.body, error_json("payload_too_large", "request body larger than 1024 bytes"));
}

TEST_F(HttpServerTest, HugeHeaderGets431AndClose) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(get("/echo", "X-Big: " + std::string(64 * 1024, 'h') + "\r\n")));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(reply.body, error_json("headers_too_large", "request headers larger than 16384 bytes"));
  EXPECT_TRUE(client.closed_within(3s));
}

TEST_F(HttpServerTest, GarbageGets400AndClose) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(std::string("\x16\x03\x01\x02\x00 not http at all\r\n\r\n", 25)));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.header("content-type"), "application/json");
  EXPECT_EQ(reply.body.rfind(R"({"error":{"code":"bad_request","message":"malformed HTTP request: )", 0),
            0u)
      << reply.body;
  EXPECT_TRUE(client.closed_within(3s));
}

TEST_F(HttpServerTest, HandlerMayRespondFromAnotherThread) {
  start_server();
  Client client(port_);
  const auto started = Clock::now();
  ASSERT_TRUE(client.send(get("/delayed")));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "late");
  EXPECT_GE(Clock::now() - started, kHandlerDelay);
  // The connection stays usable after an answer from a foreign thread.
  ASSERT_TRUE(client.send(get("/echo")));
  EXPECT_EQ(client.read_reply().body, "GET /echo\n");
}

TEST_F(HttpServerTest, HandlerFailuresBecome500AndKeepTheConnection) {
  start_server();
  Client client(port_);
  for (const char* target : {"/throw", "/drop"}) {
    ASSERT_TRUE(client.send(get(target)));
    const Reply reply = client.read_reply();
    ASSERT_TRUE(reply.ok) << target;
    EXPECT_EQ(reply.status, 500) << target;
    EXPECT_EQ(reply.body.rfind(R"({"error":{"code":"internal",)", 0), 0u) << reply.body;
  }
  // A second respond() is dropped: exactly one answer, then the next request.
  ASSERT_TRUE(client.send(get("/twice") + get("/echo")));
  EXPECT_EQ(client.read_reply().body, "first");
  EXPECT_EQ(client.read_reply().body, "GET /echo\n");
}

TEST_F(HttpServerTest, HandlerHeadersCannotBreakFraming) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(get("/headers")));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 201);
  EXPECT_EQ(reply.header("x-extra"), "1");
  EXPECT_FALSE(reply.has("x-bad"));
  EXPECT_FALSE(reply.has("injected"));
  EXPECT_EQ(reply.header("content-length"), "2");
  EXPECT_EQ(reply.body, "{}");
}

TEST_F(HttpServerTest, HeadIsAnsweredLikeGetWithoutBody) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send("HEAD /echo HTTP/1.1\r\nHost: t\r\n\r\n"));
  const Reply reply = client.read_reply(/*head=*/true);
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-length"), std::to_string(std::string("GET /echo\n").size()));
  // No body bytes were sent: the next response parses cleanly.
  ASSERT_TRUE(client.send(get("/echo?n=2")));
  EXPECT_EQ(client.read_reply().body, "GET /echo?n=2\n");
}

TEST_F(HttpServerTest, ExpectContinueGetsInterimResponse) {
  start_server();
  Client client(port_);
  ASSERT_TRUE(client.send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  const Reply interim = client.read_reply();
  ASSERT_TRUE(interim.ok);
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(client.send("hello"));
  const Reply reply = client.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.body, "POST /echo\nhello");
}

TEST_F(HttpServerTest, GracefulStopFinishesInFlightRequestAndClosesIdleOnes) {
  start_server();
  Client idle(port_);
  ASSERT_TRUE(idle.send(get("/echo")));
  ASSERT_TRUE(idle.read_reply().ok);  // now an idle keep-alive connection

  Client busy(port_);
  ASSERT_TRUE(busy.send(get("/delayed")));
  ASSERT_TRUE(wait_delayed_started(1));
  server_->stop();

  // Closed at once, not after the 30 s idle timeout.
  EXPECT_TRUE(idle.closed_within(2s));
  const Reply reply = busy.read_reply();
  ASSERT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "late");
  EXPECT_EQ(lower(reply.header("connection")), "close");
  EXPECT_TRUE(busy.closed_within(2s));
  // No new connections once stopped, and run() returns on every thread.
  EXPECT_TRUE(stop_server(5s));
  EXPECT_FALSE(Client(port_).connected());
}

TEST_F(HttpServerTest, SilentClientIsClosedAfterIdleTimeoutWhileOthersAreServed) {
  ServerOptions options;
  options.idle_timeout = 1s;
  start_server(options);
  const auto started = Clock::now();
  Client silent(port_);
  Client slow(port_);
  ASSERT_TRUE(slow.send("GET /echo HTTP/1.1\r\n"));  // a request that never ends

  Client other(port_);
  ASSERT_TRUE(other.send(get("/echo")));
  EXPECT_EQ(other.read_reply().body, "GET /echo\n");

  EXPECT_TRUE(silent.closed_within(5s));
  EXPECT_GE(Clock::now() - started, 900ms);
  EXPECT_TRUE(slow.closed_within(5s));

  Client later(port_);
  ASSERT_TRUE(later.send(get("/echo?n=2")));
  EXPECT_EQ(later.read_reply().body, "GET /echo?n=2\n");
}

TEST_F(HttpServerTest, ConnectionsOverTheLimitGet503) {
  ServerOptions options;
  options.max_connections = 1;
  start_server(options);
  Client first(port_);
  ASSERT_TRUE(first.send(get("/echo")));
  ASSERT_TRUE(first.read_reply().ok);  // admitted and counted

  Client second(port_);
  ASSERT_TRUE(second.connected());
  second.send(get("/echo"));
  const Reply rejected = second.read_reply();
  ASSERT_TRUE(rejected.ok);
  EXPECT_EQ(rejected.status, 503);
  EXPECT_EQ(rejected.body.rfind(R"({"error":{"code":"overloaded",)", 0), 0u) << rejected.body;
  EXPECT_EQ(rejected.header("retry-after"), "1");
  EXPECT_TRUE(second.closed_within(3s));

  // The admitted connection is unaffected.
  ASSERT_TRUE(first.send(get("/echo?n=2")));
  EXPECT_EQ(first.read_reply().body, "GET /echo?n=2\n");
}

// Slow senders at the cap: the one waiting longest makes room, so a new
// client is served instead of getting 503 until the slow ones time out.
TEST_F(HttpServerTest, AtTheCapTheLongestWaitingConnectionMakesRoom) {
  ServerOptions options;
  options.max_connections = 3;
  options.reclaim_after = 200ms;
  start_server(options);
  std::vector<std::unique_ptr<Client>> slow;
  for (int i = 0; i < 3; ++i) {
    slow.push_back(std::make_unique<Client>(port_));
    ASSERT_TRUE(slow.back()->send("GET /echo HTTP/1.1\r\nHost: x\r\n"));  // never finished
    std::this_thread::sleep_for(50ms);
  }
  // Too soon: none has waited reclaim_after yet.
  Client early(port_);
  early.send(get("/echo"));
  EXPECT_EQ(early.read_reply().status, 503);

  std::this_thread::sleep_for(300ms);
  Client newcomer(port_);
  ASSERT_TRUE(newcomer.send(get("/echo?n=new")));
  const Reply reply = newcomer.read_reply();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET /echo?n=new\n");
  // The oldest slow sender was the one closed; the others are still open.
  EXPECT_TRUE(slow[0]->closed_within(2s));
  EXPECT_FALSE(slow[2]->closed_within(100ms));
}

// A connection that is being answered is never closed to make room.
TEST_F(HttpServerTest, AtTheCapARequestInFlightIsNotReclaimed) {
  ServerOptions options;
  options.max_connections = 1;
  options.reclaim_after = 10ms;
  start_server(options);
  Client busy(port_);
  ASSERT_TRUE(busy.send(get("/delayed")));
  ASSERT_TRUE(wait_delayed_started(1));  // in the handler, kHandlerDelay long
  std::this_thread::sleep_for(50ms);
  Client other(port_);
  other.send(get("/echo"));
  EXPECT_EQ(other.read_reply().status, 503);
  const Reply delayed = busy.read_reply();
  EXPECT_TRUE(delayed.ok);
  EXPECT_EQ(delayed.status, 200);
}

TEST(HttpServerStartTest, ReportsPickedPortAndFailsOnATakenOne) {
  boost::asio::io_context io;
  const RequestHandler handler = [](HttpRequest, std::function<void(HttpResponse)> respond) {
    respond(HttpResponse{});
  };
  ServerOptions options;
  options.port = 0;
  HttpServer first(io, options, handler);
  first.start();
  const unsigned short port = first.local_endpoint().port();
  EXPECT_NE(port, 0);
  const std::string name = "127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(format_endpoint(first.local_endpoint()), name);

  options.port = port;
  HttpServer second(io, options, handler);
  try {
    second.start();
    ADD_FAILURE() << "start() on a taken port did not throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace warta::searchd::http

namespace warta::searchd::http {
namespace {

TEST(OriginForm, AbsoluteTargetsLoseSchemeAndHost) {
  EXPECT_EQ(origin_form("/search?q=a"), "/search?q=a");
  EXPECT_EQ(origin_form("http://127.0.0.1:8080/search?q=a"), "/search?q=a");
  EXPECT_EQ(origin_form("https://warta.example/articles/x"), "/articles/x");
  EXPECT_EQ(origin_form("http://warta.example"), "/");
  EXPECT_EQ(origin_form("http://warta.example?q=a"), "/?q=a");
  EXPECT_EQ(origin_form("*"), "*");
}

}  // namespace
}  // namespace warta::searchd::http
