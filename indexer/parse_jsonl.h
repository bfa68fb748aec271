// parse_jsonl: one JSON Lines record -> a clean Article, or the reason it
// is rejected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace warta::indexer {

struct ParsedRecord {
  std::optional<Article> article;  // set when accepted
  std::string reject_reason;       // set when rejected
  std::vector<std::string> ignored_fields;
};

// Validates and decodes one line: valid UTF-8, one JSON object, the fields
// of the canonical format (see article_from_json), then clean_article.
// Never throws for bad input.
ParsedRecord parse_jsonl_record(std::string_view line);

// True when a line holds nothing but white space (such lines are skipped,
// not rejected).
bool is_blank_line(std::string_view line);

}  // namespace warta::indexer
