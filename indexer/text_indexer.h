// text_indexer: a document's words as terms, exactly as Xapian's
// TermGenerator makes them with the STEM_SOME strategy, for less CPU.
//
// searchd parses queries with Xapian's QueryParser, which splits words by
// the same rules as TermGenerator, so the indexer must produce the same
// terms: the same words (letters, digits and "_"; acronyms like "P.T.O."
// as one word; "AT&T", "don't", "1.5" and "1,5" kept whole; up to three
// trailing "+" or "#", as in "C++"; words over 64 bytes dropped), each
// lowercased under its prefix with a position, and for words starting
// with a letter the stem under "Z" + prefix, without positions.
//
// It costs less because it reads ASCII a byte at a time and asks Xapian's
// Unicode tables only about other characters, and because it stems each
// distinct word of a document once and adds its stem to the document once,
// with the summed within-document frequency, where TermGenerator stems and
// adds every occurrence. tests/indexer/text_indexer_test.cc compares the
// two over tricky text, random text and the bundled sample archive.
// Xapian's CJK n-grams (FLAG_CJK_NGRAM, XAPIAN_CJK_NGRAM) are not made;
// Warta asks for them neither here nor in its query parser.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace warta::indexer {

class TextIndexer {
 public:
  // Starts a document: positions from 1, no words pending. `stemmer` may be
  // Xapian::Stem("none"): then no stems are added.
  void start(Xapian::Document& doc, const Xapian::Stem& stemmer);

  // Indexes the words of `text` under `prefix`, each occurrence adding
  // `wdf_inc` to its term's within-document frequency.
  void index_text(std::string_view text, Xapian::termcount wdf_inc = 1, std::string_view prefix = {});

  // Leaves a gap in the positions, so that phrases do not span two texts.
  void increase_termpos(Xapian::termpos delta = 100) { position_ += delta; }

  // Adds the stems gathered since start() to the document and lets it go.
  void finish();

 private:
  void add_word(const std::string& word, Xapian::termcount wdf_inc, std::string_view prefix);

  Xapian::Document* doc_ = nullptr;
  Xapian::Stem stemmer_;
  bool stemming_ = false;
  Xapian::termpos position_ = 0;
  std::string word_;  // the word being read, reused
  std::string term_;  // prefix + word, reused
  // Per distinct prefix + word: its stem term ("" when the word is not
  // stemmed) and the frequency to add to it.
  struct StemTerm {
    std::string term;
    Xapian::termcount wdf = 0;
  };
  std::unordered_map<std::string, StemTerm> stems_;
};

}  // namespace warta::indexer
