// unweighted_query: a query's matches with weight 0, in the one form
// Xapian 1.4 matches safely.
#pragma once

#include <xapian.h>

namespace warta {

// `q` as a filter on every document: the same matches, all of weight 0.
//
// Xapian 1.4.22 throws DatabaseCorruptError ("Unexpected end of posting list
// for 'Lid'") when a term held by every document of a database that has had
// a document deleted is matched with weight 0 and drives the match: under
// OP_SCALE_WEIGHT with factor 0 (what its QueryParser makes of `lang:id`
// alone, or of `lang:id OR banjir`) or with BoolWeight. The index is sound
// (xapian-check finds nothing), and the same term on the filter side of
// OP_FILTER matches fine, so every boolean-only part of a query is built
// this way instead.
Xapian::Query unweighted(const Xapian::Query& q);

}  // namespace warta
