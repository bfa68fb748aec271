#include "common/index_meta.h"

#include <gtest/gtest.h>

#include "common/schema.h"
#include "tests/support/process.h"

namespace warta {
namespace {

TEST(IndexMeta, AStampedIndexOpens) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE);
    stamp_index(db);
    db.add_document(Xapian::Document());
    db.commit();
  }
  Xapian::Database db = open_index_for_reading(dir.path());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kSchemaVersion));
}

TEST(IndexMeta, AnIndexOfAnotherSchemaIsRefusedWithTheVersions) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
    db.commit();
  }
  try {
    open_index_for_reading(dir.path());
    FAIL() << "expected IndexMismatchError";
  } catch (const IndexMismatchError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find(dir.path()), std::string::npos) << message;
    EXPECT_NE(message.find("schema version 999"), std::string::npos) << message;
    EXPECT_NE(message.find("rebuild"), std::string::npos) << message;
  }
}

TEST(IndexMeta, AForeignIndexWithDocumentsIsRefused) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  EXPECT_THROW(open_index_for_reading(dir.path()), IndexMismatchError);
}

TEST(IndexMeta, AMissingIndexIsAnOpeningError) {
  test::TempDir dir;
  EXPECT_THROW(open_index_for_reading(dir.file("none")), Xapian::DatabaseOpeningError);
}

}  // namespace
}  // namespace warta
