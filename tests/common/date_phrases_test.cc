#include "common/date_phrases.h"

#include <gtest/gtest.h>

#include <chrono>

#include "common/dates.h"

namespace warta {
namespace {

long day(int y, int m, int d) { return days_from_civil(y, m, d); }

// 2024-05-01 is a Wednesday; its week began on Monday 2024-04-29.
const long kWednesday = day(2024, 5, 1);

struct Case {
  const char* query;
  const char* from;  // "" = open
  const char* to;    // "" = open
  const char* remaining;
};

void expect_reading(const Case& c, long reference) {
  auto r = read_date_phrases(c.query, reference);
  ASSERT_TRUE(r.has_value()) << c.query;
  EXPECT_EQ(r->from.value_or(""), c.from) << c.query;
  EXPECT_EQ(r->to.value_or(""), c.to) << c.query;
  EXPECT_EQ(r->remaining, c.remaining) << c.query;
}

TEST(DatePhrases, IndonesianRelativeDays) {
  const Case cases[] = {
      {"banjir kemarin", "2024-04-30", "2024-04-30", "banjir"},
      {"kemarin lusa gempa", "2024-04-29", "2024-04-29", "gempa"},
      {"hari ini", "2024-05-01", "2024-05-01", ""},
      {"2 hari lalu", "2024-04-29", "2024-04-29", ""},
      {"demo 3 hari yang lalu", "2024-04-28", "2024-04-28", "demo"},
      {"dua hari lalu", "2024-04-29", "2024-04-29", ""},
      {"7 hari terakhir", "2024-04-25", "2024-05-01", ""},
      {"KEMARIN", "2024-04-30", "2024-04-30", ""},
      {"banjir kemarin, jakarta", "2024-04-30", "2024-04-30", "banjir jakarta"},
  };
  for (const Case& c : cases) expect_reading(c, kWednesday);
}

TEST(DatePhrases, IndonesianWeeksMonthsYears) {
  const Case cases[] = {
      {"pekan lalu", "2024-04-22", "2024-04-28", ""},
      {"minggu lalu", "2024-04-22", "2024-04-28", ""},
      {"minggu kemarin", "2024-04-22", "2024-04-28", ""},
      {"pekan ini", "2024-04-29", "2024-05-01", ""},
      {"2 minggu lalu", "2024-04-15", "2024-04-21", ""},
      {"bulan lalu", "2024-04-01", "2024-04-30", ""},
      {"bulan ini", "2024-05-01", "2024-05-01", ""},
      {"3 bulan yang lalu", "2024-02-01", "2024-02-29", ""},
      {"tahun lalu", "2023-01-01", "2023-12-31", ""},
      {"tahun ini", "2024-01-01", "2024-05-01", ""},
      {"5 tahun silam", "2019-01-01", "2019-12-31", ""},
      {"2 tahun terakhir", "2022-05-02", "2024-05-01", ""},
  };
  for (const Case& c : cases) expect_reading(c, kWednesday);
}

TEST(DatePhrases, IndonesianAbsoluteAndRanges) {
  const Case cases[] = {
      {"pemilu tahun 2019", "2019-01-01", "2019-12-31", "pemilu"},
      {"pemilu pada tahun 2019", "2019-01-01", "2019-12-31", "pemilu"},
      {"pemilu pada 2019", "2019-01-01", "2019-12-31", "pemilu"},
      {"banjir Maret 2022", "2022-03-01", "2022-03-31", "banjir"},
      {"Mei 2022", "2022-05-01", "2022-05-31", ""},
      {"Agt 2021", "2021-08-01", "2021-08-31", ""},
      {"proklamasi 17 Agustus 1945", "1945-08-17", "1945-08-17", "proklamasi"},
      {"sejak 2020", "2020-01-01", "", ""},
      {"sejak tahun 2020", "2020-01-01", "", ""},
      {"sejak Maret 2020 covid", "2020-03-01", "", "covid"},
      {"sebelum 2010", "", "2009-12-31", ""},
      {"sebelum Maret 2010", "", "2010-02-28", ""},
      {"setelah 2019", "2020-01-01", "", ""},
      {"antara 2019 dan 2021", "2019-01-01", "2021-12-31", ""},
      {"antara 2021 dan 2019", "2019-01-01", "2021-12-31", ""},
      {"dari Januari 2020 sampai Juni 2020", "2020-01-01", "2020-06-30", ""},
      {"tahun 1990-an", "1990-01-01", "1999-12-31", ""},
      {"sejak kemarin", "2024-04-30", "", ""},
  };
  for (const Case& c : cases) expect_reading(c, kWednesday);
}

TEST(DatePhrases, English) {
  const Case cases[] = {
      {"flood yesterday", "2024-04-30", "2024-04-30", "flood"},
      {"today", "2024-05-01", "2024-05-01", ""},
      {"last week", "2024-04-22", "2024-04-28", ""},
      {"this week", "2024-04-29", "2024-05-01", ""},
      {"past week", "2024-04-25", "2024-05-01", ""},
      {"last month", "2024-04-01", "2024-04-30", ""},
      {"last year", "2023-01-01", "2023-12-31", ""},
      {"this year", "2024-01-01", "2024-05-01", ""},
      {"2 days ago", "2024-04-29", "2024-04-29", ""},
      {"a week ago", "2024-04-22", "2024-04-28", ""},
      {"two months ago", "2024-03-01", "2024-03-31", ""},
      {"last 7 days", "2024-04-25", "2024-05-01", ""},
      {"past 3 months", "2024-02-02", "2024-05-01", ""},
      {"election in 2019", "2019-01-01", "2019-12-31", "election"},
      {"March 2022", "2022-03-01", "2022-03-31", ""},
      {"in March 2022", "2022-03-01", "2022-03-31", ""},
      {"March 30, 2022", "2022-03-30", "2022-03-30", ""},
      {"since 2020", "2020-01-01", "", ""},
      {"before 2010", "", "2009-12-31", ""},
      {"after 2019", "2020-01-01", "", ""},
      {"between March 2019 and May 2020", "2019-03-01", "2020-05-31", ""},
      {"from 2019 to 2021", "2019-01-01", "2021-12-31", ""},
      {"in the 1990s", "1990-01-01", "1999-12-31", ""},
      {"since last week", "2024-04-22", "", ""},
  };
  for (const Case& c : cases) expect_reading(c, kWednesday);
}

// Regression guards for month ends, leap days and week starts.
TEST(DatePhrases, CalendarEdges) {
  // Leap year: the day before 1 March 2024 is 29 February.
  expect_reading({"kemarin", "2024-02-29", "2024-02-29", ""}, day(2024, 3, 1));
  expect_reading({"bulan lalu", "2024-02-01", "2024-02-29", ""}, day(2024, 3, 1));
  // Not a leap year.
  expect_reading({"kemarin", "2023-02-28", "2023-02-28", ""}, day(2023, 3, 1));
  expect_reading({"bulan lalu", "2023-02-01", "2023-02-28", ""}, day(2023, 3, 1));
  expect_reading({"Februari 2100", "2100-02-01", "2100-02-28", ""}, day(2023, 3, 1));
  expect_reading({"Februari 2000", "2000-02-01", "2000-02-29", ""}, day(2023, 3, 1));
  expect_reading({"29 Februari 2024", "2024-02-29", "2024-02-29", ""}, day(2023, 3, 1));
  // New Year's Day (a Monday): yesterday, last month and last week are in the old year.
  const long new_year = day(2024, 1, 1);
  expect_reading({"kemarin", "2023-12-31", "2023-12-31", ""}, new_year);
  expect_reading({"bulan lalu", "2023-12-01", "2023-12-31", ""}, new_year);
  expect_reading({"pekan lalu", "2023-12-25", "2023-12-31", ""}, new_year);
  expect_reading({"pekan ini", "2024-01-01", "2024-01-01", ""}, new_year);
  expect_reading({"tahun lalu", "2023-01-01", "2023-12-31", ""}, new_year);
  // On a Sunday the week is still the one that began on Monday.
  expect_reading({"pekan ini", "2024-04-29", "2024-05-05", ""}, day(2024, 5, 5));
  expect_reading({"last week", "2024-04-22", "2024-04-28", ""}, day(2024, 5, 5));
  // "Last 3 months" from 31 May starts after 29 February (the clamped day).
  expect_reading({"3 bulan terakhir", "2024-03-01", "2024-05-31", ""}, day(2024, 5, 31));
  // A month back from 31 March is February, whole.
  expect_reading({"bulan lalu", "2024-02-01", "2024-02-29", ""}, day(2024, 3, 31));
  // Twelve months back crosses the year.
  expect_reading({"12 bulan lalu", "2023-05-01", "2023-05-31", ""}, kWednesday);
}

TEST(DatePhrases, SeveralPhrasesAreIntersected) {
  expect_reading({"sejak 2020 sebelum 2022", "2020-01-01", "2021-12-31", ""}, kWednesday);
  expect_reading({"tahun 2019 Maret 2019 banjir", "2019-03-01", "2019-03-31", "banjir"}, kWednesday);
  auto r = read_date_phrases("sejak 2020 banjir sebelum 2022", kWednesday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->phrases, (std::vector<std::string>{"sejak 2020", "sebelum 2022"}));
}

TEST(DatePhrases, AmbiguousOrQuotedWordsAreLeftAlone) {
  for (const char* q : {
           "banjir 2019",              // a bare year may be a word of the text
           "2019",                     //
           "\"banjir kemarin\"",       // inside a quoted phrase
           "title:\"hari ini\"",       // a field's phrase
           "title:kemarin",            // a field's word
           "banjir -kemarin",          // excluded
           "banjir OR kemarin",        // an operand
           "kemarin OR banjir",        //
           "NOT tahun 2019",           //
           "banjir OR 2 bulan lalu",   // the whole phrase is the operand
           "hari Minggu",              // Sunday, not a week
           "anak 5 tahun",             // an age
           "tahun 5",                  // not a year
           "3000 tahun lalu",          // before year 1000
           "Maret",                    // a month needs its year
           "may",                      //
           "sejak",                    //
           "in 2019s",                 //
           "setelah 9999",             // past year 9999
           "(kemarin)",                //
           "pekan, ini",               // a phrase does not span punctuation
           "hari? ini",                //
           "Maret. 2022",              //
           "",                         //
       }) {
    EXPECT_FALSE(read_date_phrases(q, kWednesday).has_value()) << q;
  }
  expect_reading({"\"hari ini\" kemarin", "2024-04-30", "2024-04-30", "\"hari ini\""}, kWednesday);
  // Punctuation ends a phrase but a shorter one before it still counts.
  expect_reading({"kemarin, lusa", "2024-04-30", "2024-04-30", "lusa"}, kWednesday);
  expect_reading({"\"banjir\" tahun 2019 \"kota lama\"", "2019-01-01", "2019-12-31", "\"banjir\" \"kota lama\""},
                 kWednesday);
}

TEST(DatePhrases, TodayIsTheDayInWesternIndonesia) {
  using namespace std::chrono;
  long utc_today = floor<days>(system_clock::now()).time_since_epoch().count();
  long today = today_in_reference_zone();
  EXPECT_TRUE(today == utc_today || today == utc_today + 1) << today << " vs " << utc_today;
}

}  // namespace
}  // namespace warta
