// input_format: which parser reads a file, named on the command line or told
// from the file's first bytes.
#pragma once

#include <optional>
#include <string_view>

namespace warta::indexer {

enum class InputFormat { kAuto, kJsonl, kRaw, kNitf, kNewsMl };

// "auto", "jsonl", "raw", "nitf", "newsml" -> the format; nullopt otherwise.
std::optional<InputFormat> format_from_name(std::string_view name);
const char* format_name(InputFormat format);

// Tells a file's format from its first (decompressed) bytes, never kAuto:
// JSON Lines when the first non-blank byte is '{'; NITF or NewsML-G2 for XML
// with a <nitf> or <newsItem>/<newsMessage> element (other XML counts as NITF,
// whose parser then names the root element it found); a raw text page
// otherwise.
InputFormat sniff_format(std::string_view head);

// A file's format when the run is told none: JSON Lines whenever its name
// says so (*.jsonl, *.ndjson, either also .gz), whatever its first line holds,
// so that a damaged first record is rejected like any other line instead of
// turning the whole file into one page; sniff_format(head) otherwise.
InputFormat format_of_file(std::string_view name, std::string_view head);

}  // namespace warta::indexer
