// dates: ISO 8601 publication dates and their value-slot encodings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warta {

// A publication date as written: the calendar day in its own offset, with
// the time of day and the UTC offset when the text gives them.
struct PublishedDate {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::optional<int> offset_minutes;  // east of UTC; nullopt when not written

  bool operator==(const PublishedDate&) const = default;
};

// Parses "YYYY-MM-DD", "YYYY-MM-DDThh:mm", "YYYY-MM-DDThh:mm:ss[.fraction]",
// each optionally followed by "Z", "+hh:mm", "+hhmm" or "+hh" (a space may
// stand for the 'T'; 't' and 'z' are read as 'T' and 'Z', as RFC 3339 allows). Years 1000..9999. Returns nullopt for anything else,
// including impossible days (2022-02-30) and times (24:00).
std::optional<PublishedDate> parse_iso_date(std::string_view text);

// Writes the date back in ISO 8601 (seconds always shown when there is a
// time). parse_iso_date(format_iso_date(d)) == d.
std::string format_iso_date(const PublishedDate& date);

// "YYYYMMDDhhmmss", sorting as text in the order of publication: the moment
// in UTC when the offset is written, otherwise as written (date-only:
// "000000").
std::string sort_key(const PublishedDate& date);
// "YYYYMMDD"; sorts as text.
std::string day_key(const PublishedDate& date);
// "YYYY"
std::string year_key(const PublishedDate& date);
// "YYYY-MM"
std::string month_key(const PublishedDate& date);

// Days from 1970-01-01 to the given day (negative before); proleptic
// Gregorian calendar.
long days_from_civil(int year, int month, int day);

// The inverse of days_from_civil: the day `days` after 1970-01-01, as a
// date without time.
PublishedDate civil_from_days(long days);

// True for a valid Gregorian calendar day.
bool is_valid_day(int year, int month, int day);

}  // namespace warta
