// Tests of the warta terminal client: its renderer and URL parsing, and the real binary against a real warta-searchd.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/version.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
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
  std::string out = cli::render_search(response, {80, false});
  EXPECT_EQ(out,
            "about 1200 articles\n"
            "did you mean: floods\n"
            "\n"
            jimport_placeholder);
}

}  // namespace
}  // namespace warta
