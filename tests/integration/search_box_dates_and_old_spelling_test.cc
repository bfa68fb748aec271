// Integration: date words in the search box and old-spelling articles,
// through the real warta-indexer and warta-searchd.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/date_phrases.h"
#include "common/dates.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using json = nlohmann::json;
using test::http_request;

const std::string kTestdata = WARTA_TESTDATA_DIR;

class SearchBoxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto r = test::run_process({WARTA_INDEXER_BIN, "--db", dir_->file("db"), kTestdata + "/articles.jsonl",
                                kTestdata + "/old-spelling.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new test::SearchdProcess(WARTA_SEARCHD_BIN, *dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static json post(const json& body, int expect_status = 200) {
    auto reply = http_request(server_->port(), "POST", "/search", body.dump());
    EXPECT_EQ(reply.status, expect_status) << body.dump() << " -> " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  static json get(const std::string& target, int expect_status = 200) {
    auto reply = http_request(server_->port(), "GET", target);
    EXPECT_EQ(reply.status, expect_status) << target << " -> " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  static std::vector<std::string> ids(const json& response) {
    std::vector<std::string> out;
    for (const auto& hit : response["hits"]) out.push_back(hit["id"]);
    std::sort(out.begin(), out.end());
    return out;
  }

  static inline test::TempDir* dir_ = nullptr;
  static inline test::SearchdProcess* server_ = nullptr;
};

using Ids = std::vector<std::string>;

TEST_F(SearchBoxTest, DateWordsFilterAndAreShownBack) {
  // t02 is dated 2023-01-17.
  json r = post({{"q", "banjir kemarin"}, {"reference_date", "2023-01-18"}});
  EXPECT_EQ(ids(r), Ids{"t02-banjir-jakarta"});
  EXPECT_EQ(r["interpreted"], json::parse(R"({"date": {"from": "2023-01-17", "to": "2023-01-17"}, "q": "banjir"})"));
  EXPECT_EQ(post({{"q", "banjir kemarin"}, {"reference_date", "2023-01-20"}})["total"], 0);
  // Without the date words "harga" finds articles of 1960, 2021 and 2024.
  EXPECT_EQ(ids(post({{"q", "harga"}})), (Ids{"lama-1960-pasar", "t05-harga-beras", "t10-no-lang-id"}));
  EXPECT_EQ(ids(post({{"q", "harga bulan lalu"}, {"reference_date", "2024-04-10"}})), Ids{"t05-harga-beras"});
  EXPECT_EQ(ids(post({{"q", "harga tahun 1960"}})), Ids{"lama-1960-pasar"});
  EXPECT_EQ(ids(post({{"q", "harga before 1970"}})), Ids{"lama-1960-pasar"});
  // Only date words: browse the range, newest first.
  json browse = get("/search?q=tahun+2019&reference_date=2024-05-01");
  EXPECT_EQ(ids(browse), Ids{"t08-kebakaran-hutan"});
  EXPECT_EQ(browse["interpreted"]["q"], "");
  json march = post({{"q", "Maret 2022"}});
  EXPECT_EQ(ids(march), (Ids{"baru-2022-jalan", "t01-humas-bogor"}));  // both of 2022-03-30
}

TEST_F(SearchBoxTest, DateWordsMeetTheExplicitDateFilter) {
  json both = post({{"q", "pemilu sejak 2023"}, {"filters", {{"date", {{"to", "2023-12-31"}}}}}});
  EXPECT_EQ(ids(both), Ids{"t03-pemilu-kpu"});
  EXPECT_EQ(both["interpreted"]["date"], json::parse(R"({"from": "2023-01-01"})"));
  json apart = post({{"q", "pemilu sejak 2023"}, {"filters", {{"date", {{"to", "2022-12-31"}}}}}});
  EXPECT_EQ(apart["total"], 0);
}

TEST_F(SearchBoxTest, InterpretationCanBeTurnedOffAndSparesQuotes) {
  json off = post({{"q", "harga tahun 1960"}, {"interpret_dates", false}});
  EXPECT_FALSE(off.contains("interpreted"));
  EXPECT_EQ(off["total"], 0);  // no article has the word "1960"
  EXPECT_FALSE(get("/search?q=harga+tahun+1960&interpret_dates=false").contains("interpreted"));
  EXPECT_FALSE(post({{"q", "\"banjir kemarin\""}}).contains("interpreted"));
  EXPECT_FALSE(post({{"q", "kebakaran 2019"}}).contains("interpreted"));
  EXPECT_FALSE(post({{"q", "kebakaran"}}).contains("interpreted"));
}

TEST_F(SearchBoxTest, TheDefaultReferenceIsTodayInWib) {
  long before = today_in_reference_zone();
  json r = post({{"q", "kemarin"}});
  if (today_in_reference_zone() != before) GTEST_SKIP() << "the day changed during the request";
  PublishedDate d = civil_from_days(before - 1);
  char expected[16];
  std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", d.year, d.month, d.day);
  EXPECT_EQ(r["interpreted"]["date"]["from"], expected);
  EXPECT_EQ(r["interpreted"]["date"]["to"], expected);
}

TEST_F(SearchBoxTest, ABadReferenceDateIsA400NamingIt) {
  json r = post({{"q", "kemarin"}, {"reference_date", "2024-13-01"}}, 400);
  EXPECT_EQ(r["error"]["message"], R"(reference_date: expected a date YYYY-MM-DD, got "2024-13-01")");
  json g = get("/search?q=kemarin&reference_date=yesterday", 400);
  EXPECT_EQ(g["error"]["message"], R"(reference_date: expected a date YYYY-MM-DD, got "yesterday")");
  json i = get("/search?q=kemarin&interpret_dates=maybe", 400);
  EXPECT_EQ(i["error"]["message"], R"(interpret_dates: expected true or false, got "maybe")");
}

TEST_F(SearchBoxTest, ModernWordsFindOldSpellings) {
  // "Djakarta" (1955, 1960) and "Jakarta" (modern).
  EXPECT_EQ(ids(post({{"q", "Jakarta"}, {"limit", 20}})),
            (Ids{"baru-2021-rokok", "lama-1955-konperensi", "lama-1960-pasar", "t02-banjir-jakarta"}));
  // "Tjara" (1955) and "cara" (modern).
  EXPECT_EQ(ids(post({{"q", "cara"}, {"limit", 20}})),
            (Ids{"baru-2022-jalan", "lama-1955-konperensi", "t01-humas-bogor", "t09-undated-opini"}));
  // Phrases work across spellings: "kota Djakarta".
  EXPECT_EQ(ids(post({{"q", "\"kota jakarta\""}})), Ids{"lama-1955-konperensi"});
  EXPECT_EQ(ids(post({{"q", "nyonya"}})), Ids{"lama-1960-pasar"});
  // Van Ophuijsen: "soedah", "djalan baroe" in an undated article.
  EXPECT_EQ(ids(post({{"q", "sudah \"jalan baru\""}})), Ids{"lama-tanpa-tanggal"});
  // The old spelling still finds itself.
  EXPECT_EQ(ids(post({{"q", "djakarta"}})), (Ids{"lama-1955-konperensi", "lama-1960-pasar"}));
  // A name kept in the old spelling gets no modern form.
  EXPECT_EQ(ids(post({{"q", "sukarno"}})), Ids{});
}

TEST_F(SearchBoxTest, OldSpellingIsShownAsWritten) {
  auto reply = http_request(server_->port(), "GET", "/articles/lama-1955-konperensi");
  ASSERT_EQ(reply.status, 200);
  json article = json::parse(reply.body);
  EXPECT_NE(article["body"].get<std::string>().find("kota Djakarta"), std::string::npos);
  EXPECT_EQ(article["body"].get<std::string>().find("kota Jakarta"), std::string::npos);
  json hit = post({{"q", "\"kota jakarta\""}, {"highlight", false}})["hits"][0];
  EXPECT_NE(hit["snippet"].get<std::string>().find("Djakarta"), std::string::npos) << hit["snippet"];
}

}  // namespace
}  // namespace warta
