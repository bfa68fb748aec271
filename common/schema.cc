// schema: the prefix table and the term makers.
#include "common/schema.h"

#include <array>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "common/text_clean.h"

namespace warta::schema {
namespace {

// PERSISTED: the prefixes follow Xapian Omega's conventions where one exists.
constexpr std::array<FieldSpec, 7> kFields{{
    {"title", "S", "", std::nullopt, false},
    {"source", "XWSOURCE", "XSOURCE", Slot::kSource, false},
    {"section", "XWSECTION", "XSECTION", Slot::kSection, false},
    {"author", "A", "XAUTHOR", Slot::kAuthors, true},
    {"location", "XWLOC", "XLOC", Slot::kLocation, false},
    {"lang", "", "L", Slot::kLang, false},
    {"tag", "XWTAG", "K", Slot::kTags, true},
}};

constexpr std::string_view kIdPrefix = "Q";
constexpr std::string_view kYearPrefix = "Y";
constexpr std::string_view kMonthPrefix = "M";
constexpr std::string_view kDayPrefix = "D";
constexpr std::string_view kSourceFilePrefix = "XFILE";
// Xapian's TermGenerator and QueryParser put stems under "Z" + field prefix.
constexpr std::string_view kStemPrefix = "Z";
constexpr std::string_view kAcronymPairPrefix = "XACRO";
constexpr std::string_view kDupClusterPrefix = "XDUP";

// Xapian refuses terms over 245 bytes; cut long values at a UTF-8 boundary.
constexpr std::size_t kMaxTermBytes = 240;

std::string join_term(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix);
  std::size_t room = kMaxTermBytes > prefix.size() ? kMaxTermBytes - prefix.size() : 0;
  if (value.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    value = value.substr(0, cut);
  }
  term.append(value);
  return term;
}

std::string two_digits(int n) {
  std::string s = std::to_string(n);
  return n < 10 ? "0" + s : s;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  if (is_ascii(s)) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toLower(icu::Locale::getRoot())
      .toUTF8String(out);
  return out;
}

std::string title_case(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toTitle(nullptr, icu::Locale::getRoot())
      .toUTF8String(out);
  return out;
}

}  // namespace

std::span<const FieldSpec> fields() { return kFields; }

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string id_term(std::string_view id) { return join_term(kIdPrefix, id); }

std::string exact_term(const FieldSpec& field, std::string_view value) {
  return join_term(field.exact_prefix, facet_key(value));
}

std::string year_term(int year) { return std::string(kYearPrefix) + std::to_string(year); }

std::string month_term(int year, int month) {
  return std::string(kMonthPrefix) + std::to_string(year) + two_digits(month);
}

std::string day_term(int year, int month, int day) {
  return std::string(kDayPrefix) + std::to_string(year) + two_digits(month) + two_digits(day);
}

namespace {

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

CalendarDay next_day(CalendarDay d) {
  if (d.day < days_in_month(d.year, d.month)) return {d.year, d.month, d.day + 1};
  if (d.month < 12) return {d.year, d.month + 1, 1};
  return {d.year + 1, 1, 1};
}

}  // namespace

std::vector<std::string> date_range_terms(CalendarDay first, CalendarDay last) {
  std::vector<std::string> terms;
  CalendarDay day = first;
  while (day <= last) {
    if (day.month == 1 && day.day == 1 && CalendarDay{day.year, 12, 31} <= last) {
      terms.push_back(year_term(day.year));
      day = {day.year + 1, 1, 1};
    } else if (day.day == 1 && CalendarDay{day.year, day.month, days_in_month(day.year, day.month)} <= last) {
      terms.push_back(month_term(day.year, day.month));
      day = day.month < 12 ? CalendarDay{day.year, day.month + 1, 1} : CalendarDay{day.year + 1, 1, 1};
    } else {
      terms.push_back(day_term(day.year, day.month, day.day));
      day = next_day(day);
    }
  }
  return terms;
}

std::string source_file_prefix(std::string_view path_key) {
  return std::string(kSourceFilePrefix) + std::string(path_key) + ":";
}

std::string source_file_term(std::string_view path_key, std::string_view content_key) {
  return source_file_prefix(path_key) + std::string(content_key);
}

std::string file_record_key(std::string_view path_key) {
  return std::string(kMetaFileRecordPrefix) + std::string(path_key);
}

std::string_view id_prefix() { return kIdPrefix; }
std::string_view year_prefix() { return kYearPrefix; }
std::string_view month_prefix() { return kMonthPrefix; }
std::string_view day_prefix() { return kDayPrefix; }
std::string_view title_prefix() { return kFields[0].text_prefix; }
std::string_view stem_prefix() { return kStemPrefix; }

std::string acronym_pair_term(std::string_view acronym, std::string_view long_form) {
  std::string value(acronym);
  value.push_back(kAcronymPairSeparator);
  value.append(long_form);
  return join_term(kAcronymPairPrefix, value);
}
std::string_view acronym_pair_prefix() { return kAcronymPairPrefix; }

std::string dup_cluster_term(std::string_view cluster_key) { return join_term(kDupClusterPrefix, cluster_key); }
std::string_view dup_cluster_prefix() { return kDupClusterPrefix; }

std::string facet_key(std::string_view value) { return lower(clean_line(value)); }

std::string facet_value(const FieldSpec& field, std::string_view raw) {
  std::string value = clean_line(raw);
  if (field.name == "source" || field.name == "lang" || field.name == "tag") return lower(value);
  if (field.name == "section" || field.name == "location") {
    std::string low = lower(value);
    if (low == value) return title_case(value);
    std::string up;
    icu::UnicodeString::fromUTF8(value).toUpper(icu::Locale::getRoot()).toUTF8String(up);
    if (up == value) return title_case(value);
  }
  return value;
}

}  // namespace warta::schema
