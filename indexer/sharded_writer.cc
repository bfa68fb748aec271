// sharded_writer: one IndexWriter per shard, lanes mapped onto shards, the
// shards finished in parallel with the one holding the file records last.
#include "indexer/sharded_writer.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>
#include <xxhash.h>

#include "common/schema.h"
#include "indexer/index_tables.h"
#include "indexer/shard_dictionary.h"

namespace warta::indexer {
namespace {

namespace fs = std::filesystem;

bool is_number(const std::string& s) {
  return !s.empty() && s.size() < 6 && s.find_first_not_of("0123456789") == std::string::npos;
}

bool is_year_shard_name(const std::string& name) {
  return name == kUndatedShard || (name.size() == 10 && name.compare(0, 6, "shard-") == 0 && is_number(name.substr(6)));
}

}  // namespace

unsigned hash_shard_of(const std::string& id, unsigned count) {
  return static_cast<unsigned>(XXH3_64bits(id.data(), id.size()) % count);
}

ShardedWriter::ShardedWriter(const WriterOptions& base, const ShardingOptions& sharding)
    : base_(base), dir_(base.db_path) {
  std::error_code ec;
  if (fs::exists(fs::path(dir_) / "iamglass", ec)) {
    throw std::runtime_error(dir_ +
                             " is a single (unsharded) index: shard an "
                             "archive into a new directory");
  }
  if (is_sharded_index(dir_)) {
    manifest_ = read_shard_manifest(dir_);
    if (sharding.shard_by && *sharding.shard_by != manifest_.shard_by) {
      throw std::runtime_error(dir_ + " is sharded by " + shard_by_name(manifest_.shard_by) + ", not by " +
                               shard_by_name(*sharding.shard_by) +
                               ": changing the rule needs a rebuild into a new directory");
    }
    if (sharding.shards > 0 && (manifest_.shard_by != ShardBy::kHash || sharding.shards != manifest_.shards.size())) {
      throw std::runtime_error(dir_ + " has " + std::to_string(manifest_.shards.size()) + " shards (by " +
                               shard_by_name(manifest_.shard_by) + "), not " + std::to_string(sharding.shards) +
                               ": changing the count needs a rebuild into a new directory");
    }
  } else {
    if (fs::exists(dir_, ec) && !(fs::is_directory(dir_, ec) && fs::is_empty(dir_, ec))) {
      throw std::runtime_error(dir_ + " exists and is not an index: give --db a new or empty directory");
    }
    manifest_.shard_by = sharding.shard_by.value_or(ShardBy::kHash);
    if (manifest_.shard_by == ShardBy::kHash) {
      if (sharding.shards == 0) throw std::runtime_error("--shard-by hash needs --shards N");
      for (unsigned k = 0; k < sharding.shards; ++k) manifest_.shards.push_back(hash_shard_name(k, sharding.shards));
    } else {
      if (sharding.shards > 0) {
        throw std::runtime_error(
            "--shards counts hash shards; --shard-by year "
            "makes one shard per year");
      }
      manifest_.shards.push_back(kUndatedShard);
    }
    fs::create_directories(dir_);
  }

  if (sharding.only_shard) {
    const std::string& want = *sharding.only_shard;
    std::vector<std::string> candidates{want, "shard-" + want};
    if (manifest_.shard_by == ShardBy::kHash && is_number(want) && std::stoul(want) < manifest_.shards.size()) {
      candidates.push_back(manifest_.shards[std::stoul(want)]);
    }
    for (const std::string& name : candidates) {
      bool known = std::find(manifest_.shards.begin(), manifest_.shards.end(), name) != manifest_.shards.end();
      if (known || (manifest_.shard_by == ShardBy::kYear && is_year_shard_name(name))) {
        only_ = name;
        break;
      }
    }
    if (!only_) throw std::runtime_error("--only-shard " + want + ": " + dir_ + " has no such shard");
  }

  // Every shard is a valid index from here on, before the manifest names it.
  for (const std::string& name : manifest_.shards) {
    auto shard = std::make_unique<Shard>();
    shard->name = name;
    if (writes(name)) {
      WriterOptions options = base_;
      options.db_path = (fs::path(dir_) / name).string();
      options.bulk_lanes = manifest_.shard_by == ShardBy::kHash
                               ? std::max(1u, base_.bulk_lanes / static_cast<unsigned>(manifest_.shards.size()))
                               : 1u;
      shard->writer = std::make_unique<IndexWriter>(options);
    }
    shards_.push_back(std::move(shard));
  }
  write_shard_manifest(dir_, manifest_);

  if (manifest_.shard_by == ShardBy::kHash) {
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      Shard& shard = *shards_[i];
      if (!shard.writer) continue;
      shard.first_lane = lane_count_;
      for (unsigned l = 0; l < shard.writer->lanes(); ++l) lane_shard_.push_back(static_cast<int>(i));
      lane_count_ += shard.writer->lanes();
    }
    if (only_) {
      lane_shard_.push_back(-1);  // the articles of other shards, dropped
      ++lane_count_;
    }
  } else {
    lane_count_ = std::max(1u, base_.bulk_lanes);
  }
  rebuild_combined();
}

ShardedWriter::~ShardedWriter() = default;

bool ShardedWriter::writes(const std::string& name) const { return !only_ || *only_ == name; }

void ShardedWriter::rebuild_combined() {
  combined_ = Xapian::Database();
  for (const auto& shard : shards_) {
    if (shard->writer) combined_.add_database(shard->writer->database());
  }
}

const char* ShardedWriter::mode_name() const {
  bool bulk = false, incremental = false;
  for (const auto& shard : shards_) {
    if (!shard->writer) continue;
    (shard->writer->mode() == IndexWriter::Mode::kBulk ? bulk : incremental) = true;
  }
  if (bulk && incremental) return "mixed";
  return incremental ? "incremental" : "bulk";
}

unsigned ShardedWriter::lane_for(const std::string& id) const {
  if (manifest_.shard_by == ShardBy::kYear) {
    return static_cast<unsigned>(XXH3_64bits(id.data(), id.size()) % lane_count_);
  }
  const Shard& shard = *shards_[hash_shard_of(id, static_cast<unsigned>(shards_.size()))];
  if (!shard.writer) return lane_count_ - 1;
  return shard.first_lane + shard.writer->lane_for(id);
}

ShardedWriter::Shard& ShardedWriter::open_shard(const std::string& name) {
  WriterOptions options = base_;
  options.db_path = (fs::path(dir_) / name).string();
  options.bulk_lanes = 1;
  auto shard = std::make_unique<Shard>();
  shard->name = name;
  shard->writer = std::make_unique<IndexWriter>(options);
  shards_.push_back(std::move(shard));
  manifest_.shards.push_back(name);
  write_shard_manifest(dir_, manifest_);
  rebuild_combined();
  spdlog::info("{}: new shard {}", dir_, name);
  return *shards_.back();
}

void ShardedWriter::put(unsigned lane, const std::string& id, Xapian::Document&& doc) {
  if (manifest_.shard_by == ShardBy::kHash) {
    int index = lane_shard_[lane];
    if (index < 0) {
      ++skipped_;
      return;
    }
    Shard& shard = *shards_[static_cast<std::size_t>(index)];
    shard.writer->put(lane - shard.first_lane, id, std::move(doc));
    return;
  }
  std::string name = year_shard_name(doc.get_value(schema::slot(schema::Slot::kYear)));
  if (!writes(name)) {
    ++skipped_;
    return;
  }
  Shard* shard = nullptr;
  {
    std::lock_guard lock(shards_mutex_);
    std::size_t index = 0;
    while (index < shards_.size() && shards_[index]->name != name) ++index;
    if (index == shards_.size()) open_shard(name);
    shard = shards_[index].get();
    auto [placed, first] = placed_.emplace(id, index);
    if (!first && placed->second != index) {
      moved_within_run_.emplace_back(placed->second, id);
      placed->second = index;
    }
  }
  std::lock_guard lock(shard->mutex);
  shard->writer->put(0, id, std::move(doc));
}

bool ShardedWriter::remove(const std::string& id) {
  bool removed = false;
  for (auto& shard : shards_) {
    if (shard->writer && shard->writer->remove(id)) removed = true;
  }
  return removed;
}

Xapian::doccount ShardedWriter::remove_by_term(const std::string& term) {
  Xapian::doccount removed = 0;
  for (auto& shard : shards_) {
    if (shard->writer) removed += shard->writer->remove_by_term(term);
  }
  return removed;
}

void ShardedWriter::set_metadata_at_finish(const std::string& key, const std::string& value) {
  // Only the first shard keeps records; a run of another shard alone does not
  // record files.
  if (shards_.front()->writer) shards_.front()->writer->set_metadata_at_finish(key, value);
}

// Year sharding: an article indexed into the shard of its (new) year is
// deleted from the shards that held it before this run. Shards built in
// bulk were empty when the run started and hold no old copies.
void ShardedWriter::delete_moved_articles() {
  std::uint64_t moved = 0;
  for (std::size_t t = 0; t < shards_.size(); ++t) {
    IndexWriter* writer = shards_[t]->writer.get();
    if (!writer || writer->mode() != IndexWriter::Mode::kIncremental) continue;
    for (const auto& [id, placed] : placed_) {
      if (placed == t) continue;
      if (writer->database().get_termfreq(schema::id_term(id)) > 0 && writer->remove(id)) ++moved;
    }
  }
  if (moved > 0) spdlog::info("{}: {} article(s) moved to the shard of their new year", dir_, moved);
}

Xapian::doccount ShardedWriter::finish() {
  if (manifest_.shard_by == ShardBy::kYear && !only_) delete_moved_articles();
  std::vector<std::exception_ptr> errors(shards_.size());
  std::vector<Xapian::doccount> counts(shards_.size(), 0);
  auto finish_shard = [&](std::size_t i) {
    try {
      if (shards_[i]->writer) {
        counts[i] = shards_[i]->writer->finish();
      } else {
        counts[i] = Xapian::Database((fs::path(dir_) / shards_[i]->name).string()).get_doccount();
      }
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  // Merges of the shards run side by side; the first shard, whose commit
  // records the files read, goes last.
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < shards_.size(); ++i) threads.emplace_back(finish_shard, i);
  for (auto& t : threads) t.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  finish_shard(0);
  if (errors[0]) std::rethrow_exception(errors[0]);
  // Everything is committed: release the shards' write locks for the
  // steps below, which open the shards again.
  combined_ = Xapian::Database();
  for (auto& shard : shards_) shard->writer.reset();

  // An id that went to two shards within this run stays in the last one.
  std::map<std::size_t, std::vector<std::string>> stale;
  for (const auto& [shard, id] : moved_within_run_) {
    if (placed_[id] != shard) stale[shard].push_back(id);
  }
  for (const auto& [shard, ids] : stale) {
    Xapian::WritableDatabase db((fs::path(dir_) / shards_[shard]->name).string(), Xapian::DB_OPEN);
    for (const std::string& id : ids) {
      if (db.get_termfreq(schema::id_term(id)) > 0) {
        db.delete_document(schema::id_term(id));
        --counts[shard];
      }
    }
    db.commit();
  }
  if (!only_) {
    std::vector<std::string> paths;
    for (const auto& shard : shards_) paths.push_back((fs::path(dir_) / shard->name).string());
    write_shard_dictionary(dir_, paths);
    std::size_t acronyms = share_acronym_table(paths);
    spdlog::info("{}: {} acronyms voted over all shards", dir_, acronyms);
  }
  if (skipped_ > 0) spdlog::info("{} article(s) belong to other shards: not written (--only-shard)", skipped_.load());
  Xapian::doccount total = 0;
  for (Xapian::doccount c : counts) total += c;
  return total;
}

std::unique_ptr<IndexTarget> open_index_target(const WriterOptions& base, const ShardingOptions& sharding) {
  if (sharding.requested() || is_sharded_index(base.db_path)) return std::make_unique<ShardedWriter>(base, sharding);
  if (sharding.only_shard) throw std::runtime_error("--only-shard: " + base.db_path + " is not a sharded index");
  return std::make_unique<IndexWriter>(base);
}

}  // namespace warta::indexer
