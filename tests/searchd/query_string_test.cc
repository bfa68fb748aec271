// query_string_test: splitting and percent-decoding of GET query strings.
#include "searchd/query_string.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warta::searchd {
namespace {

std::vector<QueryParam> params_of(std::string_view query) {
  ParsedQueryString parsed = parse_query_string(query);
  EXPECT_FALSE(parsed.error.has_value()) << query << ": " << parsed.error->what();
  return parsed.params;
}

std::string error_of(std::string_view query) {
  ParsedQueryString parsed = parse_query_string(query);
  if (!parsed.error) return "ok";
  EXPECT_EQ(parsed.error->code(), ErrorCode::kBadRequest);
  EXPECT_TRUE(parsed.params.empty());
  return parsed.error->what();
}

TEST(ParseQueryString, SplitsAndDecodes) {
  struct Case {
    const char* query;
    std::vector<QueryParam> want;
  };
  const Case cases[] = {
      {"", {}},
      {"&&", {}},
      {"q=a", {{"q", "a"}}},
      {"q=a+b&q=c%20d", {{"q", "a b"}, {"q", "c d"}}},  // repeats kept, in order
      {"source=x&&lang=id&", {{"source", "x"}, {"lang", "id"}}},
      {"q", {{"q", ""}}},
      {"q=", {{"q", ""}}},
      {"=x", {{"", "x"}}},
      {"q=a=b", {{"q", "a=b"}}},  // only the first '=' splits
      {"q=%2B%26%3D%25", {{"q", "+&=%"}}},
      {"q=%e2%9c%93%E2%9C%93", {{"q", "\xe2\x9c\x93\xe2\x9c\x93"}}},
      {"f%61cets=source", {{"facets", "source"}}},
      {"q=%00", {{"q", std::string(1, '\0')}}},
      {"q=caf\xc3\xa9", {{"q", "caf\xc3\xa9"}}},  // raw UTF-8 passes through
  };
  for (const auto& c : cases) {
    EXPECT_EQ(params_of(c.query), c.want) << c.query;
  }
}

TEST(ParseQueryString, MalformedInputNamesTheParameter) {
  struct Case {
    const char* query;
    const char* error;
  };
  const Case cases[] = {
      {"q=%zz", "q: malformed percent escape \"%zz\"; write a literal '%' as %25"},
      {"q=%4", "q: malformed percent escape \"%4\"; write a literal '%' as %25"},
      {"a=1&source=100%", "source: malformed percent escape \"%\"; write a literal '%' as %25"},
      {"q=%g1", "q: malformed percent escape \"%g1\"; write a literal '%' as %25"},
      {"%zz=1", "query string: malformed percent escape \"%zz\" in a parameter name; write a "
                "literal '%' as %25"},
      {"q=ok%c3%28", "q: invalid UTF-8 at byte 2 of the decoded value"},
      {"q=%ff", "q: invalid UTF-8 at byte 0 of the decoded value"},
      {"q=%ed%a0%80", "q: invalid UTF-8 at byte 0 of the decoded value"},  // a surrogate
      {"q=\xff", "q: invalid UTF-8 at byte 0 of the decoded value"},
      {"x%ff=1", "query string: invalid UTF-8 at byte 1 of a decoded parameter name"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(error_of(c.query), c.error) << c.query;
  }
}

TEST(ParseQueryString, LongNamesAreCutShortInMessages) {
  std::string name(300, 'n');
  std::string message = error_of(name + "=%zz");
  EXPECT_EQ(message, std::string(64, 'n') + "...: malformed percent escape \"%zz\"; write a "
                                              "literal '%' as %25");
}

}  // namespace
}  // namespace warta::searchd
