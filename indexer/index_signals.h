// index_signals: the per-article evidence behind two index-wide tables: the
// acronym pairs an article defines and its near-duplicate fingerprint.
#pragma once

#include <xapian.h>

#include "common/article.h"

namespace warta::indexer {

// Adds to `doc` one acronym pair term (schema::acronym_pair_term) for each
// distinct definition in the article's body, and the body's SimHash in
// Slot::kNearDupFingerprint when the body is long enough to have one.
void add_index_signals(const Article& article, Xapian::Document& doc);

}  // namespace warta::indexer
