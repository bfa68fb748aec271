#include "searchd/shard_set.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.h"
#include "common/index_meta.h"
#include "common/shard_manifest.h"
#include "tests/support/process.h"

namespace warta::searchd {
namespace {

TEST(ShardSpecs, RemotesAreHostAndPort) {
  auto spec = parse_remote("10.0.0.2:7001");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->host, "10.0.0.2");
  EXPECT_EQ(spec->port, 7001);
  EXPECT_TRUE(spec->remote());
  EXPECT_EQ(parse_remote("[::1]:80")->host, "::1");
  for (const char* bad : {"host", "host:", ":80", "host:0", "host:70000", "host:8a"}) {
    EXPECT_FALSE(parse_remote(bad)) << bad;
  }
}

TEST(ShardSpecs, AShardedIndexDirectoryStandsForItsShards) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("idx"));
  write_shard_manifest(dir.file("idx"), ShardManifest{ShardBy::kHash, {"shard-00", "shard-01"}});
  auto specs = shard_specs({dir.file("idx"), dir.file("plain")}, {"h:1"}, {});
  ASSERT_EQ(specs.size(), 4u);
  EXPECT_EQ(specs[0].path, dir.file("idx") + "/shard-00");
  EXPECT_EQ(specs[1].path, dir.file("idx") + "/shard-01");
  EXPECT_EQ(specs[2].path, dir.file("plain"));
  EXPECT_EQ(specs[3].name, "h:1");
}

TEST(ShardSpecs, AConfigFileListsDbsAndRemotesAndNamesItsBadLines) {
  test::TempDir dir;
  test::write_file(dir.file("shards.conf"), "# shards\n\ndb local-shard\nremote 10.0.0.3:7002\n");
  auto specs = shard_specs({}, {}, dir.file("shards.conf"));
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].path, dir.file("local-shard"));  // relative to the file
  EXPECT_EQ(specs[1].port, 7002);

  test::write_file(dir.file("bad.conf"), "db a\nremote nowhere\n");
  try {
    shard_specs({}, {}, dir.file("bad.conf"));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.conf:2: remote nowhere"), std::string::npos) << e.what();
  }
  EXPECT_THROW(shard_specs({}, {"no-port"}, {}), std::runtime_error);
  test::write_file(dir.file("odd.conf"), "shard x\n");
  EXPECT_THROW(shard_specs({}, {}, dir.file("odd.conf")), std::runtime_error);
}

TEST(ShardConnections, AShardThatCannotBeOpenedIsMissingAndFailsByPolicy) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("up"), Xapian::DB_CREATE_OR_OVERWRITE);
    db.add_document(Xapian::Document());
    stamp_index(db);
    db.commit();
  }
  ShardSetOptions options;
  options.shards = shard_specs({dir.file("up")}, {"127.0.0.1:1"}, {});
  options.connect_timeout = std::chrono::milliseconds(500);
  ShardConnections failing(options);
  EXPECT_EQ(failing.missing(), std::vector<std::string>{"127.0.0.1:1"});
  EXPECT_EQ(failing.database().get_doccount(), 1u);
  EXPECT_THROW(failing.require_complete(), Error);
  options.on_failure = ShardFailurePolicy::kPartial;
  ShardConnections partial(options);
  EXPECT_NO_THROW(partial.require_complete());
  EXPECT_TRUE(partial.has_remote());
}

}  // namespace
}  // namespace warta::searchd
