// date_interpretation: date words of a search's `q` ("kemarin", "Maret 2022",
// "since 2020") taken out of the text query and turned into a date filter.
#pragma once

#include <optional>

#include "searchd/search_request.h"
#include "searchd/search_response.h"

namespace warta::searchd {

struct InterpretedSearch {
  SearchRequest request;                   // what to run: `q` without the date words, dates intersected
  std::optional<Interpreted> interpreted;  // what to show; nullopt when nothing was read
};

// Reads the date phrases of `request.q` (common/date_phrases.h) relative to
// the request's reference_date, else to today in WIB. The range they say is
// intersected with the request's own date filter (a range that does not meet
// it matches nothing); `interpreted` shows the range read from `q` and the
// rest of `q`. With interpret_dates false, or no date phrase in `q`, the
// request is returned as it is. `reference_date` must be a valid
// "YYYY-MM-DD" (the codec checks it).
InterpretedSearch interpret_dates(const SearchRequest& request);

}  // namespace warta::searchd
