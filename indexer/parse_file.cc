// parse_file: dispatch to the raw page and IPTC XML parsers.
#include "indexer/parse_file.h"

#include <spdlog/spdlog.h>

#include "common/utf8.h"
#include "indexer/charset.h"
#include "indexer/parse_news_xml.h"
#include "indexer/parse_raw_page.h"
#include "indexer/stable_id.h"

namespace warta::indexer {

std::optional<int> year_from_path(const std::string& path) {
  std::optional<int> year;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) break;  // the file name itself is not a folder
    std::string_view part(path.data() + start, end - start);
    if (part.size() == 4 && part.find_first_not_of("0123456789") == std::string_view::npos) {
      int value = std::stoi(std::string(part));
      if (value >= 1900 && value <= 2100) year = value;
    }
    start = end + 1;
  }
  return year;
}

std::vector<ParsedRecord> parse_whole_file(InputFormat format, std::string_view bytes, const std::string& path,
                                           std::vector<std::string>& warnings) {
  std::vector<ParsedRecord> records;
  if (format == InputFormat::kRaw) {
    // Pages from before UTF-8 are converted first, and the charset is said.
    std::optional<Converted> converted;
    if (find_invalid_utf8(bytes) && (converted = convert_to_utf8(bytes))) {
      spdlog::info("{}: converted from {} (detected)", path, converted->charset);
      bytes = converted->text;
    }
    RawPageResult page = parse_raw_page(bytes, RawPageContext{path, year_from_path(path)});
    warnings = std::move(page.warnings);
    if (converted) warnings.push_back("text: converted to UTF-8 from " + converted->charset + " (detected)");
    records.push_back(std::move(page.record));
  } else {
    records = parse_news_xml(bytes, path);
  }
  for (ParsedRecord& record : records) {
    if (record.article && record.article->id.empty()) record.article->id = stable_id(*record.article);
  }
  return records;
}

}  // namespace warta::indexer
