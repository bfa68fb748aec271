#include "common/old_spelling.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(ModernSpelling, LetterRulesOfTheReform) {
  const std::pair<const char*, const char*> cases[] = {
      {"djakarta", "jakarta"},   {"tjara", "cara"},         {"jang", "yang"},
      {"njonja", "nyonya"},      {"sjarat", "syarat"},      {"achir", "akhir"},
      {"soedah", "sudah"},       {"mendjadi", "menjadi"},   {"bandjir", "banjir"},
      {"pertjaja", "percaya"},   {"saja", "saya"},          {"kaja", "kaya"},
      {"masjarakat", "masyarakat"}, {"rakjat", "rakyat"}, {"djoega", "juga"},
      {"itoe", "itu"},           {"oentoek", "untuk"},      {"tjoekoep", "cukup"},
      {"belandjanja", "belanjanya"}, {"chabar", "khabar"},
  };
  for (const auto& [old, modern] : cases) {
    auto m = modern_spelling(old);
    ASSERT_TRUE(m.has_value()) << old;
    EXPECT_EQ(*m, modern) << old;
  }
}

TEST(ModernSpelling, UnchangedWordsAndKeptNamesGiveNothing) {
  for (const char* word : {"dengan", "pemerintah", "bandung", "", "2019", "soekarno", "soeharto", "djarum",
                           "gadjah", "tjahjo"}) {
    EXPECT_FALSE(modern_spelling(word).has_value()) << word;
  }
  EXPECT_TRUE(is_kept_old_name("soekarno"));
  EXPECT_FALSE(is_kept_old_name("djakarta"));
}

TEST(ModernSpelling, BytesBeyondAsciiAreKept) {
  EXPECT_EQ(modern_spelling("djé"), "jé");
}

OldSpellingEvidence evidence_of(std::initializer_list<const char*> words) {
  OldSpellingEvidence e;
  for (const char* w : words) count_old_spelling_word(e, w, 1);
  return e;
}

TEST(OldSpellingEvidence, CountsOldFunctionWordsAndMarkers) {
  OldSpellingEvidence e = evidence_of({"jang", "djuga", "itoe", "djakarta", "tjara", "soekarno", "yang", "2019",
                                       "menjadi", "banjir", "masjid"});
  EXPECT_EQ(e.words, 10u);          // the number is not a word
  EXPECT_EQ(e.function_words, 3u);  // jang, djuga, itoe
  EXPECT_EQ(e.marker_words, 3u);    // djakarta, tjara, masjid (soekarno is a kept name)
}

PublishedDate day(int year, int month, int d) {
  PublishedDate date;
  date.year = year;
  date.month = month;
  date.day = d;
  return date;
}

TEST(OldSpelling, Thresholds) {
  PublishedDate before = day(1972, 8, 16);
  PublishedDate after = day(1972, 8, 17);
  // Three old function words in 300 words (1%) decide at any date.
  EXPECT_TRUE(is_old_spelling({300, 3, 0}, std::nullopt));
  EXPECT_TRUE(is_old_spelling({300, 3, 0}, after));
  EXPECT_FALSE(is_old_spelling({301, 3, 0}, after));
  EXPECT_FALSE(is_old_spelling({100, 2, 40}, std::nullopt));
  // Before the reform, one function word or three marker words will do.
  EXPECT_TRUE(is_old_spelling({500, 1, 0}, before));
  EXPECT_TRUE(is_old_spelling({500, 0, 3}, before));
  EXPECT_FALSE(is_old_spelling({500, 0, 2}, before));
  EXPECT_FALSE(is_old_spelling({500, 1, 2}, after));
  // A date alone is no evidence.
  EXPECT_FALSE(is_old_spelling({500, 0, 0}, day(1950, 1, 1)));
}

}  // namespace
}  // namespace warta
