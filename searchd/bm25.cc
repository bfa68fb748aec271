// bm25: BM25Weight's formula (see the header).
#include "searchd/bm25.h"

#include <cmath>

namespace warta::searchd {

double bm25_term_weight(Xapian::doccount documents, Xapian::doccount termfreq) {
  double ratio = (documents - termfreq + 0.5) / (termfreq + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio) * (kBm25K1 + 1);
}

}  // namespace warta::searchd
