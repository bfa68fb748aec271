#include "common/near_dup.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace warta {
namespace {

const char* kStory =
    "Harga beras di sejumlah pasar tradisional di Jakarta naik tajam dalam sepekan terakhir. Pedagang di "
    "Pasar Induk Cipinang mengatakan pasokan dari daerah sentra produksi berkurang karena panen mundur akibat "
    "hujan yang turun terus menerus. Harga beras medium kini mencapai empat belas ribu rupiah per kilogram, naik "
    "dua ribu rupiah dibanding bulan lalu. Pemerintah berjanji menggelar operasi pasar di tiga puluh titik mulai "
    "Senin depan untuk menahan kenaikan harga.";

TEST(SimHash, SmallEditsStayCloseOtherTextsDoNot) {
  auto original = simhash_of(kStory);
  ASSERT_TRUE(original);
  auto edited = simhash_of(std::string("JAKARTA, KOMPAS.com - ") + kStory + " (ant/red)");
  ASSERT_TRUE(edited);
  EXPECT_LE(hamming_distance(*original, *edited), kNearDupMaxDistance);
  auto other = simhash_of(
      "Petani di Karawang mulai memanen padi setelah hujan reda. Kelompok tani memperkirakan hasil panen tahun "
      "ini lebih rendah karena banyak sawah terendam banjir pada awal musim tanam. Mereka berharap harga gabah "
      "kering tetap tinggi sehingga biaya pupuk dan sewa traktor bisa tertutup.");
  ASSERT_TRUE(other);
  EXPECT_GT(hamming_distance(*original, *other), kNearDupMaxDistance);
  // Case and punctuation are not part of the text.
  std::string shouted(kStory);
  for (char& c : shouted) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  EXPECT_EQ(simhash_of(shouted), original);
}

// The fingerprint is stored in the index, so it must not change with the
// implementation: this is the algorithm as near_dup.h states it, written plainly.
std::uint64_t reference_simhash(const std::string& body) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : body + " ") {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  std::set<std::uint64_t> shingles;
  for (std::size_t i = 0; i + 3 <= words.size(); ++i) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const std::string& part : {words[i], std::string(" "), words[i + 1], std::string(" "), words[i + 2], std::string(" ")}) {
      for (char c : part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    shingles.insert(h);
  }
  std::array<long, 64> votes{};
  for (std::uint64_t h : shingles) {
    for (std::size_t bit = 0; bit < 64; ++bit) votes[bit] += ((h >> bit) & 1U) != 0 ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (std::size_t bit = 0; bit < 64; ++bit) out |= votes[bit] > 0 ? std::uint64_t{1} << bit : 0;
  return out;
}

TEST(SimHash, MatchesTheDocumentedAlgorithm) {
  std::string repeated = std::string(kStory) + " " + kStory;  // repeated shingles vote once
  std::string accented = std::string("Kafé di Jalan Sudirman—buka 24 jam… ") + kStory;
  std::string long_text;  // over 255 distinct shingles: the counts carry past one byte
  for (int i = 0; i < 700; ++i) long_text += "kata" + std::to_string(i % 350) + (i % 3 == 0 ? " dan " : " ");
  for (const std::string& text : {std::string(kStory), repeated, accented, long_text}) {
    auto fingerprint = simhash_of(text);
    ASSERT_TRUE(fingerprint) << text;
    EXPECT_EQ(*fingerprint, reference_simhash(text)) << text;
  }
}

TEST(SimHash, ShortBodiesHaveNone) {
  EXPECT_FALSE(simhash_of("Banjir melanda Jakarta pagi ini."));
  EXPECT_FALSE(simhash_of(""));
}

TEST(SimHash, StoredValueRoundTrips) {
  EXPECT_EQ(fingerprint_to_value(0x0123456789abcdefULL), "0123456789abcdef");
  EXPECT_EQ(fingerprint_from_value("0123456789abcdef"), 0x0123456789abcdefULL);
  EXPECT_FALSE(fingerprint_from_value("0123456789ABCDEF"));
  EXPECT_FALSE(fingerprint_from_value("123"));
}

}  // namespace
}  // namespace warta
