// Integration: acronyms mined by the real warta-indexer and expanded by the
// real warta-searchd; near-duplicate grouping with "collapse".
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using json = nlohmann::json;
using test::http_request;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kAcronyms = std::string(WARTA_TESTDATA_DIR) + "/acronyms.jsonl";
const std::string kAcronymsMore = std::string(WARTA_TESTDATA_DIR) + "/acronyms-more.jsonl";
const std::string kWire = std::string(WARTA_TESTDATA_DIR) + "/wire_duplicates.jsonl";

json call(int port, const std::string& method, const std::string& target, const std::string& body = {},
          int expect_status = 200) {
  auto reply = http_request(port, method, target, body);
  EXPECT_EQ(reply.status, expect_status) << target << " " << body << " -> " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

json search(int port, const json& body) { return call(port, "POST", "/search", body.dump()); }

std::vector<std::string> ids_of(const json& response) {
  std::vector<std::string> ids;
  for (const auto& hit : response["hits"]) ids.push_back(hit["id"]);
  return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void index(const std::string& db, const std::string& input) {
  auto r = test::run_process({kIndexer, "--db", db, input});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

class AcronymsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    index(dir_->file("db"), kAcronyms);
    server_ = new test::SearchdProcess(kSearchd, *dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }
  static inline test::TempDir* dir_ = nullptr;
  static inline test::SearchdProcess* server_ = nullptr;
};

TEST_F(AcronymsTest, SynonymsShowsMinedPairsWithSupport) {
  json kemendagri = call(port(), "GET", "/synonyms?term=Kemendagri");
  EXPECT_EQ(kemendagri, json::parse(R"({"term": "kemendagri", "expansions": [
      {"kind": "long_form", "text": "kementerian dalam negeri", "source": "mined", "support": 2, "votes": 2}]})"));
  // Defined in both orders; "Kantor Pelayanan Utama" (one article) is outvoted.
  json kpu = call(port(), "GET", "/synonyms?term=kpu");
  ASSERT_EQ(kpu["expansions"].size(), 1u) << kpu;
  EXPECT_EQ(kpu["expansions"][0]["text"], "komisi pemilihan umum");
  EXPECT_EQ(kpu["expansions"][0]["support"], 2);
  EXPECT_EQ(kpu["expansions"][0]["votes"], 3);
  // The reverse: a long form names its acronym.
  json reverse = call(port(), "GET", "/synonyms?term=Kementerian+Dalam+Negeri");
  ASSERT_EQ(reverse["expansions"].size(), 1u) << reverse;
  EXPECT_EQ(reverse["expansions"][0]["kind"], "acronym");
  EXPECT_EQ(reverse["expansions"][0]["text"], "kemendagri");
  // One article is below the minimum support.
  EXPECT_EQ(call(port(), "GET", "/synonyms?term=bawaslu")["expansions"], json::array());
}

TEST_F(AcronymsTest, SynonymsRefusesBadParameters) {
  EXPECT_EQ(call(port(), "GET", "/synonyms", {}, 400)["error"]["message"],
            "term: missing; give the word or phrase to look up, as ?term=KPU");
  EXPECT_EQ(call(port(), "GET", "/synonyms?q=kpu", {}, 400)["error"]["message"],
            "unknown parameter \"q\"; known: term");
  EXPECT_EQ(call(port(), "POST", "/synonyms?term=kpu", {}, 405)["error"]["code"], "method_not_allowed");
}

TEST_F(AcronymsTest, AcronymFindsTheLongFormRankedAfterLiteralMatches) {
  json r = search(port(), {{"q", "kemendagri"}, {"limit", 10}});
  std::vector<std::string> ids = ids_of(r);
  ASSERT_EQ(ids.size(), 4u) << r;
  // The article that only spells it out comes last.
  EXPECT_EQ(ids.back(), "acr-dagri-long-only");
  EXPECT_TRUE(contains(ids, "acr-dagri-short-only"));
  EXPECT_EQ(r["total"], 4);
}

TEST_F(AcronymsTest, LongFormFindsTheAcronym) {
  for (const char* q : {"\"Kementerian Dalam Negeri\"", "kementerian dalam negeri"}) {
    json r = search(port(), {{"q", q}});
    std::vector<std::string> ids = ids_of(r);
    ASSERT_EQ(ids.size(), 4u) << q << " " << r;
    EXPECT_EQ(ids.back(), "acr-dagri-short-only") << q;
  }
  // With other words, both readings must match them.
  json r = search(port(), {{"q", "kpu logistik"}});
  EXPECT_EQ(ids_of(r), std::vector<std::string>{"acr-kpu-2"});
  r = search(port(), {{"q", "kpu pendaftaran"}});
  EXPECT_EQ(ids_of(r), std::vector<std::string>{"acr-kpu-4"});
}

TEST_F(AcronymsTest, NegatedAcronymsAreNotExpanded) {
  json r = search(port(), {{"q", "anggaran banjir -kemendagri"}});
  EXPECT_EQ(ids_of(r), std::vector<std::string>{"acr-dagri-long-only"});
}

TEST(Acronyms, CuratedFileOverridesMinedPairs) {
  test::TempDir dir;
  index(dir.file("db"), kAcronyms);
  test::write_file(dir.file("acronyms.tsv"),
                   "# curated acronyms\n"
                   "KPU\tKantor Pelayanan Utama\n"
                   "Kemendagri\t-\n");
  test::SearchdProcess server(kSearchd, dir, dir.file("db"), {"--acronyms", dir.file("acronyms.tsv")});
  json kpu = call(server.port(), "GET", "/synonyms?term=KPU");
  EXPECT_EQ(kpu, json::parse(R"({"term": "kpu", "expansions": [
      {"kind": "long_form", "text": "kantor pelayanan utama", "source": "curated"}]})"));
  EXPECT_EQ(call(server.port(), "GET", "/synonyms?term=kemendagri")["expansions"], json::array());
  EXPECT_EQ(ids_of(search(server.port(), {{"q", "kemendagri"}})).size(), 3u);
}

TEST(Acronyms, BadCuratedFileStopsSearchdWithItsLine) {
  test::TempDir dir;
  index(dir.file("db"), kAcronyms);
  test::write_file(dir.file("acronyms.tsv"), "KPU Komisi Pemilihan Umum\n");
  auto r = test::run_process({kSearchd, "--db", dir.file("db"), "--listen", "127.0.0.1:0", "--acronyms",
                              dir.file("acronyms.tsv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("acronyms.tsv:1: expected ACRONYM<TAB>long form"), std::string::npos) << r.err;
}

// Support is counted over the whole index: a later run adds to it.
TEST(Acronyms, IncrementalRunsKeepCounting) {
  test::TempDir dir;
  index(dir.file("db"), kAcronyms);
  index(dir.file("db"), kAcronymsMore);
  test::SearchdProcess server(kSearchd, dir, dir.file("db"));
  json bawaslu = call(server.port(), "GET", "/synonyms?term=Bawaslu");
  ASSERT_EQ(bawaslu["expansions"].size(), 1u) << bawaslu;
  EXPECT_EQ(bawaslu["expansions"][0]["text"], "badan pengawas pemilu");
  EXPECT_EQ(bawaslu["expansions"][0]["support"], 2);
  // Re-indexing the same articles does not count them twice.
  index(dir.file("db"), kAcronymsMore);
  EXPECT_EQ(call(server.port(), "GET", "/synonyms?term=Bawaslu")["expansions"][0]["support"], 2);
}

class DuplicatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    index(dir_->file("db"), kWire);
    server_ = new test::SearchdProcess(kSearchd, *dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }
  static inline test::TempDir* dir_ = nullptr;
  static inline test::SearchdProcess* server_ = nullptr;
};

TEST_F(DuplicatesTest, WithoutCollapseEveryCopyIsAHit) {
  json r = search(port(), {{"q", "beras"}, {"facets", {"source"}}});
  EXPECT_EQ(r["total"], 5);
  EXPECT_EQ(r["hits"].size(), 5u);
  for (const auto& hit : r["hits"]) EXPECT_FALSE(hit.contains("duplicates")) << hit;
}

TEST_F(DuplicatesTest, CollapseGroupsTheCopiesUnderTheBestHit) {
  json plain = search(port(), {{"q", "beras"}, {"facets", {"source"}}});
  json r = search(port(), {{"q", "beras"}, {"facets", {"source"}}, {"collapse", true}});
  ASSERT_EQ(r["hits"].size(), 3u) << r;
  // `total` and facets still count articles.
  EXPECT_EQ(r["total"], 5);
  EXPECT_EQ(r["facets"], plain["facets"]);
  std::vector<std::string> copies{"wire-beras-antara", "wire-beras-detik", "wire-beras-kompas"};
  int groups = 0;
  for (const auto& hit : r["hits"]) {
    std::string id = hit["id"];
    if (!contains(copies, id)) {
      EXPECT_FALSE(hit.contains("duplicates")) << hit;
      continue;
    }
    ++groups;
    // The group's best-ranked copy in the plain search leads it.
    for (const auto& p : plain["hits"]) {
      if (contains(copies, p["id"])) {
        EXPECT_EQ(p["id"], id);
        break;
      }
    }
    ASSERT_TRUE(hit.contains("duplicates")) << hit;
    EXPECT_EQ(hit["duplicates"]["count"], 2);
    std::vector<std::string> others = hit["duplicates"]["ids"];
    others.push_back(id);
    std::sort(others.begin(), others.end());
    EXPECT_EQ(others, copies);
  }
  EXPECT_EQ(groups, 1);
}

TEST_F(DuplicatesTest, CollapseInGetAndFiltersApplyToTheGroup) {
  json r = call(port(), "GET", "/search?q=beras&collapse=true&source=kompas.com&source=detik.com");
  ASSERT_EQ(r["hits"].size(), 1u) << r;
  EXPECT_EQ(r["hits"][0]["duplicates"]["count"], 1);
  EXPECT_EQ(r["total"], 2);
  call(port(), "GET", "/search?q=beras&collapse=maybe", {}, 400);
}

}  // namespace
}  // namespace warta
