// abuse_test: the real warta-searchd against what hostile or broken clients
// send (ctest label "abuse"): slow clients, oversized headers and bodies,
// malformed JSON, expensive queries. Others keep being served throughout,
// and the server stops cleanly at the end.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;

// The server's budgets in these tests.
constexpr int kRequestTimeoutSeconds = 3;
constexpr double kTimeBudgetSeconds = 1.0;
// "Well under a second" for a normal request while the server is abused.
constexpr double kPromptSeconds = 1.0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A connected blocking socket to 127.0.0.1:port, or -1.
int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// True when the peer has closed `fd`: a read returns EOF or an error at
// once, after whatever answer it sent first.
bool closed_by_peer(int fd) {
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) continue;
    return n == 0 || errno != EAGAIN;  // EAGAIN: still open, nothing to read
  }
}

// Sends `bytes` and returns the status line of the answer and how long it
// took to arrive (not counting the server's lingering close).
std::pair<std::string, double> status_line_after(int port, const std::string& bytes) {
  const auto start = Clock::now();
  int fd = connect_to(port);
  if (fd < 0) return {"(no connection)", 0};
  send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  std::string got;
  char buf[4096];
  while (got.find("\r\n") == std::string::npos) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  const double took = seconds_since(start);
  close(fd);
  return {got.substr(0, got.find("\r\n")), took};
}

class AbuseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto r = test::run_process({kIndexer, "--db", dir_->file("db"), WARTA_SAMPLE_ARCHIVE});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new test::SearchdProcess(
        kSearchd, *dir_, dir_->file("db"),
        {"--request-timeout", std::to_string(kRequestTimeoutSeconds), "--time-budget", "1"});
  }
  static void TearDownTestSuite() {
    // No input may take the server down: it is still there and stops cleanly.
    EXPECT_EQ(server_->stop(), 0) << server_->log();
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }

  // A normal search with facets; its latency in seconds, and it must succeed.
  static double normal_search() {
    const auto start = Clock::now();
    auto reply = test::http_request(port(), "POST", "/search",
                                    R"({"q": "polisi", "facets": ["source", "section", "month"], "limit": 5})");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return seconds_since(start);
  }

  // POSTs `body` to /search; expects 400 and returns the error message.
  static std::string bad_request(const std::string& body) {
    auto reply = test::http_request(port(), "POST", "/search", body);
    EXPECT_EQ(reply.status, 400) << body.substr(0, 200) << " -> " << reply.body;
    json j = json::parse(reply.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "(not an error body) " + reply.body;
    EXPECT_EQ(j["error"]["code"], "bad_request");
    return j["error"]["message"];
  }

  static inline test::TempDir* dir_ = nullptr;
  static inline test::SearchdProcess* server_ = nullptr;
};

// 200 connections sending their request a byte at a time (100 dripping
// headers, 100 dripping a body) neither starve a normal client nor stay
// open past the request timeout.
TEST_F(AbuseTest, SlowClientsDoNotStarveOthersAndAreClosedAtTheRequestTimeout) {
  constexpr int kSlow = 200;
  std::vector<int> fds;
  for (int i = 0; i < kSlow; ++i) {
    int fd = connect_to(port());
    ASSERT_GE(fd, 0) << "connection " << i;
    fds.push_back(fd);
  }
  // Half announce a body they will never finish; half never finish headers.
  for (int i = 0; i < kSlow; i += 2) {
    const std::string head = "POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: 100000\r\n\r\n";
    ASSERT_EQ(send(fds[static_cast<std::size_t>(i)], head.data(), head.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(head.size()));
  }
  const std::string drip_header = "GET /search?q=a HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  const auto start = Clock::now();
  const auto drip_until = start + std::chrono::seconds(kRequestTimeoutSeconds) + std::chrono::milliseconds(1500);
  std::atomic<bool> dripping{true};
  std::thread drip([&] {
    for (std::size_t round = 0; Clock::now() < drip_until; ++round) {
      for (std::size_t i = 0; i < fds.size(); ++i) {
        const char c = i % 2 == 0 ? '{' : drip_header[std::min(round, drip_header.size() - 1)];
        send(fds[i], &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    dripping = false;
  });

  // Meanwhile a normal client is answered promptly, request after request.
  double slowest = 0;
  int served = 0;
  while (dripping) {
    slowest = std::max(slowest, normal_search());
    ++served;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  drip.join();
  std::cout << "abuse: " << served << " normal searches beside " << kSlow << " slow clients, slowest " << slowest
            << " s\n";
  EXPECT_GT(served, 10);
  EXPECT_LT(slowest, kPromptSeconds);

  // Past the request timeout the server has closed every slow connection.
  int closed = 0;
  for (int fd : fds) {
    if (closed_by_peer(fd)) ++closed;
    close(fd);
  }
  EXPECT_EQ(closed, kSlow);
  EXPECT_LT(normal_search(), kPromptSeconds);
}

// More slow clients than --max-connections: the one waiting longest gives
// up its slot to a newcomer, so normal clients are not locked out until
// the slow ones time out.
TEST_F(AbuseTest, SlowClientsBeyondTheConnectionCapDoNotLockOthersOut) {
  constexpr int kCap = 50;
  constexpr int kSlow = 80;
  test::SearchdProcess capped(kSearchd, *dir_, dir_->file("db"),
                              {"--max-connections", std::to_string(kCap), "--request-timeout", "60"});
  std::vector<int> fds;
  for (int i = 0; i < kSlow; ++i) {
    int fd = connect_to(capped.port());
    ASSERT_GE(fd, 0);
    const std::string start = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    fds.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));  // past the reclaim wait
  double slowest = 0;
  int ok = 0;
  for (int i = 0; i < 20; ++i) {
    const auto start = Clock::now();
    auto reply = test::http_request(capped.port(), "POST", "/search", R"({"q": "polisi", "facets": ["source"]})");
    slowest = std::max(slowest, seconds_since(start));
    if (reply.status == 200) ++ok;
  }
  EXPECT_EQ(ok, 20);
  EXPECT_LT(slowest, kPromptSeconds);
  for (int fd : fds) close(fd);
  EXPECT_EQ(capped.stop(), 0);
}

TEST_F(AbuseTest, OversizedHeadersGet431AndOversizedBodies413Quickly) {
  auto start = Clock::now();
  std::string reply = test::raw_exchange(
      port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'h') + "\r\n\r\n");
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 431") << reply.substr(0, 200);
  EXPECT_NE(reply.find("headers_too_large"), std::string::npos);
  EXPECT_LT(seconds_since(start), kPromptSeconds);

  // Many small headers add up the same way.
  std::string many = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  start = Clock::now();
  reply = test::raw_exchange(port(), many + "\r\n");
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 431") << reply.substr(0, 200);
  EXPECT_LT(seconds_since(start), kPromptSeconds);

  // A declared length over the limit is refused before the body is sent.
  auto [line, took] = status_line_after(port(), "POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                "Content-Length: 104857600\r\n\r\n{");
  EXPECT_EQ(line, "HTTP/1.1 413 Payload Too Large");
  EXPECT_LT(took, kPromptSeconds);

  // A body actually sent, 2 MiB of it, and a chunked one.
  start = Clock::now();
  auto big = test::http_request(port(), "POST", "/search", std::string(2 << 20, ' '));
  EXPECT_EQ(big.status, 413);
  EXPECT_LT(seconds_since(start), kPromptSeconds + 2);
  std::string chunked = "POST /search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  reply = test::raw_exchange(port(), chunked + "0\r\n\r\n");
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 413") << reply.substr(0, 200);
  EXPECT_LT(normal_search(), kPromptSeconds);
}

TEST_F(AbuseTest, MalformedRequestsAre400sNamingTheProblem) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "[";
  struct Case {
    std::string body;
    std::string message;  // a part of the error message
  };
  const Case cases[] = {
      {deep, "body: JSON nested deeper than 64 levels"},
      {R"({"filters": )" + deep, "body: JSON nested deeper than 64 levels"},
      {"{\"q\": \"kata \xff\xfe\"}", "body: invalid UTF-8 at byte 12"},
      {"{\"q\": \"\xc0\xaf\"}", "body: invalid UTF-8 at byte 7"},
      {R"({"limit": 1e400})", "limit: number out of range"},
      {R"({"offset": 99999999999999999999999999})", "offset: expected an integer between 0 and 10000"},
      {R"({"limit": 18446744073709551616})", "limit: expected an integer between 0 and 100"},
      {R"({"recency": 1e999})", "recency: number out of range"},
      {R"({"q": 42})", "q: expected a string, got 42"},
      {R"({"q": {"a": 1}})", "q: expected a string, got an object"},
      {R"({"filters": {"source": 1}})", "filters.source: expected an array of strings, got 1"},
      {R"({"facets": [{"field": "source", "size": "big"}]})", "facets[0].size: expected an integer"},
      {R"({"highlight": "yes"})", "highlight: expected true or false"},
      {R"({"limit": 101})", "limit: must be between 0 and 100, got 101"},
      {R"({"limit": -1})", "limit: must be between 0 and 100, got -1"},
      {R"({"offset": 10001})", "offset: must be between 0 and 10000, got 10001"},
      {R"({"offset": -5})", "offset: must be between 0 and 10000, got -5"},
      {R"({"q": "a", "debug": true})", "unknown field \"debug\""},
      {R"({"filters": {"colour": ["red"]}})", "filters.colour: unknown filter"},
      {R"({"facets": ["colour"]})", "facets[0]: unknown facet \"colour\""},
      {"{\"q\": \"a\"", "body: invalid JSON"},
      {"", "body: expected a JSON object"},
  };
  for (const auto& c : cases) {
    const std::string message = bad_request(c.body);
    EXPECT_NE(message.find(c.message), std::string::npos) << c.body.substr(0, 80) << " -> " << message;
  }
  // The same mistakes by GET.
  const std::pair<std::string, std::string> gets[] = {
      {"/search?q=a&limit=101", "limit: must be between 0 and 100, got 101"},
      {"/search?q=a&offset=99999999999999999999", "offset"},
      {"/search?q=%FF%FE", "invalid UTF-8"},
      {"/search?q=a&debug=1", "debug"},
      {"/search?q=a&limit=ten", "limit"},
  };
  for (const auto& [target, part] : gets) {
    auto reply = test::http_request(port(), "GET", target);
    EXPECT_EQ(reply.status, 400) << target << " -> " << reply.body;
    EXPECT_NE(reply.body.find(part), std::string::npos) << target << " -> " << reply.body;
  }
  EXPECT_LT(normal_search(), kPromptSeconds);
}

// Queries built to be expensive are answered (or refused with a 400 that
// names the limit) within the time budget, and never crash the server.
TEST_F(AbuseTest, ExpensiveQueriesStayWithinTheTimeBudget) {
  std::string ors_400, ors_1000, parens, wildcards;
  for (int i = 0; i < 400; ++i) ors_400 += (i ? " OR " : "") + std::string(1, static_cast<char>('a' + i % 26));
  for (int i = 0; i < 1000; ++i) ors_1000 += (i ? " OR " : "") + std::string("w") + std::to_string(i);
  for (int i = 0; i < 1000; ++i) parens += "(";
  parens += "polisi";
  for (int i = 0; i < 1000; ++i) parens += ")";
  for (char c = 'a'; c <= 'z'; ++c) wildcards += std::string(wildcards.empty() ? "" : " OR ") + c + "*";
  std::vector<std::string> tags;
  for (int i = 0; i < 1000; ++i) tags.push_back("tag" + std::to_string(i));

  const json cases[] = {
      {{"q", "a*"}, {"facets", {"source", "section", "month"}}},
      {{"q", "a* b* c* d*"}},
      {{"q", wildcards}, {"facets", {"source", "author", "month"}}},
      {{"q", ors_400}, {"facets", {"source"}}},
      {{"q", ors_1000}, {"facets", {"source", "month"}}},
      {{"q", parens}},
      {{"q", "\"" + std::string(500, 'a') + "\""}},
      {{"q", ""}, {"filters", {{"tag", tags}, {"author", tags}, {"location", tags}}}, {"facets", {"tag"}}},
      {{"q", "-a -b -c -d -e -f -g -h"}, {"offset", 10000}, {"limit", 100}, {"facets", {"author"}}},
  };
  // Past the matcher's budget a search still answers; allow for parsing,
  // expansion and a busy machine around it.
  const double allowed = kTimeBudgetSeconds + 2.0;
  for (const json& body : cases) {
    const auto start = Clock::now();
    auto reply = test::http_request(port(), "POST", "/search", body.dump());
    const double took = seconds_since(start);
    EXPECT_TRUE(reply.status == 200 || reply.status == 400) << body.dump().substr(0, 120) << " -> " << reply.status;
    if (reply.status == 400) {
      EXPECT_NE(reply.body.find("\"q: "), std::string::npos) << reply.body;
    }
    EXPECT_LT(took, allowed) << body.dump().substr(0, 120);
    std::cout << "abuse: " << body.dump().substr(0, 60) << "... -> " << reply.status << " in " << took << " s\n";
  }
  // Past the limit on q: a 400 that says so.
  auto reply = test::http_request(port(), "POST", "/search", json{{"q", ors_1000 + ors_1000}}.dump());
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("q: longer than"), std::string::npos) << reply.body;

  // Several expensive queries at once leave room for a normal one.
  std::vector<std::thread> heavy;
  for (int i = 0; i < 4; ++i) {
    heavy.emplace_back([&] {
      test::http_request(port(), "POST", "/search", json{{"q", wildcards}, {"facets", {"author", "month"}}}.dump());
    });
  }
  const double normal = normal_search();
  for (auto& t : heavy) t.join();
  EXPECT_LT(normal, allowed + kTimeBudgetSeconds);
  EXPECT_LT(normal_search(), kPromptSeconds);
}

TEST_F(AbuseTest, NoServerHeaderOrVersionIsSent) {
  auto reply = test::http_request(port(), "GET", "/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("server"), "");
  EXPECT_EQ(reply.header("x-powered-by"), "");
}

}  // namespace
}  // namespace warta
