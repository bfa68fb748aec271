// shard_dictionary: spelling and synonyms of every shard, in one small
// database.
#include "indexer/shard_dictionary.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <xapian.h>

#include "common/index_meta.h"

namespace warta::indexer {

void write_shard_dictionary(const std::string& dir, const std::vector<std::string>& shard_paths) {
  namespace fs = std::filesystem;
  std::string path = (fs::path(dir) / kShardDictionaryDir).string();
  std::string fresh = path + ".new";
  fs::remove_all(fresh);
  Xapian::termcount words = 0;
  {
    Xapian::WritableDatabase out(fresh, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    for (const std::string& shard_path : shard_paths) {
      Xapian::Database shard(shard_path);
      for (auto w = shard.spellings_begin(); w != shard.spellings_end(); ++w) {
        out.add_spelling(*w, w.get_termfreq());
        ++words;
      }
      for (auto key = shard.synonym_keys_begin(); key != shard.synonym_keys_end(); ++key) {
        for (auto s = shard.synonyms_begin(*key); s != shard.synonyms_end(*key); ++s) out.add_synonym(*key, *s);
      }
    }
    stamp_index(out);
    out.commit();
  }
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // The old one steps aside in the same step the new one arrives.
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
      throw std::runtime_error("cannot swap in " + path + ": " + std::strerror(errno));
    }
    fs::remove_all(fresh);
  } else {
    fs::rename(fresh, path);
  }
  spdlog::debug("{}: {} spelling entries from {} shards", path, words, shard_paths.size());
}

}  // namespace warta::indexer
