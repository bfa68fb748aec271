#include "indexer/text_indexer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/analysis.h"
#include "common/schema.h"
#include "tests/indexer/test_documents.h"

namespace warta::indexer {
namespace {

using test::dump_terms;

struct Text {
  std::string text;
  Xapian::termcount wdf = 1;
  std::string prefix;
};

// The texts indexed one after another with a gap between them, as
// DocumentBuilder does, by Xapian's TermGenerator.
std::string by_term_generator(const std::vector<Text>& texts, Language language) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  configure_term_generator(generator, language);
  generator.set_document(doc);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) generator.increase_termpos();
    generator.index_text(texts[i].text, texts[i].wdf, texts[i].prefix);
  }
  return dump_terms(doc);
}

// The same by TextIndexer.
std::string by_text_indexer(const std::vector<Text>& texts, Language language) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.start(doc, stemmer_for(language));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) indexer.increase_termpos();
    indexer.index_text(texts[i].text, texts[i].wdf, texts[i].prefix);
  }
  indexer.finish();
  return dump_terms(doc);
}

void expect_same_terms(const std::vector<Text>& texts, Language language) {
  EXPECT_EQ(by_text_indexer(texts, language), by_term_generator(texts, language))
      << "text: \"" << texts.front().text << "\"";
}

TEST(TextIndexer, MakesTheTermsOfTermGeneratorFromTrickyText) {
  const std::vector<std::string> samples = {
      "Presiden Jokowi meresmikan jalan tol Trans-Jawa.",
      "P.T.O. U.N.C.L.E U.N. A.B.c A. B. X.Y.Z1 I.B.M",
      "AT&T, M&S dan Procter & Gamble; don't it's rock'n'roll",
      "don\xe2\x80\x99t \xe2\x80\x9c" "dikutip\xe2\x80\x9d kata\xe2\x80\x9bnya",
      "C++ C# F#+ a++++ fish+chips c+++x x#",
      "1.5 1,000,000 3;4 2.a a.2 12.30 WIB 1\xe2\x81\x84" "2",
      "zero\xe2\x80\x8bwidth join\xe2\x80\x8d" "ed \xef\xbb\xbf" "bom word\xe2\x81\xa0joiner",
      "under_score _lead trail_ __",
      "Caf\xc3\xa9 \xc3\x89" "COLE na\xc3\xafve \xc3\x9f" "e \xc4\xb0stanbul \xc3\x85" "A",
      "e\xcc\x81t\xc3\xa9 combining \xe4\xb8\xad\xe6\x96\x87 \xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
      "middle\xc2\xb7" "dot hebrew\xd7\xb4x one\xe2\x80\xa7two",
      std::string(70, 'a') + " kata " + std::string(64, 'b') + " " + std::string(65, 'c'),
      "",
      "...,;!?",
      "trailing.",
      "A",
      "mengirimkan pemberitahuan, diterapkan; memperbaiki-nya",
  };
  for (const std::string& s : samples) {
    for (Language language : {Language::kIndonesian, Language::kEnglish, Language::kOther}) {
      expect_same_terms({{s, 1, ""}}, language);
      expect_same_terms({{s, 1, "S"}, {s, 5, ""}, {"lanjut " + s, 1, "XA"}}, language);
    }
  }
}

TEST(TextIndexer, KeepsWordsWholeAsTermGeneratorDoes) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.start(doc, stemmer_for(Language::kIndonesian));
  indexer.index_text("C++ dan AT&T, P.T.O. menuliskan 1.5");
  indexer.finish();
  std::string terms = dump_terms(doc);
  EXPECT_NE(terms.find("c++:1,1\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("at&t:1,3\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("pto:1,4\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("1.5:1,6\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("Ztulis:1\n"), std::string::npos) << terms;
  EXPECT_EQ(terms.find("Z1.5"), std::string::npos) << "numbers are not stemmed: " << terms;
}

// Random strings over the characters the rules treat specially, including
// bytes that are not UTF-8.
TEST(TextIndexer, MakesTheTermsOfTermGeneratorFromRandomText) {
  const std::vector<std::string> pieces = {
      "a", "B", "z", "Q", "0", "7", "_", ".", ",", ";", "&", "'", "+", "#", " ", " ", "-", "/",
      "\xe2\x80\x99", "\xe2\x80\x8b", "\xc2\xb7", "\xc3\xa9", "\xc3\x89", "\xc3\x9f", "\xe4\xb8\xad",
      "\xcc\x81", "\xd9\xa3", "\xef\xbc\x91", "\xff", "\xc3", "\xe2\x80", "\x80", "ber", "kan", "me",
  };
  std::mt19937 random(20261205);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (int n = length(random); n > 0; --n) s += pieces[piece(random)];
    expect_same_terms({{s, 1, ""}, {s, 2, "XT"}}, i % 2 == 0 ? Language::kIndonesian : Language::kEnglish);
  }
}

// The bundled sample archive, indexed as DocumentBuilder indexes it.
TEST(TextIndexer, MakesTheTermsOfTermGeneratorForTheSampleArchive) {
  std::size_t compared = 0;
  for (const Article& a : test::read_articles(WARTA_SAMPLE_ARCHIVE)) {
    Language language = language_of(a.lang ? &*a.lang : nullptr, a.title, a.body);
    std::vector<Text> texts = {{a.title, 1, std::string(schema::title_prefix())},
                               {a.title, schema::kTitleWeight, ""},
                               {a.body, 1, ""}};
    ASSERT_EQ(by_text_indexer(texts, language), by_term_generator(texts, language)) << a.id;
    ++compared;
  }
  EXPECT_GT(compared, 800u);
}

}  // namespace
}  // namespace warta::indexer
