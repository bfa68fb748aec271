#include "indexer/sharded_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/schema.h"
#include "common/shard_manifest.h"
#include "tests/support/process.h"

namespace warta::indexer {
namespace {

Xapian::Document doc_for(const std::string& id, const std::string& year = "") {
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(id));
  if (!year.empty()) doc.add_value(schema::slot(schema::Slot::kYear), year);
  doc.set_data(id);
  return doc;
}

void put(IndexTarget& target, const std::string& id, const std::string& year = "") {
  target.put(target.lane_for(id), id, doc_for(id, year));
}

// Regression guard: the rule is persisted in every hash-sharded index.
TEST(HashShard, TheRuleIsXxh3OfTheIdModuloTheCount) {
  EXPECT_EQ(hash_shard_of("dialeksis-2022-03-30-humas", 4), 2u);
  EXPECT_EQ(hash_shard_of("a", 3), 1u);
  EXPECT_EQ(hash_shard_of("a", 1), 0u);
}

TEST(ShardedWriter, HashShardsHoldEachIdOnceAndTheManifestNamesThem) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("idx");
  {
    ShardedWriter w(options, ShardingOptions{3, std::nullopt, std::nullopt});
    EXPECT_EQ(w.lanes(), 3u);
    for (int i = 0; i < 30; ++i) put(w, "id" + std::to_string(i));
    put(w, "id7");  // again: the last one wins
    EXPECT_EQ(w.finish(), 30u);
  }
  ShardManifest manifest = read_shard_manifest(dir.file("idx"));
  ASSERT_EQ(manifest.shards, (std::vector<std::string>{"shard-00", "shard-01", "shard-02"}));
  for (int i = 0; i < 30; ++i) {
    std::string id = "id" + std::to_string(i);
    Xapian::Database shard(dir.file("idx/" + manifest.shards[hash_shard_of(id, 3)]));
    EXPECT_EQ(shard.get_termfreq(schema::id_term(id)), 1u) << id;
  }
  EXPECT_EQ(Xapian::Database(dir.file("idx")).get_doccount(), 30u);
  // Another count, or a plain index, is refused.
  EXPECT_THROW(ShardedWriter(options, ShardingOptions{4, std::nullopt, std::nullopt}), std::runtime_error);
  EXPECT_THROW(ShardedWriter(options, ShardingOptions{0, ShardBy::kYear, std::nullopt}), std::runtime_error);
  EXPECT_THROW(ShardedWriter(options, ShardingOptions{0, std::nullopt, std::string("7")}), std::runtime_error);
}

TEST(ShardedWriter, OnlyOneShardIsWrittenWhenAsked) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("idx");
  { ShardedWriter(options, ShardingOptions{2, std::nullopt, std::nullopt}).finish(); }
  ShardedWriter w(options, ShardingOptions{0, std::nullopt, std::string("1")});
  for (int i = 0; i < 20; ++i) put(w, "id" + std::to_string(i));
  w.finish();
  int in_one = 0;
  for (int i = 0; i < 20; ++i) in_one += hash_shard_of("id" + std::to_string(i), 2) == 1 ? 1 : 0;
  EXPECT_EQ(Xapian::Database(dir.file("idx/shard-01")).get_doccount(), static_cast<Xapian::doccount>(in_one));
  EXPECT_EQ(Xapian::Database(dir.file("idx/shard-00")).get_doccount(), 0u);
  EXPECT_EQ(w.skipped(), static_cast<std::uint64_t>(20 - in_one));
}

TEST(ShardedWriter, ByYearAnIdThatMovesWithinOneRunEndsInItsLastShard) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("idx");
  ShardedWriter w(options, ShardingOptions{0, ShardBy::kYear, std::nullopt});
  put(w, "x", "2020");
  put(w, "y", "");
  put(w, "x", "2021");
  EXPECT_EQ(w.finish(), 2u);
  EXPECT_EQ(Xapian::Database(dir.file("idx/shard-2020")).get_doccount(), 0u);
  EXPECT_EQ(Xapian::Database(dir.file("idx/shard-2021")).get_termfreq(schema::id_term("x")), 1u);
  EXPECT_EQ(Xapian::Database(dir.file("idx/shard-undated")).get_termfreq(schema::id_term("y")), 1u);
  EXPECT_EQ(read_shard_manifest(dir.file("idx")).shards.front(), kUndatedShard);
}

}  // namespace
}  // namespace warta::indexer
