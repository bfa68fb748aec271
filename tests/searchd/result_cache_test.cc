#include "searchd/result_cache.h"

#include <gtest/gtest.h>

namespace warta::searchd {
namespace {

SearchResponse response_with(std::uint64_t total, const std::string& snippet = "") {
  SearchResponse r;
  r.total = total;
  Hit hit;
  hit.id = "a" + std::to_string(total);
  hit.snippet = snippet;
  r.hits.push_back(hit);
  return r;
}

SearchRequest request_for(const std::string& q) {
  SearchRequest r;
  r.q = q;
  return r;
}

TEST(ResultCache, ServesAnAnswerOnlyForTheSameRequestAndRevision) {
  ResultCache cache(1 << 20);
  SearchRequest banjir = request_for("banjir");
  cache.store("rev1", banjir, response_with(7));
  ASSERT_TRUE(cache.find("rev1", banjir).has_value());
  EXPECT_EQ(cache.find("rev1", banjir)->total, 7u);
  EXPECT_FALSE(cache.find("rev2", banjir).has_value());  // after a commit
  SearchRequest other_page = banjir;
  other_page.offset = 10;
  EXPECT_FALSE(cache.find("rev1", other_page).has_value());
  SearchRequest filtered = banjir;
  filtered.filters.push_back({"source", {"kompas.com"}});
  EXPECT_FALSE(cache.find("rev1", filtered).has_value());
  SearchRequest faceted = banjir;
  faceted.facets.push_back({"year", std::nullopt});
  EXPECT_FALSE(cache.find("rev1", faceted).has_value());
  ResultCache::Counts counts = cache.counts();
  EXPECT_EQ(counts.hits, 2u);
  EXPECT_EQ(counts.misses, 4u);
  EXPECT_EQ(counts.entries, 1u);
}

TEST(ResultCache, HashesTellFieldsApart) {
  SearchRequest a = request_for("ab");
  SearchRequest b = request_for("a");
  b.reference_date = "b";
  EXPECT_NE(hash_of("r", a), hash_of("r", b));
  SearchRequest c = request_for("ab");
  c.highlight = false;
  EXPECT_NE(hash_of("r", a), hash_of("r", c));
  EXPECT_EQ(hash_of("r", a), hash_of("r", request_for("ab")));
}

TEST(ResultCache, DropsTheLeastRecentlyUsedToStayWithinItsSize) {
  const std::string text(100000, 'x');  // large enough that bookkeeping hardly counts
  std::size_t one = approximate_bytes(response_with(1, text));
  const std::size_t size = one * 4 + 20000;  // room for four answers, not five
  ResultCache cache(size);
  for (int i = 0; i < 4; ++i) cache.store("r", request_for("q" + std::to_string(i)), response_with(1, text));
  EXPECT_TRUE(cache.find("r", request_for("q0")).has_value());  // q0 is now the most recent
  cache.store("r", request_for("q4"), response_with(1, text));
  cache.store("r", request_for("q5"), response_with(1, text));
  EXPECT_TRUE(cache.find("r", request_for("q0")).has_value());
  EXPECT_FALSE(cache.find("r", request_for("q1")).has_value());
  EXPECT_TRUE(cache.find("r", request_for("q5")).has_value());
  EXPECT_EQ(cache.counts().entries, 4u);
  EXPECT_LE(cache.counts().bytes, size);
}

TEST(ResultCache, KeepsNothingWhenItsSizeIsZero) {
  ResultCache cache(0);
  cache.store("r", request_for("banjir"), response_with(1));
  EXPECT_FALSE(cache.find("r", request_for("banjir")).has_value());
  EXPECT_EQ(cache.counts().entries, 0u);
}

}  // namespace
}  // namespace warta::searchd
