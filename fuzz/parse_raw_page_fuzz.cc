// Fuzz target: one scraped page as plain text (indexer/parse_raw_page).
#include "fuzz/fuzz_check.h"
#include "indexer/parse_raw_page.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const std::string_view text = fuzz::as_text(data, size);
  (void)indexer::looks_like_raw_page(text);
  if (auto dateline = indexer::parse_dateline(text)) WARTA_FUZZ_CHECK(dateline->length <= text.size());
  const indexer::RawPageResult result = indexer::parse_raw_page(text, {"fuzz.txt", 2022});
  const indexer::ParsedRecord& record = result.record;
  WARTA_FUZZ_CHECK(record.article.has_value() == record.reject_reason.empty());
  for (const std::string& warning : result.warnings) WARTA_FUZZ_CHECK(!find_invalid_utf8(warning));
  if (!record.article) return 0;
  WARTA_FUZZ_CHECK(!record.article->title.empty());
  WARTA_FUZZ_CHECK(!record.article->body.empty());
  WARTA_FUZZ_CHECK(fuzz::is_printable_json(article_to_json(*record.article)));
  return 0;
}
