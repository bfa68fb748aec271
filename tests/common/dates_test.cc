#include "common/dates.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(ParseIsoDate, AcceptsTheFormsOfTheArticleFormat) {
  struct Case {
    const char* text;
    const char* normalised;
  };
  const Case cases[] = {
      {"2022-03-30", "2022-03-30"},
      {"2022-03-30T23:30:00+07:00", "2022-03-30T23:30:00+07:00"},
      {"2022-03-30T23:30+07:00", "2022-03-30T23:30:00+07:00"},
      {"2022-03-30T23:30:00", "2022-03-30T23:30:00"},
      {"2022-03-30 08:05:09", "2022-03-30T08:05:09"},
      {"2022-03-30T08:05:09.123Z", "2022-03-30T08:05:09Z"},
      {"2022-03-30T08:05:09-0330", "2022-03-30T08:05:09-03:30"},
      {"2022-03-30T08:05:09+07", "2022-03-30T08:05:09+07:00"},
      // RFC 3339's lowercase separators.
      {"2022-03-30t08:05:09z", "2022-03-30T08:05:09Z"},
      {"2022-03-30t23:30+07:00", "2022-03-30T23:30:00+07:00"},
      {"2024-02-29", "2024-02-29"},
      {"2000-02-29", "2000-02-29"},
  };
  for (const auto& c : cases) {
    auto d = parse_iso_date(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(format_iso_date(*d), c.normalised) << c.text;
    EXPECT_EQ(parse_iso_date(format_iso_date(*d)), d) << c.text;
  }
}

TEST(ParseIsoDate, RejectsWhatIsNotAnIsoDate) {
  for (const char* text :
       {"", "2022", "2022-3-30", "30/03/2022", "2022-13-01", "2022-02-30", "2023-02-29",
        "1900-02-29", "2022-03-30T24:00", "2022-03-30T12:60", "2022-03-30T", "2022-03-30X",
        "2022-03-30T12:00+15:00", "2022-03-30T12:00:00.", "0999-01-01", "Rabu (30/3/2022)",
        "2022-03-30T12:00:00+07:00 ", "２０２２-03-30"}) {
    EXPECT_FALSE(parse_iso_date(text).has_value()) << text;
  }
}

TEST(DateKeys, AreAsWrittenInTheirOwnOffset) {
  // A story dated late in the evening at +07:00 is in that day, not the UTC one.
  auto d = parse_iso_date("2022-03-30T23:30:00+07:00");
  ASSERT_TRUE(d);
  EXPECT_EQ(day_key(*d), "20220330");
  EXPECT_EQ(month_key(*d), "2022-03");
  EXPECT_EQ(year_key(*d), "2022");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-30")), "20220330000000");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-30T23:30:00")), "20220330233000");
}

TEST(DateKeys, SortByTheMomentAcrossOffsets) {
  // The sort date is the moment in UTC: across midnight, months, years.
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-30T23:30:00+07:00")), "20220330163000");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-31T01:00:00+07:00")), "20220330180000");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-30T20:00:00-08:00")), "20220331040000");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-01-01T05:15:30+09:00")), "20211231201530");
  EXPECT_EQ(sort_key(*parse_iso_date("2024-02-28T20:00:00-05:30")), "20240229013000");
  EXPECT_EQ(sort_key(*parse_iso_date("2022-03-30T10:00:00Z")), "20220330100000");
  // 01:00 at +07:00 (18:00 UTC the day before) was published before 20:00 at -08:00.
  EXPECT_LT(sort_key(*parse_iso_date("2022-03-31T01:00+07:00")), sort_key(*parse_iso_date("2022-03-30T20:00-08:00")));
}

TEST(DaysFromCivil, KnownDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2022, 3, 30), 19081);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);  // leap year
}

std::string ymd(const PublishedDate& d) { return day_key(d); }

TEST(CivilFromDays, InvertsDaysFromCivil) {
  EXPECT_EQ(ymd(civil_from_days(0)), "19700101");
  EXPECT_EQ(ymd(civil_from_days(-1)), "19691231");
  EXPECT_EQ(ymd(civil_from_days(days_from_civil(2024, 2, 29))), "20240229");
  EXPECT_FALSE(civil_from_days(0).has_time);
  for (long d = days_from_civil(1000, 1, 1); d <= days_from_civil(9999, 12, 31); d += 97) {
    PublishedDate c = civil_from_days(d);
    ASSERT_TRUE(is_valid_day(c.year, c.month, c.day)) << d;
    ASSERT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
}

TEST(DateKeys, SortAsText) {
  EXPECT_LT(sort_key(*parse_iso_date("2021-12-31T23:59:59")), sort_key(*parse_iso_date("2022-01-01")));
  EXPECT_LT(sort_key(*parse_iso_date("2022-01-01")), sort_key(*parse_iso_date("2022-01-01T00:00:01")));
}

}  // namespace
}  // namespace warta
