// prose_dates: dates written in news prose ("Rabu (30/3/2022)", "30 Maret 2022") and the publication date among them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/dates.h"

namespace warta {

// What the caller knows about the text's time, from outside the text.
struct DateContext {
  // The year of the file's other dates or of its folder; completes "Senin
  // (27/3)" and picks the century of a two-digit year. nullopt: unknown.
  std::optional<int> reference_year;
};

// How a date was written (the date part; a day name before it is recorded
// separately in DateMention::has_day_name).
enum class DateForm {
  numeric,         // day first: "30/3/2022", "30-03-2022", "30.03.2022", "(27/3)", "(30/3/22)"
  day_month_name,  // "30 Maret 2022", "29 Okt 2024", "30 March 2022"
  month_name_day,  // "March 30, 2022", "Mar 30 2022"
  year_first,      // "2022-03-30", "2022/03/30", "2022-03-30T17:40:00+07:00"
};

// "numeric", "day_month_name", "month_name_day", "year_first".
const char* date_form_name(DateForm form);

// The month (1..12) a lowercase Indonesian or English month name or
// abbreviation stands for ("maret", "march", "mar", "agt"), or nullopt.
std::optional<int> month_of_name(std::string_view lowercase_word);

// One date phrase found in a text.
struct DateMention {
  std::size_t offset = 0;  // byte offset of the phrase (its day name when it has one)
  std::size_t length = 0;  // bytes, through the time zone or closing parenthesis
  PublishedDate date;      // with the time (and offset for WIB/WITA/WIT, GMT, +hh:mm) when written
  DateForm form = DateForm::numeric;
  bool has_day_name = false;    // "Rabu (30/3/2022)", "Wednesday, March 30, 2022"
  bool weekday_matches = true;  // false: the day name is not the calendar's weekday for the date
  bool year_inferred = false;   // the year came from DateContext::reference_year ("Senin (27/3)")
};

// Every date phrase in UTF-8 `text`, in order, not overlapping; case-insensitive.
// Impossible days are not dates; a numeric date needs a day name or a 4-digit
// year ("1/2 porsi", "3/1", "Rp30/3" are not); "Senin (27/3)" counts only with
// context.reference_year. Forms and time zones: see DateForm and the tests.
std::vector<DateMention> find_date_mentions(std::string_view text, const DateContext& context);

// The outcome of looking for a text's publication date.
struct DateDecision {
  std::optional<PublishedDate> date;
  std::string source;                 // "dateline" or "header"; empty when there is no date
  std::vector<std::string> warnings;  // each starts "published_at: "
};

// The publication date of a raw page or a body: a day-name date in the lead
// (first 3 sentences, first 2 paragraphs) or a date line alone in the header.
// Event dates, a weekday that does not match, or two different days give no
// date and a warning. Rules and their evidence: atop the lead window in the .cc.
DateDecision pick_publication_date(std::string_view text, const DateContext& context);

}  // namespace warta
