// date_phrases: a small word-level grammar of relative and absolute date
// phrases in Indonesian and English.
#include "common/date_phrases.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <initializer_list>

#include "common/dates.h"
#include "common/prose_dates.h"

namespace warta {
namespace {

// A whitespace-separated piece of the query.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string word;     // lowercase ASCII, trailing punctuation cut
  bool usable = false;  // may be part of a date phrase
  bool is_operator = false;
  bool ends_clause = false;  // punctuation after it: a phrase does not go on past it
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_operator_word(std::string_view raw) {
  for (std::string_view op : {"OR", "AND", "NOT", "XOR", "NEAR", "ADJ", "AND_MAYBE", "AND_NOT"}) {
    if (raw == op) return true;
  }
  return false;
}

std::vector<Token> tokenize(std::string_view q) {
  std::vector<Token> tokens;
  bool in_quote = false;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && is_space(q[i])) ++i;
    if (i == q.size()) break;
    Token t;
    t.begin = i;
    while (i < q.size() && !is_space(q[i])) ++i;
    t.end = i;
    std::string_view raw = q.substr(t.begin, t.end - t.begin);
    auto quotes = std::count(raw.begin(), raw.end(), '"');
    // Operators and syntax make a word part of the query's structure:
    // "-kemarin" excludes it, title:kemarin searches it, "(kemarin" groups it.
    bool syntax = raw.find_first_of("\":()*+[]{}<>=") != std::string_view::npos || raw.front() == '-';
    t.usable = !in_quote && quotes == 0 && !syntax;
    if (quotes % 2 == 1) in_quote = !in_quote;
    t.is_operator = is_operator_word(raw);
    std::string_view word = raw;
    while (!word.empty() && std::string_view(",.;!?").find(word.back()) != std::string_view::npos) {
      word.remove_suffix(1);
    }
    // "March 30, 2022": a comma after a day number keeps the date together.
    bool day_comma = raw.size() == word.size() + 1 && raw.back() == ',' && word.size() <= 2 &&
                     word.find_first_not_of("0123456789") == std::string_view::npos;
    t.ends_clause = word.size() < raw.size() && !day_comma;
    for (char c : word) {
      t.word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (t.word.empty() || t.is_operator) t.usable = false;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

// A range of days (since 1970-01-01), inclusive; an end may be open.
struct Range {
  std::optional<long> from;
  std::optional<long> to;
};

// Tokens [start, start + count) read as `range`.
struct Match {
  std::size_t count = 0;
  Range range;
};

long day_number(int year, int month, int day) { return days_from_civil(year, month, day); }

int days_in_month(int year, int month) {
  for (int d = 31; d > 28; --d) {
    if (is_valid_day(year, month, d)) return d;
  }
  return 28;
}

// The month `shift` months away from (year, month); `day` clamped to its length.
long shift_months(long day, int shift) {
  PublishedDate d = civil_from_days(day);
  long index = static_cast<long>(d.year) * 12 + (d.month - 1) + shift;
  long year = index >= 0 ? index / 12 : (index - 11) / 12;
  int y = static_cast<int>(year);
  int m = static_cast<int>(index - year * 12) + 1;
  return day_number(y, m, std::min(d.day, days_in_month(y, m)));
}

Range whole_month(int year, int month) {
  return {day_number(year, month, 1), day_number(year, month, days_in_month(year, month))};
}

Range whole_year(int year) { return {day_number(year, 1, 1), day_number(year, 12, 31)}; }

// Monday of the week of `day`: 1970-01-01 was a Thursday.
long monday_of(long day) { return day - (((day + 3) % 7) + 7) % 7; }

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

constexpr std::array<std::string_view, 11> kIndonesianNumbers = {
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"};
constexpr std::array<std::string_view, 11> kEnglishNumbers = {
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

// Reads phrases over the tokens of one query.
class PhraseReader {
 public:
  PhraseReader(const std::vector<Token>& tokens, long today) : tokens_(tokens), today_(today) {}

  // Phrases read only tokens before `end`.
  void set_end(std::size_t end) { end_ = end; }

  // The longest phrase that starts at token `i`, if any.
  std::optional<Match> phrase_at(std::size_t i) const {
    // Range words around one or two periods.
    if (is(i, {"sejak", "since", "mulai", "semenjak"})) {
      if (auto p = period_at(i + 1, true)) return Match{p->count + 1, {p->range.from, std::nullopt}};
    }
    if (is(i, {"sebelum", "before"})) {
      if (auto p = period_at(i + 1, true)) return Match{p->count + 1, {std::nullopt, *p->range.from - 1}};
    }
    if (is(i, {"setelah", "sesudah", "after"})) {
      if (auto p = period_at(i + 1, true)) return Match{p->count + 1, {*p->range.to + 1, std::nullopt}};
    }
    if (is(i, {"antara", "between"})) {
      if (auto m = pair_at(i + 1, {"dan", "and"})) return m;
    }
    if (is(i, {"dari", "from"})) {
      if (auto m = pair_at(i + 1, {"sampai", "hingga", "to", "until", "till"})) return m;
    }
    if (is(i, {"pada", "di", "in", "during", "selama"})) {
      if (auto p = period_at(i + 1, true)) return Match{p->count + 1, p->range};
    }
    return period_at(i, false);
  }

 private:
  const std::vector<Token>& tokens_;
  long today_;
  std::size_t end_ = 0;

  const std::string* word(std::size_t i) const {
    return i < end_ && i < tokens_.size() && tokens_[i].usable ? &tokens_[i].word : nullptr;
  }

  // Token `i` is usable and one of `words`.
  bool is(std::size_t i, std::initializer_list<std::string_view> words) const {
    const std::string* w = word(i);
    if (w == nullptr) return false;
    return std::find(words.begin(), words.end(), *w) != words.end();
  }

  // "P1 dan P2": from the start of the earlier to the end of the later.
  std::optional<Match> pair_at(std::size_t i, std::initializer_list<std::string_view> joiners) const {
    auto first = period_at(i, true);
    if (!first) return std::nullopt;
    std::size_t j = i + first->count;
    if (!is(j, joiners)) return std::nullopt;
    auto second = period_at(j + 1, true);
    if (!second) return std::nullopt;
    Range r{std::min(*first->range.from, *second->range.from), std::max(*first->range.to, *second->range.to)};
    return Match{first->count + second->count + 2, r};
  }

  std::optional<int> year_at(std::size_t i) const {
    const std::string* w = word(i);
    if (w == nullptr || w->size() != 4 || !is_digits(*w)) return std::nullopt;
    int year = to_int(*w);
    if (year < 1000) return std::nullopt;
    return year;
  }

  // "1990an", "1990-an", "1990s": the decade's first year.
  std::optional<int> decade_at(std::size_t i) const {
    const std::string* w = word(i);
    if (w == nullptr || w->size() < 5) return std::nullopt;
    std::string_view digits = std::string_view(*w).substr(0, 4);
    std::string_view rest = std::string_view(*w).substr(4);
    if (!is_digits(digits) || (rest != "an" && rest != "-an" && rest != "s")) return std::nullopt;
    int year = to_int(digits);
    if (year < 1000 || year % 10 != 0) return std::nullopt;
    return year;
  }

  std::optional<int> month_at(std::size_t i) const {
    const std::string* w = word(i);
    if (w == nullptr) return std::nullopt;
    std::string_view name = *w;
    if (name.ends_with('.')) name.remove_suffix(1);
    return month_of_name(name);
  }

  std::optional<int> day_of_month_at(std::size_t i) const {
    const std::string* w = word(i);
    if (w == nullptr || w->size() > 2 || !is_digits(*w)) return std::nullopt;
    int day = to_int(*w);
    if (day < 1 || day > 31) return std::nullopt;
    return day;
  }

  // A count: 1..99999 in digits, or a number word up to ten.
  std::optional<int> count_at(std::size_t i) const {
    const std::string* w = word(i);
    if (w == nullptr) return std::nullopt;
    if (is_digits(*w) && w->size() <= 5) {
      int n = to_int(*w);
      return n >= 1 ? std::optional<int>(n) : std::nullopt;
    }
    for (std::size_t n = 1; n < kIndonesianNumbers.size(); ++n) {
      if (*w == kIndonesianNumbers[n] || *w == kEnglishNumbers[n]) return static_cast<int>(n);
    }
    if (*w == "a" || *w == "an") return 1;
    return std::nullopt;
  }

  // One period: absolute ("tahun 2019", "Maret 2022", "17 Agustus 1945") or
  // relative ("kemarin", "bulan lalu", "3 days ago"). A bare year or decade
  // counts only after a word that makes it a date (`bare_year_ok`).
  std::optional<Match> period_at(std::size_t i, bool bare_year_ok) const {
    if (auto m = absolute_at(i, bare_year_ok)) return m;
    return relative_at(i);
  }

  std::optional<Match> absolute_at(std::size_t i, bool bare_year_ok) const {
    if (is(i, {"tahun", "year"})) {
      if (auto y = year_at(i + 1)) return Match{2, whole_year(*y)};
      if (auto d = decade_at(i + 1)) return Match{2, {day_number(*d, 1, 1), day_number(*d + 9, 12, 31)}};
    }
    if (auto day = day_of_month_at(i)) {
      auto month = month_at(i + 1);
      auto year = year_at(i + 2);
      if (month && year && is_valid_day(*year, *month, *day)) {
        long d = day_number(*year, *month, *day);
        return Match{3, {d, d}};
      }
    }
    if (auto month = month_at(i)) {
      if (auto year = year_at(i + 1)) return Match{2, whole_month(*year, *month)};
      auto day = day_of_month_at(i + 1);
      auto year = year_at(i + 2);
      if (day && year && is_valid_day(*year, *month, *day)) {
        long d = day_number(*year, *month, *day);
        return Match{3, {d, d}};
      }
    }
    if (bare_year_ok) {
      if (auto y = year_at(i)) return Match{1, whole_year(*y)};
      std::size_t skip = is(i, {"the"}) ? 1 : 0;
      if (auto d = decade_at(i + skip)) {
        return Match{skip + 1, {day_number(*d, 1, 1), day_number(*d + 9, 12, 31)}};
      }
    }
    return std::nullopt;
  }

  enum class Unit { kDay, kWeek, kMonth, kYear };

  std::optional<Unit> unit_at(std::size_t i) const {
    if (is(i, {"hari", "day", "days"})) return Unit::kDay;
    if (is(i, {"pekan", "minggu", "week", "weeks"})) return Unit::kWeek;
    if (is(i, {"bulan", "month", "months"})) return Unit::kMonth;
    if (is(i, {"tahun", "year", "years"})) return Unit::kYear;
    return std::nullopt;
  }

  // The whole unit `back` units before the current one (0: the current one,
  // up to today).
  Range calendar_unit(Unit unit, int back) const {
    PublishedDate t = civil_from_days(today_);
    switch (unit) {
      case Unit::kDay:
        return {today_ - back, today_ - back};
      case Unit::kWeek: {
        long monday = monday_of(today_) - 7L * back;
        return {monday, back == 0 ? today_ : monday + 6};
      }
      case Unit::kMonth: {
        PublishedDate m = civil_from_days(shift_months(day_number(t.year, t.month, 1), -back));
        Range r = whole_month(m.year, m.month);
        if (back == 0) r.to = today_;
        return r;
      }
      case Unit::kYear: {
        Range r = whole_year(t.year - back);
        if (back == 0) r.to = today_;
        return r;
      }
    }
    return {};
  }

  // The last `n` units up to today, today included: "7 hari terakhir" is
  // today and the 6 days before it; "3 bulan terakhir" starts the day after
  // the same day three months ago.
  Range rolling(Unit unit, int n) const {
    switch (unit) {
      case Unit::kDay:
        return {today_ - n + 1, today_};
      case Unit::kWeek:
        return {today_ - 7L * n + 1, today_};
      case Unit::kMonth:
        return {shift_months(today_, -n) + 1, today_};
      case Unit::kYear:
        return {shift_months(today_, -12 * n) + 1, today_};
    }
    return {};
  }

  std::optional<Match> relative_at(std::size_t i) const {
    // Single words and fixed pairs.
    if (is(i, {"kemarin"})) {
      if (is(i + 1, {"lusa"})) return Match{2, calendar_unit(Unit::kDay, 2)};
      return Match{1, calendar_unit(Unit::kDay, 1)};
    }
    if (is(i, {"yesterday"})) return Match{1, calendar_unit(Unit::kDay, 1)};
    if (is(i, {"today"})) return Match{1, calendar_unit(Unit::kDay, 0)};
    if (is(i, {"hari"}) && is(i + 1, {"ini"})) return Match{2, calendar_unit(Unit::kDay, 0)};
    // "bulan lalu", "pekan ini", "tahun kemarin": a unit, then this or last.
    if (auto unit = unit_at(i); unit && *unit != Unit::kDay) {
      if (is(i + 1, {"ini"})) return Match{2, calendar_unit(*unit, 0)};
      if (is(i + 1, {"lalu", "kemarin"})) return Match{2, calendar_unit(*unit, 1)};
    }
    // "this week", "last month", "past year".
    if (is(i, {"this", "last", "past"})) {
      auto unit = unit_at(i + 1);
      const std::string* unit_word = word(i + 1);
      bool singular = unit_word != nullptr && !unit_word->ends_with('s');
      if (unit && *unit != Unit::kDay && singular) {
        if (is(i, {"this"})) return Match{2, calendar_unit(*unit, 0)};
        if (is(i, {"last"})) return Match{2, calendar_unit(*unit, 1)};
        return Match{2, rolling(*unit, 1)};
      }
      // "last 7 days", "past 3 months".
      if (!is(i, {"this"})) {
        auto n = count_at(i + 1);
        auto counted = unit_at(i + 2);
        if (n && counted) return Match{3, rolling(*counted, *n)};
      }
    }
    // "2 hari lalu", "3 bulan yang lalu", "5 tahun silam", "7 hari terakhir",
    // "2 days ago".
    if (auto n = count_at(i)) {
      if (auto unit = unit_at(i + 1)) {
        std::size_t j = i + 2;
        if (is(j, {"terakhir"})) return Match{3, rolling(*unit, *n)};
        std::size_t yang = is(j, {"yang"}) ? 1 : 0;
        if (is(j + yang, {"lalu", "silam", "ago"})) return Match{3 + yang, calendar_unit(*unit, *n)};
      }
    }
    return std::nullopt;
  }
};

// Dates are written with four-digit years.
bool in_calendar(const Range& r) {
  static const long first = day_number(1000, 1, 1);
  static const long last = day_number(9999, 12, 31);
  auto ok = [](const std::optional<long>& d) { return !d || (*d >= first && *d <= last); };
  return ok(r.from) && ok(r.to);
}

std::string format_day(long day) {
  PublishedDate d = civil_from_days(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

std::optional<DatePhraseReading> read_date_phrases(std::string_view query, long reference_day) {
  std::vector<Token> tokens = tokenize(query);
  PhraseReader reader(tokens, reference_day);
  std::vector<bool> taken(tokens.size(), false);
  Range combined;
  DatePhraseReading reading;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // "Pekan, ini ..." is no phrase: stop at the first clause break.
    std::size_t clause_end = i;
    while (clause_end < tokens.size() && !tokens[clause_end].ends_clause) ++clause_end;
    reader.set_end(clause_end + 1);
    auto match = reader.phrase_at(i);
    if (!match) continue;
    std::size_t end = i + match->count;
    // An operand of OR, NOT ... stays: taking it would change the rest. A
    // phrase left alone is left whole ("OR 2 bulan lalu" keeps "bulan lalu").
    bool beside_operator = (i > 0 && tokens[i - 1].is_operator) || (end < tokens.size() && tokens[end].is_operator);
    if (beside_operator || !in_calendar(match->range)) {
      i = end - 1;
      continue;
    }
    for (std::size_t k = i; k < end; ++k) taken[k] = true;
    reading.phrases.emplace_back(query.substr(tokens[i].begin, tokens[end - 1].end - tokens[i].begin));
    if (match->range.from) combined.from = std::max(combined.from.value_or(*match->range.from), *match->range.from);
    if (match->range.to) combined.to = std::min(combined.to.value_or(*match->range.to), *match->range.to);
    i = end - 1;
  }
  if (reading.phrases.empty()) return std::nullopt;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (taken[i]) continue;
    if (!reading.remaining.empty()) reading.remaining.push_back(' ');
    reading.remaining.append(query.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
  }
  if (combined.from) reading.from = format_day(*combined.from);
  if (combined.to) reading.to = format_day(*combined.to);
  return reading;
}

long today_in_reference_zone() {
  using namespace std::chrono;
  auto now = system_clock::now() + minutes(kReferenceOffsetMinutes);
  return floor<days>(now).time_since_epoch().count();
}

}  // namespace warta
