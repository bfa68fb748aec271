// Tests of the warta terminal client: its renderer and URL parsing, and the real binary against a real warta-searchd.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/version.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"
#include "tools/warta/client.h"
#include "tools/warta/render.h"

namespace warta {
namespace {

using json = nlohmann::json;
using cli::Json;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kCli = WARTA_CLI_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string& text, const std::string& wanted) {
  for (const std::string& line : lines_of(text)) {
    if (line == wanted) return true;
  }
  return false;
}

// Sets an environment variable for the tests of one scope (children inherit it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// ---------------------------------------------------------------- renderer

TEST(WartaRender, MarksBecomeBoldOnlyWhenStyled) {
  EXPECT_EQ(cli::render_marked_html("air <mark>banjir</mark> naik", true), "air \033[1mbanjir\033[0m naik");
  EXPECT_EQ(cli::render_marked_html("air <mark>banjir</mark> naik", false), "air banjir naik");
  // An unclosed mark is closed at the end, so the terminal is not left bold.
  EXPECT_EQ(cli::render_marked_html("<mark>banjir", true), "\033[1mbanjir\033[0m");
}

TEST(WartaRender, EntitiesAreDecodedOnce) {
  EXPECT_EQ(cli::render_marked_html("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", false),
            "<script>alert('x')</script> & \"q\"");
  EXPECT_EQ(cli::render_marked_html("&#x4E2D;&#233; &amp;lt; &nosuch; a&b", false), "中é &lt; &nosuch; a&b");
  // Escaped tag text in an article is text, never a highlight.
  EXPECT_EQ(cli::render_marked_html("&lt;mark&gt;x&lt;/mark&gt;", true), "<mark>x</mark>");
}

TEST(WartaRender, ServerTextCannotDriveTheTerminal) {
  EXPECT_EQ(cli::clean_text("a\033[2Jb\tc\n\nd  e \xC2\x9B"), "a [2Jb c d e");
  EXPECT_EQ(cli::render_marked_html("x&#27;[31my", true), "x [31my");
}

TEST(WartaRender, DisplayWidthCountsColumns) {
  EXPECT_EQ(cli::display_width("abc"), 3);
  EXPECT_EQ(cli::display_width("a · b"), 5);
  EXPECT_EQ(cli::display_width("\033[1mbold\033[0m"), 4);
  EXPECT_EQ(cli::display_width("中文"), 4);
  EXPECT_EQ(cli::display_width("e\xCC\x81"), 1);  // e + combining acute
}

TEST(WartaRender, WrapFillsLinesAndKeepsLongWordsWhole) {
  auto lines = cli::wrap("one two three four five six", 14, "1. ", "   ");
  EXPECT_EQ(lines, (std::vector<std::string>{"1. one two", "   three four", "   five six"}));
  lines = cli::wrap("see https://example.test/a/very/long/url ok", 12, "", "");
  EXPECT_EQ(lines, (std::vector<std::string>{"see", "https://example.test/a/very/long/url", "ok"}));
  EXPECT_EQ(cli::wrap("", 20, "  ", "  "), std::vector<std::string>{"  "});
}

TEST(WartaRender, BoldIsClosedAndReopenedAcrossAWrap) {
  auto lines = cli::wrap("aa \033[1mbb cc\033[0m dd", 5, "", "");
  EXPECT_EQ(lines, (std::vector<std::string>{"aa \033[1mbb\033[0m", "\033[1mcc\033[0m dd"}));
}

TEST(WartaRender, InterpretedDatesAreShown) {
  Json day = Json::parse(R"({"total": 0, "hits": [], "facets": {},
    "interpreted": {"date": {"from": "2024-04-30", "to": "2024-04-30"}, "q": "banjir"}})");
  EXPECT_EQ(cli::render_search(day, {80, false}), "0 articles (exact)\ndates: 2024-04-30, words: banjir\n");
  Json open = Json::parse(R"({"total": 0, "hits": [], "facets": {},
    "interpreted": {"date": {"from": "2020-01-01"}, "q": ""}})");
  EXPECT_EQ(cli::render_search(open, {80, false}), "0 articles (exact)\ndates: 2020-01-01 to ...\n");
}

TEST(WartaRender, SearchTableFromAResponse) {
  Json response = Json::parse(R"({
    "total": 1200, "total_exact": false, "took_ms": 1.5, "offset": 9,
    "hits": [{"id": "a1", "title": "T <1>", "title_html": "T &lt;1&gt;", "source": "kompas.com",
              "published_at": "2023-01-17T06:30:00+07:00", "authors": ["A", "B"], "url": "https://x.test/1",
              "snippet": "the <mark>flood</mark>"},
             {"id": "a2", "title": "Bare", "title_html": "Bare", "snippet": ""}],
    "facets": {"source": [{"value": "kompas.com", "count": 12}, {"value": "detik.com", "count": 7}],
               "tag": []},
    "suggestion": "floods"})");
  EXPECT_EQ(cli::render_search(response, {80, false}),
            "about 1200 articles\n"
            "did you mean: floods\n"
            "\n"
            "10. T <1>\n"
            "    2023-01-17 · kompas.com · A, B\n"
            "    the flood\n"
            "    a1 · https://x.test/1\n"
            "\n"
            "11. Bare\n"
            "    a2\n"
            "\n"
            "source: kompas.com 12 · detik.com 7\n"
            "tag: (none)\n");
  std::string styled = cli::render_search(response, {80, true});
  EXPECT_NE(styled.find("the \033[1mflood\033[0m"), std::string::npos) << styled;
}

TEST(WartaRender, OddResponsesDoNotThrow) {
  EXPECT_EQ(cli::render_search(Json::parse(R"({"total": 0, "total_exact": true, "hits": []})"), {}),
            "0 articles (exact)\n");
  EXPECT_EQ(cli::render_search(Json::parse(R"({"total": 1})"), {}), "1 article (exact)\n");
  EXPECT_EQ(cli::render_search(Json::parse(R"({"total": 5, "offset": 20, "hits": []})"), {}),
            "5 articles (exact)\n(no hits at offset 20)\n");
  EXPECT_NO_THROW(cli::render_search(Json::parse(R"({"hits": [1, null, {"title": 3}], "facets": {"x": 5}})"), {}));
  EXPECT_NO_THROW(cli::render_search(Json::parse("[]"), {}));
  EXPECT_NO_THROW(cli::render_article(Json::parse(R"({"title": null, "body": 7})"), {}));
}

TEST(WartaClient, ParsesServerUrls) {
  std::string error;
  auto url = cli::parse_server_url("http://127.0.0.1:8080", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->prefix, "");
  url = cli::parse_server_url("HTTP://search.example.test/warta/", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->host, "search.example.test");
  EXPECT_EQ(url->port, "80");
  EXPECT_EQ(url->prefix, "/warta");
  url = cli::parse_server_url("http://[::1]:9000", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "9000");
  for (const char* bad : {"https://x.test", "127.0.0.1:8080", "http://", "http://x:0", "http://x:99999",
                          "http://x:", "http://x/?q=1", "http://u@x", "http://[::1"}) {
    EXPECT_FALSE(cli::parse_server_url(bad, error)) << bad;
  }
  EXPECT_FALSE(cli::parse_server_url("https://x.test", error));
  EXPECT_NE(error.find("https"), std::string::npos);
}

TEST(WartaClient, EncodesPathSegments) {
  EXPECT_EQ(cli::encode_path_segment("t02-banjir_jakarta.1~"), "t02-banjir_jakarta.1~");
  EXPECT_EQ(cli::encode_path_segment("a b/c?d%"), "a%20b%2Fc%3Fd%25");
}

// ------------------------------------------------------- the real binaries

// warta-searchd on a free port over `db`, stopped by its PID.
class Searchd : public test::SearchdProcess {
 public:
  Searchd(const test::TempDir& dir, const std::string& db) : test::SearchdProcess(kSearchd, dir, db) {}
};

// A loopback port with nothing listening: bound, then released.
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  close(fd);
  return ntohs(addr.sin_port);
}

class WartaCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto r = test::run_process({kIndexer, "--db", dir_->file("db"), "--no-progress", kFixture});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new Searchd(*dir_, dir_->file("db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static std::string url() { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // Runs warta with `args` against the test server (stdout is a pipe, so no styling).
  static test::ProcessResult warta(std::vector<std::string> args, bool with_server = true) {
    args.insert(args.begin(), kCli);
    if (with_server) {
      args.push_back("--server");
      args.push_back(url());
    }
    return test::run_process(args);
  }

  static json post(const json& body, int expect_status = 200) {
    auto reply = test::http_request(server_->port(), "POST", "/search", body.dump());
    EXPECT_EQ(reply.status, expect_status) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  static inline test::TempDir* dir_ = nullptr;
  static inline Searchd* server_ = nullptr;
};

TEST_F(WartaCliTest, SearchPrintsATableWithFacets) {
  auto r = warta({"search", "banjir", "--facets", "source,month"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 5u) << r.out;
  EXPECT_EQ(lines[0], "1 article (exact)");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "1. Banjir Rendam Ratusan Rumah di Jakarta Timur");
  EXPECT_EQ(lines[3], "   2023-01-17 · kompas.com · MEGAPOLITAN · Rina Wulandari, Agus Setiawan · JAKARTA");
  EXPECT_NE(lines[4].find("terendam banjir"), std::string::npos) << r.out;
  EXPECT_TRUE(has_line(r.out, "   t02-banjir-jakarta · https://example.test/banjir-jakarta")) << r.out;
  EXPECT_TRUE(has_line(r.out, "source: kompas.com 1")) << r.out;
  EXPECT_TRUE(has_line(r.out, "month: 2023-01 1")) << r.out;
  // Not a terminal: no escape sequences, no markup.
  EXPECT_EQ(r.out.find('\033'), std::string::npos);
  EXPECT_EQ(r.out.find("<mark>"), std::string::npos);
}

TEST_F(WartaCliTest, TheFirstTitleIsTheBestMatch) {
  auto r = warta({"search", "kebakaran", "hutan", "riau"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[2], "1. Kebakaran Hutan di Riau Meluas");
}

TEST_F(WartaCliTest, JsonOutputIsTheServersResponse) {
  auto r = warta({"search", "banjir", "--facets", "source", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json printed = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(printed.is_discarded()) << r.out;
  json direct = post({{"q", "banjir"}, {"facets", {"source"}}});
  EXPECT_EQ(printed["hits"], direct["hits"]);
  EXPECT_EQ(printed["facets"], direct["facets"]);
  EXPECT_EQ(printed["total"], direct["total"]);
  EXPECT_NE(r.out.find("\n  \"total\": 1"), std::string::npos) << "pretty-printed, in the server's order";
  EXPECT_EQ(r.out.rfind("{\n  \"total\"", 0), 0u) << r.out;
}

TEST_F(WartaCliTest, EveryOptionReachesTheRequest) {
  auto r = warta({"search", "--source", "antaranews.com", "--source", "kompas.com", "--section", "Nasional",
                  "--from", "2022-01-01", "--to", "2022-12-31", "--sort", "oldest", "--limit", "5",
                  "--offset", "0", "--facets", "source:3,year", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json printed = json::parse(r.out);
  json direct = post({{"q", ""},
                      {"filters", {{"source", {"antaranews.com", "kompas.com"}},
                                   {"section", {"Nasional"}},
                                   {"date", {{"from", "2022-01-01"}, {"to", "2022-12-31"}}}}},
                      {"facets", {{{"field", "source"}, {"size", 3}}, "year"}},
                      {"sort", "oldest"}, {"offset", 0}, {"limit", 5}});
  EXPECT_EQ(printed["hits"], direct["hits"]);
  EXPECT_EQ(printed["facets"], direct["facets"]);
  ASSERT_EQ(printed["hits"].size(), 1u);
  EXPECT_EQ(printed["hits"][0]["id"], "t07-gempa-cianjur");
}

TEST_F(WartaCliTest, SourceFilters) {
  auto r = warta({"search", "--source", "antaranews.com", "--limit", "100", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json printed = json::parse(r.out);
  EXPECT_EQ(printed["total"], 2);
  for (const json& hit : printed["hits"]) EXPECT_EQ(hit["source"], "antaranews.com");
  // One value per flag: the word after it stays the query.
  r = warta({"search", "--source", "antaranews.com", "gempa"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out)[0], "1 article (exact)") << r.out;
  EXPECT_TRUE(has_line(r.out, "1. Gempa Magnitudo 5,6 Guncang Cianjur")) << r.out;
  r = warta({"search", "--source", "antaranews.com", "--source", "kompas.com", "--limit", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out)[0], "4 articles (exact)") << r.out;
}

TEST_F(WartaCliTest, HtmlInArticlesIsShownAsText) {
  auto r = warta({"search", "peretas", "situs"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "1. Peretas Sisipkan <script> di Situs Pemerintah")) << r.out;
  EXPECT_NE(r.out.find("<script>alert('x')</script>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dua jam & memulihkan"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("&lt;"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("&amp;"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("&#39;"), std::string::npos) << r.out;
}

TEST_F(WartaCliTest, DidYouMean) {
  auto r = warta({"search", "kebakarn", "hutan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "did you mean: kebakaran hutan")) << r.out;
}

TEST_F(WartaCliTest, RanksFollowTheOffset) {
  auto r = warta({"search", "--sort", "oldest", "--offset", "9", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n10. "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n11. "), std::string::npos) << r.out;
}

TEST_F(WartaCliTest, LinesAreWrappedToTheWidth) {
  ScopedEnv columns("COLUMNS", "40");
  auto r = warta({"search", "--limit", "20", "--facets", "source:50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& line : lines_of(r.out)) {
    bool one_word = line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
    if (!one_word) {
      EXPECT_LE(cli::display_width(line), 40) << line;
    }
  }
  EXPECT_GT(lines_of(r.out).size(), 60u);
}

TEST_F(WartaCliTest, ServerErrorsAreReported) {
  auto r = warta({"search", "banjir", "--from", "2024-13-45"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  json direct = post({{"q", "banjir"}, {"filters", {{"date", {{"from", "2024-13-45"}}}}}}, 400);
  std::string message = direct["error"]["message"];
  EXPECT_EQ(message.rfind("filters.date.from", 0), 0u) << message;
  EXPECT_EQ(r.err, "warta: " + message + " (bad_request, HTTP 400)\n");

  r = warta({"search", "banjir", "--limit", "500"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "warta: limit: must be between 0 and 100, got 500 (bad_request, HTTP 400)\n");
}

TEST_F(WartaCliTest, UnreachableServer) {
  const std::string dead = "http://127.0.0.1:" + std::to_string(closed_port());
  auto r = warta({"search", "banjir", "--server", dead}, false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "warta: cannot reach " + dead + ": Connection refused\n");
}

TEST_F(WartaCliTest, ServerFromTheEnvironment) {
  ScopedEnv server("WARTA_SERVER", url());
  auto r = warta({"search", "banjir"}, false);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out)[0], "1 article (exact)") << r.out;
  r = warta({"article", "t02-banjir-jakarta"}, false);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(WartaCliTest, ServerOptionOverridesTheEnvironment) {
  ScopedEnv server("WARTA_SERVER", "http://127.0.0.1:" + std::to_string(closed_port()));
  auto r = warta({"search", "banjir"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = warta({"article", "t02-banjir-jakarta"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The prefix of --server reaches the request (this server has none: 404).
  r = warta({"search", "banjir", "--server", url() + "/warta"}, false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "warta: no such endpoint: /warta/search (not_found, HTTP 404)\n");
}

TEST_F(WartaCliTest, ArticleShowsTheStoredText) {
  auto r = warta({"article", "t02-banjir-jakarta"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 5u) << r.out;
  EXPECT_EQ(lines[0], "Banjir Rendam Ratusan Rumah di Jakarta Timur");
  EXPECT_EQ(lines[1], "2023-01-17 · kompas.com · MEGAPOLITAN · Rina Wulandari, Agus Setiawan · JAKARTA");
  EXPECT_EQ(lines[2], "https://example.test/banjir-jakarta");
  EXPECT_NE(r.out.find("\n\nJAKARTA - Hujan deras"), std::string::npos) << r.out;

  r = warta({"article", "t02-banjir-jakarta", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto direct = test::http_request(server_->port(), "GET", "/articles/t02-banjir-jakarta");
  EXPECT_EQ(json::parse(r.out), json::parse(direct.body));

  r = warta({"article", "no such/id"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "warta: no article with id \"no such/id\" (not_found, HTTP 404)\n");
}

TEST_F(WartaCliTest, VersionAndHelp) {
  auto r = warta({"--version"}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "warta " + std::string(warta::version()) + "\n");
  EXPECT_EQ(r.out, "warta 0.1.0\n");
  r = warta({"--help"}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("search"), std::string::npos);
  r = warta({"search", "--help"}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--source"), std::string::npos);
}

TEST_F(WartaCliTest, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {"find", "x"},
                                             {"search", "x", "--sort", "sideways"},
                                             {"search", "x", "--limit", "many"},
                                             {"search", "x", "--facets", "source:lots"},
                                             {"search", "x", "--server", "https://127.0.0.1:1"},
                                             {"search", "x", "--bogus"},
                                             {"article"},
                                             {"article", ""}}) {
    auto r = warta(args, false);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined << "\n" << r.err;
    EXPECT_FALSE(r.err.empty()) << joined;
  }
}

}  // namespace
}  // namespace warta
