// Fuzz target: the JSON body of POST /search (searchd/codec).
#include "fuzz/fuzz_check.h"
#include "fuzz/search_request_checks.h"
#include "searchd/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  warta::fuzz::check_decoded(warta::searchd::decode_search_body(warta::fuzz::as_text(data, size)));
  return 0;
}
