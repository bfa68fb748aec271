// Fuzz target: the query string of GET /search (searchd/query_string, searchd/codec).
#include "fuzz/fuzz_check.h"
#include "fuzz/search_request_checks.h"
#include "searchd/codec.h"
#include "searchd/query_string.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const std::string_view query = fuzz::as_text(data, size);
  const searchd::ParsedQueryString parsed = searchd::parse_query_string(query);
  if (parsed.error) {
    WARTA_FUZZ_CHECK(parsed.params.empty());
    WARTA_FUZZ_CHECK(parsed.error->code() == ErrorCode::kBadRequest);
  } else {
    for (const searchd::QueryParam& param : parsed.params) {
      WARTA_FUZZ_CHECK(!find_invalid_utf8(param.name) && !find_invalid_utf8(param.value));
    }
  }
  fuzz::check_decoded(searchd::decode_search_query(query));
  return 0;
}
