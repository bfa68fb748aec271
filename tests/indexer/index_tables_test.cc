#include "indexer/index_tables.h"

#include <gtest/gtest.h>

#include "common/acronyms.h"
#include "common/near_dup.h"
#include "common/schema.h"
#include "tests/support/process.h"

namespace warta::indexer {
namespace {

using schema::Slot;

class IndexTablesTest : public ::testing::Test {
 protected:
  // On disk: the in-memory backend keeps a replaced document's old terms
  // in its term frequencies, which the acronym counts rely on.
  test::TempDir dir_;
  Xapian::WritableDatabase db_{dir_.file("db"), Xapian::DB_CREATE};

  void add(const std::string& id, std::optional<std::uint64_t> fingerprint,
           std::vector<std::pair<std::string, std::string>> pairs = {}) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(id));
    doc.add_value(schema::slot(Slot::kId), id);
    if (fingerprint) doc.add_value(schema::slot(Slot::kNearDupFingerprint), fingerprint_to_value(*fingerprint));
    for (const auto& [acronym, long_form] : pairs) doc.add_boolean_term(schema::acronym_pair_term(acronym, long_form));
    db_.replace_document(schema::id_term(id), doc);
  }
  std::string group_of(const std::string& id) {
    auto p = db_.postlist_begin(schema::id_term(id));
    return db_.get_document(*p).get_value(schema::slot(Slot::kDupCluster));
  }
};

TEST_F(IndexTablesTest, GroupsFingerprintsWithinTheDistance) {
  const std::uint64_t a = 0x0123456789abcdefULL;
  add("c", a);
  add("b", a ^ 0x7FULL);  // 7 bits from a, all in one block
  add("d", a ^ 0x0001000100010001ULL ^ 0x0002000200020000ULL);  // 7 bits from a, spread over blocks
  add("e", a ^ 0xFFULL);  // 8 bits from a, 1 from b: joins through b
  add("x", ~a);
  add("short", std::nullopt);
  DupClusterStats stats = update_dup_clusters(db_);
  EXPECT_EQ(stats.groups, 1u);
  EXPECT_EQ(stats.grouped, 4u);
  for (const char* id : {"b", "c", "d", "e"}) EXPECT_EQ(group_of(id), "b") << id;
  EXPECT_EQ(group_of("x"), "");
  EXPECT_EQ(db_.get_termfreq(schema::dup_cluster_term("b")), 4u);
  // Nothing changed: nothing rewritten.
  EXPECT_EQ(update_dup_clusters(db_).updated, 0u);
}

TEST_F(IndexTablesTest, GroupsFollowDeletions) {
  const std::uint64_t a = 0x0123456789abcdefULL;
  add("a", a);
  add("b", a ^ 1);
  add("c", a ^ 3);
  update_dup_clusters(db_);
  EXPECT_EQ(group_of("c"), "a");
  db_.delete_document(schema::id_term("a"));
  update_dup_clusters(db_);
  EXPECT_EQ(group_of("c"), "b");
  EXPECT_EQ(db_.get_termfreq(schema::dup_cluster_term("a")), 0u);
  db_.delete_document(schema::id_term("b"));
  update_dup_clusters(db_);
  EXPECT_EQ(group_of("c"), "");
  EXPECT_EQ(db_.get_termfreq(schema::dup_cluster_term("b")), 0u);
}

TEST_F(IndexTablesTest, AcronymTableCountsArticlesAndVotes) {
  add("1", std::nullopt, {{"kpu", "komisi pemilihan umum"}});
  add("2", std::nullopt, {{"kpu", "komisi pemilihan umum"}, {"asn", "aparatur sipil negara"}});
  add("3", std::nullopt, {{"kpu", "kantor pelayanan utama"}});
  EXPECT_EQ(update_acronym_table(db_), 1u);
  AcronymTable t = AcronymTable::from_json(db_.get_metadata(std::string(schema::kMetaAcronyms)));
  ASSERT_NE(t.find_acronym("kpu"), nullptr);
  EXPECT_EQ(t.find_acronym("kpu")->support, 2u);
  EXPECT_EQ(t.find_acronym("kpu")->votes, 3u);
  EXPECT_EQ(t.find_acronym("asn"), nullptr);  // one article
  // Replacing an article takes its old pairs out of the count.
  add("2", std::nullopt, {{"kpu", "kantor pelayanan utama"}});
  update_acronym_table(db_);
  t = AcronymTable::from_json(db_.get_metadata(std::string(schema::kMetaAcronyms)));
  ASSERT_NE(t.find_acronym("kpu"), nullptr) << db_.get_metadata(std::string(schema::kMetaAcronyms));
  EXPECT_EQ(t.find_acronym("kpu")->long_form, "kantor pelayanan utama");
}

}  // namespace
}  // namespace warta::indexer
