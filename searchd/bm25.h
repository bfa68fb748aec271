// bm25: Xapian 1.4's BM25Weight with its default parameters (the scheme an
// Enquire uses unless told otherwise), in two parts, evaluated in the same
// order as Xapian evaluates them so that the scores are the same to the
// last bit: a term's weight times a posting's document part.
// tests/searchd/frequent_words_test.cc checks them against Xapian's own.
#pragma once

#include <xapian.h>

namespace warta::searchd {

// The idf part (Robertson/Sparck Jones without a relevance set, kept
// positive for words in more than half the documents), times the factor the
// term is scaled by (OP_SCALE_WEIGHT; 1 when not) and k1 + 1, for a query
// term of wqf 1.
double bm25_term_weight(Xapian::doccount documents, Xapian::doccount termfreq, double factor = 1.0);

// The part that depends on the document: its wdf and length.
// `length_factor` is 1 / the average document length.
double bm25_document_part(double wdf, double length, double length_factor);

}  // namespace warta::searchd
