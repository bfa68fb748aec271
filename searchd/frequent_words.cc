// frequent_words: BM25 from in-memory document lengths (see the header).
#include "searchd/frequent_words.h"

#include <algorithm>
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

class Rewriter {
 public:
  Rewriter(const Xapian::Database& db, std::shared_ptr<const FacetColumnSet> columns, Xapian::doccount min_docs)
      : db_(db), columns_(std::move(columns)), min_docs_(min_docs) {
    Xapian::doccount documents = db_.get_doccount();
    // As Xapian's statistics compute the average length.
    double average = documents == 0 ? 0 : static_cast<double>(db_.get_total_length()) / documents;
    length_factor_ = average == 0 ? 0 : 1 / average;
    documents_ = documents;
  }

  // `changed` says whether anything below was replaced.
  Xapian::Query rewrite(const Xapian::Query& q, bool& changed) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return term(q, changed);
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_AND_MAYBE:
        return subqueries(q, q.get_num_subqueries(), changed);
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_FILTER:
        // The others only take matches away: they carry no score.
        return subqueries(q, 1, changed);
      default:
        return q;
    }
  }

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

  // `q` with its first `rewritten` subqueries rewritten, the rest kept.
  Xapian::Query subqueries(const Xapian::Query& q, std::size_t rewritten, bool& changed) {
    std::vector<Xapian::Query> parts;
    bool any = false;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      parts.push_back(i < rewritten ? rewrite(q.get_subquery(i), any) : q.get_subquery(i));
    }
    if (!any) return q;
    changed = true;
    return Xapian::Query(q.get_type(), parts.begin(), parts.end());
  }

  const Xapian::Database& db_;
  std::shared_ptr<const FacetColumnSet> columns_;
  Xapian::doccount min_docs_;
  Xapian::doccount documents_ = 0;
  double length_factor_ = 0;
};

}  // namespace

std::optional<Xapian::Query> with_frequent_words_from_memory(const Xapian::Query& query,
                                                             const Xapian::Database& db,
                                                             std::shared_ptr<const FacetColumnSet> columns,
                                                             Xapian::doccount min_docs) {
  if (columns == nullptr || min_docs == 0) return std::nullopt;
  Rewriter rewriter(db, std::move(columns), min_docs);
  bool changed = false;
  Xapian::Query rewritten = rewriter.rewrite(query, changed);
  if (!changed) return std::nullopt;
  return rewritten;
}

}  // namespace warta::searchd
