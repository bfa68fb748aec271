#include "indexer/parse_jsonl.h"

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

TEST(ParseJsonlRecord, RejectReasonsTable) {
  struct Case {
    std::string line;
    std::string reason;
  };
  const Case cases[] = {
      {"{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\xff\"}", "invalid UTF-8 at byte 32"},
      {"{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\xc3\x28\"}", "invalid UTF-8 at byte 32"},
      {"{\"id\":\"a\",", "invalid JSON at byte 11"},
      {"not json", "invalid JSON at byte 2"},
      {"\"just a string\"", "expected a JSON object, got string"},
      {"{\"id\":\"a\",\"title\":\"t\"}", "missing required field \"body\""},
      {"{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\",\"published_at\":\"2022-02-30\"}",
       "field \"published_at\": \"2022-02-30\" is not an ISO 8601 date (YYYY-MM-DD or "
       "YYYY-MM-DDThh:mm:ss with an optional offset)"},
      {"{\"id\":\"a\",\"title\":\"\\u200b\",\"body\":\"b\"}", "field \"title\": empty after clean-up"},
      // Regression (fuzz/corpus/parse_jsonl/wrong-types.jsonl): a number
      // beyond double's range threw out of the parser and ended the indexer.
      {"{\"id\":1e400,\"title\":\"t\",\"body\":\"b\"}", "invalid JSON: a number out of range"},
      {"{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\",\"tags\":[-1e99999]}", "invalid JSON: a number out of range"},
  };
  for (const auto& c : cases) {
    ParsedRecord r = parse_jsonl_record(c.line);
    EXPECT_FALSE(r.article.has_value()) << c.line;
    EXPECT_EQ(r.reject_reason, c.reason) << c.line;
  }
}

TEST(ParseJsonlRecord, AcceptsAndCleans) {
  ParsedRecord r = parse_jsonl_record(
      R"({"id":"x1","title":"Banjir\u00a0Jakarta","body":"Air naik.Warga mengungsi.\nBaca juga: Lain","extra":true})");
  ASSERT_TRUE(r.article) << r.reject_reason;
  EXPECT_EQ(r.article->title, "Banjir Jakarta");
  EXPECT_EQ(r.article->body, "Air naik. Warga mengungsi.");
  EXPECT_EQ(r.ignored_fields, std::vector<std::string>{"extra"});
}

TEST(IsBlankLine, WhiteSpaceOnly) {
  EXPECT_TRUE(is_blank_line(""));
  EXPECT_TRUE(is_blank_line(" \t\r"));
  EXPECT_FALSE(is_blank_line(" {} "));
}

}  // namespace
}  // namespace warta::indexer
