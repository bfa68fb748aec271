// spelling: Xapian's spelling table, fed from terms rather than from text,
// so that it costs one pass over the vocabulary for a new index.
#include "indexer/spelling.h"

namespace warta::indexer {

bool is_spelling_word(std::string_view term) {
  if (term.size() < 3 || term.size() > 24) return false;
  for (char ch : term) {
    auto c = static_cast<unsigned char>(ch);
    // Lowercase ASCII letters and any UTF-8 byte (letters beyond ASCII);
    // digits, punctuation and capitals (prefixes) are not words to suggest.
    if (!((c >= 'a' && c <= 'z') || c >= 0x80)) return false;
  }
  return true;
}

void add_spellings_from_index(Xapian::WritableDatabase& db, Xapian::doccount min_frequency) {
  // Unprefixed terms sort after the capital-letter prefixes: start at 'a'.
  constexpr std::size_t kWordsPerCommit = 100000;
  std::size_t pending = 0;
  auto t = db.allterms_begin();
  t.skip_to("a");
  for (; t != db.allterms_end(); ++t) {
    const std::string& term = *t;
    Xapian::doccount frequency = t.get_termfreq();
    if (frequency >= min_frequency && is_spelling_word(term)) {
      db.add_spelling(term, frequency);
      // Xapian holds spelling changes in memory until a commit: keep that bounded.
      if (++pending >= kWordsPerCommit) {
        db.commit();
        pending = 0;
      }
    }
  }
}

void add_spellings_from_document(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (is_spelling_word(term)) db.add_spelling(term, 1);
  }
}

}  // namespace warta::indexer
