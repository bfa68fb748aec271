// stable_id tests: expected hashes were computed outside the code under test.
#include "indexer/stable_id.h"

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

TEST(Fnv1a64, KnownVectors) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
}

TEST(NormaliseUrl, Table) {
  struct Case {
    std::string url;
    std::string normal;
  };
  const Case cases[] = {
      {"https://example.com/a", "https://example.com/a"},
      {"HTTPS://Example.COM/a", "https://example.com/a"},
      {"https://example.com/A/B", "https://example.com/A/B"},  // the path keeps its case
      {"https://example.com/a/", "https://example.com/a"},
      {"https://example.com/", "https://example.com"},
      {"https://example.com", "https://example.com"},
      {"https://example.com/a#comments", "https://example.com/a"},
      {"https://example.com:443/a", "https://example.com/a"},
      {"http://example.com:80/a", "http://example.com/a"},
      {"http://example.com:8080/a", "http://example.com:8080/a"},
      {"https://example.com/a?utm_source=x&id=3&UTM_Medium=y", "https://example.com/a?id=3"},
      {"https://example.com/a/?utm_source=x", "https://example.com/a"},
      {"https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"},  // order kept
      {"https://example.com/a?page=2#top", "https://example.com/a?page=2"},
      {"  https://example.com/a \n", "https://example.com/a"},
      {"http://example.com/a", "http://example.com/a"},  // http and https stay apart
      {"example.com/a/", "example.com/a"},
  };
  for (const auto& c : cases) EXPECT_EQ(normalise_url(c.url), c.normal) << c.url;
}

Article with_url(const std::string& url) {
  Article a;
  a.title = "Judul";
  a.url = url;
  return a;
}

TEST(StableId, FromTheUrl) {
  // "url-" + FNV-1a of "https://example.com/a".
  EXPECT_EQ(stable_id(with_url("https://example.com/a")), "url-046a4934057f51cf");
  // Variants of one page share the id, whatever the other fields say.
  Article variant = with_url("HTTPS://EXAMPLE.com:443/a/?utm_campaign=x#top");
  variant.title = "Another title";
  variant.source = "other.example.com";
  EXPECT_EQ(stable_id(variant), "url-046a4934057f51cf");
  EXPECT_NE(stable_id(with_url("https://example.com/b")), "url-046a4934057f51cf");
  EXPECT_NE(stable_id(with_url("https://example.com/a?id=2")), "url-046a4934057f51cf");
}

TEST(StableId, FromSourceDayAndTitle) {
  Article a;
  a.title = "Banjir Jakarta";
  // "h-" + FNV-1a of "\n\nbanjir jakarta".
  EXPECT_EQ(stable_id(a), "h-60e5b55a54bc6da1");

  Article b;
  b.title = "STRASSE  ditutup";
  b.published_at = "2022-03-30T10:30:00+07:00";
  // "h-" + FNV-1a of "\n2022-03-30\nstrasse ditutup".
  EXPECT_EQ(stable_id(b), "h-a1b9db553b001175");
  Article folded = b;
  folded.title = " Straße\tDITUTUP ";           // case folding: ß = ss; white space collapsed
  folded.published_at = "2022-03-30T21:00:00Z";  // another time, the same day as written
  EXPECT_EQ(stable_id(folded), "h-a1b9db553b001175");
  Article parsed_only = b;  // the parsed date counts when both are there
  parsed_only.published = parse_iso_date("2022-03-30");
  EXPECT_EQ(stable_id(parsed_only), "h-a1b9db553b001175");

  Article other_day = b;
  other_day.published_at = "2022-03-31";
  EXPECT_NE(stable_id(other_day), stable_id(b));
  Article other_source = b;
  other_source.source = "kompas.com";
  EXPECT_NE(stable_id(other_source), stable_id(b));
  Article same_source_case = other_source;
  same_source_case.source = "KOMPAS.com";
  EXPECT_EQ(stable_id(same_source_case), stable_id(other_source));
}

TEST(StableId, ShapeAndBlankUrl) {
  Article a;
  a.title = "Judul";
  a.url = "   ";  // a blank URL is no URL
  std::string id = stable_id(a);
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 2), "h-");
  for (char c : id.substr(2)) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
  EXPECT_EQ(stable_id(a), id);  // the same every time
}

}  // namespace
}  // namespace warta::indexer
