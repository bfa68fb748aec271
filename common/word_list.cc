// word_list: splitting the embedded lists into entries.
#include "common/word_list.h"

namespace warta {

std::vector<std::string_view> list_entries(std::string_view text) {
  std::vector<std::string_view> entries;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') entries.push_back(line);
  }
  return entries;
}

}  // namespace warta
