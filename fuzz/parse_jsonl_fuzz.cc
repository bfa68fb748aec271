// Fuzz target: one JSON Lines record (indexer/parse_jsonl).
#include "fuzz/fuzz_check.h"
#include "indexer/parse_jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const std::string_view line = fuzz::as_text(data, size);
  (void)indexer::is_blank_line(line);
  const indexer::ParsedRecord record = indexer::parse_jsonl_record(line);
  WARTA_FUZZ_CHECK(record.article.has_value() == record.reject_reason.empty());
  if (!record.article) return 0;
  const nlohmann::json json = article_to_json(*record.article);
  WARTA_FUZZ_CHECK(fuzz::is_printable_json(json));
  // An accepted article written out as a record (as --dry-run does) is
  // accepted again. Not necessarily equal: the mojibake repair may find
  // more to repair in text it has already repaired once.
  const indexer::ParsedRecord again = indexer::parse_jsonl_record(json.dump());
  WARTA_FUZZ_CHECK(again.article.has_value());
  WARTA_FUZZ_CHECK(again.article->id == record.article->id);
  return 0;
}
