// writer: puts documents into the index, in one of two ways.
//
// Bulk (the index is empty when the run starts): lanes write small staging
// segments side by side, and finish() merges them with Xapian's compaction
// and swaps the result in. The index stays at its last commit
// (empty) until the swap, so a killed run leaves it as it was.
//
// Incremental (the index has documents): one lane replaces documents by id
// in the index itself and commits every `commit_every` documents, so a
// killed run leaves the index at its last commit and a re-run completes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/index_target.h"

namespace warta::indexer {

struct WriterOptions {
  std::string db_path;
  unsigned bulk_lanes = 2;                 // staging shards written in parallel
  Xapian::doccount flush_every = 2000;     // bulk: documents per segment
  Xapian::doccount segment_batch = 125;    // bulk: documents Xapian buffers before writing them into the segment
  Xapian::doccount commit_every = 10000;   // incremental: documents between commits
  bool allow_bulk = true;                  // false: always write incrementally
  std::size_t max_merge_inputs = 0;        // bulk: segments one merge reads; 0: what the open-file limit allows
};

class IndexWriter final : public IndexTarget {
 public:
  enum class Mode { kBulk, kIncremental };

  // Opens the index, or creates it beside its path and renames it into
  // place (so a killed run never leaves a path that does not open), takes
  // its write lock, clears what a killed run left, checks the schema
  // version. Throws std::runtime_error with the path and the cause (locked
  // by another writer, schema mismatch, not an index, cannot create).
  explicit IndexWriter(const WriterOptions& options);
  ~IndexWriter() override;
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  Mode mode() const { return mode_; }
  const char* mode_name() const override { return mode_ == Mode::kBulk ? "bulk" : "incremental"; }

  // How many lanes accept documents concurrently, and the lane for an id.
  // Every document with the same id goes to the same lane.
  unsigned lanes() const override { return static_cast<unsigned>(lanes_.size()); }
  unsigned lane_for(const std::string& id) const override;

  // Deletes the article `id`; false when the index has none. Not
  // concurrent with put().
  bool remove(const std::string& id) override;

  // Adds or replaces the document of `id` (its id term must be set). Calls
  // for different lanes may run concurrently; one lane, one thread.
  void put(unsigned lane, const std::string& id, Xapian::Document&& doc) override;

  // Deletes every document carrying `term`; returns how many. Not
  // concurrent with put().
  Xapian::doccount remove_by_term(const std::string& term) override;

  // Metadata written with the final commit of finish(), in the same
  // commit as the documents (an empty value deletes the key).
  void set_metadata_at_finish(const std::string& key, const std::string& value) override;

  // The index as it was when the run started (empty for a bulk build).
  const Xapian::Database& database() const override { return *db_; }

  // Makes everything durable and visible: incremental commits; bulk
  // merges and swaps in. Returns the index's document count.
  Xapian::doccount finish() override;

 private:
  struct Lane;
  void open_bulk_lanes();
  void merge_in_groups(std::vector<std::string>& segments, std::size_t max_inputs);
  void open_segment(Lane& lane);
  void close_segment(Lane& lane);
  void explain_segment_failure() const;
  static void drop_superseded_copies(const std::vector<std::string>& segments);
  void commit_incremental();
  void commit_index();  // commits db_'s transaction and opens the next
  void apply_final_metadata(Xapian::WritableDatabase& db);

  // Held from the start of a run to its end, beside the index ("DB.warta-lock"):
  // Xapian's own lock is let go before a bulk build's new index is swapped in,
  // and another run must not open the old one in that moment. Declared
  // first, so released last.
  struct RunLock {
    int fd = -1;
    RunLock() = default;
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;
    ~RunLock();
  } run_lock_;
  WriterOptions options_;
  Mode mode_ = Mode::kIncremental;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::string staging_dir_;
  Xapian::doccount since_commit_ = 0;
  std::vector<std::pair<std::string, std::string>> final_metadata_;
};

}  // namespace warta::indexer
