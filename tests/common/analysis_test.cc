#include "common/analysis.h"

#include <gtest/gtest.h>

#include "common/schema.h"

namespace warta {
namespace {

// Golden table: Indonesian inflections that the analysis must bring
// together (hand-checked: each pair shares its root word).
TEST(Analysis, IndonesianStemsMeet) {
  Xapian::Stem stem = stemmer_for(Language::kIndonesian);
  struct Case {
    const char* word;
    const char* stem;
  };
  const Case cases[] = {
      {"membangun", "bangun"},   {"pembangunan", "bangun"}, {"dibangun", "bangun"},
      {"berlari", "lari"},       {"pelajaran", "ajar"},     {"mengajar", "ajar"},
      {"bermain", "main"},       {"permainan", "main"},     {"kebakaran", "bakar"},
      {"perekonomian", "ekonomi"}, {"makanan", "makan"},    {"dimakan", "makan"},
      {"pendidikan", "didik"},   {"kesehatan", "sehat"},    {"ditangkap", "tangkap"},
      {"keuangan", "uang"},      {"pengadilan", "adil"},    {"mengadili", "adil"},
      {"bukunya", "buku"},       {"rumahnya", "rumah"},     {"pemerintahan", "perintah"},
      {"menerapkan", "terap"},   {"penerapan", "terap"},    {"diterapkan", "terap"},
      {"terapkan", "terap"},     {"masalah", "masalah"},    {"peserta", "peserta"},
  };
  for (const auto& c : cases) EXPECT_EQ(stem(c.word), c.stem) << c.word;
}

TEST(Analysis, EnglishStems) {
  Xapian::Stem stem = stemmer_for(Language::kEnglish);
  EXPECT_EQ(stem("elections"), "elect");
  EXPECT_EQ(stem("markets"), "market");
  EXPECT_EQ(stem("running"), "run");
}

TEST(Analysis, StopWordsAreCuratedFunctionWords) {
  for (const char* word : {"yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada"}) {
    EXPECT_TRUE(is_stop_word(Language::kIndonesian, word)) << word;
  }
  // Words that carry meaning in news stay searchable.
  for (const char* word : {"tahun", "baru", "akhir", "umum", "bulan", "menteri", "kata", "tengah"}) {
    EXPECT_FALSE(is_stop_word(Language::kIndonesian, word)) << word;
  }
  for (const char* word : {"the", "of", "and", "to", "is"}) {
    EXPECT_TRUE(is_stop_word(Language::kEnglish, word)) << word;
  }
  for (const char* word : {"us", "who", "may", "new", "year"}) {
    EXPECT_FALSE(is_stop_word(Language::kEnglish, word)) << word;
  }
  EXPECT_FALSE(is_stop_word(Language::kOther, "the"));
}

TEST(Analysis, LanguageFromCodeOrText) {
  std::string id = "ID", en = "en-GB", fr = "fr", empty;
  EXPECT_EQ(language_of(&id, "", ""), Language::kIndonesian);
  EXPECT_EQ(language_of(&en, "", ""), Language::kEnglish);
  EXPECT_EQ(language_of(&fr, "", ""), Language::kOther);
  EXPECT_EQ(language_of(nullptr, "Banjir di Jakarta",
                        "Hujan deras yang turun sejak pagi membuat sungai meluap dan warga mengungsi ke "
                        "masjid dengan membawa barang."),
            Language::kIndonesian);
  EXPECT_EQ(language_of(&empty, "Floods in Jakarta",
                        "Heavy rain that fell since the morning made the river overflow and residents "
                        "were moved to a mosque with their belongings."),
            Language::kEnglish);
  EXPECT_EQ(language_code(Language::kIndonesian), "id");
  EXPECT_EQ(language_code(Language::kEnglish), "en");
}

// Query parsing tables: input -> Query::get_description().
class QueryParsing : public ::testing::Test {
 protected:
  std::string parse(const std::string& q, Language language = Language::kIndonesian) {
    Xapian::QueryParser parser;
    configure_query_parser(parser, language, Xapian::Database());
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;
    return parser.parse_query(q, flags).get_description();
  }
};

TEST_F(QueryParsing, WordsAreAndedStemmedAndStopWordsDropped) {
  EXPECT_EQ(parse("pembangunan jalan yang rusak"),
            "Query((Zbangun@1 AND Zjalan@2 AND Zrusak@4))");
}

TEST_F(QueryParsing, StopWordsStayInsidePhrases) {
  EXPECT_EQ(parse("\"menteri dalam negeri\""),
            "Query((menteri@1 PHRASE 3 dalam@2 PHRASE 3 negeri@3))");
}

TEST_F(QueryParsing, AQueryOfOnlyStopWordsSearchesForThem) {
  EXPECT_EQ(parse("yang di"), "Query((Zyang@1 AND Zdi@2))");
}

TEST_F(QueryParsing, FieldPrefixes) {
  EXPECT_EQ(parse("title:banjir"), "Query(ZSbanjir@1)");
  EXPECT_EQ(parse("author:budi"), "Query(ZAbudi@1)");
  // A filter on every document (unweighted_query.h).
  EXPECT_EQ(parse("lang:ID"), "Query(0 * (<alldocuments> FILTER Lid))");
  const schema::FieldSpec& source = *schema::find_field("source");
  EXPECT_EQ(parse("source:kompas"), "Query(Z" + std::string(source.text_prefix) + "kompas@1)");
}

// date:A..B is read against the archive's own dates (see date_filter.h).
TEST_F(QueryParsing, DateRangesOpenAtEitherEnd) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* day : {"20211201", "20230131"}) {
    Xapian::Document doc;
    doc.add_value(schema::slot(schema::Slot::kDay), day);
    db.add_document(doc);
  }
  auto parse_in = [&](const std::string& q) {
    Xapian::QueryParser parser;
    configure_query_parser(parser, Language::kIndonesian, db);
    return parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT).get_description();
  };
  EXPECT_EQ(parse_in("date:2022-03-01..2022-03-31"), "Query(0 * (<alldocuments> FILTER M202203))");
  EXPECT_EQ(parse_in("date:2022-01-01.."), "Query(0 * (<alldocuments> FILTER (Y2022 OR M202301)))");
  EXPECT_EQ(parse_in("date:..2021-12-31"), "Query(0 * (<alldocuments> FILTER M202112))");
  // Other spellings Xapian reads compare the day value, as before.
  EXPECT_EQ(parse("date:20220301..20220331"), "Query(VALUE_RANGE 1 20220301 20220331)");
}

TEST_F(QueryParsing, EnglishQueriesUseTheEnglishStemmer) {
  EXPECT_EQ(parse("the elections", Language::kEnglish), "Query(Zelect@2)");
}

}  // namespace
}  // namespace warta
