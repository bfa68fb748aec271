#include "indexer/acronym_miner.h"

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end > i) out.emplace_back(text.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

TEST(AcronymFits, InitialismsAndSyllabicAcronyms) {
  struct Case {
    const char* acronym;
    const char* long_form;
    bool fits;
  } cases[] = {
      {"KPU", "Komisi Pemilihan Umum", true},
      {"ASN", "Aparatur Sipil Negara", true},
      {"Kemendagri", "Kementerian Dalam Negeri", true},
      {"Pemprov", "Pemerintah Provinsi", true},
      {"Puspen", "Pusat Penerangan", true},
      {"Polda", "Kepolisian Daerah", true},
      {"Kapolri", "Kepala Kepolisian Republik Indonesia", true},
      {"Bappenas", "Badan Perencanaan Pembangunan Nasional", true},
      {"BPOM", "Badan Pengawas Obat dan Makanan", true},  // "dan" gives no letter
      {"Kemenkumham", "Kementerian Hukum dan HAM", true},
      {"UN", "United Nations", true},
      {"WHO", "World Health Organization", true},
      // Every content word must give a letter; the first and last words too.
      {"KPU", "Komisi Pemilihan Umum Daerah", false},
      {"KPK", "Komisi Pemilihan Umum", false},
      {"KPU", "dan Komisi Pemilihan Umum", false},
      // A vowel inside a word is not where a word's letters may start.
      {"KA", "Kereta Api", true},
      {"PE", "PT Pertamina", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(acronym_fits(c.acronym, words(c.long_form)), c.fits) << c.acronym << " = " << c.long_form;
  }
}

TEST(FindAcronymDefinitions, LongFormThenAcronym) {
  auto found = find_acronym_definitions(
      "Menurut Komisi Pemilihan Umum (KPU) pemilu berjalan lancar. Pejabat Kementerian Dalam Negeri "
      "(Kemendagri) hadir.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].acronym, "KPU");
  EXPECT_EQ(found[0].long_form, "Komisi Pemilihan Umum");
  EXPECT_EQ(found[1].acronym, "Kemendagri");
  EXPECT_EQ(found[1].long_form, "Kementerian Dalam Negeri");
}

TEST(FindAcronymDefinitions, AcronymThenLongForm) {
  auto found = find_acronym_definitions("Ketua KPU (Komisi Pemilihan Umum) Arief Budiman berkata.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].acronym, "KPU");
  EXPECT_EQ(found[0].long_form, "Komisi Pemilihan Umum");
}

TEST(FindAcronymDefinitions, ShortestLongFormThatFits) {
  // "Kepala" would fit a "Kapolda", not a "Polda": the shorter run wins.
  auto found = find_acronym_definitions("kata Kepala Kepolisian Daerah (Polda) Jawa Barat");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].long_form, "Kepolisian Daerah");
}

TEST(FindAcronymDefinitions, AnExactInitialismBeatsAShorterLooserFit) {
  auto found = find_acronym_definitions("lulusan Akademi Angkatan Laut (AAL) tahun ini");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].long_form, "Akademi Angkatan Laut");
}

// Regression: "Pemilihan Presiden dan Wakil Presiden (Pilpres)" was read as
// "Presiden dan Wakil Presiden", taking the closing "l" of "Wakil".
TEST(FindAcronymDefinitions, LettersStartAtASyllableNotAtAClosingConsonant) {
  EXPECT_FALSE(acronym_fits("Pilpres", words("Presiden dan Wakil Presiden")));
  EXPECT_TRUE(acronym_fits("Bawaslu", words("Badan Pengawas Pemilu")));
  auto found = find_acronym_definitions("Pemilihan Presiden (Pilpres) digelar");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].long_form, "Pemilihan Presiden");
}

TEST(FindAcronymDefinitions, IgnoresWhatIsNotADefinition) {
  EXPECT_TRUE(find_acronym_definitions("Jokowi berada di Bandung (Jawa Barat) kemarin.").empty());
  EXPECT_TRUE(find_acronym_definitions("Senin (27/3) dan Rabu (29/3).").empty());
  EXPECT_TRUE(find_acronym_definitions("pernyataan Kementerian, Dalam Negeri (KDN)").empty());  // crosses a comma
  EXPECT_TRUE(find_acronym_definitions("kata dia (Ahmad).").empty());
  EXPECT_TRUE(find_acronym_definitions("tanda kurung ( tanpa penutup").empty());
  EXPECT_TRUE(find_acronym_definitions("").empty());
}

// Regression guard: a long run of letters must not make the matcher slow.
TEST(AcronymFits, PathologicalInputIsCheap) {
  std::vector<std::string> long_form(12, std::string(40, 'a'));
  EXPECT_FALSE(acronym_fits("AAAAAAAAAAAAAAB", long_form));
}

}  // namespace
}  // namespace warta::indexer
