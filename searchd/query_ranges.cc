// query_ranges: date ranges checked, stray dots read as spaces.
#include "searchd/query_ranges.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "common/analysis.h"
#include "common/dates.h"
#include "common/error.h"

namespace warta::searchd {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// "YYYY-MM-DD" or "YYYYMMDD" as "YYYY-MM-DD" when it is a calendar day.
std::optional<std::string> day_of(std::string_view text) {
  std::string iso(text);
  if (text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2));
  }
  if (iso.size() != 10 || !parse_iso_date(iso)) return std::nullopt;
  return iso;
}

void check_date_range(std::string_view range) {
  auto bad = [&](const std::string& why) {
    return Error(ErrorCode::kBadRequest, "q: " + std::string(range) + ": " + why);
  };
  std::string_view ends = range.substr(kDateRangePrefix.size());
  std::size_t dots = ends.find("..");
  if (dots == std::string_view::npos || ends.find_first_not_of('.') == std::string_view::npos) {
    throw bad("a date range is written date:YYYY-MM-DD..YYYY-MM-DD (either end may be left out)");
  }
  std::string_view from = ends.substr(0, dots);
  std::string_view to = ends.substr(dots + 2);
  std::optional<std::string> first, last;
  for (auto [text, day] : {std::pair{from, &first}, std::pair{to, &last}}) {
    if (text.empty()) continue;
    *day = day_of(text);
    if (!*day) throw bad(std::string(text) + " is not a date (YYYY-MM-DD)");
  }
  if (first && last && *first > *last) throw bad(*first + " is after " + *last);
}

}  // namespace

std::string checked_ranges(const std::string& q) {
  std::string out;
  out.reserve(q.size());
  bool in_quotes = false;
  std::size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes || c == '"' || is_space(c)) {
      out += c;
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !is_space(q[end]) && q[end] != '"') ++end;
    std::string_view token(q.data() + i, end - i);
    std::string_view core = token;
    while (!core.empty() && (core.front() == '(' || core.front() == '-' || core.front() == '+')) core.remove_prefix(1);
    while (!core.empty() && core.back() == ')') core.remove_suffix(1);
    if (core.substr(0, kDateRangePrefix.size()) == kDateRangePrefix) {
      check_date_range(core);
      out += token;
    } else {
      for (std::size_t k = 0; k < token.size();) {
        if (token[k] == '.' && k + 1 < token.size() && token[k + 1] == '.') {
          while (k < token.size() && token[k] == '.') ++k;
          out += ' ';
        } else {
          out += token[k++];
        }
      }
    }
    i = end;
  }
  return out;
}

}  // namespace warta::searchd
