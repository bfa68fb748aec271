// codec: protocol v1 searches (POST body or GET query) into SearchRequest, and responses and errors into JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "searchd/search_request.h"
#include "searchd/search_response.h"

namespace warta::searchd {

// The outcome of decoding a search: exactly one of the two is set. Every
// error is ErrorCode::kBadRequest, its message starting with the JSON path or
// parameter that was wrong ("filters.date.from: ...", "limit: ...").
struct DecodedRequest {
  std::optional<SearchRequest> request;
  std::optional<warta::Error> error;
};

// JSON nested deeper than this is refused before it is built.
inline constexpr int kMaxJsonDepth = 64;

// Decodes the body of POST /search (DESIGN "Protocol v1"). The body must be a
// UTF-8 JSON object of known fields; byte positions in messages count from 0.
// Filters come out in schema field order, so equal searches compare equal.
DecodedRequest decode_search_body(std::string_view body);

// Decodes the query string (after '?') of GET /search: q, one parameter per
// filter field (repeatable), from, to, facets ("source,month:12"), sort,
// offset, limit, highlight, recency, interpret_dates, reference_date, collapse.
// Decodes to what the same POST would.
DecodedRequest decode_search_query(std::string_view query_string);

// The response JSON of DESIGN: fields in protocol order, absent optional hit
// fields left out, `suggestion` null when absent; invalid UTF-8 becomes U+FFFD.
std::string encode_search_response(const SearchResponse& response);

// {"error": {"code": "<slug>", "message": "..."}}, compact.
std::string encode_error(const warta::Error& error);

// `text` as a JSON string: quoted, control characters (a NUL too) escaped,
// invalid UTF-8 replaced; for a caller's text repeated in a message.
std::string json_string(std::string_view text);

}  // namespace warta::searchd
