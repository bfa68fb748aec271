// frequent_words: BM25 from in-memory document lengths (see the header).
#include "searchd/frequent_words.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "searchd/bm25.h"
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
    settle(min_wt);
  }

  void skip_to(Xapian::docid did, double min_wt) override {
    started_ = true;
    postings_.skip_to(did);
    settle(min_wt);
  }

  bool at_end() const override { return started_ && postings_ == end_; }
  Xapian::docid get_docid() const override { return *postings_; }
  double get_weight() const override { return weight_; }
  std::string get_description() const override { return "FrequentWordSource(" + scoring_->term + ")"; }

 private:
  // Stops at the first posting whose score reaches `min_wt`: the matcher
  // has no use for the others (strictly below: equal scores still compete,
  // ordered by id).
  void settle(double min_wt) {
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
      if (weight_ >= min_wt) return;
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
};

Xapian::Query scaled(const Xapian::Query& q, double factor) {
  return factor == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 shows only in its
// description ("0.10000000000000000555 * ..."): read from there, then
// checked by building the same query again and comparing the serialised
// forms, which hold the factor bit for bit. nullopt if they differ.
std::optional<double> scale_factor_of(const Xapian::Query& q) {
  std::string description = q.get_description();
  std::string_view text(description);
  constexpr std::string_view kStart = "Query(";
  if (text.substr(0, kStart.size()) == kStart) text.remove_prefix(kStart.size());
  std::size_t end = text.find(" * ");
  if (end == std::string_view::npos) return std::nullopt;
  std::string number(text.substr(0, end));
  char* parsed_end = nullptr;
  double factor = std::strtod(number.c_str(), &parsed_end);
  if (parsed_end != number.c_str() + number.size()) return std::nullopt;
  Xapian::Query again(Xapian::Query::OP_SCALE_WEIGHT, q.get_subquery(0), factor);
  if (again.serialise() != q.serialise()) return std::nullopt;
  return factor;
}

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

  // `q` with its weights scaled by `factor`. `changed` says whether
  // anything below was replaced; if not, `q` comes back as it was, unscaled.
  //
  // Xapian scales a subquery by passing the factor down to each of its
  // leaves, which fold it into their term weight (BM25Weight::init). The
  // matcher would multiply a posting source's weights by the factor after
  // the fact, which rounds differently: so the factor goes into the source's
  // term weight instead, the SCALE_WEIGHT node goes away, and each leaf left
  // as it was is scaled on its own.
  Xapian::Query rewrite(const Xapian::Query& q, double factor, bool& changed) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return term(q, factor, changed);
      case Xapian::Query::OP_OR: {
        ++inside_or_;
        Xapian::Query rewritten = subqueries(q, q.get_num_subqueries(), factor, changed);
        --inside_or_;
        return rewritten;
      }
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_AND_MAYBE:
        return subqueries(q, q.get_num_subqueries(), factor, changed);
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_FILTER:
        // The others only take matches away: they carry no score.
        return subqueries(q, 1, factor, changed);
      case Xapian::Query::OP_PHRASE:
        return phrase(q, factor, changed);
      case Xapian::Query::OP_SCALE_WEIGHT: {
        std::optional<double> scale = scale_factor_of(q);
        if (!scale || *scale == 0) return q;  // unknown, or boolean: no scores
        bool inner = false;
        Xapian::Query rewritten = rewrite(q.get_subquery(0), factor * *scale, inner);
        if (!inner) return q;
        changed = true;
        // The factor is in the leaves now; a factor of 1 keeps the part a
        // unit of its own, as Xapian builds it (an OR inside is not merged
        // into an OR outside, which would pair the parts differently and
        // change the order in which their weights are summed).
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, rewritten, 1.0);
      }
      default:
        return q;
    }
  }

  bool phrases_as_filters() const { return phrases_as_filters_; }

 private:
  Xapian::Query term(const Xapian::Query& q, double factor, bool& changed) {
    if (q.get_length() != 1) return q;  // wqf above 1: BM25's wqf factor
    std::string name = *q.get_terms_begin();
    Xapian::doccount termfreq = db_.get_termfreq(name);
    if (termfreq < min_docs_ || termfreq == 0) return q;
    auto scoring = std::make_shared<TermScoring>();
    scoring->term = std::move(name);
    scoring->termweight = bm25_term_weight(documents_, termfreq, factor);
    scoring->length_factor = length_factor_;
    scoring->columns = columns_;
    changed = true;
    return Xapian::Query((new FrequentWordSource(std::move(scoring)))->release());
  }

  // A phrase scores as the AND of its words. Its words, rewritten, rank;
  // (Not inside an OR: Xapian pairs an OR's parts by their estimated
  // frequencies, which a filtered phrase does not keep, and the pairing
  // orders the sum of the weights, so a score could change in its last bit.)
  // the phrase itself, as a filter, checks the positions: Xapian then reads
  // positions only for the candidates that can still reach the top, instead
  // of for every article with all the words. A phrase whose matches are
  // known (counted for facets) is filtered by those: no positions at all.
  Xapian::Query phrase(const Xapian::Query& q, double factor, bool& changed) {
    if (inside_or_ > 0) return q;
    const Xapian::Query* known = nullptr;
    if (phrase_filters_ != nullptr) {
      auto it = phrase_filters_->find(q.serialise());
      if (it != phrase_filters_->end()) known = &it->second;
    }
    std::vector<Xapian::Query> words;
    bool any = false;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query word = q.get_subquery(i);
      if (word.get_type() != Xapian::Query::LEAF_TERM) return q;
      bool replaced = false;
      Xapian::Query rewritten = term(word, factor, replaced);
      words.push_back(replaced ? rewritten : scaled(word, factor));
      any = any || replaced;
    }
    if (!any && known == nullptr) return q;
    changed = true;
    Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
    if (known != nullptr) return Xapian::Query(Xapian::Query::OP_FILTER, all_words, *known);
    phrases_as_filters_ = true;
    return Xapian::Query(Xapian::Query::OP_FILTER, all_words, q);
  }

  // `q` with its first `rewritten` subqueries rewritten, the rest kept.
  Xapian::Query subqueries(const Xapian::Query& q, std::size_t rewritten, double factor, bool& changed) {
    std::vector<Xapian::Query> parts;
    bool any = false;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query part = q.get_subquery(i);
      if (i >= rewritten) {
        parts.push_back(part);  // unscored: no factor applies
        continue;
      }
      bool replaced = false;
      Xapian::Query rewritten_part = rewrite(part, factor, replaced);
      parts.push_back(replaced ? rewritten_part : scaled(part, factor));
      any = any || replaced;
    }
    if (!any) return q;
    changed = true;
    return Xapian::Query(q.get_type(), parts.begin(), parts.end());
  }

  const Xapian::Database& db_;
  std::shared_ptr<const FacetColumnSet> columns_;
  Xapian::doccount min_docs_;
  const PhraseFilters* phrase_filters_;
  int inside_or_ = 0;  // how many ORs enclose the part being rewritten
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
  Xapian::Query rewritten = rewriter.rewrite(query, 1.0, changed);
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
