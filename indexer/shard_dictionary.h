// shard_dictionary: DIR/dictionary beside the shards of a sharded index — a
// database with no documents holding the spelling and synonym tables of all
// shards. Xapian's remote backend carries neither, so a searchd whose
// shards are remote adds this one locally (warta-searchd --dictionary) and
// keeps "did you mean" and synonyms; it changes no count or score.
#pragma once

#include <string>
#include <vector>

namespace warta::indexer {

inline constexpr const char* kShardDictionaryDir = "dictionary";

// Rebuilds DIR/dictionary from the shards' spelling words (frequencies
// summed) and synonyms, and swaps it in whole. Throws std::runtime_error
// or Xapian::Error naming the path.
void write_shard_dictionary(const std::string& dir, const std::vector<std::string>& shard_paths);

}  // namespace warta::indexer
