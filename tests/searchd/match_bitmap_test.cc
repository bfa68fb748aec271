#include "searchd/match_bitmap.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/random_words.h"

namespace warta::searchd {
namespace {

using Q = Xapian::Query;

// Articles with frequent ("f0".."f2"), middling ("m0".."m19") and rare
// ("r0".."r499") words, with positions, some boolean filter terms, and
// holes in the numbering (deleted articles).
void build_index(const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) {
    Xapian::Document doc;
    test::add_random_words(doc, random,
                           {.min_words = 1,
                            .extra_words = 60,
                            .frequent = "f",
                            .frequent_kinds = 3,
                            .frequent_below = 50,
                            .middling_kinds = 20,
                            .middling_below = 85});
    if (random() % 4 == 0) doc.add_boolean_term("Kfilter");
    doc.add_value(0, std::to_string(random() % 10));
    db.add_document(doc);
  }
  for (Xapian::docid did = 3; did < 3000; did += 7) db.delete_document(did);
  db.commit();
}

// What Xapian's own matcher matches, by document number.
std::set<Xapian::docid> xapian_matches(const Xapian::Database& db, const Q& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::set<Xapian::docid> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

std::set<Xapian::docid> bitmap_matches(const DocBitmap& bitmap) {
  std::set<Xapian::docid> out;
  bitmap.for_each([&](Xapian::docid did) { out.insert(did); });
  return out;
}

class MatchBitmapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    build_index(dir_.file("db"));
    db_ = Xapian::Database(dir_.file("db"));
  }
  test::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(MatchBitmapTest, MatchesWhatXapianMatches) {
  const std::vector<Q> three{Q("m1"), Q("m2"), Q("r4")};
  const std::vector<Q> queries{
      Q("f0"),
      Q("r17"),
      Q("nowhere"),
      Q(Q::OP_AND, Q("f0"), Q("m3")),
      // A rare word beside frequent ones: the frequent ones are probed.
      Q(Q::OP_AND, Q(Q::OP_AND, Q("f1"), Q("r5")), Q("f2")),
      Q(Q::OP_AND, Q("r5"), Q("r6")),
      Q(Q::OP_OR, Q("m4"), Q("r9")),
      Q(Q::OP_OR, three.begin(), three.end()),
      Q(Q::OP_SYNONYM, Q("m5"), Q("m6")),
      Q(Q::OP_AND_NOT, Q("f0"), Q(Q::OP_OR, Q("m1"), Q("m2"))),
      Q(Q::OP_AND_MAYBE, Q("m7"), Q("f1")),
      Q(Q::OP_FILTER, Q(Q::OP_OR, Q("m8"), Q("r1")), Q("Kfilter")),
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, Q("f2"), Q("m9")), 0.0),
      Q(Q::OP_SCALE_WEIGHT, Q("m10"), 0.1),
      Q::MatchAll,
      Q::MatchNothing,
      Q(Q::OP_FILTER, Q::MatchAll, Q("Kfilter")),
      Q(Q::OP_AND, Q::MatchAll, Q::MatchAll),
      Q(Q::OP_AND_NOT, Q::MatchAll, Q("f0")),
      Q(Q::OP_OR, Q(Q::OP_AND, Q("m11"), Q(Q::OP_AND_NOT, Q("f0"), Q("Kfilter"))), Q(Q::OP_AND, Q("r2"), Q::MatchNothing)),
  };
  for (const Q& query : queries) {
    std::optional<DocBitmap> bitmap = match_bitmap(db_, query, std::nullopt);
    ASSERT_TRUE(bitmap.has_value()) << query.get_description();
    std::set<Xapian::docid> expected = xapian_matches(db_, query);
    EXPECT_EQ(bitmap_matches(*bitmap), expected) << query.get_description();
    EXPECT_EQ(bitmap->count(), expected.size()) << query.get_description();
  }
}

// What bitmaps cannot evaluate is matched by Xapian, alone or as part of
// a larger query.
TEST_F(MatchBitmapTest, PartsOnlyXapianCanMatchAreMatchedByXapian) {
  Xapian::ValueWeightPostingSource source(0);
  const std::vector<Q> two{Q("f0"), Q("f1")};
  const std::vector<Q> three{Q("m1"), Q("f0"), Q("m2")};
  for (const Q& query : {
           Q(Q::OP_PHRASE, Q("f0"), Q("f1")),
           Q(Q::OP_PHRASE, three.begin(), three.end()),
           Q(Q::OP_PHRASE, two.begin(), two.end(), 4),  // a window wider than the words
           Q(Q::OP_PHRASE, Q("Kfilter"), Q("f0")),      // a word indexed without positions
           Q(Q::OP_OR, Q("r3"), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_PHRASE, Q("m1"), Q("f0")), 0.1)),
           Q(Q::OP_AND, Q("m1"), Q(Q::OP_NEAR, Q("f0"), Q("m2"))),
           Q(Q::OP_AND_NOT, Q("f1"), Q(Q::OP_PHRASE, Q("f0"), Q("f2"))),
           Q(Q::OP_FILTER, Q(Q::OP_OR, Q("m3"), Q("m4")), Q(Q::OP_VALUE_GE, 0, "5")),
           Q(Q::OP_OR, Q("m1"), Q(&source)),
           Q(Q::OP_WILDCARD, "m1"),
           Q(Q::OP_ELITE_SET, Q("m1"), Q("m2")),
       }) {
    std::optional<DocBitmap> bitmap = match_bitmap(db_, query, std::nullopt);
    ASSERT_TRUE(bitmap.has_value()) << query.get_description();
    std::set<Xapian::docid> expected = xapian_matches(db_, query);
    EXPECT_FALSE(expected.empty()) << query.get_description();
    EXPECT_EQ(bitmap_matches(*bitmap), expected) << query.get_description();
  }
}

// Past its deadline it gives up rather than run on.
TEST_F(MatchBitmapTest, GivesUpPastTheDeadline) {
  auto past = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_FALSE(match_bitmap(db_, Q(Q::OP_OR, Q("f0"), Q("m1")), past).has_value());
  auto future = std::chrono::steady_clock::now() + std::chrono::hours(1);
  EXPECT_TRUE(match_bitmap(db_, Q(Q::OP_OR, Q("f0"), Q("m1")), future).has_value());
}

}  // namespace
}  // namespace warta::searchd
