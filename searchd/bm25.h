// bm25: Xapian 1.4's BM25Weight with its default parameters (the scheme an
// Enquire uses unless told otherwise), in two parts, evaluated in the same
// order as Xapian evaluates them so that the scores are the same to the
// last bit: a term's weight times a posting's document part.
// tests/searchd/frequent_words_test.cc checks them against Xapian's own.
#pragma once

#include <algorithm>

#include <xapian.h>

namespace warta::searchd {

// BM25Weight's defaults.
inline constexpr double kBm25K1 = 1.0;
inline constexpr double kBm25B = 0.5;
inline constexpr double kBm25MinNormLength = 0.5;

// The idf part (Robertson/Sparck Jones without a relevance set, kept
// positive for words in more than half the documents), times k1 + 1, for a
// query term of wqf 1 and no scaling.
double bm25_term_weight(Xapian::doccount documents, Xapian::doccount termfreq);

// The part that depends on the document: its wdf and length.
// `length_factor` is 1 / the average document length. Inline: it runs once
// per posting of a frequent word.
inline double bm25_document_part(double wdf, double length, double length_factor) {
  double normalised = std::max(length * length_factor, kBm25MinNormLength);
  double denominator = kBm25K1 * (normalised * kBm25B + (1 - kBm25B)) + wdf;
  return wdf / denominator;
}

}  // namespace warta::searchd
