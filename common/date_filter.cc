// date_filter: clamp to the index's dates, then the fewest calendar terms.
#include "common/date_filter.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/dates.h"

namespace warta {
namespace {

// A kDay value ("20220301") as a day; nullopt when it is not one.
std::optional<schema::CalendarDay> day_of_value(const std::string& value) {
  if (value.size() != 8) return std::nullopt;
  auto date = parse_iso_date(value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2));
  if (!date) return std::nullopt;
  return schema::CalendarDay{date->year, date->month, date->day};
}

// No article has a day value at or above this: a query that matches
// nothing, yet is not the empty Query (which a query parser reads as "no
// filter at all").
Xapian::Query matches_no_day() {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot(schema::Slot::kDay), std::string(1, '\xff'));
}

}  // namespace

Xapian::Query date_filter_query(std::optional<schema::CalendarDay> from, std::optional<schema::CalendarDay> to,
                                const Xapian::Database& db) {
  Xapian::valueno slot = schema::slot(schema::Slot::kDay);
  std::optional<schema::CalendarDay> oldest = day_of_value(db.get_value_lower_bound(slot));
  std::optional<schema::CalendarDay> newest = day_of_value(db.get_value_upper_bound(slot));
  if (!oldest || !newest) return matches_no_day();
  std::vector<std::string> terms =
      schema::date_range_terms(from ? std::max(*oldest, *from) : *oldest, to ? std::min(*newest, *to) : *newest);
  if (terms.empty()) return matches_no_day();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace warta
