#include "searchd/query_ranges.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace warta::searchd {
namespace {

std::string error_of(const std::string& q) {
  try {
    checked_ranges(q);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadRequest) << q;
    return e.what();
  }
  return "(accepted)";
}

TEST(QueryRanges, DotsOutsideADateRangeAreSpaces) {
  EXPECT_EQ(checked_ranges("tunggu..."), "tunggu ");
  EXPECT_EQ(checked_ranges("a..b"), "a b");
  EXPECT_EQ(checked_ranges("harga 5.000..10.000"), "harga 5.000 10.000");
  EXPECT_EQ(checked_ranges("halaman 1...3 banjir"), "halaman 1 3 banjir");
  EXPECT_EQ(checked_ranges("2017-01-01.."), "2017-01-01 ");
  // Inside quotes the words are the parser's to read as a phrase.
  EXPECT_EQ(checked_ranges("\"tunggu... dulu\" banjir"), "\"tunggu... dulu\" banjir");
  // A single dot is part of a word.
  EXPECT_EQ(checked_ranges("kompas.com Rp5.000"), "kompas.com Rp5.000");
}

TEST(QueryRanges, WellFormedDateRangesPassUnchanged) {
  for (const char* q : {"date:2022-03-01..2022-03-31", "banjir date:2022-01-01..", "date:..2022-12-31 pemilu",
                        "-date:2017-01-01..2017-01-31", "(date:2017-01-01..2017-01-01)", "date:20220301..20220331"}) {
    EXPECT_EQ(checked_ranges(q), q);
  }
}

TEST(QueryRanges, MalformedDateRangesSayWhatIsWrong) {
  EXPECT_EQ(error_of("date:2017-13-01.."), "q: date:2017-13-01..: 2017-13-01 is not a date (YYYY-MM-DD)");
  EXPECT_EQ(error_of("banjir date:2017-02-30..2017-03-01"),
            "q: date:2017-02-30..2017-03-01: 2017-02-30 is not a date (YYYY-MM-DD)");
  EXPECT_EQ(error_of("date:2018-01-01..2017-01-01"), "q: date:2018-01-01..2017-01-01: 2018-01-01 is after 2017-01-01");
  EXPECT_EQ(error_of("date:2017-03..2017-04"), "q: date:2017-03..2017-04: 2017-03 is not a date (YYYY-MM-DD)");
  const std::string how = "a date range is written date:YYYY-MM-DD..YYYY-MM-DD (either end may be left out)";
  EXPECT_EQ(error_of("date:2017"), "q: date:2017: " + how);
  EXPECT_EQ(error_of("date:bad"), "q: date:bad: " + how);
  EXPECT_EQ(error_of("date:.."), "q: date:..: " + how);
}

}  // namespace
}  // namespace warta::searchd
