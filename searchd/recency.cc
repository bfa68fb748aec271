// recency: a value posting source over the sortable date slot.
#include "searchd/recency.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "common/dates.h"
#include "common/schema.h"

namespace warta::searchd {
namespace {

// "YYYYMMDD..." -> days since 1970, or nullopt-like false.
bool day_of(const std::string& sort_key, long& day) {
  if (sort_key.size() < 8) return false;
  for (int i = 0; i < 8; ++i) {
    if (sort_key[static_cast<std::size_t>(i)] < '0' || sort_key[static_cast<std::size_t>(i)] > '9') return false;
  }
  int y = std::stoi(sort_key.substr(0, 4));
  int m = std::stoi(sort_key.substr(4, 2));
  int d = std::stoi(sort_key.substr(6, 2));
  if (!is_valid_day(y, m, d)) return false;
  day = days_from_civil(y, m, d);
  return true;
}

// The day before y-m-d.
void previous_day(int& y, int& m, int& d) {
  if (--d > 0) return;
  if (--m == 0) {
    m = 12;
    --y;
  }
  d = 31;
  while (!is_valid_day(y, m, d)) --d;
}

std::string day_text(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

}  // namespace

Xapian::Query with_recency(const Xapian::Query& text, double recency, const Xapian::Database& db) {
  if (recency <= 0) return text;
  long newest = 0;
  std::string newest_key = db.get_value_upper_bound(schema::slot(schema::Slot::kSortDate));
  if (!day_of(newest_key, newest)) return text;
  int y = std::stoi(newest_key.substr(0, 4));
  int m = std::stoi(newest_key.substr(4, 2));
  int d = std::stoi(newest_key.substr(6, 2));
  auto* boost = new Xapian::ValueMapPostingSource(schema::slot(schema::Slot::kDay));
  for (int age = 0; age <= kRecencyHorizonDays; ++age, previous_day(y, m, d)) {
    boost->add_mapping(day_text(y, m, d), recency * std::exp2(-age / kRecencyHalfLifeDays));
  }
  boost->set_default_weight(0);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, Xapian::Query(boost->release()));
}

}  // namespace warta::searchd
