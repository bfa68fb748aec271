// query_rewrite: a Xapian::Query rebuilt with some of its parts rewritten.
#pragma once

#include <cstddef>
#include <vector>

#include <xapian.h>

namespace warta::searchd {

// `q` with its first `rewritten` subqueries passed through
// `rewrite(part, changed)` (which sets `changed` when it returns another
// query) and the rest kept; `q` itself when no part changed, else the
// rebuilt query, with `changed` set.
template <typename Rewrite>
Xapian::Query with_subqueries_rewritten(const Xapian::Query& q, std::size_t rewritten, Rewrite&& rewrite,
                                        bool& changed) {
  std::vector<Xapian::Query> parts;
  bool any = false;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    parts.push_back(i < rewritten ? rewrite(q.get_subquery(i), any) : q.get_subquery(i));
  }
  if (!any) return q;
  changed = true;
  return Xapian::Query(q.get_type(), parts.begin(), parts.end());
}

}  // namespace warta::searchd
