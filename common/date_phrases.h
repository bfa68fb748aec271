// date_phrases: dates said in words in a search box ("kemarin", "Maret 2022",
// "sejak 2020", "last week"), read as a range of days relative to a reference day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

// What the date words of a query say, and the query without them.
struct DatePhraseReading {
  std::optional<std::string> from;  // "YYYY-MM-DD", inclusive; nullopt: open
  std::optional<std::string> to;    // "YYYY-MM-DD", inclusive; nullopt: open
  std::string remaining;            // the query without the phrases, words joined by one space
  std::vector<std::string> phrases;  // the phrases taken, as written
};

// Reads the date phrases of `query` (Indonesian and English, any case)
// relative to `reference_day` ("today", in days since 1970-01-01, see
// days_from_civil); several phrases are intersected. Returns nullopt when
// the query has none. Words inside "quotes", after a field prefix or a '-',
// or next to a boolean operator (OR, AND, NOT, ...) are never taken, nor is a
// bare year ("2019" alone may be a word of the text): a year needs "tahun",
// "pada", "in", a month name or a range word ("sejak", "before", ...).
// Weeks run Monday to Sunday ("pekan lalu" = the whole previous week);
// "N hari terakhir" / "last N days" end today and include it. The forms are
// listed in the tests (tests/common/date_phrases_test.cc) and the README.
std::optional<DatePhraseReading> read_date_phrases(std::string_view query, long reference_day);

// The UTC offset of Western Indonesian Time (WIB), the zone of the default
// reference day: the archive is mostly Indonesian news.
inline constexpr int kReferenceOffsetMinutes = 7 * 60;

// Today in WIB, in days since 1970-01-01.
long today_in_reference_zone();

}  // namespace warta
