// analyse: Article -> Xapian::Document, through the schema and the shared
// analysis only.
#pragma once

#include <xapian.h>

#include "common/article.h"

namespace warta::indexer {

// Builds documents; one per thread (it owns a TermGenerator).
class DocumentBuilder {
 public:
  DocumentBuilder() = default;

  // The document for `article`: title and body words (title also under its
  // prefix and weighted, see schema::kTitleWeight), each field's words under
  // its text prefix and its whole value as an exact term, the language
  // (given, else detected), date terms and values, facet values, the id
  // term, and the article as canonical JSON for display.
  Xapian::Document build(const Article& article);

 private:
  Xapian::TermGenerator generator_;
};

}  // namespace warta::indexer
