// file_records: what the index remembers of each input file it has read
// (path, size, mtime, content hash), so that a later run can skip the files
// that have not changed and find the articles of files that are gone.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <xapian.h>

namespace warta::indexer {

struct FileRecord {
  std::string path;  // absolute, as canonical as the file system allows
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string content_key;  // 16 lowercase hex digits of XXH3-64 of the bytes on disk
};

// The path a record is kept under: absolute and lexically normal, with
// symbolic links resolved when the file exists.
std::string record_path(const std::string& path);

// 16 lowercase hex digits naming a record path (a metadata key and a term
// must stay short, a path need not be).
std::string path_key(const std::string& record_path);

// Size and modification time of a file; nullopt when it does not exist.
// Throws std::runtime_error naming the file for other errors.
std::optional<FileRecord> stat_file(const std::string& record_path);

// XXH3-64 of the file's bytes, as content_key. Throws std::runtime_error
// naming the file when it cannot be read.
std::string hash_file(const std::string& path);

std::string record_to_json(const FileRecord& record);
// Throws std::runtime_error when `json` is not a record.
FileRecord record_from_json(const std::string& json);

// Every record in the index, by record path. A record that does not parse
// is skipped with a warning: its file is then simply read again.
std::map<std::string, FileRecord> load_file_records(const Xapian::Database& db);

}  // namespace warta::indexer
