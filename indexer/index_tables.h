// index_tables: the index-wide tables rebuilt at the end of every indexing
// run from what the documents carry (see index_signals): the voted acronym
// table and the near-duplicate groups. Both are recomputed from the whole
// index, so replaced and deleted articles are accounted for and a bulk
// build and a series of updates give the same result.
#pragma once

#include <cstdint>

#include <string>
#include <vector>

#include <xapian.h>

namespace warta::indexer {

// Counts each acronym pair's articles (the termfreq of its pair term),
// votes (AcronymTable::vote with kMinAcronymSupport) and stores the table
// as schema::kMetaAcronyms. Returns the number of acronyms in the table.
std::size_t update_acronym_table(Xapian::WritableDatabase& db);

// The shards of one archive vote together: the pair counts of all of them
// give one table, stored in each (searchd reads it from the first shard,
// local or remote). Returns the table's size.
std::size_t share_acronym_table(const std::vector<std::string>& shard_paths);

struct DupClusterStats {
  std::uint64_t fingerprinted = 0;  // articles with a fingerprint
  std::uint64_t groups = 0;         // groups of two or more articles
  std::uint64_t grouped = 0;        // articles in those groups
  std::uint64_t updated = 0;        // documents whose group changed in this run
};

// Groups articles whose fingerprints are within kNearDupMaxDistance bits
// (single link: a chain of near pairs is one group), found through four
// 16-bit blocks of the fingerprint (a near pair is within one bit in one of
// them), so only fingerprints that nearly share a block are compared. Each
// article of a group gets the
// group's key (its smallest article id) in Slot::kDupCluster and as a
// schema::dup_cluster_term; articles alone carry neither. Only documents
// whose group changed are rewritten. Does not commit.
DupClusterStats update_dup_clusters(Xapian::WritableDatabase& db);

// Both of the above, with a log line of what they found. Does not commit.
void update_index_tables(Xapian::WritableDatabase& db);

}  // namespace warta::indexer
