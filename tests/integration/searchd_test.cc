// Integration: the real warta-searchd over indexes built by the real
// warta-indexer, spoken to over HTTP.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"

namespace warta {
namespace {

using json = nlohmann::json;
using test::http_request;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";

// warta-searchd on a free port over `db`, stopped by its PID.
class Searchd : public test::SearchdProcess {
 public:
  Searchd(const test::TempDir& dir, const std::string& db, std::vector<std::string> extra = {})
      : test::SearchdProcess(kSearchd, dir, db, extra) {}
};

json post(int port, const json& body, int expect_status = 200) {
  auto reply = http_request(port, "POST", "/search", body.dump());
  EXPECT_EQ(reply.status, expect_status) << body.dump() << " -> " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

json get(int port, const std::string& target, int expect_status = 200) {
  auto reply = http_request(port, "GET", target);
  EXPECT_EQ(reply.status, expect_status) << target << " -> " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

std::vector<std::string> ids_of(const json& response) {
  std::vector<std::string> ids;
  for (const auto& hit : response["hits"]) ids.push_back(hit["id"]);
  return ids;
}

std::vector<json> fixture_articles() {
  std::vector<json> articles;
  std::istringstream in(test::read_file(kFixture));
  for (std::string line; std::getline(in, line);) articles.push_back(json::parse(line));
  return articles;
}

class SearchdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto r = test::run_process({kIndexer, "--db", dir_->file("db"), kFixture});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new Searchd(*dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static int port() { return server_->port(); }
  static inline test::TempDir* dir_ = nullptr;
  static inline Searchd* server_ = nullptr;
};

TEST_F(SearchdTest, HealthCountsDocuments) {
  json health = get(port(), "/health");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["documents"], 20);
}

TEST_F(SearchdTest, DistinctiveTitleWordsRankTheArticleFirst) {
  json r = post(port(), {{"q", "kebakaran hutan riau"}});
  ASSERT_FALSE(r["hits"].empty());
  EXPECT_EQ(r["hits"][0]["id"], "t08-kebakaran-hutan");
  r = post(port(), {{"q", "gempa cianjur"}});
  EXPECT_EQ(r["hits"][0]["id"], "t07-gempa-cianjur");
}

TEST_F(SearchdTest, InflectionsAndBothLanguagesMatch) {
  // "pembangunan" and "membangun" share their stem.
  auto ids = ids_of(post(port(), {{"q", "pembangunan"}}));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "t16-mojibake"), ids.end());
  ids = ids_of(post(port(), {{"q", "election"}}));
  EXPECT_EQ(ids, std::vector<std::string>{"t11-en-election"});
}

TEST_F(SearchdTest, QuerySyntaxEdges) {
  // "-word" alone matches every article without the word.
  EXPECT_EQ(post(port(), {{"q", "-banjir"}, {"facets", {"lang"}}})["total"], 19);
  // A query made only of stop words searches for them.
  EXPECT_GT(post(port(), {{"q", "yang"}})["total"].get<int>(), 0);
  EXPECT_EQ(post(port(), {{"q", "\"dalam negeri\""}})["hits"][0]["id"], "t01-humas-bogor");
  EXPECT_EQ(ids_of(post(port(), {{"q", "gempa OR kebakaran"}, {"sort", "oldest"}})),
            (std::vector<std::string>{"t08-kebakaran-hutan", "t07-gempa-cianjur", "t02-banjir-jakarta"}));
  EXPECT_EQ(post(port(), {{"q", "kement*"}, {"facets", {"source"}}})["total"], 2);
  EXPECT_EQ(post(port(), {{"q", "date:2024-03-01..2024-03-31"}, {"facets", {"source"}}})["total"], 2);
  EXPECT_EQ(post(port(), {{"q", "author:budi"}})["hits"][0]["id"], "t04-sepak-bola");
}

TEST_F(SearchdTest, RecencyBlendsFreshnessIntoRelevance) {
  // "pasar" appears in t10 (2021-08-05, the better match by words alone) and
  // t05 (2024-03-01, five months before the newest article of the fixture).
  auto plain = ids_of(post(port(), {{"q", "pasar"}}));
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[0], "t10-no-lang-id");
  auto fresh = ids_of(post(port(), {{"q", "pasar"}, {"recency", 100}}));
  EXPECT_EQ(fresh.back(), "t10-no-lang-id");
  std::vector<std::string> sorted_plain = plain, sorted_fresh = fresh;
  std::sort(sorted_plain.begin(), sorted_plain.end());
  std::sort(sorted_fresh.begin(), sorted_fresh.end());
  EXPECT_EQ(sorted_fresh, sorted_plain);  // the boost never changes what matches
}

TEST_F(SearchdTest, DidYouMeanSuggestsWordsOfTheIndex) {
  // "kebakarn" is unknown; "kebakaran" appears in two articles.
  json r = post(port(), {{"q", "kebakarn hutan"}});
  EXPECT_EQ(r["suggestion"], "kebakaran hutan");
  EXPECT_TRUE(post(port(), {{"q", "kebakaran hutan"}})["suggestion"].is_null());
  // Regression: a word in one article only was "corrected" to a frequent one.
  EXPECT_TRUE(post(port(), {{"q", "gempa"}})["suggestion"].is_null());
  EXPECT_TRUE(post(port(), {{"q", "peretas situs"}})["suggestion"].is_null());
}

// Regression: with limit 0 the count was an estimate (0 for a query with a hit).
TEST_F(SearchdTest, ACountAloneIsExact) {
  json r = post(port(), {{"q", "peretas situs"}, {"limit", 0}});
  EXPECT_EQ(r["total"], 1);
  EXPECT_EQ(r["total_exact"], true);
  r = post(port(), {{"filters", {{"source", {"kompas.com"}}}}, {"limit", 0}});
  EXPECT_EQ(r["total"], 2);
  EXPECT_EQ(r["total_exact"], true);
}

TEST_F(SearchdTest, TheResponseHasTheShapeOfTheProtocol) {
  json r = post(port(), {{"q", "banjir"}, {"facets", {"source", "month"}}});
  EXPECT_EQ(r["total"], 1);
  EXPECT_EQ(r["total_exact"], true);
  EXPECT_TRUE(r["took_ms"].is_number());
  EXPECT_EQ(r["offset"], 0);
  EXPECT_TRUE(r["suggestion"].is_null());
  const json& hit = r["hits"][0];
  EXPECT_EQ(hit["id"], "t02-banjir-jakarta");
  EXPECT_EQ(hit["published_at"], "2023-01-17T06:30:00+07:00");
  EXPECT_EQ(hit["authors"], json({"Rina Wulandari", "Agus Setiawan"}));
  EXPECT_NE(hit["title_html"].get<std::string>().find("<mark>Banjir</mark>"), std::string::npos);
  EXPECT_NE(hit["snippet"].get<std::string>().find("<mark>banjir</mark>"), std::string::npos);
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_EQ(r["facets"]["source"], json::parse(R"([{"value":"kompas.com","count":1}])"));
  EXPECT_EQ(r["facets"]["month"], json::parse(R"([{"value":"2023-01","count":1}])"));
  // Fields the article lacks are left out.
  json t09 = post(port(), {{"q", "title:menjaga"}})["hits"][0];
  EXPECT_EQ(t09["id"], "t09-undated-opini");
  EXPECT_FALSE(t09.contains("published_at"));
  EXPECT_FALSE(t09.contains("authors"));
}

// Facet counts over the whole match set equal counts made from the fixture.
TEST_F(SearchdTest, FacetCountsEqualCountsFromTheFixture) {
  std::map<std::string, int> sources, years, langs, authors;
  for (const json& a : fixture_articles()) {
    if (a.contains("source")) {
      std::string s = a["source"];
      std::transform(s.begin(), s.end(), s.begin(), ::tolower);
      ++sources[s];
    }
    if (a.contains("published_at")) ++years[a["published_at"].get<std::string>().substr(0, 4)];
    if (a.contains("lang")) ++langs[a["lang"]];
    if (a.contains("authors")) {
      if (a["authors"].is_string()) ++authors[a["authors"]];
      else
        for (const auto& au : a["authors"]) ++authors[au];
    }
  }
  json r = post(port(), {{"q", ""}, {"limit", 0},
                         {"facets", {{{"field", "source"}, {"size", 100}}, "year", {{"field", "author"}, {"size", 100}}}}});
  EXPECT_EQ(r["total"], 20);
  std::map<std::string, int> got;
  for (const auto& v : r["facets"]["source"]) got[v["value"]] = v["count"];
  EXPECT_EQ(got, sources);
  got.clear();
  std::vector<std::string> year_order;
  for (const auto& v : r["facets"]["year"]) {
    got[v["value"]] = v["count"];
    year_order.push_back(v["value"]);
  }
  EXPECT_EQ(got, years);
  EXPECT_TRUE(std::is_sorted(year_order.begin(), year_order.end()));
  got.clear();
  for (const auto& v : r["facets"]["author"]) got[v["value"]] = v["count"];
  EXPECT_EQ(got, authors);
  // By count, highest first.
  int last = 1 << 30;
  for (const auto& v : r["facets"]["source"]) {
    EXPECT_LE(v["count"].get<int>(), last);
    last = v["count"];
  }
}

TEST_F(SearchdTest, FiltersAreOredWithinAFieldAndAndedAcross) {
  json r = post(port(), {{"filters", {{"source", {"antaranews.com", "KOMPAS.com"}}}}, {"limit", 100}});
  EXPECT_EQ(r["total"], 4);  // 2 antaranews + 2 kompas
  r = post(port(), {{"filters", {{"source", {"antaranews.com", "kompas.com"}}, {"section", {"Nasional"}}}},
                    {"limit", 100}});
  std::vector<std::string> ids = ids_of(r);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, std::vector<std::string>{"t07-gempa-cianjur"});
  r = post(port(), {{"filters", {{"date", {{"from", "2024-03-01"}, {"to", "2024-05-20"}}}}}, {"limit", 100}});
  ids = ids_of(r);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"t05-harga-beras", "t06-teknologi-ai", "t12-en-markets"}));
}

TEST_F(SearchdTest, SortOrdersPutUndatedArticlesLast) {
  std::vector<std::pair<std::string, std::string>> dated;  // sort key, id
  std::vector<std::string> undated;
  for (const json& a : fixture_articles()) {
    if (a.contains("published_at")) {
      std::string d = a["published_at"];
      std::string key = d.substr(0, 10) + (d.size() > 10 ? d.substr(11, 8) : "00:00:00");
      dated.emplace_back(key, a["id"]);
    } else {
      undated.push_back(a["id"]);
    }
  }
  std::sort(dated.begin(), dated.end());
  std::sort(undated.begin(), undated.end());
  std::vector<std::string> oldest, newest;
  for (const auto& [k, id] : dated) oldest.push_back(id);
  newest.assign(oldest.rbegin(), oldest.rend());
  oldest.insert(oldest.end(), undated.begin(), undated.end());
  newest.insert(newest.end(), undated.begin(), undated.end());
  EXPECT_EQ(ids_of(post(port(), {{"sort", "oldest"}, {"limit", 100}})), oldest);
  EXPECT_EQ(ids_of(post(port(), {{"sort", "newest"}, {"limit", 100}})), newest);
  // Browsing (empty q) is newest first by default.
  EXPECT_EQ(ids_of(post(port(), {{"limit", 100}})), newest);
}

TEST_F(SearchdTest, ArticleTextIsEscapedInSnippets) {
  json hit = post(port(), {{"q", "peretas"}})["hits"][0];
  EXPECT_EQ(hit["id"], "t14-script-escape");
  std::string snippet = hit["snippet"], title = hit["title_html"];
  EXPECT_EQ(snippet.find("<script>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
  EXPECT_NE(title.find("&lt;script&gt;"), std::string::npos) << title;
  EXPECT_EQ(hit["title"], "Peretas Sisipkan <script> di Situs Pemerintah");  // plain JSON text
  json plain = post(port(), {{"q", "peretas"}, {"highlight", false}})["hits"][0];
  EXPECT_EQ(plain["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_NE(plain["snippet"].get<std::string>().find("&lt;script&gt;"), std::string::npos);
}

TEST_F(SearchdTest, GetAndPostAgree) {
  json by_post = post(port(), {{"q", "pemilu"},
                               {"filters", {{"source", {"antaranews.com"}}, {"date", {{"from", "2023-01-01"}}}}},
                               {"facets", {"source", "month"}},
                               {"sort", "newest"}});
  json by_get = get(port(), "/search?q=pemilu&source=antaranews.com&from=2023-01-01&facets=source,month&sort=newest");
  by_post.erase("took_ms");
  by_get.erase("took_ms");
  EXPECT_EQ(by_get, by_post);
}

TEST_F(SearchdTest, ArticlesAndSimilarArticles) {
  json a = get(port(), "/articles/t03-pemilu-kpu");
  EXPECT_EQ(a["title"], "KPU Tetapkan Jadwal Pemilu Serentak");
  EXPECT_EQ(a["authors"], json({"Dewi Lestari"}));
  json missing = get(port(), "/articles/no-such-id", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");
  json similar = get(port(), "/articles/t17-kementerian/similar");
  auto ids = ids_of(similar);
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "t17-kementerian"), ids.end());
  ASSERT_FALSE(ids.empty());
  get(port(), "/articles/no-such-id/similar", 404);
  // The whole id is in the message, a NUL escaped rather than ending it.
  EXPECT_EQ(get(port(), "/articles/a%00b", 404)["error"]["message"], "no article with id \"a\\u0000b\"");
  EXPECT_EQ(get(port(), "/articles/a%00b/similar", 404)["error"]["message"], "no article with id \"a\\u0000b\"");
  // What /similar cannot honour is refused, not ignored.
  EXPECT_EQ(get(port(), "/articles/t17-kementerian/similar?sort=newest", 400)["error"]["message"],
            "sort: /similar ranks by likeness only (sort=relevance)");
  EXPECT_EQ(get(port(), "/articles/t17-kementerian/similar?recency=2", 400)["error"]["message"],
            "recency: not used by /similar");
  EXPECT_EQ(ids_of(get(port(), "/articles/t17-kementerian/similar?sort=relevance")), ids);
}

TEST_F(SearchdTest, ErrorsNameWhatWasWrong) {
  json e = post(port(), {{"limit", 500}}, 400);
  EXPECT_EQ(e["error"]["code"], "bad_request");
  EXPECT_NE(e["error"]["message"].get<std::string>().find("limit"), std::string::npos);
  e = post(port(), {{"filters", {{"date", {{"from", "2022-13-01"}}}}}}, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("filters.date.from"), std::string::npos);
  e = post(port(), {{"colour", "red"}}, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("colour"), std::string::npos);
  get(port(), "/search?q=a&bogus=1", 400);
  EXPECT_EQ(get(port(), "/nowhere", 404)["error"]["code"], "not_found");
  auto reply = http_request(port(), "DELETE", "/search");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("allow"), "GET, HEAD, POST");
  EXPECT_EQ(json::parse(reply.body)["error"]["code"], "method_not_allowed");
  auto big = http_request(port(), "POST", "/search", std::string(2 << 20, ' '));
  EXPECT_EQ(big.status, 413);
  // A date range in q that cannot be read is a 400 saying why; dots
  // elsewhere (an ellipsis) are not a range at all.
  EXPECT_EQ(post(port(), {{"q", "banjir date:2022-13-01.."}}, 400)["error"]["message"],
            "q: date:2022-13-01..: 2022-13-01 is not a date (YYYY-MM-DD)");
  EXPECT_EQ(post(port(), {{"q", "banjir..."}, {"limit", 0}})["total"],
            post(port(), {{"q", "banjir"}, {"limit", 0}})["total"]);
  // Parameters of a POST are in its body: a query string beside it is refused, not ignored.
  EXPECT_EQ(http_request(port(), "POST", "/search?limit=50", R"({"q": "banjir"})").status, 400);
  // A POST whose body has no length is told so, not that its body is not JSON.
  {
    auto raw = test::raw_exchange(port(), "POST /search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(raw.find(" 400 "), std::string::npos) << raw;
    EXPECT_NE(raw.find("body: missing; send it with a Content-Length header (or chunked)"), std::string::npos) << raw;
  }
  // A target in absolute form is the same request.
  EXPECT_EQ(http_request(port(), "GET", "http://127.0.0.1/health").status, 200);
  // Malformed input does not take the server down.
  post(port(), json::parse("{\"q\": \"(unclosed\"}"), 200);
  EXPECT_EQ(get(port(), "/health")["status"], "ok");
}

TEST_F(SearchdTest, MetricsAndStats) {
  get(port(), "/health");
  auto reply = http_request(port(), "GET", "/metrics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(reply.body.find("warta_requests_total{route=\"health\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(reply.body.find("warta_documents 20"), std::string::npos);
  EXPECT_NE(reply.body.find("warta_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(reply.body.find("warta_queue_depth 0\n"), std::string::npos) << "an idle server's queue is empty";
  json stats = get(port(), "/stats");
  EXPECT_EQ(stats["documents"], 20);
  EXPECT_EQ(stats["queue_depth"], 0);
}

std::vector<json> sample_articles() {
  std::vector<json> articles;
  auto r = test::run_process({"/bin/gzip", "-dc", WARTA_SAMPLE_ARCHIVE});
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) articles.push_back(json::parse(line));
  return articles;
}

// Over the bundled sample: an article ranks in the top 3 for its title's
// words, and facet counts equal counts made from the sample file itself.
TEST(SearchdSample, TitlesFindTheirArticlesAndFacetsMatchTheFile) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE}).exit_code, 0);
  Searchd server(dir, dir.file("db"));
  auto articles = sample_articles();
  ASSERT_GT(articles.size(), 500u);
  int checked = 0, in_top3 = 0;
  for (std::size_t i = 0; i < articles.size(); i += articles.size() / 40) {
    const json& a = articles[i];
    json r = post(server.port(), {{"q", a["title"]}, {"limit", 3}, {"highlight", false}});
    ++checked;
    for (const auto& hit : r["hits"]) {
      if (hit["id"] == a["id"]) ++in_top3;
    }
  }
  // IndoSum has a few near-identical stories; nearly every title must win.
  EXPECT_GE(in_top3, checked - 2) << in_top3 << " of " << checked;

  std::map<std::string, int> sections, months;
  for (const json& a : articles) {
    std::string section = a["section"];
    section[0] = static_cast<char>(std::toupper(section[0]));
    for (std::size_t k = 1; k < section.size(); ++k) {
      if (section[k - 1] == ' ') section[k] = static_cast<char>(std::toupper(section[k]));
    }
    ++sections[section];
    if (a.contains("published_at")) ++months[a["published_at"].get<std::string>().substr(0, 7)];
  }
  json r = post(server.port(), {{"limit", 0}, {"facets", {{{"field", "section"}, {"size", 100}}, "month"}}});
  EXPECT_EQ(r["total"], articles.size());
  std::map<std::string, int> got_sections, got_months;
  for (const auto& v : r["facets"]["section"]) got_sections[v["value"]] = v["count"];
  for (const auto& v : r["facets"]["month"]) got_months[v["value"]] = v["count"];
  EXPECT_EQ(got_sections, sections);
  EXPECT_EQ(got_months, months);
  // A filter narrows the counts to its own value.
  json olahraga = post(server.port(), {{"limit", 0}, {"filters", {{"section", {"olahraga"}}}}, {"facets", {"section"}}});
  EXPECT_EQ(olahraga["total"], sections["Olahraga"]);
}

// Once an article is deleted, field terms that every article holds (all of
// the sample is `lang:id`) still answer as filters in the query text: alone,
// in OR and NOT, with facets, sorted and grouped. (Matched with weight 0 on
// their own, Xapian 1.4 reported such a term's postings as corrupt.)
TEST(SearchdAfterADeletion, FieldTermsEveryArticleHoldsStillMatch) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE}).exit_code, 0);
  Searchd server(dir, dir.file("db"), {"--result-cache-mb", "0"});
  const int before = post(server.port(), {{"limit", 0}})["total"];
  const std::string gone = post(server.port(), {{"limit", 1}})["hits"][0]["id"];
  auto r = test::run_process({kIndexer, "--db", dir.file("db"), "--delete", gone});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int after = before - 1;
  // Each worker reopens the index at its first search 200 ms or more after
  // its last reopen: from then on none reads the revision before the delete.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_EQ(get(server.port(), "/health")["documents"], after);

  const int banjir = post(server.port(), {{"q", "banjir"}, {"limit", 0}})["total"];
  ASSERT_GT(banjir, 0);
  const std::vector<std::pair<json, int>> searches = {
      {{{"q", "lang:id"}}, after},
      {{{"q", "lang:id"}, {"sort", "newest"}}, after},
      {{{"q", "lang:id"}, {"collapse", true}}, after},
      {{{"q", "lang:id lang:en"}}, after},
      {{{"q", "lang:id OR banjir"}}, after},
      {{{"q", "lang:id -banjir"}}, after - banjir},
      {{{"q", "lang:id banjir"}}, banjir},
      {{{"q", "NOT lang:en"}}, after},
  };
  for (const auto& [search, total] : searches) {
    json answer = post(server.port(), search);
    EXPECT_EQ(answer["total"], total) << search.dump();
    for (const auto& hit : answer["hits"]) EXPECT_NE(hit["id"], gone) << search.dump();
  }
  json faceted = post(server.port(), {{"q", "lang:id"}, {"limit", 0}, {"facets", {{{"field", "section"}, {"size", 100}}}}});
  EXPECT_EQ(faceted["total"], after);
  int counted = 0;
  for (const auto& v : faceted["facets"]["section"]) counted += v["count"].get<int>();
  EXPECT_EQ(counted, after);
  EXPECT_EQ(server.stop(), 0);
}

// A total small enough to count is exact on every page, with or without
// facets: a reader paging by it never meets an empty last page.
TEST(SearchdTotals, SmallTotalsAreExactOnEveryPage) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE}).exit_code, 0);
  Searchd server(dir, dir.file("db"), {"--result-cache-mb", "0"});
  for (const char* q : {"source:suara.com", "pemerintah -jakarta", "\"presiden joko widodo\"", "banjir"}) {
    const json counted = post(server.port(), {{"q", q}, {"limit", 0}});
    ASSERT_EQ(counted["total_exact"], true) << q;
    const int total = counted["total"];
    ASSERT_GT(total, 10) << q;
    int seen = 0;
    for (int offset = 0; offset < total; offset += 10) {
      json page = post(server.port(), {{"q", q}, {"offset", offset}, {"limit", 10}});
      EXPECT_EQ(page["total"], total) << q << " at offset " << offset;
      EXPECT_EQ(page["total_exact"], true) << q << " at offset " << offset;
      seen += static_cast<int>(page["hits"].size());
    }
    EXPECT_EQ(seen, total) << q;
  }
  EXPECT_EQ(server.stop(), 0);
}

// newest and oldest follow the moment of publication, whatever offset each
// article's date is written in; undated articles come last either way.
TEST(SearchdSort, NewestAndOldestFollowTheMomentAcrossOffsets) {
  test::TempDir dir;
  auto article = [](const std::string& id, const std::string& published_at) {
    json a = {{"id", id}, {"title", "Banjir " + id}, {"body", "Banjir melanda kota pada hari itu."}};
    if (!published_at.empty()) a["published_at"] = published_at;
    return a.dump() + "\n";
  };
  // In UTC: jakarta 18:00 on the 30th, la 04:00 on the 31st, utc 12:00 on the 30th.
  test::write_file(dir.file("in.jsonl"), article("jakarta", "2022-03-31T01:00:00+07:00") +
                                             article("la", "2022-03-30T20:00:00-08:00") +
                                             article("utc", "2022-03-30T12:00:00Z") + article("undated", ""));
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), dir.file("in.jsonl")}).exit_code, 0);
  Searchd server(dir, dir.file("db"), {"--result-cache-mb", "0"});
  EXPECT_EQ(ids_of(post(server.port(), {{"q", "banjir"}, {"sort", "newest"}})),
            (std::vector<std::string>{"la", "jakarta", "utc", "undated"}));
  EXPECT_EQ(ids_of(post(server.port(), {{"q", "banjir"}, {"sort", "oldest"}})),
            (std::vector<std::string>{"utc", "jakarta", "la", "undated"}));
  EXPECT_EQ(server.stop(), 0);
}

// A query is read as Indonesian and as English; the English reading of a
// word matches English articles only: the English stem of "tulis" (write)
// is "tuli", the Indonesian word for deaf.
TEST(SearchdLanguages, TheEnglishReadingMatchesEnglishArticlesOnly) {
  test::TempDir dir;
  auto article = [](const std::string& id, const std::string& lang, const std::string& body) {
    return json{{"id", id}, {"lang", lang}, {"title", "Berita " + id}, {"body", body}}.dump() + "\n";
  };
  test::write_file(dir.file("in.jsonl"),
                   article("tuli", "id", "Bayi tuli mendapat alat bantu dengar dari rumah sakit.") +
                       article("menulis", "id", "Wartawan itu menulis buku tentang banjir di Jakarta.") +
                       article("writing", "en", "The reporter is writing a book about the floods in Jakarta."));
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), dir.file("in.jsonl")}).exit_code, 0);
  Searchd server(dir, dir.file("db"), {"--result-cache-mb", "0"});
  auto found = [&](const std::string& q) {
    auto ids = ids_of(post(server.port(), {{"q", q}}));
    return std::set<std::string>(ids.begin(), ids.end());
  };
  EXPECT_EQ(found("tulis"), std::set<std::string>{"menulis"});
  EXPECT_EQ(found("writes"), std::set<std::string>{"writing"});
  EXPECT_EQ(found("tuli"), std::set<std::string>{"tuli"});
  EXPECT_EQ(found("banjir -tulis"), std::set<std::string>{});
  EXPECT_EQ(server.stop(), 0);
}

// A full work queue answers 503 with Retry-After at once; nothing else fails.
TEST(SearchdQueue, AFullQueueAnswers503WithRetryAfter) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE}).exit_code, 0);
  Searchd server(dir, dir.file("db"), {"--threads", "1", "--max-queue", "1"});
  std::atomic<int> ok{0}, overloaded{0}, other{0};
  std::atomic<bool> retry_after{true};
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto reply = http_request(server.port(), "POST", "/search",
                                  R"({"q": "indonesia", "facets": ["source", "section", "month", "year"]})");
        if (reply.status == 200) {
          ++ok;
        } else if (reply.status == 503) {
          ++overloaded;
          if (reply.header("retry-after") != "1" ||
              json::parse(reply.body)["error"]["code"] != "overloaded") {
            retry_after = false;
          }
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_GT(ok, 0);
  EXPECT_GT(overloaded, 0);
  EXPECT_EQ(other, 0);
  EXPECT_TRUE(retry_after);
  EXPECT_EQ(json::parse(http_request(server.port(), "GET", "/health").body)["status"], "ok");
}

TEST(SearchdCli, HelpVersionAndAMissingIndex) {
  auto help = test::run_process({kSearchd, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--listen"), std::string::npos);
  EXPECT_EQ(test::run_process({kSearchd, "--version"}).out, "warta-searchd 0.1.0\n");
  test::TempDir dir;
  auto missing = test::run_process({kSearchd, "--db", dir.file("none"), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find(dir.file("none")), std::string::npos) << missing.err;
}

// Searches running while the indexer commits see no errors, and new
// articles appear without a restart.
TEST(SearchdLive, SearchesDuringCommitsSeeNoErrorsAndNewArticles) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), kFixture}).exit_code, 0);
  Searchd server(dir, dir.file("db"));
  std::atomic<bool> done{false};
  std::atomic<int> errors{0}, searches{0};
  std::thread searcher([&] {
    while (!done) {
      auto reply = http_request(server.port(), "POST", "/search",
                                R"({"q": "", "limit": 5, "facets": ["source", "month"]})");
      if (reply.status != 200) ++errors;
      ++searches;
    }
  });
  std::string sample = WARTA_SAMPLE_ARCHIVE;
  auto r = test::run_process({kIndexer, "--db", dir.file("db"), "--commit-every", "50", sample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  done = true;
  searcher.join();
  EXPECT_EQ(errors, 0);
  EXPECT_GT(searches, 5);
  json health = json::parse(http_request(server.port(), "GET", "/health").body);
  EXPECT_GT(health["documents"].get<int>(), 500);
  EXPECT_EQ(server.stop(), 0);
}

// The same search is answered from the result cache while the index stays
// at one revision, and never after a commit has changed it.
TEST(SearchdResultCache, RepeatsAreCachedUntilTheIndexChanges) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), kFixture}).exit_code, 0);
  Searchd server(dir, dir.file("db"));
  const json browse = {{"q", ""}, {"limit", 3}, {"facets", {"source"}}};
  json first = post(server.port(), browse);
  EXPECT_EQ(first["total"], 20);
  json again = post(server.port(), browse);
  EXPECT_EQ(again["hits"], first["hits"]);
  EXPECT_EQ(again["facets"], first["facets"]);
  json cache = get(server.port(), "/stats")["result_cache"];
  EXPECT_EQ(cache["hits"], 1);
  EXPECT_EQ(cache["misses"], 1);
  EXPECT_EQ(cache["entries"], 1);

  auto r = test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Workers reopen the index within 200 ms.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_GT(post(server.port(), browse)["total"].get<int>(), 500);
  EXPECT_EQ(server.stop(), 0);
}

// Frequent words scored from the document lengths in memory rank exactly as
// Xapian scores them: on one server every word counts as frequent
// (--frequent-word-docs 1), on the other none does; every answer is the
// same, scores, passages and marks included.
TEST(SearchdFrequentWords, ScoringFromMemoryChangesNoAnswer) {
  test::TempDir dir;
  ASSERT_EQ(test::run_process({kIndexer, "--db", dir.file("db"), WARTA_SAMPLE_ARCHIVE}).exit_code, 0);
  Searchd from_memory(dir, dir.file("db"), {"--frequent-word-docs", "1", "--result-cache-mb", "0"});
  Searchd from_index(dir, dir.file("db"), {"--frequent-word-docs", "0", "--result-cache-mb", "0"});
  const std::vector<json> searches = {
      {{"q", "pemerintah"}},
      {{"q", "presiden jokowi"}, {"limit", 20}},
      {{"q", "banjir OR gempa"}, {"highlight", true}},
      {{"q", "indonesia -jakarta"}, {"offset", 5}},
      {{"q", "\"tim nasional\" sepak bola"}},
      {{"q", "pemerintah daerah"}, {"filters", {{"section", {"tajuk utama"}}}}, {"facets", {"source", "month"}}},
      {{"q", "menteri"}, {"collapse", true}},
      {{"q", "harga"}, {"recency", 1.0}},
      // A phrase alone; acronyms whose long forms are phrases scaled down.
      {{"q", "\"sepak bola\""}},
      {{"q", "dpr OR bumn"}, {"limit", 5}},
      {{"q", "\"tim nasional\" OR dpr"}},
      // A phrase counted first, then ranked through its counted matches.
      {{"q", "\"presiden jokowi\""}, {"facets", {"source", "author", "year"}}},
  };
  // The columns are read by a thread of their own after start: searches
  // before they are ready are ranked the usual way.
  json stats;
  for (int i = 0; i < 200; ++i) {
    post(from_memory.port(), searches[0]);
    stats = get(from_memory.port(), "/stats");
    if (stats["frequent_word_searches"].get<int>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(stats["frequent_word_searches"].get<int>(), 0);
  int used = stats["frequent_word_searches"].get<int>();
  for (const json& search : searches) {
    json a = post(from_memory.port(), search);
    json b = post(from_index.port(), search);
    ASSERT_FALSE(a["hits"].empty()) << search.dump();
    EXPECT_EQ(a["hits"], b["hits"]) << search.dump();
    EXPECT_EQ(a["total"], b["total"]) << search.dump();
    EXPECT_EQ(a["facets"], b["facets"]) << search.dump();
  }
  EXPECT_EQ(get(from_memory.port(), "/stats")["frequent_word_searches"].get<int>(),
            used + static_cast<int>(searches.size()));
  EXPECT_EQ(get(from_index.port(), "/stats")["frequent_word_searches"], 0);
  // The acronym searches ("dpr OR bumn": long forms are phrases) ranked
  // through their relaxed query on both, proven each time.
  for (int port : {from_memory.port(), from_index.port()}) {
    json ranking = get(port, "/stats");
    EXPECT_GE(ranking["relaxed_searches"].get<int>(), 1) << ranking.dump();
    EXPECT_EQ(ranking["relaxed_fallbacks"], 0) << ranking.dump();
  }
  // Similar articles rank with the same words.
  std::string id = post(from_index.port(), searches[0])["hits"][0]["id"];
  EXPECT_EQ(get(from_memory.port(), "/articles/" + id + "/similar")["hits"],
            get(from_index.port(), "/articles/" + id + "/similar")["hits"]);
}

}  // namespace
}  // namespace warta
