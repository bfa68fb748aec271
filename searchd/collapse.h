// collapse: near-duplicate grouping of search results. The indexer gives
// each group of near-duplicates a key (Slot::kDupCluster); Xapian's collapse
// keeps the best-ranked article of each key, and the hit lists the others.
#pragma once

#include <optional>

#include <xapian.h>

#include "searchd/search_response.h"

namespace warta::searchd {

// Makes `enquire` keep one article per near-duplicate group. Articles in
// no group are never collapsed.
void collapse_duplicates(Xapian::Enquire& enquire);

// The other articles matching `query` in the group of `doc` (the hit),
// best-ranked first by relevance; nullopt when `doc` is in no group or is
// the only match of its group.
std::optional<Duplicates> duplicates_of(const Xapian::Database& db, const Xapian::Query& query,
                                        const Xapian::Document& doc);

}  // namespace warta::searchd
