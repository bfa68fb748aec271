// sharded_writer: writes an archive as a directory of shards (see
// common/shard_manifest.h for the layout). Each shard is an ordinary index
// written by its own IndexWriter, so shards are built side by side (their
// lanes run at once and their merges run in parallel at the end) and any
// one shard can be rebuilt alone.
//
// Hash sharding puts an id in shard XXH3-64(id) % N, so re-indexing an id
// always lands in the shard that holds it. Year sharding puts an article
// in the shard of its year; an article whose year changed is deleted from
// its old shard in the same run.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/shard_manifest.h"
#include "indexer/index_target.h"
#include "indexer/writer.h"

namespace warta::indexer {

struct ShardingOptions {
  unsigned shards = 0;                    // --shards N; 0: not asked for (an existing manifest decides)
  std::optional<ShardBy> shard_by;        // --shard-by; unset: hash, or what the manifest says
  std::optional<std::string> only_shard;  // --only-shard: "2", "shard-02", "2022", "undated"
  bool requested() const { return shards > 0 || shard_by.has_value(); }
};

// The shard (0..count-1) of `id` under hash sharding. PERSISTED rule.
unsigned hash_shard_of(const std::string& id, unsigned count);

class ShardedWriter final : public IndexTarget {
 public:
  // Opens DIR's shards (creating DIR and its manifest when missing, and
  // every hash shard). Throws std::runtime_error naming the path when DIR
  // is a plain index, when the options contradict the manifest (another
  // shard count or rule), or when --only-shard names no shard.
  ShardedWriter(const WriterOptions& base, const ShardingOptions& sharding);
  ~ShardedWriter() override;

  const char* mode_name() const override;
  unsigned lanes() const override { return lane_count_; }
  unsigned lane_for(const std::string& id) const override;
  bool remove(const std::string& id) override;
  void put(unsigned lane, const std::string& id, Xapian::Document&& doc) override;
  Xapian::doccount remove_by_term(const std::string& term) override;
  // File records live in the first shard of the manifest (shard-00 or
  // shard-undated), which finish() commits last: a file is recorded only
  // once every shard holds its articles.
  void set_metadata_at_finish(const std::string& key, const std::string& value) override;
  const Xapian::Database& database() const override { return combined_; }
  Xapian::doccount finish() override;

  // Articles that belonged to shards this run does not write (--only-shard).
  std::uint64_t skipped() const { return skipped_; }

 private:
  struct Shard {
    std::string name;
    std::unique_ptr<IndexWriter> writer;  // null when this run does not write it
    unsigned first_lane = 0;
    std::mutex mutex;  // year sharding: lanes share a shard's writer
  };
  Shard& open_shard(const std::string& name);  // year sharding; caller holds shards_mutex_
  void rebuild_combined();
  bool writes(const std::string& name) const;
  void delete_moved_articles();

  WriterOptions base_;
  ShardManifest manifest_;
  std::string dir_;
  std::optional<std::string> only_;             // the shard name this run writes, when only one
  std::vector<std::unique_ptr<Shard>> shards_;  // manifest order
  std::mutex shards_mutex_;                     // year sharding: guards shards_ growth, manifest_, placed_
  std::vector<int> lane_shard_;                 // hash sharding: lane -> shard index (-1: skip)
  unsigned lane_count_ = 0;
  Xapian::Database combined_;
  std::atomic<std::uint64_t> skipped_{0};
  // Year sharding: where each id went in this run, and copies to delete
  // because the id moved to another shard within the run.
  std::unordered_map<std::string, std::size_t> placed_;
  std::vector<std::pair<std::size_t, std::string>> moved_within_run_;
};

// A ShardedWriter when sharding is asked for or `base.db_path` holds a
// shard manifest; an IndexWriter otherwise.
std::unique_ptr<IndexTarget> open_index_target(const WriterOptions& base, const ShardingOptions& sharding);

}  // namespace warta::indexer
