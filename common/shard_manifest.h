// shard_manifest: the layout of a sharded index directory, shared by the
// indexer (which writes it) and searchd (which opens every shard in it).
//
//   DIR/warta-shards.json   {"format": 1, "shard_by": "hash", "shards":
//   ["shard-00", ...]} DIR/XAPIANDB            a Xapian stub listing the
//   shards, so that Xapian's
//                           own tools (xapian-delve DIR) open them as one
//   DIR/shard-00 ...        one Warta index per shard
//
// PERSISTED: the file names, the JSON fields and the hash rule of
// shard_for_id() (XXH3-64 of the id, modulo the shard count) are part of
// the on-disk format; changing them strands existing indexes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace warta {

enum class ShardBy { kHash, kYear };

struct ShardManifest {
  ShardBy shard_by = ShardBy::kHash;
  std::vector<std::string> shards;  // directory names inside DIR, in search order
};

inline constexpr const char* kShardManifestFile = "warta-shards.json";
inline constexpr const char* kShardStubFile = "XAPIANDB";

// "shard-00".."shard-99" (wider when there are more): hash shard `k` of
// `count`.
std::string hash_shard_name(unsigned k, unsigned count);
// "shard-2022", or "shard-undated" for an empty year.
std::string year_shard_name(const std::string& year);
// The shard of year sharding that every sharded index has, and that keeps
// the indexer's file records.
inline constexpr const char* kUndatedShard = "shard-undated";

const char* shard_by_name(ShardBy by);  // "hash", "year"
std::optional<ShardBy> shard_by_from_name(const std::string& name);

// True when `dir` holds a shard manifest.
bool is_sharded_index(const std::string& dir);

// Reads DIR's manifest. Throws std::runtime_error naming the file when it
// is missing or malformed.
ShardManifest read_shard_manifest(const std::string& dir);

// Writes the manifest and the Xapian stub, each by rename over the old
// file, so a reader sees the old list or the new one, never half of one.
void write_shard_manifest(const std::string& dir, const ShardManifest& manifest);

}  // namespace warta
