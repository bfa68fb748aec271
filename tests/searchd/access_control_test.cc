// access_control_test: roles per endpoint, Bearer parsing, 401/403 answers.
#include "searchd/access_control.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace warta::searchd {
namespace {

const std::string kSearchKey = "search-key-0123456789";
const std::string kAdminKey = "admin-key-0123456789ab";

TEST(RequiredAccess, Table) {
  struct Case {
    const char* method;
    const char* target;
    Access access;
  };
  const Case cases[] = {
      {"GET", "/health", Access::kOpen},
      {"HEAD", "/health?verbose=1", Access::kOpen},
      {"GET", "/search?q=a", Access::kSearch},
      {"POST", "/search", Access::kSearch},
      {"GET", "/articles/x", Access::kSearch},
      {"GET", "/articles/x/similar", Access::kSearch},
      {"GET", "/synonyms?term=KPU", Access::kSearch},
      {"GET", "/stats", Access::kAdmin},
      {"HEAD", "/stats", Access::kAdmin},
      {"GET", "/metrics", Access::kAdmin},
      {"GET", "/metrics?x=1", Access::kAdmin},
      // Unknown paths and methods need a key; they never get /health's pass.
      {"GET", "/nowhere", Access::kSearch},
      {"GET", "/health/../stats", Access::kSearch},
      {"GET", "/%68ealth", Access::kSearch},
      {"POST", "/health", Access::kSearch},
      {"DELETE", "/stats", Access::kSearch},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(required_access(c.method, c.target), c.access) << c.method << " " << c.target;
  }
}

TEST(BearerToken, SchemeIsCaseInsensitiveAndTokenTrimmed) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("bearer   abc  "), "abc");
  EXPECT_EQ(bearer_token("BEARER\tabc"), "abc");
  EXPECT_EQ(bearer_token("Bearer"), std::nullopt);
  EXPECT_EQ(bearer_token("Bearer   "), std::nullopt);
  EXPECT_EQ(bearer_token("Bearerabc"), std::nullopt);
  EXPECT_EQ(bearer_token("Basic YWJjOmRlZg=="), std::nullopt);
  EXPECT_EQ(bearer_token(""), std::nullopt);
}

class AuthoriseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_file(dir_.file("keys.json"), R"({"keys": [{"key": ")" + kSearchKey +
                                                 R"(", "role": "search"}, {"key": ")" + kAdminKey +
                                                 R"(", "role": "admin"}]})");
    keys_ = std::make_shared<ApiKeyStore>(dir_.file("keys.json"));
  }
  // "ok", or "401 <message>" / "403 <message>".
  std::string outcome(const char* method, const char* target, const std::string& authorization) {
    auto refusal = authorise(*keys_, method, target, authorization);
    if (!refusal) return "ok";
    return std::to_string(error_status(refusal->code())) + " " + refusal->what();
  }
  test::TempDir dir_;
  std::shared_ptr<ApiKeyStore> keys_;
};

TEST_F(AuthoriseTest, RolesPerEndpoint) {
  const std::string search = "Bearer " + kSearchKey, admin = "Bearer " + kAdminKey;
  const std::string missing = R"(401 an API key is required; send it as "Authorization: Bearer KEY")";
  const std::string invalid = "401 the API key is not valid";
  const std::string forbidden = "403 this endpoint needs an admin key; the key given is a search key";
  EXPECT_EQ(outcome("GET", "/health", ""), "ok");
  EXPECT_EQ(outcome("GET", "/health", "Bearer wrong-key-0123456789"), "ok");
  EXPECT_EQ(outcome("POST", "/search", ""), missing);
  EXPECT_EQ(outcome("POST", "/search", "  "), missing);
  EXPECT_EQ(outcome("POST", "/search", "Bearer wrong-key-0123456789"), invalid);
  EXPECT_EQ(outcome("POST", "/search", "Basic " + kSearchKey), R"(401 Authorization: expected "Bearer KEY")");
  EXPECT_EQ(outcome("POST", "/search", search), "ok");
  EXPECT_EQ(outcome("POST", "/search", admin), "ok");
  EXPECT_EQ(outcome("GET", "/articles/x", search), "ok");
  EXPECT_EQ(outcome("GET", "/stats", ""), missing);
  EXPECT_EQ(outcome("GET", "/stats", search), forbidden);
  EXPECT_EQ(outcome("GET", "/metrics", search), forbidden);
  EXPECT_EQ(outcome("GET", "/stats", admin), "ok");
  EXPECT_EQ(outcome("GET", "/metrics", admin), "ok");
  EXPECT_EQ(outcome("GET", "/nowhere", ""), missing);
  EXPECT_EQ(outcome("GET", "/nowhere", search), "ok");  // and the router answers 404
}

TEST_F(AuthoriseTest, RefusalsCarryTheErrorBodyAndWwwAuthenticate) {
  auto refuse = [&](const char* method, const char* target, const std::string& authorization) {
    http::HttpRequest request;
    request.method = method;
    request.target = target;
    if (!authorization.empty()) request.headers.emplace_back("authorization", authorization);
    return refuse_unauthorised(*keys_, request);
  };
  auto header = [](const http::HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return std::string();
  };

  auto r = refuse("POST", "/search", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(header(*r, "WWW-Authenticate"), R"(Bearer realm="warta")");
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "unauthorized");

  r = refuse("POST", "/search", "Bearer nope-nope-nope-nope");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(header(*r, "WWW-Authenticate"), R"(Bearer realm="warta", error="invalid_token")");

  r = refuse("GET", "/metrics", "Bearer " + kSearchKey);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(header(*r, "WWW-Authenticate"), "");
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "forbidden");

  EXPECT_FALSE(refuse("GET", "/health", "").has_value());
  EXPECT_FALSE(refuse("GET", "/metrics", "Bearer " + kAdminKey).has_value());
}

}  // namespace
}  // namespace warta::searchd
