// Integration: API keys on the real warta-searchd: 401/403 per route,
// /health always open, SIGHUP reload, a bad key file, the loopback default.
#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using json = nlohmann::json;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";

const std::string kSearchKey = "search-key-0123456789";
const std::string kAdminKey = "admin-key-0123456789ab";

std::string keys_json(const std::string& search_key, const std::string& admin_key) {
  return R"({"keys": [{"key": ")" + search_key + R"(", "role": "search"}, {"key": ")" + admin_key +
         R"(", "role": "admin"}]})";
}

int status_of(int port, const std::string& method, const std::string& target, const std::string& key) {
  std::vector<std::string> headers;
  if (!key.empty()) headers.push_back("Authorization: Bearer " + key);
  return test::http_request(port, method, target, method == "POST" ? R"({"q": "banjir"})" : "", headers).status;
}

// Polls `condition` for up to 10 s.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

class ApiKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = test::run_process({kIndexer, "--db", dir_.file("db"), kFixture});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  test::TempDir dir_;
};

TEST_F(ApiKeysTest, KeysDecideWhoMayDoWhatAndHealthStaysOpen) {
  test::write_file(dir_.file("keys.json"), keys_json(kSearchKey, kAdminKey));
  test::SearchdProcess server(kSearchd, dir_, dir_.file("db"), {"--api-keys", dir_.file("keys.json")});
  const int port = server.port();

  EXPECT_EQ(status_of(port, "GET", "/health", ""), 200);
  EXPECT_EQ(status_of(port, "GET", "/health", "wrong-key-000000000000"), 200);

  auto reply = test::http_request(port, "POST", "/search", R"({"q": "banjir"})");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.header("www-authenticate"), R"(Bearer realm="warta")");
  EXPECT_EQ(json::parse(reply.body)["error"]["code"], "unauthorized");
  reply = test::http_request(port, "GET", "/search?q=banjir", "", {"Authorization: Bearer wrong-key-000000000000"});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.header("www-authenticate"), R"(Bearer realm="warta", error="invalid_token")");
  EXPECT_EQ(status_of(port, "GET", "/articles/t01-humas-bogor", ""), 401);
  EXPECT_EQ(status_of(port, "GET", "/stats", ""), 401);
  EXPECT_EQ(status_of(port, "GET", "/nowhere", ""), 401);

  EXPECT_EQ(status_of(port, "POST", "/search", kSearchKey), 200);
  EXPECT_EQ(status_of(port, "GET", "/articles/t01-humas-bogor", kSearchKey), 200);
  EXPECT_EQ(status_of(port, "GET", "/nowhere", kSearchKey), 404);
  reply = test::http_request(port, "GET", "/stats", "", {"Authorization: Bearer " + kSearchKey});
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(json::parse(reply.body)["error"]["code"], "forbidden");
  EXPECT_EQ(status_of(port, "GET", "/metrics", kSearchKey), 403);

  EXPECT_EQ(status_of(port, "POST", "/search", kAdminKey), 200);
  EXPECT_EQ(status_of(port, "GET", "/stats", kAdminKey), 200);
  EXPECT_EQ(status_of(port, "GET", "/metrics", kAdminKey), 200);

  // Refusals are counted like any answer, so that an operator sees guessing.
  std::string metrics =
      test::http_request(port, "GET", "/metrics", "", {"Authorization: Bearer " + kAdminKey}).body;
  EXPECT_NE(metrics.find(R"(warta_requests_total{route="search",status="401"} 2)"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(warta_requests_total{route="stats",status="403"} 1)"), std::string::npos) << metrics;
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(ApiKeysTest, SighupReloadsTheKeysAndABadFileKeepsTheOldOnes) {
  const std::string path = dir_.file("keys.json");
  test::write_file(path, keys_json(kSearchKey, kAdminKey));
  test::SearchdProcess server(kSearchd, dir_, dir_.file("db"), {"--api-keys", path});
  const int port = server.port();
  ASSERT_EQ(status_of(port, "POST", "/search", kSearchKey), 200);

  // New keys: the old search key stops working, the new one starts.
  const std::string fresh = "fresh-search-key-42424242";
  test::write_file(path, keys_json(fresh, kAdminKey));
  ASSERT_EQ(kill(server.pid(), SIGHUP), 0);
  EXPECT_TRUE(eventually([&] { return status_of(port, "POST", "/search", kSearchKey) == 401; }));
  EXPECT_EQ(status_of(port, "POST", "/search", fresh), 200);
  EXPECT_NE(server.log().find("SIGHUP: reloaded 2 API keys from " + path), std::string::npos) << server.log();

  // A broken file is reported and the keys in force stay.
  test::write_file(path, R"({"keys": [{"key": ")" + fresh + R"(", "role": "superuser"}]})");
  ASSERT_EQ(kill(server.pid(), SIGHUP), 0);
  EXPECT_TRUE(eventually([&] { return server.log().find("keeping the 2 API keys") != std::string::npos; }))
      << server.log();
  EXPECT_NE(server.log().find(path + R"(: keys[0].role: expected "search" or "admin", got "superuser")"),
            std::string::npos)
      << server.log();
  EXPECT_EQ(status_of(port, "POST", "/search", fresh), 200);
  EXPECT_EQ(status_of(port, "GET", "/stats", kAdminKey), 200);
  EXPECT_EQ(status_of(port, "POST", "/search", kSearchKey), 401);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(ApiKeysTest, ABadKeyFileAtStartIsFatalAndNamed) {
  const std::string path = dir_.file("keys.json");
  test::write_file(path, R"({"keys": [{"key": "short", "role": "search"}]})");
  auto r = test::run_process({kSearchd, "--db", dir_.file("db"), "--listen", "127.0.0.1:0", "--api-keys", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--api-keys " + path + ": keys[0].key: must be 16 to 512 characters long, got 5"),
            std::string::npos)
      << r.err;
  r = test::run_process(
      {kSearchd, "--db", dir_.file("db"), "--listen", "127.0.0.1:0", "--api-keys", dir_.file("missing.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir_.file("missing.json") + ": cannot open the API key file"), std::string::npos) << r.err;
}

// Waits for the first line of `log_path` containing `text`; "" after 30 s.
std::string wait_for_line(const std::string& log_path, const std::string& text) {
  std::string found;
  eventually([&] {
    std::string log = test::read_file(log_path);
    auto at = log.find(text);
    if (at == std::string::npos) return false;
    auto start = log.rfind('\n', at);
    auto end = log.find('\n', at);
    if (end == std::string::npos) return false;
    found = log.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
    return true;
  });
  return found;
}

TEST_F(ApiKeysTest, LoopbackByDefaultAndAWarningWhenExposedWithoutKeys) {
  // The default address is loopback. (Checked from --help: a test must not
  // bind a fixed port another process may own.)
  auto help = test::run_process({kSearchd, "--help"});
  EXPECT_NE(help.out.find("default 127.0.0.1:8080"), std::string::npos) << help.out;

  const std::string exposed = dir_.file("exposed.log");
  pid_t pid = test::start_process({kSearchd, "--db", dir_.file("db"), "--listen", "0.0.0.0:0"}, "", exposed);
  const std::string warning = wait_for_line(exposed, "not a loopback address");
  wait_for_line(exposed, "listening on");
  kill(pid, SIGTERM);
  EXPECT_EQ(test::wait_process(pid), 0);
  EXPECT_NE(warning.find("without --api-keys"), std::string::npos) << test::read_file(exposed);

  // With keys, no warning.
  test::write_file(dir_.file("keys.json"), keys_json(kSearchKey, kAdminKey));
  const std::string keyed = dir_.file("keyed.log");
  pid = test::start_process(
      {kSearchd, "--db", dir_.file("db"), "--listen", "0.0.0.0:0", "--api-keys", dir_.file("keys.json")}, "", keyed);
  EXPECT_NE(wait_for_line(keyed, "listening on"), "");
  kill(pid, SIGTERM);
  EXPECT_EQ(test::wait_process(pid), 0);
  EXPECT_EQ(test::read_file(keyed).find("not a loopback address"), std::string::npos);
}

// Without --api-keys a SIGHUP is logged and changes nothing.
TEST_F(ApiKeysTest, SighupWithoutKeysKeepsServing) {
  test::SearchdProcess server(kSearchd, dir_, dir_.file("db"));
  ASSERT_EQ(kill(server.pid(), SIGHUP), 0);
  EXPECT_TRUE(eventually([&] { return server.log().find("no --api-keys file") != std::string::npos; }));
  EXPECT_EQ(status_of(server.port(), "POST", "/search", ""), 200);
  EXPECT_EQ(status_of(server.port(), "GET", "/stats", ""), 200);
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace warta
