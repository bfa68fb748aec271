// date_filter: "published from A to B" as a query over the year, month and
// day terms of the schema, for the request's date filter and for
// `date:A..B` in the query text alike.
#pragma once

#include <optional>

#include <xapian.h>

#include "common/schema.h"

namespace warta {

// The articles published from `from` to `to` (inclusive; either end may be
// open) as few boolean posting lists, where a value range would read the
// date of every candidate (a month's filter over a million articles took
// 30 ms that way). The range is first cut to the dates `db` holds, so that
// an open end or a far-off year costs no terms; a range the index has no
// articles in gives a query that matches nothing (never the empty Query,
// which a query parser would read as no filter).
Xapian::Query date_filter_query(std::optional<schema::CalendarDay> from, std::optional<schema::CalendarDay> to,
                                const Xapian::Database& db);

}  // namespace warta
