// relaxed_ranking: the top of a query whose phrases are costly to check,
// found through the same query with those phrases as plain ANDs of their
// words, and proven.
//
// Xapian checks a phrase's positions for every candidate that has its
// words, even where the phrase could add too little weight to bring the
// candidate into the top: an acronym expansion's phrase, scaled to a tenth,
// beside its acronym (`ikn` OR 0.1 * "ibu kota nusantara") is checked in
// every article with the acronym and the three words. Without positions
// the query matches at least the same articles, each with at least the
// same score (a phrase scores as the AND of its words). So its top K
// articles hold the true top P whenever the P-th true score among them is
// above the K-th relaxed score: no other article can score more than that.
// Checking the phrases of K candidates is cheap; when the proof fails the
// query runs as written.
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

namespace warta::searchd {

// `query` with each phrase where dropping its positions can only add
// matches and weight (not after NOT, not inside a synonym or another
// operator that is not AND, OR, AND_MAYBE or FILTER; scaled parts are left
// as they are, since a Query does not tell its scale)
// replaced by the AND of its words. nullopt when there is no such phrase.
std::optional<Xapian::Query> with_phrases_as_words(const Xapian::Query& query);

// One page of relevance-ranked results, proven to be the page of the
// query as written.
struct RelaxedPage {
  // Each hit in an MSet of its own (weighed alone), in rank order.
  std::vector<Xapian::MSet> hits;
  // Bounds on the matches of the query as written: at least those found
  // among the candidates, at most those of the relaxed query.
  Xapian::doccount matches_lower_bound = 0;
  Xapian::doccount matches_upper_bound = 0;
};

// Ranks `relaxed` (matches and scores at least those of `exact`, as
// with_phrases_as_words gives) with `enquire`, which must order by
// relevance, then by the value in `tie_break_slot`, ascending. Then weighs
// its top candidates by `exact`, one by one, from the best, until the page
// is proven. `db` is `enquire`'s database: the local `shards` first, in
// order, maybe joined with others (ShardConnections' dictionary). The page
// [offset, offset + limit) of `exact`, or nullopt when the candidates do
// not prove it (then the caller runs `exact` in full).
std::optional<RelaxedPage> page_through_relaxed(Xapian::Enquire& enquire, const Xapian::Database& db,
                                                const Xapian::Query& exact, const Xapian::Query& relaxed,
                                                Xapian::doccount offset, Xapian::doccount limit,
                                                Xapian::valueno tie_break_slot,
                                                const std::vector<Xapian::Database>& shards);

}  // namespace warta::searchd
