// The Indonesian stemmer against hand-checked word families: pairs of one
// family should share a stem (recall), pairs of different families should
// not (precision). Snowball's Indonesian stemmer is measured alongside.
#include "common/indonesian_stemmer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace warta {
namespace {

struct Word {
  std::string family;
  std::string text;
};

std::vector<Word> read_families(const std::string& name) {
  std::ifstream in(std::string(WARTA_TESTDATA_DIR) + "/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<Word> words;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::istringstream members(line.substr(tab + 1));
    for (std::string w; members >> w;) words.push_back({line.substr(0, tab), w});
  }
  return words;
}

struct Scores {
  double precision = 0;
  double recall = 0;
  long conflated_wrongly = 0;
  long missed = 0;
};

Scores score(Xapian::Stem stem, const std::vector<Word>& words) {
  std::vector<std::string> stems;
  for (const Word& w : words) stems.push_back(stem(w.text));
  long same_and_met = 0, met_wrongly = 0, missed = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t j = i + 1; j < words.size(); ++j) {
      bool same = words[i].family == words[j].family;
      bool met = stems[i] == stems[j];
      if (same && met) ++same_and_met;
      if (!same && met) ++met_wrongly;
      if (same && !met) ++missed;
    }
  }
  Scores s;
  s.precision = static_cast<double>(same_and_met) / static_cast<double>(same_and_met + met_wrongly);
  s.recall = static_cast<double>(same_and_met) / static_cast<double>(same_and_met + missed);
  s.conflated_wrongly = met_wrongly;
  s.missed = missed;
  return s;
}

void compare(const std::string& table) {
  auto words = read_families(table);
  ASSERT_GT(words.size(), 200u);
  Scores snowball = score(snowball_indonesian(), words);
  Scores warta = score(Xapian::Stem(new IndonesianStemmer()), words);
  std::printf("%s: %zu words\n  snowball precision %.3f recall %.3f (%ld wrong pairs, %ld missed)\n"
              "  warta    precision %.3f recall %.3f (%ld wrong pairs, %ld missed)\n",
              table.c_str(), words.size(), snowball.precision, snowball.recall, snowball.conflated_wrongly,
              snowball.missed, warta.precision, warta.recall, warta.conflated_wrongly, warta.missed);
  EXPECT_GE(warta.precision, snowball.precision);
  EXPECT_GT(warta.recall, snowball.recall);
}

TEST(IndonesianStemmer, BeatsSnowballOnTheWordFamilies) { compare("stem-families-id.tsv"); }

// Families written after the exceptions were settled: the fair measure.
TEST(IndonesianStemmer, BeatsSnowballOnHeldOutFamilies) { compare("stem-families-id-heldout.tsv"); }

TEST(IndonesianStemmer, KeepsApartWhatSnowballConflates) {
  Xapian::Stem stem(new IndonesianStemmer());
  const std::pair<const char*, const char*> apart[] = {
      {"masalah", "masa"}, {"peserta", "serta"}, {"pemilu", "pilu"},   {"berita", "ita"},
      {"menteri", "teri"}, {"sekolah", "seko"},  {"tangan", "tang"},   {"kemenangan", "tangan"},
      {"ramai", "rama"},   {"menempati", "empat"}, {"bertanya", "berta"},
  };
  for (const auto& [a, b] : apart) EXPECT_NE(stem(a), stem(b)) << a << " / " << b;
}

TEST(IndonesianStemmer, RestoresTheConsonantThePrefixSwallowed) {
  Xapian::Stem stem(new IndonesianStemmer());
  EXPECT_EQ(stem("menerapkan"), "terap");
  EXPECT_EQ(stem("penerapan"), "terap");
  EXPECT_EQ(stem("diterapkan"), "terap");
  EXPECT_EQ(stem("menulis"), "tulis");
  EXPECT_EQ(stem("mengirim"), "kirim");
  EXPECT_EQ(stem("memilih"), "pilih");
  EXPECT_EQ(stem("menyampaikan"), "sampai");
  EXPECT_EQ(stem("kementerian"), stem("menteri"));
}

TEST(IndonesianStemmer, LeavesWhatItDoesNotKnowToSnowball) {
  Xapian::Stem stem(new IndonesianStemmer());
  Xapian::Stem snowball = snowball_indonesian();
  for (const char* word : {"dikompilasikan", "berkolaborasi", "covid", "rp1.500", "ok"}) {
    EXPECT_EQ(stem(word), snowball(word)) << word;
  }
}

TEST(IndonesianStemmer, CandidatesFollowTheAffixRules) {
  auto has = [](std::string_view word, std::string_view root) {
    for (const auto& c : IndonesianStemmer::candidates(word)) {
      if (c.root == root) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("menerapkan", "terap"));
  EXPECT_TRUE(has("mengambil", "ambil"));
  EXPECT_TRUE(has("mengirim", "kirim"));
  EXPECT_TRUE(has("menyapu", "sapu"));
  EXPECT_TRUE(has("keberhasilan", "hasil"));
  EXPECT_TRUE(has("masalahnya", "masalah"));
  EXPECT_FALSE(has("sedia", "dia")) << "se- before a three-letter word";
  EXPECT_FALSE(has("masalah", "masalah")) << "the word itself is not a candidate";
}

}  // namespace
}  // namespace warta
