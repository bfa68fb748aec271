// Integration: the real warta-searchd serves the search page (web/) beside
// its API, with its headers, and refuses paths that leave the web root.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using test::http_request;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";

class WebPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto r = test::run_process({kIndexer, "--db", dir_->file("db"), kFixture});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // No --web-root: the binary finds this source tree's web/ by itself.
    server_ = new test::SearchdProcess(kSearchd, *dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }
  static inline test::TempDir* dir_ = nullptr;
  static inline test::SearchdProcess* server_ = nullptr;
};

TEST_F(WebPageTest, RootServesThePageWithStrictHeaders) {
  auto page = http_request(port(), "GET", "/?q=banjir&source=a");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("cache-control"), "no-cache");
  EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("content-security-policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.header("referrer-policy"), "no-referrer");
  EXPECT_TRUE(page.header("server").empty());
  EXPECT_NE(page.body.find("<input id=\"q\""), std::string::npos);
  EXPECT_EQ(page.body.find("{{assets}}"), std::string::npos) << "the asset base is filled in";
}

TEST_F(WebPageTest, AssetsComeFromTheVersionedPathAndRevalidate) {
  auto page = http_request(port(), "GET", "/");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(src="(/static/v[0-9a-f]{16})/app\.js")re")));
  std::string base = m[1];

  auto js = http_request(port(), "GET", base + "/app.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(js.header("content-security-policy").empty());
  auto again = http_request(port(), "GET", base + "/app.js", {}, {"If-None-Match: " + js.header("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  auto css = http_request(port(), "GET", base + "/style.css");
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  auto head = http_request(port(), "HEAD", base + "/app.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(WebPageTest, TraversalNeverReadsOutsideTheWebRoot) {
  for (const char* target : {"/static/../CMakeLists.txt", "/static/%2e%2e/CMakeLists.txt",
                             "/static/..%2fCMakeLists.txt", "/static/..%5cCMakeLists.txt",
                             "/static/..\\CMakeLists.txt", "/static/%2e%2e/%2e%2e/etc/passwd"}) {
    auto reply = http_request(port(), "GET", target);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_NE(reply.body.find("\"bad_request\""), std::string::npos) << target;
    EXPECT_EQ(reply.body.find("cmake_minimum_required"), std::string::npos) << target;
  }
  EXPECT_EQ(http_request(port(), "GET", "/static/nothing.js").status, 404);
  EXPECT_EQ(http_request(port(), "POST", "/", "{}").status, 405);
}

TEST_F(WebPageTest, TheApiIsUnchangedBesideThePage) {
  EXPECT_EQ(http_request(port(), "GET", "/health").status, 200);
  EXPECT_EQ(http_request(port(), "GET", "/search?q=banjir").status, 200);
  auto missing = http_request(port(), "GET", "/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("no such endpoint"), std::string::npos);
}

TEST(WebRootOption, AMissingDirectoryIsAnErrorNamingIt) {
  test::TempDir dir;
  auto indexed = test::run_process({kIndexer, "--db", dir.file("db"), kFixture});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  auto r = test::run_process({kSearchd, "--db", dir.file("db"), "--listen", "127.0.0.1:0", "--web-root",
                              dir.file("no-such-web")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE((r.out + r.err).find(dir.file("no-such-web")), std::string::npos) << r.err;
}

TEST(WebRootOption, GivenDirectoryIsServed) {
  test::TempDir dir;
  auto indexed = test::run_process({kIndexer, "--db", dir.file("db"), kFixture});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  test::write_file(dir.file("index.html"), "<p>own page</p>");
  test::SearchdProcess server(kSearchd, dir, dir.file("db"), {"--web-root", dir.path()});
  auto page = http_request(server.port(), "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<p>own page</p>");
}

}  // namespace
}  // namespace warta
