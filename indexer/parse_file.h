// parse_file: a whole file in a page or XML format -> its articles, each
// with an id (a stable one when the file gives none).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/input_format.h"
#include "indexer/parse_jsonl.h"

namespace warta::indexer {

// Parses `bytes` (the whole file at `path`) as `format` (kRaw, kNitf or
// kNewsMl). Each result is an article or a reject; `warnings` collects what
// the parsers could not decide (a date left empty, a title that stands in).
// Never throws for bad input.
std::vector<ParsedRecord> parse_whole_file(InputFormat format, std::string_view bytes, const std::string& path,
                                           std::vector<std::string>& warnings);

// A year named by a folder of `path` ("archive/2022/03/x.txt" -> 2022), for
// dates printed without one.
std::optional<int> year_from_path(const std::string& path);

}  // namespace warta::indexer
