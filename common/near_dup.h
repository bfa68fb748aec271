// near_dup: the near-duplicate fingerprint of an article body (64-bit
// SimHash over word 3-shingles) and its stored form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warta {

// Fingerprints this close (in differing bits) are near-duplicates. On
// id-news, pairs at 7 bits or fewer are copies of one text (81-100% of their
// words in sequence); two unrelated fingerprints are that close with odds of
// 4e-11, about 20 false pairs among a million articles (see BENCHMARKS.md).
inline constexpr int kNearDupMaxDistance = 7;
// Bodies with fewer shingles than this get no fingerprint: a short text
// says too little to call two articles the same story.
inline constexpr std::size_t kNearDupMinShingles = 20;

// The SimHash of `body`: words are lowercased runs of letters and digits
// (any non-ASCII byte counts as a letter), each distinct run of three
// consecutive words is hashed (64-bit FNV-1a, then mixed), and bit i of the
// result is the majority of bit i over the shingles. nullopt when the body
// has fewer than kNearDupMinShingles shingles.
std::optional<std::uint64_t> simhash_of(std::string_view body);

int hamming_distance(std::uint64_t a, std::uint64_t b);

// PERSISTED (Slot::kNearDupFingerprint): 16 lowercase hex digits.
std::string fingerprint_to_value(std::uint64_t fingerprint);
std::optional<std::uint64_t> fingerprint_from_value(std::string_view value);

}  // namespace warta
