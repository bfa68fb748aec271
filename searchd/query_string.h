// query_string: splits and percent-decodes an application/x-www-form-urlencoded query string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace warta::searchd {

struct QueryParam {
  std::string name;
  std::string value;
  bool operator==(const QueryParam&) const = default;
};

// Exactly one of the two is meaningful: `error` set means `params` is empty.
struct ParsedQueryString {
  std::vector<QueryParam> params;  // in the order given, repeats kept
  std::optional<warta::Error> error;
};

// Splits `query` (the text after '?') at '&' and each part at its first '=',
// then percent-decodes both halves with '+' as a space. Empty parts are
// skipped; a part without '=' has an empty value. A malformed escape, or a
// decoded name or value that is not UTF-8, is a bad_request naming the parameter.
ParsedQueryString parse_query_string(std::string_view query);

}  // namespace warta::searchd
