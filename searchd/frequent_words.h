// frequent_words: words found in many articles, scored from the document
// lengths held in memory (facet_columns.h).
//
// Xapian scores a term's match with BM25, which needs the document's length:
// for every posting of the term it looks the length up in the index. For a
// word in 880,000 of a million articles that lookup is half the time of the
// match (34 ms against 16 ms to read the postings alone). A posting source
// that reads the same postings and takes the lengths from memory gives the
// same scores, bit for bit, and can pass over postings that cannot reach the
// matcher's current threshold without handing them to it: one by one, and a
// block of document numbers at a time with the word's impacts
// (term_impacts.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "searchd/facet_columns.h"

namespace warta::searchd {

// A query that ranks exactly as another one, with less work.
struct RankingQuery {
  Xapian::Query query;
  // Some phrase became the AND of its words filtered by the phrase; then
  // the matcher checks positions only for candidates that can reach the
  // top, and its estimate of the matches runs low: see estimated_matches().
  bool phrases_as_filters = false;
};

// `query` with each scored term that at least `min_docs` articles of `db`
// contain replaced by a posting source that scores it from `columns` with
// the BM25 formula and parameters of Xapian's default weighting scheme (the
// Enquire's), so ranks and scores do not change. A phrase with such a word
// (inside an OR: of two such words; and not in an OR of more than two parts
// or one summed with other parts) becomes the AND of its words (so
// replaced) filtered by the phrase, which scores the same (a phrase scores
// as the AND of its words).
// Scaled subqueries (acronym expansions), synonym groups and filters are
// left as they are, as are terms repeated within one leaf (wqf above 1).
// nullopt when nothing is replaced.
// Only for an Enquire over the local shards `columns` was read from (Xapian
// cannot send a posting source of this kind to a remote shard), with
// BM25Weight as its weighting scheme.
//
// `phrase_filters` (may be null): phrases whose matches are already known,
// by serialised query, each with a boolean query matching exactly those
// (matches_filter() in match_bitmap.h): such a phrase becomes the AND of its
// words filtered by that, and no positions are read at all.
using PhraseFilters = std::unordered_map<std::string, Xapian::Query>;
std::optional<RankingQuery> with_frequent_words_from_memory(const Xapian::Query& query, const Xapian::Database& db,
                                                            std::shared_ptr<const FacetColumnSet> columns,
                                                            Xapian::doccount min_docs,
                                                            const PhraseFilters* phrase_filters = nullptr);

// The number of matches to report for a search ranked by a RankingQuery
// whose phrases are filters: `ranked` is its result, `statistics` an empty
// page of the query as written (get_mset(0, 0): estimated from the terms'
// statistics alone). The higher of the two estimates, within the bounds the
// ranked match proved (the match sets are the same).
Xapian::doccount estimated_matches(const Xapian::MSet& ranked, const Xapian::MSet& statistics);

}  // namespace warta::searchd
