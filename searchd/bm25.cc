// bm25: BM25Weight's formula (see the header).
#include "searchd/bm25.h"

#include <algorithm>
#include <cmath>

namespace warta::searchd {
namespace {

constexpr double kK1 = 1.0;
constexpr double kB = 0.5;
constexpr double kMinNormLength = 0.5;

}  // namespace

double bm25_term_weight(Xapian::doccount documents, Xapian::doccount termfreq, double factor) {
  double ratio = (documents - termfreq + 0.5) / (termfreq + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  // Xapian multiplies in this order; the wqf factor between is exactly 1.
  return std::log(ratio) * factor * (kK1 + 1);
}

double bm25_document_part(double wdf, double length, double length_factor) {
  double normalised = std::max(length * length_factor, kMinNormLength);
  double denominator = kK1 * (normalised * kB + (1 - kB)) + wdf;
  return wdf / denominator;
}

}  // namespace warta::searchd
