// facets: exact value counts over the whole match set, one match spy per
// requested facet (Lucene's facet collectors, Xapian's match spies).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searchd/facet_columns.h"
#include "searchd/match_bitmap.h"
#include "searchd/search_request.h"
#include "searchd/search_response.h"

namespace warta::searchd {

// The facet names a request may ask for, in DESIGN's order.
const std::vector<std::string>& facet_names();

// Counts the requested facets during one Enquire run.
class FacetCounter {
 public:
  // Throws warta::Error (kBadRequest) for an unknown facet name.
  explicit FacetCounter(const std::vector<FacetRequest>& requests);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  bool empty() const { return facets_.empty(); }

  // Adds the match spies to `enquire`; they count while it matches, reading
  // each match's values from the index.
  void attach(Xapian::Enquire& enquire);

  struct Counted {
    Xapian::doccount matches = 0;
    bool exact = true;  // false when the time limit cut a pass short
  };
  // Counts instead over each local shard's matches, found apart from the
  // ranking (match_bitmap.h), the values read from `columns` (of exactly
  // the revision of `shards`, in the same order). Returns how many articles
  // matched. `time_limit` (seconds, 0 for none) bounds the whole count:
  // past it Xapian's matcher estimates the rest and `exact` is false.
  // `phrases`, when given, gets each shard's PhraseMatches (match_bitmap.h),
  // in the order of `shards`.
  Counted count_from_columns(const std::vector<Xapian::Database>& shards, const FacetColumnSet& columns,
                             const Xapian::Query& query, double time_limit,
                             std::vector<PhraseMatches>* phrases = nullptr);

  // The counts, in request order: by count (ties by value) for most
  // fields, cut to `size`; year and month in time order, every bucket, or
  // the `size` most recent ones when a size was asked for.
  std::vector<std::pair<std::string, std::vector<FacetCount>>> results() const;

 private:
  struct Facet;
  class ColumnSpy;
  std::vector<std::unique_ptr<Facet>> facets_;
};

}  // namespace warta::searchd
