// analyse: Article -> Xapian::Document, through the schema and the shared
// analysis only.
#pragma once

#include <xapian.h>

#include "common/article.h"
#include "indexer/text_indexer.h"

namespace warta::indexer {

struct BuildOptions {
  // Index old-spelling articles under the modern spelling too (see
  // modern_spelling_terms.h); off only to compare against in tests.
  bool modern_spellings = true;
};

// Builds documents; one per thread (it owns a TextIndexer).
class DocumentBuilder {
 public:
  explicit DocumentBuilder(BuildOptions options = {}) : options_(options) {}

  // The document for `article`: title and body words (title also under its
  // prefix and weighted, see schema::kTitleWeight), each field's words under
  // its text prefix and its whole value as an exact term, the language
  // (given, else detected), date terms and values, facet values, the id
  // term, and the article as canonical JSON for display (as written, also
  // when its words are indexed under the modern spelling too).
  Xapian::Document build(const Article& article);

 private:
  BuildOptions options_;
  TextIndexer text_;
};

}  // namespace warta::indexer
