// Fuzz target: one NITF or NewsML-G2 document (indexer/parse_news_xml).
#include "fuzz/fuzz_check.h"
#include "indexer/parse_news_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace warta;
  const std::string_view xml = fuzz::as_text(data, size);
  (void)indexer::sniff_news_xml(xml);
  if (auto date = indexer::normalise_news_date(xml.substr(0, 64))) WARTA_FUZZ_CHECK(parse_iso_date(*date).has_value());
  const std::vector<indexer::ParsedRecord> records = indexer::parse_news_xml(xml, "fuzz.xml");
  WARTA_FUZZ_CHECK(!records.empty());
  for (const indexer::ParsedRecord& record : records) {
    WARTA_FUZZ_CHECK(record.article.has_value() == record.reject_reason.empty());
    WARTA_FUZZ_CHECK(!find_invalid_utf8(record.reject_reason));
    if (record.article) WARTA_FUZZ_CHECK(fuzz::is_printable_json(article_to_json(*record.article)));
  }
  return 0;
}
