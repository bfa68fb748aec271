// input_format: names and content sniffing.
#include "indexer/input_format.h"

namespace warta::indexer {

std::optional<InputFormat> format_from_name(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "raw") return InputFormat::kRaw;
  if (name == "nitf") return InputFormat::kNitf;
  if (name == "newsml") return InputFormat::kNewsMl;
  return std::nullopt;
}

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kJsonl:
      return "jsonl";
    case InputFormat::kRaw:
      return "raw";
    case InputFormat::kNitf:
      return "nitf";
    case InputFormat::kNewsMl:
      return "newsml";
  }
  return "auto";
}

InputFormat sniff_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return InputFormat::kRaw;
  if (head[start] == '{') return InputFormat::kJsonl;
  if (head[start] == '<') {
    if (head.find("<nitf") != std::string_view::npos) return InputFormat::kNitf;
    if (head.find("newsItem") != std::string_view::npos || head.find("newsMessage") != std::string_view::npos) {
      return InputFormat::kNewsMl;
    }
    return InputFormat::kNitf;
  }
  return InputFormat::kRaw;
}

InputFormat format_of_file(std::string_view name, std::string_view head) {
  auto ends_with = [](std::string_view text, std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
  };
  if (ends_with(name, ".gz")) name.remove_suffix(3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::kJsonl;
  return sniff_format(head);
}

}  // namespace warta::indexer
