#include "common/article.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace warta {
namespace {

using json = nlohmann::json;

ArticleDecode decode(const char* text) { return article_from_json(json::parse(text)); }

TEST(ArticleFromJson, RejectsWithTheFieldNamed) {
  struct Case {
    const char* record;
    const char* error;
  };
  const Case cases[] = {
      {R"([1,2])", "expected a JSON object, got array"},
      {R"({"title":"t","body":"b"})", "missing required field \"id\""},
      {R"({"id":"a","body":"b"})", "missing required field \"title\""},
      {R"({"id":"a","title":"t"})", "missing required field \"body\""},
      {R"({"id":"","title":"t","body":"b"})", "field \"id\": must not be empty"},
      {R"({"id":7,"title":"t","body":"b"})", "field \"id\": expected a string, got number"},
      {R"({"id":"a","title":"t","body":["b"]})", "field \"body\": expected a string, got array"},
      {R"({"id":"a","title":"t","body":"b","source":{}})",
       "field \"source\": expected a string, got object"},
      {R"({"id":"a","title":"t","body":"b","authors":5})",
       "field \"authors\": expected an array of strings, got number"},
      {R"({"id":"a","title":"t","body":"b","tags":["x",3]})",
       "field \"tags[1]\": expected a string, got number"},
      {R"({"id":"a","title":"t","body":"b","published_at":"30/03/2022"})",
       "field \"published_at\": \"30/03/2022\" is not an ISO 8601 date (YYYY-MM-DD or "
       "YYYY-MM-DDThh:mm:ss with an optional offset)"},
      {R"({"id":"a","title":"t","body":"b","lang":"in donesia"})",
       "field \"lang\": \"in donesia\" is not a language code such as \"id\" or \"en\""},
      {R"({"id":"a\u0001","title":"t","body":"b"})", "field \"id\": contains a control character"},
      {R"({"id":"   ","title":"t","body":"b"})", "field \"id\": starts or ends with a space"},
      {R"({"id":" spaced ","title":"t","body":"b"})", "field \"id\": starts or ends with a space"},
      {R"({"id":"17 ","title":"t","body":"b"})", "field \"id\": starts or ends with a space"},
      {R"({"id":"\u00a0","title":"t","body":"b"})", "field \"id\": starts or ends with a space"},
      {R"({"id":"\u200b17","title":"t","body":"b"})", "field \"id\": starts or ends with a space"},
  };
  for (const auto& c : cases) {
    ArticleDecode d = decode(c.record);
    EXPECT_FALSE(d.article.has_value()) << c.record;
    EXPECT_EQ(d.error, c.error) << c.record;
  }
}

TEST(ArticleFromJson, AcceptsSpacesInsideAnId) {
  ArticleDecode d = decode(R"({"id":"berita 17/2022","title":"t","body":"b"})");
  ASSERT_TRUE(d.article) << d.error;
  EXPECT_EQ(d.article->id, "berita 17/2022");
}

TEST(ArticleFromJson, RejectsIdsTooLongForAnIndexTerm) {
  json record = {{"id", std::string(201, 'x')}, {"title", "t"}, {"body", "b"}};
  EXPECT_EQ(article_from_json(record).error, "field \"id\": longer than 200 bytes");
}

TEST(ArticleFromJson, OptionalFieldsMayBeNullEmptyOrAString) {
  ArticleDecode d = decode(
      R"({"id":"a","title":"t","body":"b","source":null,"section":"","authors":"PK","tags":null,"extra":1})");
  ASSERT_TRUE(d.article);
  EXPECT_FALSE(d.article->source);
  EXPECT_FALSE(d.article->section);
  EXPECT_EQ(d.article->authors, std::vector<std::string>{"PK"});
  EXPECT_TRUE(d.article->tags.empty());
  EXPECT_EQ(d.ignored_fields, std::vector<std::string>{"extra"});
}

TEST(ArticleJson, RoundTrips) {
  ArticleDecode d = decode(
      R"({"id":"dialeksis-2022-03-30-humas","url":"https://x.test/a","title":"Judul","body":"Satu\nDua",
          "source":"dialeksis.com","published_at":"2022-03-30T10:00:00+07:00","section":"Nasional",
          "authors":["PK","AB"],"location":"Bogor","lang":"id","tags":["humas"]})");
  ASSERT_TRUE(d.article);
  ASSERT_TRUE(d.article->published);
  EXPECT_EQ(d.article->published->hour, 10);
  ArticleDecode again = article_from_json(article_to_json(*d.article));
  ASSERT_TRUE(again.article);
  EXPECT_EQ(*again.article, *d.article);
  EXPECT_EQ(article_to_json(*d.article)["published_at"], "2022-03-30T10:00:00+07:00");
}

TEST(CleanArticle, CleansEveryFieldAndDropsDuplicates) {
  ArticleDecode d = decode(
      "{\"id\":\"a\",\"title\":\"  Judul\\u00a0berita \",\"body\":\"Isi.\\nBaca juga: Lain\\n\",\"section\":\" \\u200b \","
      "\"authors\":[\"PK\",\"pk\",\" \"],\"lang\":\"ID\"}");
  ASSERT_TRUE(d.article);
  Article a = *d.article;
  EXPECT_EQ(clean_article(a), "");
  EXPECT_EQ(a.title, "Judul berita");
  EXPECT_EQ(a.body, "Isi.");
  EXPECT_FALSE(a.section);
  EXPECT_EQ(a.authors, std::vector<std::string>{"PK"});
  EXPECT_EQ(a.lang, "id");
}

TEST(CleanArticle, RejectsABodyThatIsOnlyCrossLinks) {
  Article a = *decode(R"({"id":"a","title":"t","body":"Baca juga: Judul lain"})").article;
  EXPECT_EQ(clean_article(a), "field \"body\": empty after clean-up");
}

}  // namespace
}  // namespace warta
