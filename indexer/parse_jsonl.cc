// parse_jsonl: validation in the order that gives the most useful reason.
#include "indexer/parse_jsonl.h"

#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace warta::indexer {

bool is_blank_line(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

ParsedRecord parse_jsonl_record(std::string_view line) {
  ParsedRecord result;
  if (auto bad = find_invalid_utf8(line)) {
    result.reject_reason = "invalid UTF-8 at byte " + std::to_string(*bad + 1);
    return result;
  }
  nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // Parse again with exceptions only on the rare bad line, for the position.
    try {
      auto reparsed = nlohmann::json::parse(line);
      (void)reparsed;
      result.reject_reason = "invalid JSON";
    } catch (const nlohmann::json::parse_error& e) {
      result.reject_reason = "invalid JSON at byte " + std::to_string(e.byte);
    } catch (const nlohmann::json::out_of_range&) {
      // The one other failure: a number beyond double's range ("1e400").
      result.reject_reason = "invalid JSON: a number out of range";
    }
    return result;
  }
  ArticleDecode decoded = article_from_json(value);
  result.ignored_fields = std::move(decoded.ignored_fields);
  if (!decoded.article) {
    result.reject_reason = std::move(decoded.error);
    return result;
  }
  if (std::string error = clean_article(*decoded.article); !error.empty()) {
    result.reject_reason = std::move(error);
    return result;
  }
  result.article = std::move(decoded.article);
  return result;
}

}  // namespace warta::indexer
