// near_dup: SimHash over word shingles.
#include "common/near_dup.h"

#include <array>
#include <bit>
#include <unordered_set>
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

std::vector<std::string> words_of(std::string_view body) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : body) {
    auto c = static_cast<unsigned char>(ch);
    if (is_word_byte(c)) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::optional<std::uint64_t> simhash_of(std::string_view body) {
  std::vector<std::string> words = words_of(body);
  if (words.size() < kShingleWords) return std::nullopt;
  std::unordered_set<std::uint64_t> shingles;
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t k = 0; k < kShingleWords; ++k) {
      h = fnv1a(words[i + k], h);
      h = fnv1a(" ", h);
    }
    shingles.insert(mix(h));
  }
  if (shingles.size() < kNearDupMinShingles) return std::nullopt;
  std::array<long, 64> votes{};
  for (std::uint64_t h : shingles) {
    for (int bit = 0; bit < 64; ++bit) votes[static_cast<std::size_t>(bit)] += ((h >> bit) & 1U) != 0 ? 1 : -1;
  }
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (votes[static_cast<std::size_t>(bit)] > 0) fingerprint |= std::uint64_t{1} << bit;
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
