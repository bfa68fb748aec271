// utf8: validation of UTF-8 byte strings.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace warta {

// Returns the byte offset of the first byte that is not part of a valid
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
// are invalid), or nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace warta
