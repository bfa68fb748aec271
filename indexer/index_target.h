// index_target: what a run writes into: one index (IndexWriter) or a
// directory of shards (ShardedWriter). The pipeline only sees this.
#pragma once

#include <string>

#include <xapian.h>

namespace warta::indexer {

class IndexTarget {
 public:
  virtual ~IndexTarget() = default;

  // "bulk", "incremental" (or "mixed" for shards in both modes).
  virtual const char* mode_name() const = 0;

  // How many lanes accept documents concurrently, and the lane for an id.
  // Every document with the same id goes to the same lane.
  virtual unsigned lanes() const = 0;
  virtual unsigned lane_for(const std::string& id) const = 0;

  // Deletes the article `id`; false when the index has none. Not
  // concurrent with put().
  virtual bool remove(const std::string& id) = 0;

  // Adds or replaces the document of `id` (its id term must be set). Calls
  // for different lanes may run concurrently; one lane, one thread.
  virtual void put(unsigned lane, const std::string& id, Xapian::Document&& doc) = 0;

  // Deletes every document carrying `term`; returns how many. Not
  // concurrent with put().
  virtual Xapian::doccount remove_by_term(const std::string& term) = 0;

  // Metadata written with the final commit of finish(), in the same
  // commit as the documents (an empty value deletes the key).
  virtual void set_metadata_at_finish(const std::string& key, const std::string& value) = 0;

  // The index as it was when the run started; read from one thread only,
  // while no put() runs.
  virtual const Xapian::Database& database() const = 0;

  // Makes everything durable and visible. Returns the document count.
  virtual Xapian::doccount finish() = 0;
};

}  // namespace warta::indexer
