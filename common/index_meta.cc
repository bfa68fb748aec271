// index_meta: schema version stamping and checking.
#include "common/index_meta.h"

#include "common/schema.h"
#include "common/version.h"

namespace warta {

void stamp_index(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaWriterVersion), "warta " + std::string(version()));
}

void check_index_schema(const Xapian::Database& db, const std::string& path) {
  std::string stored = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  std::string expected = std::to_string(schema::kSchemaVersion);
  if (stored == expected) return;
  if (stored.empty()) {
    if (db.get_doccount() == 0) return;  // a new, empty index
    throw IndexMismatchError("index " + path +
                             " is not a Warta index (it has no schema version); "
                             "build it with warta-indexer");
  }
  throw IndexMismatchError("index " + path + " was written with schema version " + stored +
                           ", but this build uses version " + expected +
                           "; rebuild it with this warta-indexer");
}

Xapian::Database open_index_for_reading(const std::string& path) {
  Xapian::Database db(path);
  check_index_schema(db, path);
  return db;
}

}  // namespace warta
