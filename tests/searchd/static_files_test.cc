#include "searchd/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "tests/support/process.h"

namespace warta::searchd {
namespace {

namespace fs = std::filesystem;
using http::HttpRequest;
using http::HttpResponse;

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [k, v] : response.headers) {
    if (k == name) return v;
  }
  return {};
}

// A web root with a page, assets, a hidden file and a symlink out, beside a
// secret that no request may read.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_file(dir_.file("secret.txt"), "secret");
    fs::create_directories(root() + "/img");
    test::write_file(root() + "/index.html", "<script src=\"{{assets}}/app.js\"></script>");
    test::write_file(root() + "/app.js", "console.log(1);");
    test::write_file(root() + "/style.css", "body{}");
    test::write_file(root() + "/img/logo.svg", "<svg/>");
    test::write_file(root() + "/data.bin", "\x01\x02");
    test::write_file(root() + "/.env", "hidden");
    test::write_file(root() + "/a b.txt", "spaced");
    fs::create_symlink(dir_.file("secret.txt"), root() + "/link.txt");
    files_ = std::make_unique<StaticFiles>(root());
  }

  std::string root() const { return dir_.file("web"); }

  HttpResponse get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {},
                   const std::string& method = "GET") {
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.headers = std::move(headers);
    return files_->serve(request);
  }

  test::TempDir dir_;
  std::unique_ptr<StaticFiles> files_;
};

TEST(StaticFilesClaims, PageAndStaticPrefixOnly) {
  EXPECT_TRUE(StaticFiles::claims("/"));
  EXPECT_TRUE(StaticFiles::claims("/?q=banjir&source=a"));
  EXPECT_TRUE(StaticFiles::claims("/index.html"));
  EXPECT_TRUE(StaticFiles::claims("/static/app.js"));
  EXPECT_FALSE(StaticFiles::claims("/search?q=a"));
  EXPECT_FALSE(StaticFiles::claims("/health"));
  EXPECT_FALSE(StaticFiles::claims("/articles/a"));
  EXPECT_FALSE(StaticFiles::claims("/static"));
  EXPECT_FALSE(StaticFiles::claims("/app.js"));
}

TEST(StaticFilesConstruct, MissingRootThrowsNamingIt) {
  try {
    StaticFiles files("/nonexistent/web-root");
    FAIL() << "expected a throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/web-root"), std::string::npos);
  }
}

TEST_F(StaticFilesTest, IndexFillsAssetBaseAndIsRevalidated) {
  auto r = get("/?q=banjir");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<script src=\"/static/" + files_->asset_version() + "/app.js\"></script>");
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  EXPECT_FALSE(header(r, "ETag").empty());
  EXPECT_EQ(get("/index.html").body, r.body);
}

TEST_F(StaticFilesTest, ContentTypes) {
  struct Case {
    const char* target;
    const char* type;
  };
  const Case cases[] = {
      {"/static/app.js", "text/javascript; charset=utf-8"},
      {"/static/style.css", "text/css; charset=utf-8"},
      {"/static/img/logo.svg", "image/svg+xml"},
      {"/static/data.bin", "application/octet-stream"},
      {"/static/a%20b.txt", "text/plain; charset=utf-8"},
  };
  for (const auto& c : cases) {
    auto r = get(c.target);
    EXPECT_EQ(r.status, 200) << c.target;
    EXPECT_EQ(r.content_type, c.type) << c.target;
  }
  EXPECT_EQ(get("/static/a%20b.txt").body, "spaced");
}

TEST_F(StaticFilesTest, TraversalAndMalformedPathsNeverLeaveTheRoot) {
  struct Case {
    const char* target;
    int status;
  };
  const Case cases[] = {
      {"/static/../secret.txt", 400},
      {"/static/img/../../secret.txt", 400},
      {"/static/%2e%2e/secret.txt", 400},
      {"/static/%2E%2E/secret.txt", 400},
      {"/static/.%2e/secret.txt", 400},
      {"/static/./app.js", 400},
      {"/static/..%2fsecret.txt", 400},
      {"/static/..%2Fsecret.txt", 400},
      {"/static/%2e%2e%2fsecret.txt", 400},
      {"/static/..\\secret.txt", 400},
      {"/static/..%5csecret.txt", 400},
      {"/static/app.js%00.css", 400},
      {"/static/%zz", 400},
      {"/static/%2", 400},
      {"/static/.env", 404},
      {"/static/link.txt", 404},  // a symlink out of the root
      {"/static/img", 404},       // a directory
      {"/static/img/", 404},
      {"/static/", 404},
      {"/static/img//logo.svg", 404},
      {"/static/missing.js", 404},
  };
  for (const auto& c : cases) {
    auto r = get(c.target);
    EXPECT_EQ(r.status, c.status) << c.target;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << c.target;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << c.target;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store") << c.target;
  }
}

TEST_F(StaticFilesTest, SecurityHeadersOnEveryAnswer) {
  for (const char* target : {"/", "/static/app.js", "/static/../x", "/static/missing"}) {
    auto r = get(target);
    std::string csp = header(r, "Content-Security-Policy");
    EXPECT_EQ(csp, kPageContentSecurityPolicy) << target;
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
    EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer") << target;
    EXPECT_EQ(header(r, "X-Frame-Options"), "DENY") << target;
    EXPECT_TRUE(header(r, "Server").empty()) << target;
  }
}

TEST_F(StaticFilesTest, CurrentVersionIsImmutableOthersRevalidate) {
  std::string version = files_->asset_version();
  auto current = get("/static/" + version + "/app.js");
  ASSERT_EQ(current.status, 200);
  EXPECT_EQ(current.body, "console.log(1);");
  EXPECT_EQ(header(current, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(header(current, "Last-Modified").empty());

  auto old = get("/static/v0123456789abcdef/app.js");
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(header(old, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(get("/static/app.js"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, VersionChangesWithAnyFile) {
  std::string before = files_->asset_version();
  EXPECT_EQ(files_->asset_version(), before);
  test::write_file(root() + "/app.js", "console.log(22);");
  EXPECT_NE(files_->asset_version(), before);
}

TEST_F(StaticFilesTest, ConditionalRequestsGet304) {
  auto first = get("/static/app.js");
  std::string etag = header(first, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = get("/static/app.js", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get("/static/app.js", {{"if-none-match", "\"other\""}}).status, 200);
  EXPECT_EQ(get("/static/app.js", {{"if-modified-since", header(first, "Last-Modified")}}).status, 304);

  auto page = get("/");
  EXPECT_EQ(get("/", {{"if-none-match", header(page, "ETag")}}).status, 304);
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  EXPECT_EQ(get("/static/app.js", {}, "HEAD").status, 200);
  auto post = get("/static/app.js", {}, "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_FALSE(header(post, "Content-Security-Policy").empty());
}

TEST(FindWebRoot, FirstDirectoryWithAnIndex) {
  test::TempDir dir;
  fs::create_directories(dir.file("empty"));
  fs::create_directories(dir.file("web"));
  test::write_file(dir.file("web/index.html"), "x");
  auto found = find_web_root({dir.file("missing"), dir.file("empty"), dir.file("web")});
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, fs::path(dir.file("web")));
  EXPECT_FALSE(find_web_root({dir.file("empty"), fs::path()}));
}

TEST(ContentTypeFor, KnownAndUnknown) {
  EXPECT_EQ(content_type_for("x/INDEX.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("Makefile"), "application/octet-stream");
}

}  // namespace
}  // namespace warta::searchd
