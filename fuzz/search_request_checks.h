// search_request_checks: what a decoded search must satisfy, however it came.
#pragma once

#include "fuzz/fuzz_check.h"
#include "searchd/codec.h"

namespace warta::fuzz {

// Exactly one of request and error; errors are 400s that can be sent as
// JSON; requests are inside the protocol's bounds.
inline void check_decoded(const searchd::DecodedRequest& decoded) {
  WARTA_FUZZ_CHECK(decoded.request.has_value() != decoded.error.has_value());
  if (decoded.error) {
    WARTA_FUZZ_CHECK(decoded.error->code() == ErrorCode::kBadRequest);
    WARTA_FUZZ_CHECK(std::string_view(decoded.error->what()).size() > 0);
    const std::string body = searchd::encode_error(*decoded.error);
    WARTA_FUZZ_CHECK(nlohmann::json::accept(body));
    return;
  }
  const searchd::SearchRequest& request = *decoded.request;
  WARTA_FUZZ_CHECK(request.limit >= 0 && request.limit <= searchd::kMaxLimit);
  WARTA_FUZZ_CHECK(request.offset >= 0 && request.offset <= searchd::kMaxOffset);
  WARTA_FUZZ_CHECK(!find_invalid_utf8(request.q));
  for (const searchd::FacetRequest& facet : request.facets) {
    WARTA_FUZZ_CHECK(!facet.size || (*facet.size >= 0 && *facet.size <= searchd::kMaxFacetSize));
  }
  for (const searchd::FieldFilter& filter : request.filters) {
    for (const std::string& value : filter.values) WARTA_FUZZ_CHECK(!find_invalid_utf8(value));
  }
}

}  // namespace warta::fuzz
