#include "common/unweighted_query.h"

#include <gtest/gtest.h>

#include <string>

#include <xapian.h>

#include "tests/support/process.h"

namespace warta {
namespace {

// A disk index whose every article holds one boolean term (as every article
// of an Indonesian archive holds lang:id), big enough for the term's posting
// list to span several chunks, with one article deleted: the shape in which
// Xapian 1.4 could not match that term alone at weight 0.
class UnweightedQuery : public ::testing::Test {
 protected:
  static constexpr int kArticles = 3000;
  static constexpr const char* kEveryArticle = "every";

  void SetUp() override {
    Xapian::WritableDatabase writer(dir_.file("db"), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < kArticles; ++i) {
      Xapian::Document doc;
      doc.add_boolean_term(kEveryArticle);
      doc.add_term(i % 3 == 0 ? "banjir" : "gempa");
      writer.add_document(doc);
    }
    writer.commit();
    writer.delete_document(17);  // 17 % 3 != 0: a "gempa" article
    writer.commit();
    db_ = Xapian::Database(dir_.file("db"));
  }

  Xapian::MSet match(const Xapian::Query& q, bool boolean_weights = false) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    if (boolean_weights) enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 10, db_.get_doccount());
  }

  test::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(UnweightedQuery, ATermInEveryArticleMatchesAllOfThemAtWeightZero) {
  for (bool boolean_weights : {false, true}) {
    Xapian::MSet all = match(unweighted(Xapian::Query(kEveryArticle)), boolean_weights);
    EXPECT_EQ(all.get_matches_estimated(), static_cast<Xapian::doccount>(kArticles - 1));
    EXPECT_EQ(all.get_matches_lower_bound(), all.get_matches_upper_bound());
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.begin().get_weight(), 0.0);
  }
}

TEST_F(UnweightedQuery, BesideWeightedWordsItAddsNoWeight) {
  Xapian::Query word("banjir");
  Xapian::MSet alone = match(word);
  Xapian::MSet beside = match(Xapian::Query(Xapian::Query::OP_AND, word, unweighted(Xapian::Query(kEveryArticle))));
  ASSERT_FALSE(alone.empty());
  EXPECT_EQ(beside.get_matches_estimated(), alone.get_matches_estimated());
  EXPECT_DOUBLE_EQ(beside.begin().get_weight(), alone.begin().get_weight());
  // In an OR, every article matches; those without the word weigh 0.
  Xapian::MSet either = match(Xapian::Query(Xapian::Query::OP_OR, unweighted(Xapian::Query(kEveryArticle)), word));
  EXPECT_EQ(either.get_matches_estimated(), static_cast<Xapian::doccount>(kArticles - 1));
  EXPECT_DOUBLE_EQ(either.begin().get_weight(), alone.begin().get_weight());
}

TEST_F(UnweightedQuery, NoQueryStaysNoQuery) { EXPECT_TRUE(unweighted(Xapian::Query()).empty()); }

}  // namespace
}  // namespace warta
