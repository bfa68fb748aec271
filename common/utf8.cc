// utf8: validation of UTF-8 byte strings, following Unicode Table 3-7 (well-formed byte sequences).
#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace warta {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Most text is ASCII: skip it eight bytes at a time.
    if (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = p[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    // The second byte's range is what rules out overlong forms (E0, F0),
    // surrogates (ED) and code points past U+10FFFF (F4).
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
    } else if (lead == 0xE0) {
      len = 3;
      lo = 0xA0;
    } else if (lead == 0xED) {
      len = 3;
      hi = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
      len = 3;
    } else if (lead == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      len = 4;
    } else if (lead == 0xF4) {
      len = 4;
      hi = 0x8F;
    } else {
      return i;  // 80..C1 (stray continuation or overlong lead) and F5..FF
    }
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) {
      return i;
    }
    for (std::size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        return i;
      }
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace warta
