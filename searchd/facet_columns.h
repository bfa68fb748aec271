// facet_columns: every article's facet values held in memory by document
// number, so that counting facets over a million matches costs an array
// lookup per match instead of reading each match's values from the index;
// and every article's length, with which frequent words are scored without
// a length lookup in the index per match (frequent_words.h).
// Built from local shards only (a remote shard's values stay where it is),
// once per revision of the index, off the search path (FacetColumnCache).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "searchd/term_impacts.h"

namespace warta::searchd {

// One facet slot: the distinct values, and each document's value numbers.
struct FacetColumn {
  std::vector<std::string> values;  // value number -> value; number 0 means none
  bool list_valued = false;
  // Single-valued: value number by document id (0 for none).
  std::vector<std::uint32_t> number_of;
  // List-valued: the numbers of document d are
  // numbers[first[d] .. first[d + 1]).
  std::vector<std::uint32_t> first;
  std::vector<std::uint32_t> numbers;
};

class FacetColumns {
 public:
  // Reads the facet slots of `db`, a single index, by value stream. Throws
  // what Xapian throws (DatabaseModifiedError when the index moved on
  // while it read).
  static std::shared_ptr<const FacetColumns> load(const Xapian::Database& db);

  // nullptr for a slot that is not a facet.
  const FacetColumn* column(schema::Slot slot) const;
  Xapian::docid last_docid() const { return last_docid_; }
  // Document length by document id (0 for none), as Xapian's
  // get_doclength() gives it: what BM25 normalises by.
  const std::vector<Xapian::termcount>& doc_lengths() const { return doc_lengths_; }
  // The index these columns were read from (Database::get_uuid()).
  const std::string& uuid() const { return uuid_; }
  // Frequent words' impacts at this revision, filled as searches need them.
  TermImpactCache& term_impacts() const { return term_impacts_; }
  std::size_t memory_bytes() const;

 private:
  Xapian::docid last_docid_ = 0;
  std::string uuid_;
  std::vector<Xapian::termcount> doc_lengths_;
  mutable TermImpactCache term_impacts_;
  std::vector<std::pair<schema::Slot, FacetColumn>> columns_;
};

// The columns of every local shard (each numbers its own documents: a
// match spy sees a shard's own document numbers), at one revision.
struct FacetColumnSet {
  std::string key;
  std::vector<std::shared_ptr<const FacetColumns>> shards;  // ShardConnections::local_databases() order
};

// The columns of the newest revision a search has asked for, built by a
// thread of its own. A search gets them only when they match its own
// revision exactly; until then it counts the slow way, and never waits.
class FacetColumnCache {
 public:
  // `open` returns fresh databases of the same local shards (the build
  // thread needs its own: Xapian objects are not thread-safe) and their key.
  using Opener = std::function<std::pair<std::vector<Xapian::Database>, std::string>()>;
  explicit FacetColumnCache(Opener open);
  ~FacetColumnCache();
  FacetColumnCache(const FacetColumnCache&) = delete;
  FacetColumnCache& operator=(const FacetColumnCache&) = delete;

  // The columns for revision `key`, or nullptr (and a build is started
  // when none is running for a revision other than the one held).
  std::shared_ptr<const FacetColumnSet> get(const std::string& key);

 private:
  void build_loop();

  Opener open_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const FacetColumnSet> current_;
  std::string wanted_;  // a key asked for that current_ does not have
  bool stopping_ = false;
  std::thread builder_;
};

}  // namespace warta::searchd
