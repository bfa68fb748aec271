// charset: text files from before UTF-8 (Windows-1252, ISO-8859-1, ...)
// converted to UTF-8, the charset detected from the bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace warta::indexer {

struct Converted {
  std::string text;     // UTF-8
  std::string charset;  // as detected, e.g. "WINDOWS-1252"
};

// For bytes that are not valid UTF-8: detects their charset (uchardet) and
// converts them (iconv). nullopt when no charset is detected or the bytes
// do not convert. Thread-safe.
std::optional<Converted> convert_to_utf8(std::string_view bytes);

}  // namespace warta::indexer
