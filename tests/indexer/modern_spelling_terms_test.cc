#include "indexer/modern_spelling_terms.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "common/schema.h"
#include "indexer/analyse.h"
#include "tests/indexer/test_documents.h"

namespace warta::indexer {
namespace {

using test::dump_terms;
using test::read_articles;

const std::string kOldSpelling = std::string(WARTA_TESTDATA_DIR) + "/old-spelling.jsonl";

Article article_with_id(const std::string& id) {
  for (Article& a : read_articles(kOldSpelling)) {
    if (a.id == id) return a;
  }
  ADD_FAILURE() << "no article " << id;
  return {};
}

std::vector<Xapian::termpos> positions(const Xapian::Document& doc, const std::string& term) {
  std::vector<Xapian::termpos> out;
  auto it = doc.termlist_begin();
  it.skip_to(term);
  if (it == doc.termlist_end() || *it != term) return out;
  for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) out.push_back(*p);
  return out;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

TEST(ModernSpellingTerms, OldWordsAlsoGetTheirModernFormAtTheSamePositions) {
  DocumentBuilder builder;
  Xapian::Document doc = builder.build(article_with_id("lama-1955-konperensi"));
  EXPECT_EQ(positions(doc, "jakarta"), positions(doc, "djakarta"));
  EXPECT_FALSE(positions(doc, "jakarta").empty());
  EXPECT_EQ(positions(doc, "cara"), positions(doc, "tjara"));
  EXPECT_EQ(positions(doc, "rakyat"), positions(doc, "rakjat"));
  EXPECT_EQ(positions(doc, "yang"), positions(doc, "jang"));
  EXPECT_TRUE(has_term(doc, std::string(schema::stem_prefix()) + "ucap"));  // mengutjapkan -> mengucapkan
  // The originals stay; a kept name gets no modern form.
  EXPECT_TRUE(has_term(doc, "djakarta"));
  EXPECT_TRUE(has_term(doc, "soekarno"));
  EXPECT_FALSE(has_term(doc, "sukarno"));
  Xapian::Document dated = builder.build(article_with_id("lama-1960-pasar"));
  EXPECT_EQ(positions(dated, std::string(schema::title_prefix()) + "harga").size(), 1u);
  EXPECT_EQ(positions(dated, "nyonya"), positions(dated, "njonja"));
  // The wdf follows the original's (title words weigh more).
  Xapian::Document undated = builder.build(article_with_id("lama-tanpa-tanggal"));
  auto wdf = [&](const std::string& term) {
    auto it = undated.termlist_begin();
    it.skip_to(term);
    return it.get_wdf();
  };
  EXPECT_EQ(wdf("jalan"), wdf("djalan"));
  EXPECT_GT(wdf("jalan"), schema::kTitleWeight);
  // Title words under the title prefix too.
  const std::string title(schema::title_prefix());
  EXPECT_EQ(positions(undated, title + "jalan"), positions(undated, title + "djalan"));
  EXPECT_EQ(positions(undated, title + "baru").size(), 1u);
  EXPECT_TRUE(has_term(undated, "itu"));
}

TEST(ModernSpellingTerms, EvidenceOfThePassages) {
  DocumentBuilder plain(BuildOptions{false});
  OldSpellingEvidence e = old_spelling_evidence(plain.build(article_with_id("lama-tanpa-tanggal")));
  EXPECT_GE(e.function_words, kMinFunctionWords);  // soedah, itoe (2), jang, djoega, mendjadi
  // Dated before the reform: one "jang" is enough.
  Article pasar = article_with_id("lama-1960-pasar");
  OldSpellingEvidence p = old_spelling_evidence(plain.build(pasar));
  EXPECT_LT(p.function_words, kMinFunctionWords);
  EXPECT_TRUE(is_old_spelling(p, pasar.published));
  pasar.published.reset();
  EXPECT_FALSE(is_old_spelling(p, pasar.published));
}

// Modern text is never changed: every article of the fixtures and of the
// bundled sample archive indexes exactly as it does with the feature off.
TEST(ModernSpellingTerms, ModernArticlesIndexExactlyAsBefore) {
  DocumentBuilder with;
  DocumentBuilder without(BuildOptions{false});
  std::vector<Article> articles = read_articles(std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl");
  for (Article& a : read_articles(WARTA_SAMPLE_ARCHIVE)) articles.push_back(std::move(a));
  for (const Article& a : read_articles(kOldSpelling)) {
    if (a.id.starts_with("baru-")) articles.push_back(a);
  }
  ASSERT_GT(articles.size(), 100u);
  std::printf("%zu modern articles compared\n", articles.size());
  for (const Article& a : articles) {
    Xapian::Document x = with.build(a);
    Xapian::Document y = without.build(a);
    ASSERT_EQ(dump_terms(x), dump_terms(y)) << a.id;
  }
  // The same articles in the old spelling do change.
  Xapian::Document old_with = with.build(article_with_id("lama-1955-konperensi"));
  Xapian::Document old_without = without.build(article_with_id("lama-1955-konperensi"));
  EXPECT_NE(dump_terms(old_with), dump_terms(old_without));
}

// On the shared corpus (beside a checkout; skipped elsewhere): no modern
// Indonesian article is read as old spelling.
TEST(ModernSpellingTerms, NoArticleOfTheSharedIndonesianCorpusIsReadAsOld) {
  std::filesystem::path corpus = std::filesystem::path(WARTA_SHARED_CORPUS_DIR) / "id-news.jsonl.gz";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << corpus << " is absent";
  DocumentBuilder plain(BuildOptions{false});
  std::size_t articles = 0, old = 0;
  for (const Article& a : read_articles(corpus.string())) {
    ++articles;
    Language language = language_of(a.lang ? &*a.lang : nullptr, a.title, a.body);
    if (language != Language::kIndonesian) continue;
    if (is_old_spelling(old_spelling_evidence(plain.build(a)), a.published)) {
      ++old;
      ADD_FAILURE() << a.id << " read as old spelling";
    }
  }
  std::printf("id-news: %zu articles, %zu read as old spelling\n", articles, old);
  EXPECT_GT(articles, 9000u);
}

}  // namespace
}  // namespace warta::indexer
