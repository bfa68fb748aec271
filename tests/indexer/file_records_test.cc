#include "indexer/file_records.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace warta::indexer {
namespace {

FileRecord record_of(const std::string& path) {
  FileRecord record;
  record.path = path;
  record.size = 1234;
  record.mtime_ns = 1700000000123456789;
  record.content_key = "0123456789abcdef";
  return record;
}

TEST(FileRecords, RoundTripThroughJson) {
  FileRecord record = record_of("/arsip/2022/berita-01.jsonl.gz");
  FileRecord back = record_from_json(record_to_json(record));
  EXPECT_EQ(back.path, record.path);
  EXPECT_EQ(back.size, record.size);
  EXPECT_EQ(back.mtime_ns, record.mtime_ns);
  EXPECT_EQ(back.content_key, record.content_key);
  EXPECT_EQ(record_to_json(record).find("path_bytes"), std::string::npos) << "a UTF-8 path needs no bytes";
}

// A Latin-1 file name is not UTF-8; its record must name the same file
// again, or the file is read anew on every run and pruned as gone.
TEST(FileRecords, APathThatIsNotUtf8RoundTripsByteForByte) {
  FileRecord record = record_of("/arsip/latin1-\xe9t\xe9.jsonl");
  EXPECT_EQ(record_from_json(record_to_json(record)).path, record.path);
}

TEST(FileRecords, DamagedPathBytesAreNotARecord) {
  EXPECT_THROW(record_from_json(R"({"path":"x","size":1,"mtime_ns":2,"content":"c","path_bytes":"2fz"})"),
               std::runtime_error);
  EXPECT_THROW(record_from_json(R"({"path":"x","size":1,"mtime_ns":2,"content":"c","path_bytes":"2fzz"})"),
               std::runtime_error);
}

}  // namespace
}  // namespace warta::indexer
