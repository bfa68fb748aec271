#include "searchd/query_builder.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/analysis.h"
#include "common/error.h"
#include "common/schema.h"

namespace warta::searchd {
namespace {

std::string describe(const SearchRequest& request) {
  return build_query(request, Xapian::Database()).query.get_description();
}

SearchRequest with_q(const std::string& q) {
  SearchRequest r;
  r.q = q;
  return r;
}

// Table: request -> Query::get_description().
TEST(BuildQuery, TextQueries) {
  struct Case {
    const char* q;
    const char* description;
  };
  const Case cases[] = {
      {"", "Query(<alldocuments>)"},
      {"   ", "Query(<alldocuments>)"},
      // The Indonesian and English readings differ in one word's stem:
      // that word is the OR of its two stems, the English one kept out of
      // articles indexed as Indonesian; the rest is kept once.
      {"pembangunan jalan", "Query(((Zbangun@1 OR (Zpembangunan@1 AND_NOT Lid)) AND Zjalan@2))"},
      // A word that stems alike in both languages counts once.
      {"sebanyak OR jadi", "Query(((Zbanyak@1 OR (Zsebanyak@1 AND_NOT Lid)) OR Zjadi@2))"},
      {"jalan -perbaikan", "Query((Zjalan@1 AND_NOT (Zbaik@2 OR (Zperbaikan@2 AND_NOT Lid))))"},
      // Shapes differ ("for" is an English stop word): the readings are OR-ed.
      {"naik for", "Query(((Znaik@1 AND Zfor@2) OR (Znaik@1 AND_NOT Lid)))"},
      // The same reading in both languages is used once.
      {"jakarta", "Query(Zjakarta@1)"},
      {"\"dalam negeri\"", "Query((dalam@1 PHRASE 2 negeri@2))"},
      {"banjir OR gempa", "Query((Zbanjir@1 OR Zgempa@2))"},
      // Regression: a lone "-word" matched the word instead of excluding it.
      {"-banjir", "Query((<alldocuments> AND_NOT Zbanjir@1))"},
      {"-banjir -gempa", "Query(((<alldocuments> AND_NOT Zbanjir@1) AND_NOT Zgempa@2))"},
      {"jalan -rusak", "Query((Zjalan@1 AND_NOT Zrusak@2))"},
      {"title:banjir", "Query(ZSbanjir@1)"},
      // NEAR and ADJ are words, not Xapian's positional operators (whose
      // parsing leaked memory on "-a NEAR b c").
      {"banjir NEAR jakarta", "Query((Zbanjir@1 AND Znear@2 AND Zjakarta@3))"},
      {"banjir ADJ/2 jakarta", "Query((Zbanjir@1 AND (adj@2 PHRASE 2 2@3) AND Zjakarta@4))"},
      {"NEARBY", "Query(nearby@1)"},
      // Other spellings of a date compare the day value.
      {"date:20220301..20220331", "Query(VALUE_RANGE 1 20220301 20220331)"},
  };
  for (const auto& c : cases) EXPECT_EQ(describe(with_q(c.q)), c.description) << c.q;
}

// An excluded word is excluded in both its stems: an Indonesian article
// with "perbaikan" (indexed as its stem "baik") no longer matches through
// the English reading, in which the word stems to itself.
TEST(BuildQuery, ExcludedWordsAreExcludedInEitherLanguagesStem) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  configure_term_generator(generator, Language::kIndonesian);
  for (const char* text : {"perbaikan jalan desa", "jalan desa baru"}) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(build_query(with_q("jalan -perbaikan"), db).query);
  Xapian::MSet hits = enquire.get_mset(0, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(*hits.begin(), 2u);
}

// With acronyms, a relaxed query comes along: the expansions' phrases as
// the ANDs of their words (relaxed_ranking.h); the literal query, with its
// phrases, and the filters stay.
TEST(BuildQuery, AcronymExpansionsComeRelaxedToo) {
  AcronymTable acronyms = AcronymTable::vote({{"kpu", "komisi pemilihan umum", 4}}, kMinAcronymSupport);
  SearchRequest r = with_q("kpu \"dalam negeri\"");
  r.filters.push_back({"source", {"kompas.com"}});
  BuiltQuery built = build_query(r, Xapian::Database(), &acronyms);
  ASSERT_TRUE(built.relaxed.has_value());
  std::string exact = built.query.get_description();
  std::string relaxed = built.relaxed->get_description();
  EXPECT_NE(exact.find("(komisi@1 PHRASE 3 pemilihan@2 PHRASE 3 umum@3)"), std::string::npos) << exact;
  EXPECT_NE(relaxed.find("(komisi@1 AND pemilihan@2 AND umum@3)"), std::string::npos) << relaxed;
  EXPECT_EQ(relaxed.find("komisi@1 PHRASE"), std::string::npos) << relaxed;
  // Only the expansion changed.
  std::string expected = exact;
  for (auto [phrase, words] : {std::pair<std::string, std::string>{"(komisi@1 PHRASE 3 pemilihan@2 PHRASE 3 umum@3)",
                                                                   "(komisi@1 AND pemilihan@2 AND umum@3)"},
                               {"(dalam@4 PHRASE 2 negeri@5)", "(dalam@4 AND negeri@5)"}}) {
    ASSERT_NE(expected.find(phrase), std::string::npos) << exact;
    expected.replace(expected.find(phrase), phrase.size(), words);
  }
  EXPECT_EQ(relaxed, expected);
  EXPECT_NE(relaxed.find("(Zkpu@1 AND (dalam@2 PHRASE 2 negeri@3))"), std::string::npos) << relaxed;
  // No expansion with a phrase, no relaxed query.
  EXPECT_FALSE(build_query(with_q("\"dalam negeri\""), Xapian::Database(), &acronyms).relaxed.has_value());
  EXPECT_FALSE(build_query(with_q("kpu"), Xapian::Database()).relaxed.has_value());
  AcronymTable long_form_to_acronym = acronyms;
  EXPECT_FALSE(build_query(with_q("\"komisi pemilihan umum\""), Xapian::Database(), &long_form_to_acronym)
                   .relaxed.has_value());
}

// An archive of two articles, from 2021-06-15 and 2023-02-10.
Xapian::WritableDatabase dated_archive() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* day : {"20210615", "20230210"}) {
    Xapian::Document doc;
    doc.add_value(schema::slot(schema::Slot::kDay), day);
    db.add_document(doc);
  }
  return db;
}

TEST(BuildQuery, FiltersAreOredWithinAFieldAndAndedAcrossFields) {
  SearchRequest r;
  r.filters = {{"source", {"Kompas.com", "detik.com"}}, {"lang", {"id"}}};
  r.date = DateRange{"2022-01-01", "2022-12-31"};
  EXPECT_EQ(build_query(r, dated_archive()).query.get_description(),
            "Query((<alldocuments> FILTER ((XSOURCEkompas.com OR XSOURCEdetik.com) AND Lid AND Y2022)))");
}

// Dates become year, month and day terms, the range first cut to the
// archive's own dates (so an open end costs no more than a closed one).
TEST(BuildQuery, DateRangesBecomeCalendarTerms) {
  Xapian::WritableDatabase db = dated_archive();
  SearchRequest r;
  r.date = DateRange{"2022-01-01", std::nullopt};
  std::string to_newest = "Y2022 OR M202301";
  for (int day = 1; day <= 10; ++day) to_newest += " OR D202302" + std::string(day < 10 ? "0" : "") + std::to_string(day);
  EXPECT_EQ(build_query(r, db).query.get_description(), "Query((<alldocuments> FILTER (" + to_newest + ")))");
  r.date = DateRange{std::nullopt, "2021-12-31"};
  std::string from_oldest = "D20210615";
  for (int day = 16; day <= 30; ++day) from_oldest += " OR D202106" + std::to_string(day);
  from_oldest += " OR M202107 OR M202108 OR M202109 OR M202110 OR M202111 OR M202112";
  EXPECT_EQ(build_query(r, db).query.get_description(), "Query((<alldocuments> FILTER (" + from_oldest + ")))");
  EXPECT_EQ(build_query(with_q("date:2022-03-01..2022-03-31"), db).query.get_description(),
            "Query(0 * (<alldocuments> FILTER M202203))");
  EXPECT_EQ(build_query(with_q("banjir date:2022-01-01..2022-12-31"), db).query.get_description(),
            "Query((Zbanjir@1 FILTER (<alldocuments> FILTER Y2022)))");
}

TEST(BuildQuery, ADateRangeOutsideTheArchiveMatchesNothing) {
  Xapian::WritableDatabase db = dated_archive();
  for (const char* q : {"date:2030-01-01..2030-12-31", "date:1999-01-01..1999-12-31"}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(build_query(with_q(q), db).query);
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u) << q;
  }
  SearchRequest r;
  r.date = DateRange{"2024-01-01", std::nullopt};
  Xapian::Enquire enquire(db);
  enquire.set_query(build_query(r, db).query);
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

TEST(BuildQuery, OverlongQueriesAreRefused) {
  try {
    build_query(with_q(std::string(kMaxQueryBytes + 1, 'a')), Xapian::Database());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "q: longer than 8192 bytes");
  }
  EXPECT_NO_THROW(build_query(with_q(std::string(kMaxQueryBytes, 'a')), Xapian::Database()));
}

TEST(BuildQuery, BrowsingHasNoWords) {
  EXPECT_FALSE(build_query(SearchRequest{}, Xapian::Database()).has_words);
  EXPECT_TRUE(build_query(with_q("banjir"), Xapian::Database()).has_words);
}

TEST(BuildQuery, UnparsableQueriesAreBadRequestsNamingQ) {
  try {
    build_query(with_q("title:(banjir"), Xapian::Database());
    // Xapian's parser recovers from most slips; when it does, nothing to check.
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadRequest);
    EXPECT_EQ(std::string(e.what()).rfind("q: ", 0), 0u);
  }
}

// Regression: every browse copied the static Xapian::Query::MatchAll, whose
// reference count is not atomic; searches on several worker threads at once
// corrupted it and searchd crashed under load. (ThreadSanitizer reports the
// race at once; without it the crash comes by chance.)
TEST(BuildQuery, ManyThreadsBuildingAtOnceShareNoQuery) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([] {
      Xapian::Database empty;
      SearchRequest browse;
      SearchRequest stop_words = with_q("yang");
      std::vector<Xapian::Query> kept;
      for (int i = 0; i < 5000; ++i) {
        kept.push_back(build_query(browse, empty).query);
        kept.push_back(build_query(stop_words, empty).query);
        if (kept.size() > 64) kept.clear();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Xapian::Query::MatchAll.get_description(), "Query(<alldocuments>)");
  EXPECT_EQ(describe(SearchRequest{}), "Query(<alldocuments>)");
}

}  // namespace
}  // namespace warta::searchd
