#include "common/date_filter.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "common/schema.h"

namespace warta {
namespace {

using schema::CalendarDay;

TEST(DateRangeTerms, WholeYearsAndMonthsBecomeOneTermEach) {
  using V = std::vector<std::string>;
  EXPECT_EQ(schema::date_range_terms({2022, 1, 1}, {2022, 12, 31}), V{"Y2022"});
  EXPECT_EQ(schema::date_range_terms({2022, 3, 1}, {2022, 3, 31}), V{"M202203"});
  EXPECT_EQ(schema::date_range_terms({2024, 2, 1}, {2024, 2, 29}), V{"M202402"});  // leap year
  EXPECT_EQ(schema::date_range_terms({2023, 2, 1}, {2023, 2, 28}), V{"M202302"});
  EXPECT_EQ(schema::date_range_terms({2024, 2, 1}, {2024, 2, 28}).size(), 28u);  // not all of February 2024
  EXPECT_EQ(schema::date_range_terms({2021, 12, 30}, {2023, 1, 2}),
            (V{"D20211230", "D20211231", "Y2022", "D20230101", "D20230102"}));
  EXPECT_EQ(schema::date_range_terms({2022, 11, 15}, {2023, 2, 28}).size(), 16u + 1 + 2);
  EXPECT_EQ(schema::date_range_terms({2022, 5, 5}, {2022, 5, 5}), V{"D20220505"});
  EXPECT_TRUE(schema::date_range_terms({2022, 5, 6}, {2022, 5, 5}).empty());
}

// The terms find exactly the articles a comparison of the day value finds.
TEST(DateFilterQuery, MatchesWhatTheDayValueRangeMatches) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::mt19937 random(3);
  auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  for (int i = 0; i < 3000; ++i) {
    Xapian::Document doc;
    if (i % 10 != 0) {  // some articles have no date
      int year = 2019 + static_cast<int>(random() % 5), month = 1 + static_cast<int>(random() % 12);
      int day = 1 + static_cast<int>(random() % 28);
      if (random() % 4 == 0) day = month == 2 ? (year % 4 == 0 ? 29 : 28) : 30;  // month ends
      doc.add_boolean_term(schema::year_term(year));
      doc.add_boolean_term(schema::month_term(year, month));
      doc.add_boolean_term(schema::day_term(year, month, day));
      doc.add_value(schema::slot(schema::Slot::kDay), std::to_string(year) + two(month) + two(day));
    }
    db.add_document(doc);
  }
  auto ids = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::set<Xapian::docid> out;
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) out.insert(*m);
    return out;
  };
  auto value = [&](CalendarDay d) { return std::to_string(d.year) + two(d.month) + two(d.day); };
  Xapian::valueno slot = schema::slot(schema::Slot::kDay);
  for (int i = 0; i < 200; ++i) {
    CalendarDay a{2018 + static_cast<int>(random() % 7), 1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28)};
    CalendarDay b{2018 + static_cast<int>(random() % 7), 1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28)};
    if (b < a) std::swap(a, b);
    EXPECT_EQ(ids(date_filter_query(a, b, db)), ids(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, value(a), value(b))))
        << value(a) << ".." << value(b);
    EXPECT_EQ(ids(date_filter_query(a, std::nullopt, db)), ids(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, value(a))));
    EXPECT_EQ(ids(date_filter_query(std::nullopt, b, db)), ids(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, value(b))));
  }
  // Outside the archive's dates: nothing, and no term per year on the way.
  EXPECT_TRUE(ids(date_filter_query(CalendarDay{1000, 1, 1}, CalendarDay{1500, 1, 1}, db)).empty());
  EXPECT_EQ(ids(date_filter_query(CalendarDay{1000, 1, 1}, CalendarDay{9999, 12, 31}, db)).size(), 2700u);
}

TEST(DateFilterQuery, AnIndexWithoutDatesMatchesNothingButIsNotEmpty) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(Xapian::Document());
  Xapian::Query query = date_filter_query(CalendarDay{2022, 1, 1}, std::nullopt, db);
  EXPECT_FALSE(query.empty());
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

}  // namespace
}  // namespace warta
