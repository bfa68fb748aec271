// recency: the optional freshness boost of a relevance search.
//
//   score = bm25 + recency * 2^(-age_days / 30)
//
// where age_days is how many days the article is older than the newest
// article in the index (not the wall clock, so an archive that stopped in
// 2018 still favours its latest stories). `recency` is in BM25 units: 0 turns
// the boost off; about 2 lets a story a month newer win over a slightly better
// match; undated articles get no boost.
#pragma once

#include <xapian.h>

namespace warta::searchd {

inline constexpr double kRecencyHalfLifeDays = 30.0;
// Older articles get no boost: at 400 days it is under 1/10000 of `recency`.
inline constexpr int kRecencyHorizonDays = 400;

// The boost is Xapian's own ValueMapPostingSource over the day slot (one
// weight per day back from the newest), not a class of ours: the remote
// backend can only carry classes that xapian-tcpsrv knows, so the same
// query runs on local and remote shards alike.
// `text` with the boost blended in (AND_MAYBE: the boost never changes
// which articles match). Returns `text` unchanged when recency is 0 or the
// index has no dates.
Xapian::Query with_recency(const Xapian::Query& text, double recency, const Xapian::Database& db);

}  // namespace warta::searchd
