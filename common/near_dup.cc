// near_dup: SimHash over word shingles.
#include "common/near_dup.h"

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <vector>

namespace warta {
namespace {

constexpr std::size_t kShingleWords = 3;

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// FNV's low bits are weak; SimHash needs every bit to be a fair coin.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// spread[b] has byte i equal to bit i of b: adding spread[byte] to a word
// of eight byte-wide counters counts eight bits at once.
constexpr std::array<std::uint64_t, 256> kSpreadBits = [] {
  std::array<std::uint64_t, 256> spread{};
  for (std::size_t b = 0; b < 256; ++b) {
    for (std::size_t i = 0; i < 8; ++i) spread[b] |= ((b >> i) & 1U) << (8 * i);
  }
  return spread;
}();

// ones[i] = how many of `hashes` have bit i set; eight additions per hash
// instead of 64.
std::array<std::uint32_t, 64> count_ones_by_bit(const std::vector<std::uint64_t>& hashes) {
  std::array<std::uint32_t, 64> ones{};
  constexpr std::size_t kMaxPerByte = 255;  // before a byte-wide counter overflows
  for (std::size_t start = 0; start < hashes.size(); start += kMaxPerByte) {
    std::array<std::uint64_t, 8> packed{};  // packed[k] byte i counts bit 8k+i
    std::size_t end = std::min(hashes.size(), start + kMaxPerByte);
    for (std::size_t j = start; j < end; ++j) {
      for (std::size_t k = 0; k < 8; ++k) packed[k] += kSpreadBits[(hashes[j] >> (8 * k)) & 0xFF];
    }
    for (std::size_t k = 0; k < 8; ++k) {
      for (std::size_t i = 0; i < 8; ++i) ones[8 * k + i] += static_cast<std::uint32_t>((packed[k] >> (8 * i)) & 0xFF);
    }
  }
  return ones;
}

}  // namespace

// Runs for every indexed article, so it allocates twice (the lowercased
// text and the shingle hashes) instead of once per word.
std::optional<std::uint64_t> simhash_of(std::string_view body) {
  std::string text;
  text.reserve(body.size());
  std::vector<std::string_view> words;
  std::size_t start = std::string::npos;
  for (char ch : body) {
    auto c = static_cast<unsigned char>(ch);
    if (is_word_byte(c)) {
      if (start == std::string::npos) start = text.size();
      text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    } else if (start != std::string::npos) {
      text.push_back(' ');
      start = std::string::npos;
    }
  }
  // Views are taken once `text` no longer grows.
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    words.emplace_back(text.data() + i, end - i);
    i = end + 1;
  }
  if (words.size() < kShingleWords) return std::nullopt;
  std::vector<std::uint64_t> shingles;
  shingles.reserve(words.size());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t k = 0; k < kShingleWords; ++k) {
      h = fnv1a(words[i + k], h);
      h = fnv1a(" ", h);
    }
    shingles.push_back(mix(h));
  }
  // Each distinct shingle votes once.
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  if (shingles.size() < kNearDupMinShingles) return std::nullopt;
  // Bit i is set when more than half of the shingles have it set.
  std::array<std::uint32_t, 64> ones = count_ones_by_bit(shingles);
  std::uint64_t fingerprint = 0;
  for (std::size_t bit = 0; bit < 64; ++bit) {
    if (2 * static_cast<std::size_t>(ones[bit]) > shingles.size()) fingerprint |= std::uint64_t{1} << bit;
  }
  return fingerprint;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

std::string fingerprint_to_value(std::uint64_t fingerprint) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[fingerprint & 0xF];
    fingerprint >>= 4;
  }
  return out;
}

std::optional<std::uint64_t> fingerprint_from_value(std::string_view value) {
  if (value.size() != 16) return std::nullopt;
  std::uint64_t out = 0;
  for (char c : value) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    out = (out << 4) | static_cast<std::uint64_t>(digit);
  }
  return out;
}

}  // namespace warta
