#include "indexer/input_format.h"

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

TEST(InputFormat, NamesRoundTrip) {
  for (const char* name : {"auto", "jsonl", "raw", "nitf", "newsml"}) {
    auto format = format_from_name(name);
    ASSERT_TRUE(format) << name;
    EXPECT_STREQ(format_name(*format), name);
  }
  EXPECT_FALSE(format_from_name("csv"));
}

TEST(InputFormat, SniffedFromContentNotName) {
  struct Case {
    const char* head;
    InputFormat format;
  };
  const Case cases[] = {
      {"{\"id\": \"a\"}\n", InputFormat::kJsonl},
      {"\xEF\xBB\xBF  \n{\"id\": 1}", InputFormat::kJsonl},
      {"<?xml version=\"1.0\"?>\n<nitf version=\"-//IPTC//DTD NITF 3.6//EN\">", InputFormat::kNitf},
      {"<?xml version=\"1.0\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", InputFormat::kNewsMl},
      {"<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", InputFormat::kNewsMl},
      {"<rss version=\"2.0\">", InputFormat::kNitf},
      {"Pengelolaan Humas Harus Terapkan Cara-cara Baru\nFont: Ukuran: - +\n", InputFormat::kRaw},
      {"", InputFormat::kRaw},
  };
  for (const auto& c : cases) EXPECT_EQ(sniff_format(c.head), c.format) << c.head;
}

TEST(InputFormat, JsonLinesByNameWhateverTheFirstLineHolds) {
  // A damaged first record must not turn a JSON Lines file into one page.
  EXPECT_EQ(format_of_file("archive/2022.jsonl", "corrupted line here\n{\"id\":\"a\"}"), InputFormat::kJsonl);
  EXPECT_EQ(format_of_file("archive/2022.jsonl.gz", "[1, 2]\n"), InputFormat::kJsonl);
  EXPECT_EQ(format_of_file("feed.ndjson", ""), InputFormat::kJsonl);
  // Other names are still told from their content.
  EXPECT_EQ(format_of_file("page.txt", "{\"id\": \"a\"}"), InputFormat::kJsonl);
  EXPECT_EQ(format_of_file("page.txt", "Judul berita\nIsi"), InputFormat::kRaw);
  EXPECT_EQ(format_of_file("item.xml.gz", "<nitf>"), InputFormat::kNitf);
  EXPECT_EQ(format_of_file(".jsonl", "Judul"), InputFormat::kRaw);
}

}  // namespace
}  // namespace warta::indexer
