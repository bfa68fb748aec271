// dates: a strict ISO 8601 reader and the sortable keys stored in value slots.
#include "common/dates.h"

#include <cstdio>

namespace warta {
namespace {

// Reads exactly `n` ASCII digits at `pos`, advancing it.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

std::string pad(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

}  // namespace

long days_from_civil(int year, int month, int day) {
  // Howard Hinnant's algorithm: count from 0000-03-01 so leap days fall last.
  long y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

PublishedDate civil_from_days(long days) {
  // Howard Hinnant's algorithm, the inverse of days_from_civil.
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  PublishedDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

bool is_valid_day(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::optional<PublishedDate> parse_iso_date(std::string_view s) {
  PublishedDate d;
  std::size_t pos = 0;
  auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  auto m = digits(s, pos, 2);
  if (!m || !expect(s, pos, '-')) return std::nullopt;
  auto day = digits(s, pos, 2);
  if (!day) return std::nullopt;
  d.year = *y;
  d.month = *m;
  d.day = *day;
  if (d.year < 1000 || !is_valid_day(d.year, d.month, d.day)) return std::nullopt;
  if (pos == s.size()) return d;

  // RFC 3339 lets 't' and 'z' stand for 'T' and 'Z'.
  if (!expect(s, pos, 'T') && !expect(s, pos, 't') && !expect(s, pos, ' ')) return std::nullopt;
  auto hh = digits(s, pos, 2);
  if (!hh || !expect(s, pos, ':')) return std::nullopt;
  auto mm = digits(s, pos, 2);
  if (!mm) return std::nullopt;
  d.has_time = true;
  d.hour = *hh;
  d.minute = *mm;
  if (expect(s, pos, ':')) {
    auto ss = digits(s, pos, 2);
    if (!ss) return std::nullopt;
    d.second = *ss;
    if (expect(s, pos, '.') || expect(s, pos, ',')) {
      std::size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  // A leap second (":60") is accepted as 59 so that it keeps its minute.
  if (d.hour > 23 || d.minute > 59 || d.second > 60) return std::nullopt;
  if (d.second == 60) d.second = 59;
  if (pos == s.size()) return d;

  if (expect(s, pos, 'Z') || expect(s, pos, 'z')) {
    d.offset_minutes = 0;
  } else {
    int sign = 0;
    if (expect(s, pos, '+')) sign = 1;
    else if (expect(s, pos, '-')) sign = -1;
    else return std::nullopt;
    auto oh = digits(s, pos, 2);
    if (!oh) return std::nullopt;
    int om = 0;
    if (pos < s.size()) {
      expect(s, pos, ':');
      auto mins = digits(s, pos, 2);
      if (!mins) return std::nullopt;
      om = *mins;
    }
    if (*oh > 14 || om > 59) return std::nullopt;
    d.offset_minutes = sign * (*oh * 60 + om);
  }
  if (pos != s.size()) return std::nullopt;
  return d;
}

std::string format_iso_date(const PublishedDate& d) {
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  if (d.has_time) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "T%02d:%02d:%02d", d.hour, d.minute,
                       d.second);
    if (d.offset_minutes) {
      int off = *d.offset_minutes;
      if (off == 0) {
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "Z");
      } else {
        int abs_off = off < 0 ? -off : off;
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%c%02d:%02d", off < 0 ? '-' : '+',
                      abs_off / 60, abs_off % 60);
      }
    }
  }
  return buf;
}

std::string sort_key(const PublishedDate& d) {
  if (!d.has_time || !d.offset_minutes || *d.offset_minutes == 0) {
    return day_key(d) + pad(d.hour, 2) + pad(d.minute, 2) + pad(d.second, 2);
  }
  // The moment in UTC, so that stories written in different offsets sort
  // by when they were published.
  constexpr long kMinutesPerDay = 24 * 60;
  long minutes = days_from_civil(d.year, d.month, d.day) * kMinutesPerDay + d.hour * 60 + d.minute - *d.offset_minutes;
  long days = minutes >= 0 ? minutes / kMinutesPerDay : -((-minutes + kMinutesPerDay - 1) / kMinutesPerDay);
  auto of_day = static_cast<int>(minutes - days * kMinutesPerDay);
  return day_key(civil_from_days(days)) + pad(of_day / 60, 2) + pad(of_day % 60, 2) + pad(d.second, 2);
}

std::string day_key(const PublishedDate& d) {
  return pad(d.year, 4) + pad(d.month, 2) + pad(d.day, 2);
}

std::string year_key(const PublishedDate& d) { return pad(d.year, 4); }

std::string month_key(const PublishedDate& d) { return pad(d.year, 4) + "-" + pad(d.month, 2); }

}  // namespace warta
