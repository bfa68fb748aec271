// frequent_words: BM25 from in-memory document lengths (see the header).
#include "searchd/frequent_words.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "searchd/bm25.h"
#include "searchd/query_rewrite.h"
#include "searchd/term_impacts.h"

namespace warta::searchd {
namespace {

// What scores one term, shared by the copies Xapian makes of the source.
struct TermScoring {
  std::string term;
  double termweight = 0;  // the idf part, times k1 + 1, from the whole index's statistics
  double length_factor = 0;  // 1 / average document length
  std::shared_ptr<const FacetColumnSet> columns;
};

// BM25 of `wdf` in a document of `length`, as BM25Weight::get_sumpart.
double bm25_part(const TermScoring& s, double wdf, double length) {
  return s.termweight * bm25_document_part(wdf, length, s.length_factor);
}

class FrequentWordSource : public Xapian::PostingSource {
 public:
  explicit FrequentWordSource(std::shared_ptr<const TermScoring> scoring) : scoring_(std::move(scoring)) {}

  FrequentWordSource* clone() const override { return new FrequentWordSource(scoring_); }

  // `db` is one shard of the search: its own postings, its own lengths
  // and impacts.
  void init(const Xapian::Database& db) override {
    const TermScoring& s = *scoring_;
    db_ = db;
    lengths_ = nullptr;
    impacts_ = nullptr;
    std::string uuid = db_.get_uuid();
    for (const auto& shard : s.columns->shards) {
      if (uuid.empty() || shard->uuid() != uuid) continue;
      lengths_ = &shard->doc_lengths();
      impacts_ = shard->term_impacts().get(s.term, s.length_factor, [&] {
        return TermImpacts::compute(db_, s.term, *lengths_, s.length_factor);
      });
      break;
    }
    termfreq_ = db_.get_termfreq(s.term);
    Xapian::docid last = db_.get_lastdocid();
    density_ = last == 0 ? 0 : static_cast<double>(termfreq_) / last;
    leader_gap_ = 0;
    postings_ = db_.postlist_begin(s.term);
    end_ = db_.postlist_end(s.term);
    started_ = false;
    if (impacts_ != nullptr) {
      set_maxweight(s.termweight * impacts_->highest);
      return;
    }
    // Without them, BM25Weight::get_maxpart's bound for this shard.
    double wdf_max = db_.get_wdf_upper_bound(s.term);
    if (wdf_max == 0) {
      set_maxweight(0);
    } else {
      double shortest = std::max<double>(wdf_max, db_.get_doclength_lower_bound());
      set_maxweight(bm25_part(s, wdf_max, shortest));
    }
  }

  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }

  void next(double min_wt) override {
    if (started_) {
      ++postings_;
    } else {
      started_ = true;
    }
    settle(min_wt, kUnlimited);
  }

  // Called by an AND led by another part. When that part is much rarer,
  // most postings past `did` are ones it does not have, of no use however
  // they score: only a few are scored before the matcher gets one that may
  // fall short of `min_wt` (a hint it checks itself), and the rarer part
  // leads on. When it is about as frequent, scoring on until `min_wt` is
  // reached passes over its postings too, with fewer turns.
  void skip_to(Xapian::docid did, double min_wt) override {
    if (started_ && postings_ != end_ && did > *postings_) {
      // How far apart the leading part's documents are, smoothed.
      double gap = did - *postings_;
      leader_gap_ = leader_gap_ == 0 ? gap : 0.75 * leader_gap_ + 0.25 * gap;
    }
    started_ = true;
    postings_.skip_to(did);
    bool leader_much_rarer = leader_gap_ * density_ > kPostingsPerLeaderGapToScoreFew;
    settle(min_wt, leader_much_rarer ? kPostingsScoredAfterSkip : kUnlimited);
  }

  bool at_end() const override { return started_ && postings_ == end_; }
  Xapian::docid get_docid() const override { return *postings_; }
  double get_weight() const override { return weight_; }
  std::string get_description() const override { return "FrequentWordSource(" + scoring_->term + ")"; }

 private:
  static constexpr unsigned kUnlimited = ~0u;
  static constexpr unsigned kPostingsScoredAfterSkip = 8;
  static constexpr double kPostingsPerLeaderGapToScoreFew = 16;

  // Stops at the first posting whose score reaches `min_wt` (the matcher
  // has no use for the others; strictly below: equal scores still compete,
  // ordered by id), or at the posting after `budget` that fell short.
  void settle(double min_wt, unsigned budget) {
    while (postings_ != end_) {
      Xapian::docid did = *postings_;
      if (impacts_ != nullptr) {
        // A block none of whose postings can reach `min_wt` is passed over.
        std::size_t block = did >> TermImpacts::kBlockShift;
        if (block < impacts_->block_highest.size() &&
            scoring_->termweight * impacts_->block_highest[block] < min_wt) {
          auto next_block = static_cast<Xapian::docid>((block + 1) << TermImpacts::kBlockShift);
          if (next_block <= did) break;  // past the last document number
          postings_.skip_to(next_block);
          continue;
        }
      }
      weight_ = bm25_part(*scoring_, postings_.get_wdf(), document_length(lengths_, postings_));
      if (weight_ >= min_wt || budget-- == 0) return;
      ++postings_;
    }
  }

  std::shared_ptr<const TermScoring> scoring_;
  Xapian::Database db_;
  const std::vector<Xapian::termcount>* lengths_ = nullptr;
  std::shared_ptr<const TermImpacts> impacts_;
  Xapian::doccount termfreq_ = 0;
  Xapian::PostingIterator postings_, end_;
  bool started_ = false;
  double weight_ = 0;
  double density_ = 0;  // postings per document number
  double leader_gap_ = 0;  // see skip_to()
};

class Rewriter {
 public:
  Rewriter(const Xapian::Database& db, std::shared_ptr<const FacetColumnSet> columns, Xapian::doccount min_docs,
           const PhraseFilters* phrase_filters)
      : db_(db), columns_(std::move(columns)), min_docs_(min_docs), phrase_filters_(phrase_filters) {
    Xapian::doccount documents = db_.get_doccount();
    // As Xapian's statistics compute the average length.
    double average = documents == 0 ? 0 : static_cast<double>(db_.get_total_length()) / documents;
    length_factor_ = average == 0 ? 0 : 1 / average;
    documents_ = documents;
  }

  // `changed` says whether anything below was replaced. Scaled parts
  // (OP_SCALE_WEIGHT, acronym expansions) are left to Xapian: it builds
  // them as units of their own, and a rewrite inside could not keep the
  // order in which it sums their weights.
  Xapian::Query rewrite(const Xapian::Query& q, bool& changed) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return term(q, changed);
      case Xapian::Query::OP_OR: {
        Place outer = place_;
        place_.in_or = true;
        if (!outer.in_or_group) {
          // Xapian merges an OR's ORs into one group of parts.
          place_.in_or_group = true;
          place_.phrases_may_filter =
              outer.phrases_may_filter && !outer.summed_with_others && or_group_size(q) == 2;
        }
        Xapian::Query rewritten = subqueries(q, q.get_num_subqueries(), changed);
        place_ = outer;
        return rewritten;
      }
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_AND_MAYBE: {
        Place outer = place_;
        place_.in_or_group = false;
        if (q.get_num_subqueries() > 1) place_.summed_with_others = true;
        Xapian::Query rewritten = subqueries(q, q.get_num_subqueries(), changed);
        place_ = outer;
        return rewritten;
      }
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_FILTER: {
        // The others only take matches away: they carry no score.
        Place outer = place_;
        place_.in_or_group = false;
        Xapian::Query rewritten = subqueries(q, 1, changed);
        place_ = outer;
        return rewritten;
      }
      case Xapian::Query::OP_PHRASE:
        return phrase(q, changed);
      default:
        return q;
    }
  }

  bool phrases_as_filters() const { return phrases_as_filters_; }

 private:
  Xapian::Query term(const Xapian::Query& q, bool& changed) {
    if (q.get_length() != 1) return q;  // wqf above 1: BM25's wqf factor
    std::string name = *q.get_terms_begin();
    Xapian::doccount termfreq = db_.get_termfreq(name);
    if (termfreq < min_docs_ || termfreq == 0) return q;
    auto scoring = std::make_shared<TermScoring>();
    scoring->term = std::move(name);
    scoring->termweight = bm25_term_weight(documents_, termfreq);
    scoring->length_factor = length_factor_;
    scoring->columns = columns_;
    changed = true;
    return Xapian::Query((new FrequentWordSource(std::move(scoring)))->release());
  }

  // A phrase scores as the AND of its words. Its words, rewritten, rank;
  // the phrase itself, as a filter, checks the positions: Xapian then reads
  // positions only for the candidates that can still reach the top, instead
  // of for every article with all the words. A phrase whose matches are
  // known (counted for facets) is filtered by those: no positions at all.
  // Inside an OR only when the OR's group has two parts and is summed with
  // nothing else: Xapian pairs a larger group's parts by their estimated
  // frequencies, which a filtered phrase does not keep, and the pairing
  // orders the sum of the weights, so a score could change in its last bit.
  // Two weights sum the same in either order.
  Xapian::Query phrase(const Xapian::Query& q, bool& changed) {
    if (!place_.phrases_may_filter) return q;
    const Xapian::Query* known = nullptr;
    if (phrase_filters_ != nullptr) {
      auto it = phrase_filters_->find(q.serialise());
      if (it != phrase_filters_->end()) known = &it->second;
    }
    std::vector<Xapian::Query> words;
    std::size_t frequent = 0;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query word = q.get_subquery(i);
      if (word.get_type() != Xapian::Query::LEAF_TERM) return q;
      bool replaced = false;
      words.push_back(term(word, replaced));
      if (replaced) ++frequent;
    }
    if (known == nullptr) {
      if (frequent == 0) return q;
      // In an OR, only a phrase of two frequent words: measured at 1M
      // articles, "wakil presiden" OR its acronym 27 -> 20 ms, but longer
      // long forms slower ("wakil menteri sekretaris negara" 14.8 -> 18.7).
      if (place_.in_or && (words.size() != 2 || frequent < words.size())) return q;
    }
    changed = true;
    Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
    if (known != nullptr) return Xapian::Query(Xapian::Query::OP_FILTER, all_words, *known);
    phrases_as_filters_ = true;
    return Xapian::Query(Xapian::Query::OP_FILTER, all_words, q);
  }

  // `q` with its first `rewritten` subqueries rewritten, the rest kept.
  Xapian::Query subqueries(const Xapian::Query& q, std::size_t rewritten, bool& changed) {
    return with_subqueries_rewritten(
        q, rewritten, [this](const Xapian::Query& part, bool& any) { return rewrite(part, any); }, changed);
  }

  // The parts of the group Xapian makes of the OR `q`: its subqueries,
  // with those that are ORs themselves merged in.
  static std::size_t or_group_size(const Xapian::Query& q) {
    std::size_t size = 0;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query part = q.get_subquery(i);
      size += part.get_type() == Xapian::Query::OP_OR ? or_group_size(part) : 1;
    }
    return size;
  }

  // Where in the query the part being rewritten sits.
  struct Place {
    bool in_or = false;  // inside an OR
    bool in_or_group = false;  // a direct part of an OR's group
    bool summed_with_others = false;  // inside an AND with other parts
    bool phrases_may_filter = true;  // see phrase()
  };

  const Xapian::Database& db_;
  std::shared_ptr<const FacetColumnSet> columns_;
  Xapian::doccount min_docs_;
  const PhraseFilters* phrase_filters_;
  Place place_;
  bool phrases_as_filters_ = false;
  Xapian::doccount documents_ = 0;
  double length_factor_ = 0;
};

}  // namespace

std::optional<RankingQuery> with_frequent_words_from_memory(const Xapian::Query& query, const Xapian::Database& db,
                                                            std::shared_ptr<const FacetColumnSet> columns,
                                                            Xapian::doccount min_docs,
                                                            const PhraseFilters* phrase_filters) {
  if (columns == nullptr || min_docs == 0) return std::nullopt;
  Rewriter rewriter(db, std::move(columns), min_docs, phrase_filters);
  bool changed = false;
  Xapian::Query rewritten = rewriter.rewrite(query, changed);
  if (!changed) return std::nullopt;
  return RankingQuery{std::move(rewritten), rewriter.phrases_as_filters()};
}

Xapian::doccount estimated_matches(const Xapian::MSet& ranked, const Xapian::MSet& statistics) {
  // Uncollapsed: `total` counts matching articles, grouped or not.
  Xapian::doccount estimate =
      std::max(ranked.get_uncollapsed_matches_estimated(), statistics.get_uncollapsed_matches_estimated());
  return std::clamp(estimate, ranked.get_uncollapsed_matches_lower_bound(),
                    ranked.get_uncollapsed_matches_upper_bound());
}

}  // namespace warta::searchd
