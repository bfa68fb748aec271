#include "indexer/writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/index_meta.h"
#include "common/schema.h"
#include "tests/support/process.h"

namespace warta::indexer {
namespace {

Xapian::Document doc_for(const std::string& id, const std::string& data) {
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(id));
  doc.set_data(data);
  return doc;
}

std::string data_of(const std::string& path, const std::string& id) {
  Xapian::Database db(path);
  auto it = db.postlist_begin(schema::id_term(id));
  if (it == db.postlist_end(schema::id_term(id))) return "";
  return db.get_document(*it).get_data();
}

void put(IndexWriter& w, const std::string& id, const std::string& data) {
  w.put(w.lane_for(id), id, doc_for(id, data));
}

TEST(IndexWriter, ANewIndexIsBuiltInBulkAndTheLastRecordOfAnIdWins) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  options.bulk_lanes = 2;
  options.flush_every = 3;  // several segments per lane
  {
    IndexWriter w(options);
    EXPECT_EQ(w.mode(), IndexWriter::Mode::kBulk);
    for (int i = 0; i < 20; ++i) put(w, "id" + std::to_string(i), "v1");
    put(w, "id3", "v2");  // replaces a copy in an earlier, closed segment
    put(w, "id19", "v2");
    put(w, "id19", "v3");  // replaces within the open segment
    EXPECT_EQ(w.finish(), 20u);
  }
  EXPECT_EQ(data_of(options.db_path, "id3"), "v2");
  EXPECT_EQ(data_of(options.db_path, "id19"), "v3");
  EXPECT_EQ(data_of(options.db_path, "id7"), "v1");
  EXPECT_NO_THROW(open_index_for_reading(options.db_path));
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".warta-staging"));
}

// A segment takes its articles in batches: each batch is written into the
// open segment when it fills, and an id repeated in a later batch of the
// same segment still replaces the earlier copy.
TEST(IndexWriter, ASegmentIsWrittenInBatchesAndAReplacementCrossesThem) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  options.bulk_lanes = 1;
  options.flush_every = 10;
  options.segment_batch = 3;
  {
    IndexWriter w(options);
    for (int i = 0; i < 3; ++i) put(w, "id" + std::to_string(i), "v1");
    // The first batch is in the open segment on disk, before any segment closes.
    EXPECT_EQ(Xapian::Database(options.db_path + ".warta-staging/lane-0-0").get_doccount(), 3u);
    for (int i = 3; i < 8; ++i) put(w, "id" + std::to_string(i), "v1");
    put(w, "id1", "v2");  // the copy in the segment's first batch is replaced
    EXPECT_EQ(w.finish(), 8u);
  }
  EXPECT_EQ(data_of(options.db_path, "id1"), "v2");
  EXPECT_EQ(data_of(options.db_path, "id7"), "v1");
}

// More segments than one merge may open (the open-file limit) are merged
// in groups first; nothing is lost, and the last record of an id still wins.
TEST(IndexWriter, ManySegmentsAreMergedInGroupsWhenOneMergeCannotOpenThemAll) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  options.bulk_lanes = 2;
  options.flush_every = 1;       // a segment per article
  options.max_merge_inputs = 4;  // 61 segments: two rounds of groups, then the merge
  {
    IndexWriter w(options);
    for (int i = 0; i < 60; ++i) put(w, "id" + std::to_string(i), "v1");
    put(w, "id3", "v2");  // in a later segment, and a later group
    EXPECT_EQ(w.finish(), 60u);
  }
  EXPECT_EQ(data_of(options.db_path, "id3"), "v2");
  EXPECT_EQ(data_of(options.db_path, "id0"), "v1");
  EXPECT_EQ(data_of(options.db_path, "id59"), "v1");
  EXPECT_EQ(Xapian::Database(options.db_path).get_doccount(), 60u);
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".warta-staging"));
}

TEST(IndexWriter, BuildsASpellingDictionaryFromWordsInTwoOrMoreArticles) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  {
    IndexWriter w(options);
    for (const char* id : {"a", "b"}) {
      Xapian::Document doc = doc_for(id, "x");
      doc.add_term("kebakaran");
      doc.add_term("Zbakar");
      doc.add_term(std::string("sekali") + id);
      w.put(w.lane_for(id), id, std::move(doc));
    }
    w.finish();
  }
  Xapian::Database db(options.db_path);
  EXPECT_EQ(db.get_spelling_suggestion("kebakarn"), "kebakaran");
  EXPECT_EQ(db.get_spelling_suggestion("sekalia"), "");  // in one article only: not a word yet
  EXPECT_EQ(db.get_spelling_suggestion("zbakar"), "");  // prefixed terms are not words
}

TEST(IndexWriter, AnIndexWithArticlesIsUpdatedInPlace) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  {
    IndexWriter w(options);
    put(w, "a", "1");
    put(w, "b", "1");
    w.finish();
  }
  {
    IndexWriter w(options);
    EXPECT_EQ(w.mode(), IndexWriter::Mode::kIncremental);
    EXPECT_EQ(w.lanes(), 1u);
    put(w, "a", "2");
    put(w, "c", "2");
    EXPECT_TRUE(w.remove("b"));
    EXPECT_FALSE(w.remove("nope"));
    EXPECT_EQ(w.finish(), 2u);
  }
  EXPECT_EQ(data_of(options.db_path, "a"), "2");
  EXPECT_EQ(data_of(options.db_path, "b"), "");
  EXPECT_EQ(data_of(options.db_path, "c"), "2");
}

TEST(IndexWriter, AnAbandonedBulkBuildLeavesTheIndexAsItWas) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  options.flush_every = 2;
  {
    IndexWriter w(options);
    for (int i = 0; i < 9; ++i) put(w, "id" + std::to_string(i), "x");
    // destroyed without finish(), as when a run fails
  }
  EXPECT_EQ(open_index_for_reading(options.db_path).get_doccount(), 0u);
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".warta-staging"));
}

TEST(IndexWriter, LeftoversOfAKilledBuildAreRemoved) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  std::filesystem::create_directories(options.db_path + ".warta-new");
  std::filesystem::create_directories(options.db_path + ".warta-staging/lane-0-0");
  {
    IndexWriter w(options);
    put(w, "a", "x");
    w.finish();
  }
  EXPECT_EQ(data_of(options.db_path, "a"), "x");
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".warta-new"));
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".warta-staging"));
}

// Regression: a run killed while Xapian created the index left files that
// made every later run fail with "Failed to open glass revision file".
TEST(IndexWriter, AnIndexWhoseCreationWasInterruptedIsCreatedAgain) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("db"));
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) {
    test::write_file(dir.file(std::string("db/") + name), "");
  }
  WriterOptions options;
  options.db_path = dir.file("db");
  IndexWriter w(options);
  put(w, "a", "x");
  EXPECT_EQ(w.finish(), 1u);
}

TEST(IndexWriter, ADirectoryOfOtherFilesIsNotTouched) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("db"));
  test::write_file(dir.file("db/notes.txt"), "mine");
  test::write_file(dir.file("db/postlist.glass"), "");
  WriterOptions options;
  options.db_path = dir.file("db");
  EXPECT_THROW(IndexWriter w(options), std::runtime_error);
  EXPECT_EQ(test::read_file(dir.file("db/notes.txt")), "mine");
}

TEST(IndexWriter, ASecondWriterIsToldTheIndexIsLocked) {
  test::TempDir dir;
  WriterOptions options;
  options.db_path = dir.file("db");
  IndexWriter first(options);
  try {
    IndexWriter second(options);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is locked"), std::string::npos) << e.what();
  }
}

TEST(IndexWriter, RefusesAnIndexOfAnotherSchema) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "0");
    db.add_document(Xapian::Document());
    db.commit();
  }
  WriterOptions options;
  options.db_path = dir.file("db");
  EXPECT_THROW(IndexWriter w(options), IndexMismatchError);
}

}  // namespace
}  // namespace warta::indexer
