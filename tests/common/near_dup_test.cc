#include "common/near_dup.h"

#include <gtest/gtest.h>

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
