// word_list: the curated lists compiled into the binaries (stop words,
// stemming lexicon, kept names) share one format: one entry a line, `#`
// comments, blank lines ignored, trailing spaces and CRs dropped.
#pragma once

#include <string_view>
#include <vector>

namespace warta {

// The entries of a list in that format, in order, as views into `text`.
std::vector<std::string_view> list_entries(std::string_view text);

}  // namespace warta
