#include "common/acronyms.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace warta {
namespace {

TEST(AcronymTable, MajorityVoteWithMinimumSupport) {
  AcronymTable t = AcronymTable::vote({{"kpu", "komisi pemilihan umum", 5},
                                       {"kpu", "kantor pelayanan utama", 2},
                                       {"asn", "aparatur sipil negara", 2},
                                       {"bawaslu", "badan pengawas pemilu", 1},
                                       {"lp", "lembaga pemasyarakatan", 3},
                                       {"lp", "lembaga pendidikan", 3}},
                                      kMinAcronymSupport);
  ASSERT_NE(t.find_acronym("kpu"), nullptr);
  EXPECT_EQ(t.find_acronym("kpu")->long_form, "komisi pemilihan umum");
  EXPECT_EQ(t.find_acronym("kpu")->support, 5u);
  EXPECT_EQ(t.find_acronym("kpu")->votes, 7u);
  EXPECT_NE(t.find_acronym("asn"), nullptr);
  EXPECT_EQ(t.find_acronym("bawaslu"), nullptr);  // below the minimum support
  EXPECT_EQ(t.find_acronym("lp"), nullptr);       // a tie is ambiguous
  ASSERT_EQ(t.find_long_form("komisi pemilihan umum").size(), 1u);
  EXPECT_EQ(t.max_long_form_words(), 3u);
}

TEST(AcronymTable, JsonRoundTripAndUnreadableText) {
  AcronymTable t = AcronymTable::vote({{"kpu", "komisi pemilihan umum", 5}}, kMinAcronymSupport);
  AcronymTable back = AcronymTable::from_json(t.to_json());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back.find_acronym("kpu")->support, 5u);
  EXPECT_EQ(AcronymTable::from_json("").size(), 0u);
  EXPECT_EQ(AcronymTable::from_json("{not json").size(), 0u);
}

TEST(AcronymTable, CuratedPairsReplaceOrRemoveMinedOnes) {
  AcronymTable t = AcronymTable::vote({{"kpu", "komisi pemilihan umum", 5}, {"asn", "aparatur sipil negara", 2}},
                                      kMinAcronymSupport);
  t.apply_curated({{"KPU", "Kantor Pelayanan  Utama"}, {"asn", ""}, {"Pemprov", "Pemerintah Provinsi"}});
  EXPECT_EQ(t.find_acronym("kpu")->long_form, "kantor pelayanan utama");
  EXPECT_EQ(t.find_acronym("kpu")->source, AcronymSource::kCurated);
  EXPECT_EQ(t.find_acronym("asn"), nullptr);
  EXPECT_EQ(t.find_acronym("pemprov")->long_form, "pemerintah provinsi");
  EXPECT_TRUE(t.find_long_form("komisi pemilihan umum").empty());
}

TEST(ReadCuratedAcronyms, FormatAndErrors) {
  test::TempDir dir;
  test::write_file(dir.file("ok.tsv"), "# comment\n\nKPU\tKomisi Pemilihan Umum\r\nASN\t-\n");
  auto pairs = read_curated_acronyms(dir.file("ok.tsv"));
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].acronym, "kpu");
  EXPECT_EQ(pairs[0].long_form, "komisi pemilihan umum");
  EXPECT_EQ(pairs[1].long_form, "");
  test::write_file(dir.file("bad.tsv"), "KPU\tKomisi Pemilihan Umum\nASN Aparatur\n");
  try {
    read_curated_acronyms(dir.file("bad.tsv"));
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "acronyms file " + dir.file("bad.tsv") + ":2: expected ACRONYM<TAB>long form");
  }
  EXPECT_THROW(read_curated_acronyms(dir.file("missing.tsv")), std::runtime_error);
}

}  // namespace
}  // namespace warta
