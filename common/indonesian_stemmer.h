// indonesian_stemmer: an Indonesian stemmer that checks its work against
// the words of real news text, so that it neither conflates unrelated words
// (masalah/masa, peserta/serta, pemilu/pilu) nor misses the roots whose
// first consonant the prefix swallows (menerapkan/penerapan/diterapkan).
//
// For a word it lists every root that Indonesian affixes allow (particles
// -lah/-kah/-tah/-pun, possessives -nya/-ku/-mu, suffixes -kan/-an/-i, up to
// two prefixes among di-, ke-, se-, ber-, ter-, per-, me-/pe- with their
// sound changes: menulis -> tulis, memilih -> pilih, mengirim -> kirim,
// menyapu -> sapu), then keeps the root that needs the fewest affixes and is
// a word of the lexicon (seen at least kMinAttested times in the news
// text), or the stem of several lexicon words. The choice is repeated on
// the result until it settles, so every form of a family ends at one root.
// Curated exceptions (common/lexicon/stem-exceptions-id.txt) come first.
// Unknown words with no plausible root fall back to Snowball's Indonesian
// stemmer. docs/stemming.md has the rules and the evidence.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace warta {

class IndonesianStemmer : public Xapian::StemImplementation {
 public:
  IndonesianStemmer();
  std::string operator()(const std::string& word) override;
  std::string get_description() const override { return "warta-indonesian"; }

  // Every root the affix rules allow for `word` (not the word itself),
  // with the number of affixes taken off. For tests and the stemming report.
  struct Candidate {
    std::string root;
    int affixes = 0;
    int prefixes = 0;     // of the affixes, how many were prefixes
    bool suffix_i = false;  // -i was taken off
  };
  static std::vector<Candidate> candidates(std::string_view word);

 private:
  std::string choose(const std::string& word);
  std::string stem_uncached(const std::string& word);
  Xapian::Stem snowball_;
  // Words recur: a cache makes stemming a lookup. One stemmer per thread
  // (like Snowball's), so no lock. Direct-mapped by the word's hash: one
  // probe and fixed memory, where a map of every word seen grows to a
  // million nodes over a large archive and each lookup chases pointers.
  struct CachedStem {
    std::string word;
    std::string stem;
  };
  std::vector<CachedStem> cache_;
};

// Snowball's Indonesian stemmer, for comparison in the stemming report.
Xapian::Stem snowball_indonesian();

}  // namespace warta
