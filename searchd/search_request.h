// search_request: a decoded search, as the query builder and executor see
// it, whether it came as a POST body or GET parameters (protocol v1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace warta::searchd {

enum class SortOrder { kRelevance, kNewest, kOldest };

// Inclusive calendar days, "YYYY-MM-DD"; either end may be open.
struct DateRange {
  std::optional<std::string> from;
  std::optional<std::string> to;
  bool operator==(const DateRange&) const = default;
};

// One exact-value filter: the values of one field, OR-ed. Fields are AND-ed.
struct FieldFilter {
  std::string field;  // "source", "section", "author", "location", "lang", "tag"
  std::vector<std::string> values;
  bool operator==(const FieldFilter&) const = default;
};

// A facet to count: "source", "section", "author", "location", "lang",
// "tag", "year" or "month". `size` absent means the default (10; every
// bucket for year and month).
struct FacetRequest {
  std::string field;
  std::optional<int> size;
  bool operator==(const FacetRequest&) const = default;
};

inline constexpr int kDefaultLimit = 10;
inline constexpr int kMaxLimit = 100;
inline constexpr int kMaxOffset = 10000;
inline constexpr int kDefaultFacetSize = 10;
inline constexpr int kMaxFacetSize = 1000;
// Longer queries are refused: they only serve to make the matcher work.
inline constexpr std::size_t kMaxQueryBytes = 8192;  // room for a thousand ORs

struct SearchRequest {
  std::string q;                      // query syntax of DESIGN; empty browses
  std::vector<FieldFilter> filters;   // in the order given
  std::optional<DateRange> date;
  std::vector<FacetRequest> facets;   // in the order given
  std::optional<SortOrder> sort;      // absent: relevance with words, newest without
  int offset = 0;                     // 0..kMaxOffset
  int limit = kDefaultLimit;          // 0..kMaxLimit
  bool highlight = true;
  double recency = 0;                 // 0 = off; see executor for the formula
  // Date words of `q` ("kemarin", "Maret 2022", "since 2020") become a date
  // filter (see date_interpretation.h) unless this is false.
  bool interpret_dates = true;
  // "YYYY-MM-DD": the day those words count from; absent: today in WIB.
  std::optional<std::string> reference_date;
  bool collapse = false;              // near-duplicates grouped under their best hit
  bool operator==(const SearchRequest&) const = default;
};

}  // namespace warta::searchd
