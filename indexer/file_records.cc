// file_records: records of input files, kept in the index's metadata.
#include "indexer/file_records.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <xxhash.h>

#include "common/schema.h"
#include "common/utf8.h"
#include "indexer/stable_id.h"

namespace warta::indexer {
namespace {

std::string hex16(std::uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace

std::string record_path(const std::string& path) {
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
  if (ec) resolved = std::filesystem::absolute(path, ec).lexically_normal();
  return resolved.string();
}

std::string path_key(const std::string& record_path) { return hex16(fnv1a_64(record_path)); }

std::optional<FileRecord> stat_file(const std::string& record_path) {
  struct stat st {};
  if (::stat(record_path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    throw std::runtime_error("cannot stat " + record_path + ": " + std::strerror(errno));
  }
  FileRecord record;
  record.path = record_path;
  record.size = static_cast<std::uint64_t>(st.st_size);
  std::int64_t seconds = st.st_mtim.tv_sec;
  record.mtime_ns = seconds * 1000000000 + st.st_mtim.tv_nsec;
  return record;
}

std::string hash_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(), &XXH3_freeState);
  XXH3_64bits_reset(state.get());
  std::string buffer(1 << 20, '\0');
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    XXH3_64bits_update(state.get(), buffer.data(), n);
  }
  if (std::ferror(file.get())) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  return hex16(XXH3_64bits_digest(state.get()));
}

// A file name need not be UTF-8, and JSON text must be: such a path is
// also kept as hex of its bytes, so that it names its file again.
std::string record_to_json(const FileRecord& record) {
  nlohmann::json j{{"path", record.path},
                   {"size", record.size},
                   {"mtime_ns", record.mtime_ns},
                   {"content", record.content_key}};
  if (find_invalid_utf8(record.path)) {
    std::string hex;
    for (char byte : record.path) {
      auto c = static_cast<unsigned char>(byte);
      static constexpr char kDigits[] = "0123456789abcdef";
      hex.push_back(kDigits[c >> 4]);
      hex.push_back(kDigits[c & 15]);
    }
    j["path_bytes"] = hex;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FileRecord record_from_json(const std::string& json) {
  try {
    auto j = nlohmann::json::parse(json);
    FileRecord record;
    record.path = j.at("path").get<std::string>();
    if (j.contains("path_bytes")) {
      std::string hex = j.at("path_bytes").get<std::string>();
      auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        throw std::runtime_error("not a file record: path_bytes is not lowercase hex");
      };
      if (hex.size() % 2 != 0) throw std::runtime_error("not a file record: path_bytes is not lowercase hex");
      record.path.clear();
      for (std::size_t i = 0; i < hex.size(); i += 2) {
        record.path.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
      }
    }
    record.size = j.at("size").get<std::uint64_t>();
    record.mtime_ns = j.at("mtime_ns").get<std::int64_t>();
    record.content_key = j.at("content").get<std::string>();
    return record;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("not a file record: ") + e.what());
  }
}

std::map<std::string, FileRecord> load_file_records(const Xapian::Database& db) {
  std::map<std::string, FileRecord> records;
  std::string prefix(schema::kMetaFileRecordPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    try {
      FileRecord record = record_from_json(db.get_metadata(*key));
      records[record.path] = std::move(record);
    } catch (const std::runtime_error& e) {
      spdlog::warn("index metadata {}: {}; its file will be read again", *key, e.what());
    }
  }
  return records;
}

}  // namespace warta::indexer
