// index_meta: the schema version stamp every Warta index carries, and the
// checks that refuse an index written under another schema.
#pragma once

#include <stdexcept>
#include <string>

#include <xapian.h>

namespace warta {

// Thrown when an index cannot be used: it was written under another schema
// version, or is not a Warta index. The message names the path and says
// what to do.
class IndexMismatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes the schema version and writer version into `db`'s metadata (takes
// effect at the next commit).
void stamp_index(Xapian::WritableDatabase& db);

// Throws IndexMismatchError unless `db` is empty or carries this build's
// schema version. `path` is only used in the message.
void check_index_schema(const Xapian::Database& db, const std::string& path);

// Opens an index for searching and checks its schema. Throws
// IndexMismatchError, or Xapian::DatabaseOpeningError when there is no
// index at `path`.
Xapian::Database open_index_for_reading(const std::string& path);

}  // namespace warta
