// term_impacts: for a frequent word of one shard, the highest BM25
// length-and-frequency part its postings reach, overall and in each block of
// document numbers. With them a posting source can pass over a whole block
// that cannot reach the matcher's threshold, and tell the matcher a bound
// on the word's score that is its true maximum rather than Xapian's estimate
// from the index-wide largest wdf and shortest document. (Xapian 1.4 keeps
// no such block maxima.) Worked out on a word's first use at an index
// revision, kept with that revision's columns.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace warta::searchd {

// The length of the document at `posting`: from `lengths` (document id ->
// length, the facet columns' of its shard), else, when that has none for it
// (0 or beyond the end) or is null, from the index.
// Inline: called for every posting a frequent word's source reads.
inline Xapian::termcount document_length(const std::vector<Xapian::termcount>* lengths,
                                         const Xapian::PostingIterator& posting) {
  Xapian::docid did = *posting;
  Xapian::termcount length = lengths != nullptr && did < lengths->size() ? (*lengths)[did] : 0;
  // 0: a document the columns have no length for (they are of the same
  // revision, so only one without terms); the index knows.
  return length != 0 ? length : posting.get_doclength();
}

// Parts are bm25_document_part (bm25.h); a posting scores the term's
// weight times its part.
struct TermImpacts {
  // Blocks of 128 document numbers: at 2,048 the blocks of a word in half
  // the articles all held a posting near its overall highest, and little
  // was passed over (measured at 1M articles: "juga OR sudah" 14.0 -> 10.7
  // ms, "sebanyak OR jadi" 13.3 -> 9.4 with 128).
  static constexpr unsigned kBlockShift = 7;
  double length_factor = 0;  // what the parts were computed with
  double highest = 0;  // over every posting
  // By document number >> kBlockShift, as floats rounded up (half the
  // memory; a bound never below the true highest part of its block).
  std::vector<float> block_highest;

  // `part` as a float that is not below it.
  static float rounded_up(double part);
  std::size_t memory_bytes() const { return block_highest.capacity() * sizeof(float); }

  // Reads every posting of `term` in `db` (one shard), lengths as
  // document_length finds them in `lengths`.
  static TermImpacts compute(const Xapian::Database& db, const std::string& term,
                             const std::vector<Xapian::termcount>& lengths, double length_factor);
};

// The impacts of one shard's words at one revision, shared by the searches
// of every worker. Bounded: past `budget_bytes` of block maxima (at a
// million articles a word takes 31 KB), the least recently computed are
// dropped; the newest is always kept.
class TermImpactCache {
 public:
  static constexpr std::size_t kDefaultBudgetBytes = std::size_t{64} << 20;
  explicit TermImpactCache(std::size_t budget_bytes = kDefaultBudgetBytes) : budget_bytes_(budget_bytes) {}

  // The impacts of `term` computed with `length_factor`, computing them
  // (outside the lock) with `compute` when missing.
  std::shared_ptr<const TermImpacts> get(const std::string& term, double length_factor,
                                         const std::function<TermImpacts()>& compute);

 private:
  std::size_t budget_bytes_;
  std::size_t bytes_ = 0;  // of the impacts held
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const TermImpacts>> by_term_;
  std::vector<std::string> order_;  // oldest first
};

}  // namespace warta::searchd
