// recency: a value posting source over the sortable date slot.
#include "searchd/recency.h"

#include <cmath>
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

}  // namespace

RecencyPostingSource::RecencyPostingSource(double recency, long newest_day)
    : Xapian::ValuePostingSource(schema::slot(schema::Slot::kSortDate)),
      recency_(recency),
      newest_day_(newest_day) {}

double RecencyPostingSource::get_weight() const {
  long day = 0;
  if (!day_of(get_value(), day)) return 0;
  double age = static_cast<double>(newest_day_ - day);
  if (age < 0) age = 0;
  return recency_ * std::exp2(-age / kRecencyHalfLifeDays);
}

RecencyPostingSource* RecencyPostingSource::clone() const {
  return new RecencyPostingSource(recency_, newest_day_);
}

void RecencyPostingSource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(recency_);
}

Xapian::Query with_recency(const Xapian::Query& text, double recency, const Xapian::Database& db) {
  if (recency <= 0) return text;
  long newest = 0;
  if (!day_of(db.get_value_upper_bound(schema::slot(schema::Slot::kSortDate)), newest)) return text;
  Xapian::Query boost((new RecencyPostingSource(recency, newest))->release());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, boost);
}

}  // namespace warta::searchd
