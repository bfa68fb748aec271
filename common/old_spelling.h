// old_spelling: Indonesian text in the spellings before the 1972 reform
// (Van Ophuijsen 1901, Soewandi 1947): telling it apart, and the modern
// spelling of its words ("Djakarta" -> "jakarta", "tjara" -> "cara").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/dates.h"

namespace warta {

// The reform (Ejaan yang Disempurnakan) took effect on 17 August 1972.
inline constexpr int kSpellingReformYear = 1972;
inline constexpr int kSpellingReformMonth = 8;
inline constexpr int kSpellingReformDay = 17;

// What an article's words say about its spelling. Counts are occurrences.
struct OldSpellingEvidence {
  std::size_t words = 0;           // words (not numbers) of the text
  std::size_t function_words = 0;  // old spellings of modern function words: "jang", "djuga", "itoe"
  std::size_t marker_words = 0;    // other words with dj, tj, sj or oe (kept names excluded)
};

// Adds one word (lowercase, as the TermGenerator makes terms) seen `count` times.
void count_old_spelling_word(OldSpellingEvidence& evidence, std::string_view word, std::size_t count);

// The thresholds (documented in docs/schema.md): old spelling when
//  - at least 3 function words in the old spelling, making at least 1% of
//    the words (any date, or none); or
//  - published before 17 August 1972 with at least 1 such function word or
//    at least 3 marker words.
// A date alone is not enough: archives re-typed in the modern spelling exist.
inline constexpr std::size_t kMinFunctionWords = 3;
inline constexpr double kMinFunctionWordShare = 0.01;
inline constexpr std::size_t kMinMarkerWordsBeforeReform = 3;
bool is_old_spelling(const OldSpellingEvidence& evidence, const std::optional<PublishedDate>& published);

// The modern spelling of `word` (lowercase) read as old spelling: dj -> j,
// tj -> c, sj -> sy, nj -> ny, ch -> kh, oe -> u, and any other j -> y (the
// old j is the modern y: "jang" -> "yang", "saja" -> "saya"). nullopt when
// nothing changes or the word is a name still written the old way
// (common/lexicon/old-spelling-names.txt). Bytes other than ASCII letters
// are kept as they are.
std::optional<std::string> modern_spelling(std::string_view word);

// True for a word of common/lexicon/old-spelling-names.txt ("soekarno", "djarum").
bool is_kept_old_name(std::string_view word);

}  // namespace warta
