#include "searchd/date_interpretation.h"

#include <gtest/gtest.h>

namespace warta::searchd {
namespace {

SearchRequest request(const std::string& q) {
  SearchRequest r;
  r.q = q;
  r.reference_date = "2024-05-01";
  return r;
}

TEST(InterpretDates, DateWordsBecomeAFilterAndLeaveTheRest) {
  InterpretedSearch s = interpret_dates(request("banjir kemarin jakarta"));
  EXPECT_EQ(s.request.q, "banjir jakarta");
  EXPECT_EQ(s.request.date, (DateRange{"2024-04-30", "2024-04-30"}));
  ASSERT_TRUE(s.interpreted);
  EXPECT_EQ(s.interpreted->date_from, "2024-04-30");
  EXPECT_EQ(s.interpreted->date_to, "2024-04-30");
  EXPECT_EQ(s.interpreted->q, "banjir jakarta");
}

TEST(InterpretDates, TheReferenceDateMovesTheRange) {
  SearchRequest r = request("bulan lalu");
  r.reference_date = "2024-03-15";
  EXPECT_EQ(interpret_dates(r).request.date, (DateRange{"2024-02-01", "2024-02-29"}));
}

TEST(InterpretDates, IntersectsTheExplicitDateFilter) {
  SearchRequest r = request("pemilu sejak 2023");
  r.date = DateRange{"2022-06-01", "2023-06-30"};
  InterpretedSearch s = interpret_dates(r);
  EXPECT_EQ(s.request.date, (DateRange{"2023-01-01", "2023-06-30"}));
  // What was read from q is shown as read.
  EXPECT_EQ(s.interpreted->date_from, "2023-01-01");
  EXPECT_FALSE(s.interpreted->date_to);
  // Ranges that do not meet give an empty range (from after to).
  r.date = DateRange{std::nullopt, "2022-12-31"};
  EXPECT_EQ(interpret_dates(r).request.date, (DateRange{"2023-01-01", "2022-12-31"}));
}

TEST(InterpretDates, OffOrNothingToReadLeavesTheRequestAlone) {
  SearchRequest off = request("banjir kemarin");
  off.interpret_dates = false;
  InterpretedSearch s = interpret_dates(off);
  EXPECT_EQ(s.request, off);
  EXPECT_FALSE(s.interpreted);
  SearchRequest plain = request("banjir 2019");
  EXPECT_EQ(interpret_dates(plain).request, plain);
  EXPECT_FALSE(interpret_dates(plain).interpreted);
  SearchRequest too_long = request(std::string(kMaxQueryBytes, 'a') + " kemarin");
  EXPECT_FALSE(interpret_dates(too_long).interpreted);
}

TEST(InterpretDates, WithoutAReferenceDateTodayIsUsed) {
  SearchRequest r;
  r.q = "hari ini";
  InterpretedSearch s = interpret_dates(r);
  ASSERT_TRUE(s.interpreted);
  ASSERT_TRUE(s.interpreted->date_from);
  EXPECT_EQ(s.interpreted->date_from, s.interpreted->date_to);
  EXPECT_EQ(s.interpreted->date_from->size(), 10u);
}

}  // namespace
}  // namespace warta::searchd
