#include "indexer/analyse.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "indexer/parse_jsonl.h"

namespace warta::indexer {
namespace {

using schema::Slot;

Xapian::Document build(const std::string& line) {
  ParsedRecord r = parse_jsonl_record(line);
  EXPECT_TRUE(r.article) << r.reject_reason;
  DocumentBuilder builder;
  return builder.build(*r.article);
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

const char* kHumas =
    R"({"id":"dialeksis-2022-03-30-humas","title":"Pengelolaan Humas Harus Terapkan Cara-cara Baru",)"
    R"("body":"Kementerian Dalam Negeri meminta humas menerapkan cara baru.","source":"Dialeksis.com",)"
    R"("published_at":"2022-03-30T23:30:00+07:00","section":"NASIONAL","authors":["PK"],)"
    R"("location":"Bogor","lang":"id","tags":["humas","Kemendagri"]})";

TEST(DocumentBuilder, IndexesEveryFieldUnderTheSchema) {
  Xapian::Document doc = build(kHumas);
  const auto field = [](const char* name) { return *schema::find_field(name); };
  EXPECT_TRUE(has_term(doc, schema::id_term("dialeksis-2022-03-30-humas")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("source"), "dialeksis.com")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("section"), "nasional")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("author"), "pk")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("location"), "bogor")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("lang"), "id")));
  EXPECT_TRUE(has_term(doc, schema::exact_term(field("tag"), "kemendagri")));
  EXPECT_TRUE(has_term(doc, schema::year_term(2022)));
  EXPECT_TRUE(has_term(doc, schema::month_term(2022, 3)));
  EXPECT_TRUE(has_term(doc, schema::day_term(2022, 3, 30)));
  // Words: body unprefixed, title both under its prefix and unprefixed.
  EXPECT_TRUE(has_term(doc, "kementerian"));
  EXPECT_TRUE(has_term(doc, "Zmenteri"));
  EXPECT_TRUE(has_term(doc, std::string(schema::title_prefix()) + "humas"));
  EXPECT_TRUE(has_term(doc, "humas"));
  EXPECT_TRUE(has_term(doc, std::string(field("author").text_prefix) + "pk"));
  EXPECT_TRUE(has_term(doc, std::string(field("location").text_prefix) + "bogor"));
}

TEST(DocumentBuilder, TitleWordsWeighMoreThanBodyWords) {
  Xapian::Document doc = build(
      R"({"id":"a","title":"Gempa","body":"Warga panik karena banjir.","lang":"id"})");
  auto wdf = [&](const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it.get_wdf();
  };
  EXPECT_EQ(wdf("gempa"), schema::kTitleWeight);
  EXPECT_EQ(wdf("banjir"), 1u);
}

TEST(DocumentBuilder, ValuesHoldDatesAndFacetValues) {
  Xapian::Document doc = build(kHumas);
  // 2022-03-30T23:30:00+07:00: sorted by the moment (UTC), filed under its own day.
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kSortDate)), "20220330163000");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kDay)), "20220330");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kYear)), "2022");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kMonth)), "2022-03");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kSource)), "dialeksis.com");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kSection)), "Nasional");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kLocation)), "Bogor");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kLang)), "id");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kAuthors)), "PK");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kTags)),
            std::string("humas") + schema::kListSeparator + "kemendagri");
}

TEST(DocumentBuilder, StoresTheArticleForDisplay) {
  Xapian::Document doc = build(kHumas);
  auto stored = nlohmann::json::parse(doc.get_data());
  EXPECT_EQ(stored["id"], "dialeksis-2022-03-30-humas");
  EXPECT_EQ(stored["published_at"], "2022-03-30T23:30:00+07:00");
  EXPECT_EQ(stored["section"], "NASIONAL");  // as given; the facet value is normalised
  EXPECT_EQ(stored["body"], "Kementerian Dalam Negeri meminta humas menerapkan cara baru.");
}

TEST(DocumentBuilder, DetectedLanguageIsIndexedButNotStored) {
  Xapian::Document doc = build(
      R"({"id":"e","title":"Markets rally","body":"Stock markets rallied on Friday after the figures were published and the bank held rates."})");
  EXPECT_TRUE(has_term(doc, schema::exact_term(*schema::find_field("lang"), "en")));
  EXPECT_TRUE(has_term(doc, "Zmarket"));
  EXPECT_FALSE(nlohmann::json::parse(doc.get_data()).contains("lang"));
}

TEST(DocumentBuilder, UndatedArticlesHaveNoDateTermsOrValues) {
  Xapian::Document doc = build(R"({"id":"u","title":"Opini","body":"Isi opini.","lang":"id"})");
  EXPECT_EQ(doc.get_value(schema::slot(Slot::kSortDate)), "");
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    std::string term = *it;
    EXPECT_NE(term.rfind(std::string(schema::year_prefix()), 0), 0u) << term;
  }
}

}  // namespace
}  // namespace warta::indexer
