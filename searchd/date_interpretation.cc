// date_interpretation: the search box's date words as a date filter.
#include "searchd/date_interpretation.h"

#include <algorithm>

#include "common/date_phrases.h"
#include "common/dates.h"

namespace warta::searchd {
namespace {

long reference_day(const SearchRequest& request) {
  if (request.reference_date) {
    if (auto d = parse_iso_date(*request.reference_date)) return days_from_civil(d->year, d->month, d->day);
  }
  return today_in_reference_zone();
}

// The later of two optional lower bounds, the earlier of two upper ones
// ("YYYY-MM-DD" compares as text).
std::optional<std::string> tighter(const std::optional<std::string>& a, const std::optional<std::string>& b,
                                   bool lower) {
  if (!a) return b;
  if (!b) return a;
  return lower ? std::max(*a, *b) : std::min(*a, *b);
}

}  // namespace

InterpretedSearch interpret_dates(const SearchRequest& request) {
  InterpretedSearch out{request, std::nullopt};
  // An over-long q is refused by the query builder; nothing to read here.
  if (!request.interpret_dates || request.q.size() > kMaxQueryBytes) return out;
  auto reading = read_date_phrases(request.q, reference_day(request));
  if (!reading) return out;
  out.interpreted = Interpreted{reading->from, reading->to, reading->remaining};
  out.request.q = reading->remaining;
  DateRange explicit_range = request.date.value_or(DateRange{});
  out.request.date = DateRange{tighter(explicit_range.from, reading->from, true),
                               tighter(explicit_range.to, reading->to, false)};
  return out;
}

}  // namespace warta::searchd
