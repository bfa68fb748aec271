#include "common/unweighted_query.h"

#include <string>

namespace warta {

Xapian::Query unweighted(const Xapian::Query& q) {
  if (q.empty()) return q;  // no query stays no query, not "every document"
  // The empty term is Xapian's "every document", which carries no weight.
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(std::string()), q);
}

}  // namespace warta
