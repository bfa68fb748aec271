// match_bitmap: boolean matching by bitmaps (see the header).
#include "searchd/match_bitmap.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/unweighted_query.h"

namespace warta::searchd {

void DocBitmap::intersect(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
}

void DocBitmap::unite(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
}

void DocBitmap::subtract(const DocBitmap& other) {
  for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
}

Xapian::docid DocBitmap::next_set(Xapian::docid did) const {
  std::size_t w = did / 64;
  if (w >= words_.size()) return 0;
  std::uint64_t bits = words_[w] & (~std::uint64_t{0} << (did % 64));
  while (bits == 0) {
    if (++w == words_.size()) return 0;
    bits = words_[w];
  }
  return static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
}

Xapian::doccount DocBitmap::count() const {
  Xapian::doccount total = 0;
  for (std::uint64_t word : words_) total += static_cast<Xapian::doccount>(__builtin_popcountll(word));
  return total;
}

namespace {

using Clock = std::chrono::steady_clock;

// A term is read whole into a bitmap unless it is this many times more
// frequent than the matches left: then each match left is looked up in its
// postings instead (a skip per match, as Xapian's AND does).
constexpr Xapian::doccount kProbeRatio = 16;

// Whether the bitmaps alone can evaluate `q`.
bool native(const Xapian::Query& q) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_AND_NOT:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        if (!native(q.get_subquery(i))) return false;
      }
      return true;
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return native(q.get_subquery(0));
    default:
      return false;
  }
}

// Sets the bit of each match Xapian finds (a shard's own document numbers).
class BitmapSpy : public Xapian::MatchSpy {
 public:
  explicit BitmapSpy(DocBitmap& matches) : matches_(matches) {}
  void operator()(const Xapian::Document& doc, double) override { matches_.set(doc.get_docid()); }

 private:
  DocBitmap& matches_;
};

class Evaluator {
 public:
  Evaluator(const Xapian::Database& shard, std::optional<Clock::time_point> deadline, PhraseMatches* phrases)
      : shard_(shard), last_(shard.get_lastdocid()), deadline_(deadline), phrases_(phrases) {}

  // Any part the bitmaps cannot evaluate is matched by Xapian (its
  // matches set bits through a match spy): a part of an OR on its own, else
  // the smallest enclosing part that is not an OR, so that Xapian still
  // checks a phrase only where the other words of an AND are.
  std::optional<DocBitmap> evaluate(const Xapian::Query& q) {
    Xapian::Query::op type = q.get_type();
    bool alternatives = type == Xapian::Query::OP_OR || type == Xapian::Query::OP_SYNONYM;
    bool first_decides = type == Xapian::Query::OP_AND_MAYBE || type == Xapian::Query::OP_SCALE_WEIGHT;
    if (!alternatives && !first_decides && !native(q)) return by_xapian(q);
    switch (type) {
      case Xapian::Query::LEAF_TERM:
        return postings(*q.get_terms_begin());
      case Xapian::Query::LEAF_MATCH_ALL:
        return postings(std::string());  // the empty term's postings: every document
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return DocBitmap(last_);
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
        return all_of(q);
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_SYNONYM:
        return any_of(q, 0);
      case Xapian::Query::OP_AND_NOT: {
        std::optional<DocBitmap> kept = evaluate(q.get_subquery(0));
        if (!kept) return std::nullopt;
        std::optional<DocBitmap> dropped = any_of(q, 1);
        if (!dropped) return std::nullopt;
        kept->subtract(*dropped);
        return kept;
      }
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return evaluate(q.get_subquery(0));
      default:
        return by_xapian(q);
    }
  }

 private:
  bool out_of_time() const { return deadline_ && Clock::now() > *deadline_; }

  std::optional<DocBitmap> postings(const std::string& term) {
    if (out_of_time()) return std::nullopt;
    DocBitmap bitmap(last_);
    for (auto it = shard_.postlist_begin(term), end = shard_.postlist_end(term); it != end; ++it) bitmap.set(*it);
    return bitmap;
  }

  // The matches of `q`'s subqueries from `first` on, united.
  std::optional<DocBitmap> any_of(const Xapian::Query& q, std::size_t first) {
    DocBitmap united(last_);
    for (std::size_t i = first; i < q.get_num_subqueries(); ++i) {
      std::optional<DocBitmap> part = evaluate(q.get_subquery(i));
      if (!part) return std::nullopt;
      united.unite(*part);
    }
    return united;
  }

  // Compound parts first, then terms from the rarest: a term far more
  // frequent than the matches left is probed, not read.
  std::optional<DocBitmap> all_of(const Xapian::Query& q) {
    std::optional<DocBitmap> kept;
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query part = q.get_subquery(i);
      if (part.get_type() == Xapian::Query::LEAF_MATCH_ALL) continue;  // takes nothing away
      if (part.get_type() == Xapian::Query::LEAF_TERM) {
        std::string term = *part.get_terms_begin();
        terms.emplace_back(shard_.get_termfreq(term), std::move(term));
        continue;
      }
      std::optional<DocBitmap> matches = evaluate(part);
      if (!matches) return std::nullopt;
      keep_also(kept, std::move(*matches));
    }
    std::sort(terms.begin(), terms.end());
    for (const auto& [termfreq, term] : terms) {
      if (kept && termfreq > kProbeRatio * kept->count()) {
        if (out_of_time()) return std::nullopt;
        kept = probe(*kept, term);
        continue;
      }
      std::optional<DocBitmap> matches = postings(term);
      if (!matches) return std::nullopt;
      keep_also(kept, std::move(*matches));
    }
    if (!kept) return postings(std::string());  // only match-all parts
    return kept;
  }

  // `kept` narrowed to `matches` too (`matches` itself when nothing is
  // kept yet).
  static void keep_also(std::optional<DocBitmap>& kept, DocBitmap matches) {
    if (kept) {
      kept->intersect(matches);
    } else {
      kept = std::move(matches);
    }
  }

  // Xapian's own matching of `q`, weights off; nullopt if the deadline cut
  // it short.
  std::optional<DocBitmap> by_xapian(const Xapian::Query& q) {
    DocBitmap matches(last_);
    Xapian::Enquire enquire(shard_);
    enquire.set_query(unweighted(q));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    BitmapSpy spy(matches);
    enquire.add_matchspy(&spy);
    if (deadline_) {
      std::chrono::duration<double> left = *deadline_ - Clock::now();
      if (left.count() <= 0) return std::nullopt;
      enquire.set_time_limit(left.count());
    }
    Xapian::MSet mset = enquire.get_mset(0, 0, shard_.get_doccount());
    // Cut short by the time limit, Xapian may still report equal bounds
    // (from the postings' own frequency bounds): only a spy that saw as
    // many matches as the bounds say saw them all.
    if (mset.get_matches_lower_bound() != mset.get_matches_upper_bound() ||
        matches.count() != mset.get_matches_lower_bound()) {
      return std::nullopt;
    }
    if (phrases_ != nullptr && q.get_type() == Xapian::Query::OP_PHRASE) (*phrases_)[q.serialise()] = matches;
    return matches;
  }

  // The documents of `candidates` that `term` indexes, by skipping to each.
  DocBitmap probe(const DocBitmap& candidates, const std::string& term) {
    DocBitmap kept(last_);
    auto it = shard_.postlist_begin(term);
    auto end = shard_.postlist_end(term);
    candidates.for_each([&](Xapian::docid did) {
      if (it == end) return;
      it.skip_to(did);
      if (it != end && *it == did) kept.set(did);
    });
    return kept;
  }

  const Xapian::Database& shard_;
  Xapian::docid last_;
  std::optional<Clock::time_point> deadline_;
  PhraseMatches* phrases_;
};

// The documents of a shard's bitmap, weight 0.
class BitmapSource : public Xapian::PostingSource {
 public:
  using Bitmaps = std::vector<std::pair<std::string, DocBitmap>>;
  explicit BitmapSource(std::shared_ptr<const Bitmaps> by_shard) : by_shard_(std::move(by_shard)) {}

  BitmapSource* clone() const override { return new BitmapSource(by_shard_); }

  void init(const Xapian::Database& db) override {
    bitmap_ = nullptr;
    count_ = 0;
    std::string uuid = db.get_uuid();
    for (const auto& [shard, bitmap] : *by_shard_) {
      if (!uuid.empty() && shard == uuid) {
        bitmap_ = &bitmap;
        count_ = bitmap.count();
      }
    }
    current_ = 0;
    started_ = false;
  }

  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }

  void next(double) override { move_to(started_ ? current_ + 1 : 1); }
  void skip_to(Xapian::docid did, double) override {
    if (!started_ || did > current_) move_to(std::max<Xapian::docid>(did, 1));
  }
  bool at_end() const override { return started_ && current_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override { return 0; }
  std::string get_description() const override { return "BitmapSource(" + std::to_string(count_) + ")"; }

 private:
  void move_to(Xapian::docid did) {
    started_ = true;
    current_ = bitmap_ == nullptr || did == 0 ? 0 : bitmap_->next_set(did);
  }

  std::shared_ptr<const Bitmaps> by_shard_;
  const DocBitmap* bitmap_ = nullptr;
  Xapian::doccount count_ = 0;
  Xapian::docid current_ = 0;  // 0 once past the end
  bool started_ = false;
};

}  // namespace

std::optional<DocBitmap> match_bitmap(const Xapian::Database& shard, const Xapian::Query& query,
                                      std::optional<std::chrono::steady_clock::time_point> deadline,
                                      PhraseMatches* phrases) {
  return Evaluator(shard, deadline, phrases).evaluate(query);
}

Xapian::Query matches_filter(std::shared_ptr<const std::vector<std::pair<std::string, DocBitmap>>> by_shard) {
  return Xapian::Query((new BitmapSource(std::move(by_shard)))->release());
}

}  // namespace warta::searchd
