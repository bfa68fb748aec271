#include "searchd/frequent_words.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "searchd/bm25.h"
#include "searchd/match_bitmap.h"
#include "searchd/term_impacts.h"
#include "tests/support/process.h"
#include "tests/support/random_words.h"

namespace warta::searchd {
namespace {

// Articles of varied length whose words are frequent ("w0".."w4", in most
// articles, several times), middling and rare, with positions for phrases
// and a boolean filter term in some.
void add_articles(Xapian::WritableDatabase& db, int count, unsigned seed) {
  std::mt19937 random(seed);
  for (int i = 0; i < count; ++i) {
    Xapian::Document doc;
    test::add_random_words(doc, random, {.extra_words = 300, .rare_kinds = 2000});
    if (random() % 3 == 0) doc.add_boolean_term("Kfilter");
    db.add_document(doc);
  }
}

// An index at `path` of `count` such articles.
void build_index(const std::string& path, int count, unsigned seed) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  add_articles(db, count, seed);
  db.commit();
}

std::shared_ptr<const FacetColumnSet> columns_of(const std::vector<Xapian::Database>& shards) {
  auto set = std::make_shared<FacetColumnSet>();
  for (const Xapian::Database& shard : shards) set->shards.push_back(FacetColumns::load(shard));
  return set;
}

// Same documents, same order, same scores: exactly.
void expect_same_hits(const Xapian::MSet& got, const Xapian::MSet& expected, const std::string& what) {
  ASSERT_EQ(got.size(), expected.size()) << what;
  for (Xapian::doccount i = 0; i < got.size(); ++i) {
    EXPECT_EQ(*got[i], *expected[i]) << what << " rank " << i;
    EXPECT_EQ(got[i].get_weight(), expected[i].get_weight()) << what << " rank " << i;
  }
}

// The rewritten query ranks as the query (the formula is Xapian's,
// evaluated in the same order).
void expect_same_ranking(Xapian::Database& db, const Xapian::Query& query,
                         const std::shared_ptr<const FacetColumnSet>& columns) {
  std::optional<RankingQuery> rewritten = with_frequent_words_from_memory(query, db, columns, 50);
  ASSERT_TRUE(rewritten.has_value()) << query.get_description();
  EXPECT_NE(rewritten->query.get_description().find("FrequentWordSource"), std::string::npos);
  for (Xapian::doccount page : {1u, 10u, 1000u}) {
    Xapian::Enquire plain(db), fast(db);
    plain.set_query(query);
    fast.set_query(rewritten->query);
    Xapian::MSet expected = plain.get_mset(0, page);
    Xapian::MSet got = fast.get_mset(0, page);
    ASSERT_GT(expected.size(), 0u) << query.get_description();
    expect_same_hits(got, expected, query.get_description() + " page " + std::to_string(page));
    if (!rewritten->phrases_as_filters) {
      EXPECT_EQ(got.get_matches_estimated(), expected.get_matches_estimated()) << query.get_description();
    } else {
      // Same match set, so the same bounds hold; the estimate is taken
      // within them (estimated_matches).
      Xapian::Enquire statistics(db);
      statistics.set_query(query);
      Xapian::doccount estimate = estimated_matches(got, statistics.get_mset(0, 0));
      EXPECT_GE(estimate, expected.get_matches_lower_bound()) << query.get_description();
      EXPECT_LE(estimate, expected.get_matches_upper_bound()) << query.get_description();
      if (got.get_matches_lower_bound() == got.get_matches_upper_bound()) {
        EXPECT_EQ(estimate, expected.get_matches_estimated()) << query.get_description() << " counted exactly";
      }
    }
  }
}

std::vector<Xapian::Query> test_queries() {
  using Q = Xapian::Query;
  const std::vector<Q> three_words{Q("w3"), Q("m2"), Q("w1")};
  const std::vector<Q> alternatives{Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("w2"), Q("m3")};
  const std::vector<Q> five{Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("w2"), Q("m3"), Q(Q::OP_PHRASE, Q("w3"), Q("m1")), Q("r4")};
  return {
      Q("w0"),
      Q(Q::OP_AND, Q("w1"), Q("m3")),
      Q(Q::OP_OR, Q("w2"), Q("w3")),
      Q(Q::OP_OR, Q(Q::OP_AND, Q("w0"), Q("r7")), Q(Q::OP_AND, Q("w4"), Q("m1"))),
      Q(Q::OP_AND_NOT, Q("w1"), Q("m5")),
      Q(Q::OP_AND_MAYBE, Q("m2"), Q("w3")),
      Q(Q::OP_FILTER, Q("w4"), Q("Kfilter")),
      // A phrase keeps its terms (positions); the frequent word beside it
      // is replaced.
      Q(Q::OP_AND, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("w2")),
      // In an OR of two parts a phrase is filtered by itself too: the two
      // weights sum the same in either order.
      Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w2"), Q("m4")), Q("w0")),
      Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("r3")),
      Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q("m3"), Q("r2")), 0.1)),
      Q(Q::OP_FILTER, Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w3"), Q("w1")), Q("m6")), Q("Kfilter")),
      Q(Q::OP_OR, Q(Q::OP_AND, Q(Q::OP_PHRASE, Q("w0"), Q("w2")), Q("m1")), Q("m5")),
      Q(Q::OP_PHRASE, Q("w0"), Q("w1")),
      Q(Q::OP_PHRASE, three_words.begin(), three_words.end()),
      Q(Q::OP_AND, Q("w0"), Q("w0")),
      Q(Q::OP_AND, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("w0")),
      // A phrase among three alternatives: Xapian pairs them by their
      // estimated frequency, which orders the sum of their weights.
      Q(Q::OP_OR, alternatives.begin(), alternatives.end()),
      Q(Q::OP_OR, five.begin(), five.end()),
      Q(Q::OP_OR, Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("m2")), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q(Q::OP_OR, Q("w3"), Q("m2")), Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q(Q::OP_PHRASE, Q("m4"), Q("w2")))), 0.1)),
      Q(Q::OP_OR, Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("m2")), Q(Q::OP_OR, Q(Q::OP_OR, Q("w3"), Q("m2")), Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q(Q::OP_PHRASE, Q("m4"), Q("w2"))))),
      Q(Q::OP_OR, Q(Q::OP_OR, Q("w0"), Q("m2")), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q(Q::OP_OR, Q("w3"), Q("m2")), Q(Q::OP_OR, Q("w1"), Q("w2"))), 0.1)),
      // Scaled parts (acronym expansions) stay Xapian's; the words beside
      // them are replaced.
      Q(Q::OP_AND, Q("m3"), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_PHRASE, Q("w1"), Q("m2")), 0.1)),
      Q(Q::OP_OR, Q("w0"), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, Q(Q::OP_OR, Q("w0"), Q("r1")), Q(Q::OP_OR, Q("m5"), Q("m6"))), 0.1)),
  };
}

TEST(FrequentWords, RankLikeXapiansOwnBm25) {
  test::TempDir dir;
  // Several blocks of document numbers (term_impacts.h), with holes.
  build_index(dir.file("db"), 7000, 11);
  {
    Xapian::WritableDatabase db(dir.file("db"));
    for (Xapian::docid did = 5; did < 3000; did += 9) db.delete_document(did);
    db.commit();
  }
  Xapian::Database db(dir.file("db"));
  auto columns = columns_of({db});
  for (const Xapian::Query& query : test_queries()) expect_same_ranking(db, query, columns);
}

// Each shard has its lengths; scores use the statistics of all of them.
TEST(FrequentWords, RankLikeXapianOverShards) {
  test::TempDir dir;
  auto [shards, all] = test::build_shards(dir.path(), 3, [](const std::string& path, unsigned s) {
    build_index(path, 200 + 50 * static_cast<int>(s), 20 + s);
  });
  auto columns = columns_of(shards);
  for (const Xapian::Query& query : test_queries()) expect_same_ranking(all, query, columns);
}

// A phrase whose matches are known (counted for facets first) ranks through
// a filter of those matches, reading no positions, with the same result.
TEST(FrequentWords, KnownPhrasesRankAsThePhraseDoes) {
  test::TempDir dir;
  build_index(dir.file("db"), 3000, 5);
  Xapian::Database db(dir.file("db"));
  auto columns = columns_of({db});
  using Q = Xapian::Query;
  const std::vector<Q> three{Q("w1"), Q("m2"), Q("w3")};
  for (const Q& query : {Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q(Q::OP_PHRASE, three.begin(), three.end()),
                         Q(Q::OP_AND_MAYBE, Q(Q::OP_PHRASE, Q("m1"), Q("w3")), Q("m7")),
                         Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w2"), Q("w4")), Q("m9"))}) {
    PhraseMatches phrases;
    ASSERT_TRUE(match_bitmap(db, query, std::nullopt, &phrases).has_value());
    ASSERT_EQ(phrases.size(), 1u) << query.get_description();
    PhraseFilters filters;
    for (auto& [phrase, matches] : phrases) {
      auto by_shard = std::make_shared<std::vector<std::pair<std::string, DocBitmap>>>();
      by_shard->emplace_back(db.get_uuid(), matches);
      filters.emplace(phrase, matches_filter(by_shard));
    }
    std::optional<RankingQuery> rewritten = with_frequent_words_from_memory(query, db, columns, 50, &filters);
    ASSERT_TRUE(rewritten.has_value());
    std::string description = rewritten->query.get_description();
    EXPECT_NE(description.find("BitmapSource"), std::string::npos) << description;
    EXPECT_EQ(description.find("PHRASE"), std::string::npos) << description;
    for (Xapian::doccount page : {10u, 1000u}) {
      Xapian::Enquire plain(db), fast(db);
      plain.set_query(query);
      fast.set_query(rewritten->query);
      Xapian::MSet expected = plain.get_mset(0, page, db.get_doccount());
      Xapian::MSet got = fast.get_mset(0, page, db.get_doccount());
      ASSERT_GT(expected.size(), 0u) << query.get_description();
      EXPECT_EQ(got.get_matches_estimated(), expected.get_matches_estimated()) << query.get_description();
      expect_same_hits(got, expected, query.get_description());
    }
  }
}

// Lengths that are not the index's (columns of another index) would give
// other scores: the source finds its shard's own by the index's identity,
// and without them asks the index, so the ranking still holds.
TEST(FrequentWords, ColumnsOfAnotherIndexAreNotUsed) {
  test::TempDir dir;
  build_index(dir.file("a"), 300, 1);
  build_index(dir.file("b"), 300, 2);
  Xapian::Database a(dir.file("a")), b(dir.file("b"));
  expect_same_ranking(a, Xapian::Query("w0"), columns_of({b}));
}

TEST(FrequentWords, OnlyFrequentScoredWordsAreReplaced) {
  test::TempDir dir;
  build_index(dir.file("db"), 300, 3);
  Xapian::Database db(dir.file("db"));
  auto columns = columns_of({db});
  using Q = Xapian::Query;
  // Rare words, filters, phrases of rare words, scaled parts and repeated
  // terms stay.
  for (const Q& query : {Q("r5"), Q(Q::OP_FILTER, Q("r1"), Q("w0")), Q(Q::OP_PHRASE, Q("r1"), Q("r2")),
                         Q(Q::OP_SCALE_WEIGHT, Q("w0"), 0.1), Q(Q::OP_SCALE_WEIGHT, Q("w0"), 2.0), Q("w0", 2),
                         Q(Q::OP_AND_NOT, Q("r9"), Q("w1"))}) {
    EXPECT_FALSE(with_frequent_words_from_memory(query, db, columns, 50).has_value()) << query.get_description();
  }
  // Inside an OR of three parts, or one of two summed with another word, a
  // phrase stays (its frequent words are not replaced).
  EXPECT_FALSE(with_frequent_words_from_memory(
                   Q(Q::OP_OR, Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("r1")), Q("r2")), db, columns, 50)
                   .has_value());
  EXPECT_FALSE(with_frequent_words_from_memory(
                   Q(Q::OP_AND, Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("r1")), Q("r2")), db, columns, 50)
                   .has_value());
  // In an OR of two, whose weights sum the same in either order, it is
  // filtered by itself.
  std::optional<RankingQuery> in_or =
      with_frequent_words_from_memory(Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("w0"), Q("w1")), Q("r1")), db, columns, 50);
  ASSERT_TRUE(in_or.has_value());
  EXPECT_TRUE(in_or->phrases_as_filters);
  // A phrase with a frequent word is filtered by itself, and says so.
  std::optional<RankingQuery> phrase = with_frequent_words_from_memory(Q(Q::OP_PHRASE, Q("r1"), Q("w1")), db, columns, 50);
  ASSERT_TRUE(phrase.has_value());
  EXPECT_TRUE(phrase->phrases_as_filters);
  // In an OR, only one of two frequent words.
  const std::vector<Q> three{Q("w0"), Q("w1"), Q("w2")};
  EXPECT_FALSE(with_frequent_words_from_memory(Q(Q::OP_OR, Q(Q::OP_PHRASE, Q("r1"), Q("w1")), Q("r2")), db, columns, 50)
                   .has_value());
  EXPECT_FALSE(with_frequent_words_from_memory(Q(Q::OP_OR, Q(Q::OP_PHRASE, three.begin(), three.end()), Q("r2")), db,
                                               columns, 50)
                   .has_value());
  EXPECT_FALSE(with_frequent_words_from_memory(Q("w1"), db, columns, 50)->phrases_as_filters);
  // Off: a threshold of 0, or no columns.
  EXPECT_FALSE(with_frequent_words_from_memory(Q("w0"), db, columns, 0).has_value());
  EXPECT_FALSE(with_frequent_words_from_memory(Q("w0"), db, nullptr, 50).has_value());
  // The threshold is a count of articles.
  Xapian::doccount w0 = db.get_termfreq("w0");
  EXPECT_TRUE(with_frequent_words_from_memory(Q("w0"), db, columns, w0).has_value());
  EXPECT_FALSE(with_frequent_words_from_memory(Q("w0"), db, columns, w0 + 1).has_value());
}

// The impacts are the highest document parts, overall and per block,
// as a reading of every posting finds them.
TEST(TermImpacts, AreTheHighestPartsOfEachBlock) {
  test::TempDir dir;
  build_index(dir.file("db"), 5000, 5);
  Xapian::Database db(dir.file("db"));
  auto columns = FacetColumns::load(db);
  double length_factor = 1 / db.get_avlength();
  TermImpacts impacts = TermImpacts::compute(db, "m7", columns->doc_lengths(), length_factor);
  std::vector<double> expected((db.get_lastdocid() >> TermImpacts::kBlockShift) + 1, 0.0);
  double highest = 0;
  for (auto p = db.postlist_begin("m7"); p != db.postlist_end("m7"); ++p) {
    double part = bm25_document_part(p.get_wdf(), p.get_doclength(), length_factor);
    expected[*p >> TermImpacts::kBlockShift] = std::max(expected[*p >> TermImpacts::kBlockShift], part);
    highest = std::max(highest, part);
  }
  EXPECT_GE(expected.size(), 3u);
  ASSERT_EQ(impacts.block_highest.size(), expected.size());
  for (std::size_t block = 0; block < expected.size(); ++block) {
    // A float bound, never below the block's highest part, and the
    // closest one.
    double bound = impacts.block_highest[block];
    EXPECT_GE(bound, expected[block]) << block;
    EXPECT_LT(std::nextafter(impacts.block_highest[block], 0.0f), expected[block] == 0 ? 1e-300 : expected[block])
        << block;
  }
  EXPECT_EQ(impacts.highest, highest);
  EXPECT_GT(highest, 0);

  // Kept per word and length factor; computed again for another factor.
  TermImpactCache cache(2 * impacts.memory_bytes());
  int computed = 0;
  auto compute = [&] {
    ++computed;
    return impacts;
  };
  cache.get("m7", length_factor, compute);
  cache.get("m7", length_factor, compute);
  EXPECT_EQ(computed, 1);
  cache.get("m7", length_factor * 2, compute);
  EXPECT_EQ(computed, 2);
  // Bounded: a third word's block maxima push out the oldest's.
  cache.get("w1", length_factor, compute);
  cache.get("w2", length_factor, compute);
  EXPECT_EQ(computed, 4);
  cache.get("m7", length_factor, compute);
  EXPECT_EQ(computed, 5);
}

}  // namespace
}  // namespace warta::searchd
