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

// Weights every dated article by its freshness, as above. `newest_day` is
// days_from_civil of the newest article's date.
class RecencyPostingSource : public Xapian::ValuePostingSource {
 public:
  RecencyPostingSource(double recency, long newest_day);

  double get_weight() const override;
  RecencyPostingSource* clone() const override;
  void init(const Xapian::Database& db) override;

 private:
  double recency_;
  long newest_day_;
};

// `text` with the boost blended in (AND_MAYBE: the boost never changes
// which articles match). Returns `text` unchanged when recency is 0 or the
// index has no dates.
Xapian::Query with_recency(const Xapian::Query& text, double recency, const Xapian::Database& db);

}  // namespace warta::searchd
