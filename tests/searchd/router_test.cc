#include "searchd/router.h"

#include <gtest/gtest.h>

namespace warta::searchd {
namespace {

TEST(RouteRequest, Table) {
  struct Case {
    const char* method;
    const char* target;
    Route route;
    const char* id;
    const char* query;
  };
  const Case cases[] = {
      {"POST", "/search", Route::kSearch, "", ""},
      {"GET", "/search?q=a&limit=5", Route::kSearch, "", "q=a&limit=5"},
      {"HEAD", "/health", Route::kHealth, "", ""},
      {"GET", "/stats", Route::kStats, "", ""},
      {"GET", "/metrics", Route::kMetrics, "", ""},
      {"GET", "/articles/dialeksis-2022-03-30-humas", Route::kArticle, "dialeksis-2022-03-30-humas", ""},
      {"GET", "/articles/a%2Fb%20c/similar?limit=3", Route::kSimilar, "a/b c", "limit=3"},
      {"GET", "/articles/", Route::kNotFound, "", ""},
      {"GET", "/articles/a/b", Route::kNotFound, "", ""},
      {"GET", "/articles/%zz", Route::kNotFound, "", ""},
      {"GET", "/nowhere", Route::kNotFound, "", ""},
      {"DELETE", "/search", Route::kMethodNotAllowed, "", ""},
      {"POST", "/health", Route::kMethodNotAllowed, "", ""},
  };
  for (const auto& c : cases) {
    RouteMatch m = route_request(c.method, c.target);
    EXPECT_EQ(m.route, c.route) << c.method << " " << c.target;
    EXPECT_EQ(m.id, c.id) << c.target;
    EXPECT_EQ(m.query, c.query) << c.target;
  }
  EXPECT_EQ(route_request("PUT", "/search").allow, "GET, HEAD, POST");
  EXPECT_EQ(route_request("POST", "/stats").allow, "GET, HEAD");
}

TEST(PercentDecode, EscapesAndPlus) {
  std::string out;
  EXPECT_TRUE(percent_decode("a%20b+c", out, true));
  EXPECT_EQ(out, "a b c");
  EXPECT_TRUE(percent_decode("a+b", out, false));
  EXPECT_EQ(out, "a+b");
  EXPECT_FALSE(percent_decode("%2", out, false));
  EXPECT_FALSE(percent_decode("%g0", out, false));
}

}  // namespace
}  // namespace warta::searchd
