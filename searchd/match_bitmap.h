// match_bitmap: the matches of a boolean query over one shard, as one bit
// per document number, computed straight from the posting lists.
//
// Counting facets needs every match but no score. Xapian's matcher hands
// each match to the match spies one at a time, through its weighting and
// match-set machinery: about 120 ns a match, so 100 ms for a word in 850,000
// of a million articles. Reading the same posting list into a bitmap costs
// about 15 ns a posting, and ANDs, ORs and NOTs of bitmaps a few
// microseconds more (Lucene and Tantivy count large match sets the same way:
// bit sets, not collectors fed by the scorer).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace warta::searchd {

// One bit per document number 0..last of a shard.
class DocBitmap {
 public:
  DocBitmap() = default;
  explicit DocBitmap(Xapian::docid last) : words_(last / 64 + 1, 0) {}

  void set(Xapian::docid did) { words_[did / 64] |= std::uint64_t{1} << (did % 64); }
  bool test(Xapian::docid did) const { return (words_[did / 64] >> (did % 64)) & 1; }
  // The first document number set at or after `did`; 0 when none is.
  Xapian::docid next_set(Xapian::docid did) const;
  void intersect(const DocBitmap& other);
  void unite(const DocBitmap& other);
  void subtract(const DocBitmap& other);
  Xapian::doccount count() const;

  // Calls f(did) for each document number set, in increasing order.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        f(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

// The documents of `shard` (one index, not several) that `query` matches.
// Terms, match-all and match-nothing joined by AND, OR, SYNONYM, FILTER,
// AND_NOT, AND_MAYBE (its first part decides) and SCALE_WEIGHT (which
// changes no match) are evaluated by bitmaps; any other part (phrases,
// wildcards, value ranges, posting sources) is matched by Xapian, weights
// off, as narrowly as the query allows (see match_bitmap.cc). nullopt when
// `deadline` passes before the bitmap is done.
//
// `phrases`, when given, receives the matches of each phrase Xapian matched
// on its own, by the phrase's serialised query: a ranking pass can filter by
// them instead of reading the positions again (matches_filter()).
using PhraseMatches = std::unordered_map<std::string, DocBitmap>;
std::optional<DocBitmap> match_bitmap(const Xapian::Database& shard, const Xapian::Query& query,
                                      std::optional<std::chrono::steady_clock::time_point> deadline,
                                      PhraseMatches* phrases = nullptr);

// A boolean query matching exactly the documents set in the bitmap of each
// shard, the shards named by their Database::get_uuid(). For an Enquire over
// local shards only (it is a posting source); a shard it has no bitmap for
// matches nothing.
Xapian::Query matches_filter(std::shared_ptr<const std::vector<std::pair<std::string, DocBitmap>>> by_shard);

}  // namespace warta::searchd
