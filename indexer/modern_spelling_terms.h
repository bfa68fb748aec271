// modern_spelling_terms: an article written in the old (pre-1972) spelling
// is also indexed under the modern spelling of its words.
#pragma once

#include <optional>

#include <xapian.h>

#include "common/analysis.h"
#include "common/dates.h"
#include "common/old_spelling.h"

namespace warta::indexer {

// The spelling evidence of a document's unprefixed words (title and body),
// counted by their positions.
OldSpellingEvidence old_spelling_evidence(const Xapian::Document& doc);

// When `doc` (already holding the article's words, see DocumentBuilder) is an
// Indonesian article in the old spelling (is_old_spelling), adds for every
// word of every text field whose modern spelling differs the modern word at
// the same positions and with the same wdf, and its stem, so that "jakarta"
// and the phrase "kota jakarta" find "kota Djakarta"; the original terms
// stay. Returns whether the article was read as old spelling; other
// documents are left exactly as they were.
bool add_modern_spellings(Xapian::Document& doc, Language language,
                          const std::optional<PublishedDate>& published);

}  // namespace warta::indexer
