// spelling: the dictionary searchd's "did you mean" draws on, built from
// the words of the index itself.
#pragma once

#include <string_view>

#include <xapian.h>

namespace warta::indexer {

// A word worth suggesting: an unprefixed term (schema prefixes are capital
// letters) of 3 to 24 bytes made of letters only.
bool is_spelling_word(std::string_view term);

// Adds every spelling word with at least `min_frequency` articles, weighted
// by that count. For a freshly built index; takes effect at the next commit.
void add_spellings_from_index(Xapian::WritableDatabase& db, Xapian::doccount min_frequency);

// Adds the spelling words of one document (frequency 1 each), for updates.
void add_spellings_from_document(Xapian::WritableDatabase& db, const Xapian::Document& doc);

}  // namespace warta::indexer
