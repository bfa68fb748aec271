// Integration: an archive written as shards by the real warta-indexer, and
// searched by the real warta-searchd over local and remote shards (three
// xapian-tcpsrv processes), compared with one index of the same articles.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/schema.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"
#include "tests/support/tcpsrv_process.h"

namespace warta {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test::http_request;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kSample = WARTA_SAMPLE_ARCHIVE;
const std::vector<std::string> kShards = {"shard-0", "shard-1", "shard-2"};

std::string shard_dir(const std::string& index, int k) { return index + "/shard-0" + std::to_string(k); }

// Every id of a database and how many documents carry it.
std::map<std::string, int> ids_in(const std::string& path) {
  Xapian::Database db(path);
  std::map<std::string, int> ids;
  std::string prefix(schema::id_prefix());
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    ids[(*t).substr(prefix.size())] = static_cast<int>(t.get_termfreq());
  }
  return ids;
}

json post(int port, const json& body, int expect_status = 200) {
  auto reply = http_request(port, "POST", "/search", body.dump());
  EXPECT_EQ(reply.status, expect_status) << body.dump() << " -> " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

void run_indexer(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kIndexer, "--no-progress", "--log-level", "warn"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = test::run_process(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

class ShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    run_indexer({"--db", single(), kSample});
    run_indexer({"--db", sharded(), "--shards", "3", kSample});
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string single() { return dir_->file("single"); }
  static std::string sharded() { return dir_->file("sharded"); }
  static inline test::TempDir* dir_ = nullptr;
};

TEST_F(ShardsTest, EveryArticleIsInExactlyOneShard) {
  auto all = ids_in(single());
  ASSERT_EQ(all.size(), 828u);
  std::map<std::string, int> seen;
  for (int k = 0; k < 3; ++k) {
    auto ids = ids_in(shard_dir(sharded(), k));
    EXPECT_GT(ids.size(), 200u) << "shard " << k << " is lopsided";
    for (const auto& [id, n] : ids) seen[id] += n;
  }
  EXPECT_EQ(seen.size(), all.size());
  for (const auto& [id, n] : seen) EXPECT_EQ(n, 1) << id;
  // Xapian's own tools open the directory as one database (stub file).
  EXPECT_EQ(Xapian::Database(sharded()).get_doccount(), 828u);
  json manifest = json::parse(test::read_file(sharded() + "/warta-shards.json"));
  EXPECT_EQ(manifest["shard_by"], "hash");
  EXPECT_EQ(manifest["shards"], json({"shard-00", "shard-01", "shard-02"}));
}

TEST_F(ShardsTest, ReindexingAnIdReplacesItInItsShardAndOneShardRebuildsAlone) {
  test::TempDir dir;
  std::string index = dir.file("idx");
  run_indexer({"--db", index, "--shards", "3", kSample});
  std::map<int, std::map<std::string, int>> before;
  for (int k = 0; k < 3; ++k) before[k] = ids_in(shard_dir(index, k));

  // The same id again, changed: still one copy, in the same shard, the new
  // text.
  std::string id = before[1].begin()->first;
  test::write_file(dir.file("update.jsonl"),
                   json({{"id", id}, {"title", "judul baru sekali"}, {"body", "isi yang diganti"}}).dump() + "\n");
  run_indexer({"--db", index, dir.file("update.jsonl")});
  int copies = 0;
  for (int k = 0; k < 3; ++k) copies += ids_in(shard_dir(index, k)).count(id) ? 1 : 0;
  EXPECT_EQ(copies, 1);
  EXPECT_EQ(ids_in(shard_dir(index, 1)).count(id), 1u);
  Xapian::Database one(shard_dir(index, 1));
  EXPECT_NE(one.get_document(*one.postlist_begin(schema::id_term(id))).get_data().find("judul baru sekali"),
            std::string::npos);

  // Shard 2 lost: rebuilt alone from the archive, the others untouched.
  auto revision0 = Xapian::Database(shard_dir(index, 0)).get_revision();
  fs::remove_all(shard_dir(index, 2));
  run_indexer({"--db", index, "--only-shard", "2", kSample});
  EXPECT_EQ(ids_in(shard_dir(index, 2)), before[2]);
  EXPECT_EQ(Xapian::Database(shard_dir(index, 0)).get_revision(), revision0);
  EXPECT_EQ(Xapian::Database(index).get_doccount(), 828u);

  // A file changed under two shards, read by a run of the first shard (which
  // holds the file records) alone: the next whole run must read it again and
  // bring the other shard up to date.
  std::string in_0 = before[0].begin()->first;
  std::string in_1 = std::next(before[1].begin())->first;
  test::write_file(dir.file("two.jsonl"),
                   json({{"id", in_0}, {"title", "kabar pertama berubah"}, {"body", "isi baru"}}).dump() + "\n" +
                       json({{"id", in_1}, {"title", "kabar kedua berubah"}, {"body", "isi baru"}}).dump() + "\n");
  run_indexer({"--db", index, "--only-shard", "0", dir.file("two.jsonl")});
  run_indexer({"--db", index, dir.file("two.jsonl")});
  Xapian::Database shard1(shard_dir(index, 1));
  EXPECT_NE(shard1.get_document(*shard1.postlist_begin(schema::id_term(in_1))).get_data().find("kabar kedua berubah"),
            std::string::npos)
      << "the run of shard 0 alone must not record the file as indexed";

  // The shard count is part of the index: another one is refused.
  auto r = test::run_process({kIndexer, "--db", index, "--shards", "4", dir.file("update.jsonl")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("has 3 shards"), std::string::npos) << r.err;
}

TEST_F(ShardsTest, ByYearAnArticleWhoseDateChangedMovesToItsNewShard) {
  test::TempDir dir;
  std::string index = dir.file("years");
  test::write_file(dir.file("a.jsonl"),
                   json({{"id", "a"}, {"title", "satu"}, {"body", "x"}, {"published_at", "2016-05-01"}}).dump() + "\n" +
                       json({{"id", "b"}, {"title", "dua"}, {"body", "y"}}).dump() + "\n" +
                       json({{"id", "c"}, {"title", "tiga"}, {"body", "z"}, {"published_at", "2017-01-02"}}).dump() +
                       "\n");
  run_indexer({"--db", index, "--shard-by", "year", dir.file("a.jsonl")});
  EXPECT_EQ(ids_in(index + "/shard-2016").count("a"), 1u);
  EXPECT_EQ(ids_in(index + "/shard-undated").count("b"), 1u);
  EXPECT_EQ(ids_in(index + "/shard-2017").count("c"), 1u);

  // "a" is re-dated to 2018 (a new shard), "b" gets a date: each leaves its old
  // shard.
  test::write_file(dir.file("b.jsonl"),
                   json({{"id", "a"}, {"title", "satu"}, {"body", "x"}, {"published_at", "2018-03-03"}}).dump() + "\n" +
                       json({{"id", "b"}, {"title", "dua"}, {"body", "y"}, {"published_at", "2017-06-06"}}).dump() +
                       "\n");
  run_indexer({"--db", index, dir.file("b.jsonl")});
  EXPECT_EQ(ids_in(index + "/shard-2016").count("a"), 0u);
  EXPECT_EQ(ids_in(index + "/shard-2018").count("a"), 1u);
  EXPECT_EQ(ids_in(index + "/shard-undated").count("b"), 0u);
  EXPECT_EQ(ids_in(index + "/shard-2017").count("b"), 1u);
  EXPECT_EQ(Xapian::Database(index).get_doccount(), 3u);
}

// The searches compared: words, phrases, boolean operators, wildcards,
// filters, every facet, the sorts, pages, recency.
std::vector<json> comparison_searches() {
  json all_facets = {"source", "section", "author", "location", "lang", "tag", "year", "month"};
  return {
      {{"q", "jokowi"}, {"facets", all_facets}, {"limit", 20}},
      {{"q", "presiden indonesia"}, {"limit", 50}, {"offset", 10}, {"facets", {"source", "year"}}},
      {{"q", "\"joko widodo\""}, {"facets", all_facets}, {"limit", 100}},
      {{"q", "banjir OR gempa"}, {"sort", "newest"}, {"limit", 30}, {"facets", {"month"}}},
      {{"q", ""}, {"facets", all_facets}, {"limit", 40}, {"sort", "newest"}},
      {{"q", "polisi"}, {"filters", {{"source", {"cnnindonesia.com"}}}}, {"limit", 30}, {"facets", {"lang"}}},
      {{"q", "ekonomi -politik"}, {"limit", 100}, {"facets", {"section"}}},
      {{"q", "indonesia"}, {"limit", 100}, {"offset", 100}},
      {{"q", "menteri"}, {"limit", 25}, {"facets", {"author", "tag"}}},
      {{"q", "pemerintah"},
       {"filters", {{"date", {{"from", "2017-01-01"}, {"to", "2017-12-31"}}}}},
       {"limit", 25},
       {"sort", "oldest"},
       {"facets", {"month"}}},
      {{"q", "title:jokowi OR source:kumparan.com"}, {"limit", 0}, {"facets", {"source"}}},
  };
}

// Over remote shards a date sort is Xapian's value sort (the remote backend
// takes no KeyMaker): the dates come in the same order, articles of the same
// date-time need not.
void expect_same_date_order(const json& want, const json& got, const std::string& what) {
  ASSERT_TRUE(want.is_object() && got.is_object()) << what;
  EXPECT_EQ(want["total"], got["total"]) << what;
  ASSERT_EQ(want["hits"].size(), got["hits"].size()) << what;
  for (std::size_t i = 0; i < want["hits"].size(); ++i) {
    EXPECT_EQ(want["hits"][i].value("published_at", ""), got["hits"][i].value("published_at", "")) << what << " " << i;
  }
  EXPECT_EQ(want["facets"], got["facets"]) << what;
}

// Two answers are the same search result: count, ids in order, scores, facets.
void expect_same_results(const json& want, const json& got, const std::string& what) {
  ASSERT_TRUE(want.is_object() && got.is_object()) << what;
  EXPECT_EQ(want["total"], got["total"]) << what;
  EXPECT_EQ(want["total_exact"], got["total_exact"]) << what;
  ASSERT_EQ(want["hits"].size(), got["hits"].size()) << what;
  for (std::size_t i = 0; i < want["hits"].size(); ++i) {
    const json& a = want["hits"][i];
    const json& b = got["hits"][i];
    EXPECT_EQ(a["id"], b["id"]) << what << " hit " << i;
    double x = a["score"], y = b["score"];
    EXPECT_NEAR(x, y, 1e-9 * std::max(1.0, std::abs(x))) << what << " hit " << i;
  }
  EXPECT_EQ(want["facets"], got["facets"]) << what;
  EXPECT_FALSE(got.contains("partial")) << what;
}

// The top hit for "polisi" without the recency boost.
std::string want_first_polisi(int port) { return post(port, {{"q", "polisi"}, {"limit", 1}})["hits"][0]["id"]; }

TEST_F(ShardsTest, ThreeRemoteShardsAnswerExactlyAsOneIndex) {
  test::TcpsrvProcess s0(*dir_, shard_dir(sharded(), 0));
  test::TcpsrvProcess s1(*dir_, shard_dir(sharded(), 1));
  test::TcpsrvProcess s2(*dir_, shard_dir(sharded(), 2));
  test::SearchdProcess one(kSearchd, *dir_, single());
  test::SearchdProcess local(kSearchd, *dir_, sharded());
  test::SearchdProcess remote(kSearchd, *dir_, shard_dir(sharded(), 0),
                              {"--remote", s1.address(), "--remote", s2.address()});
  // Remote only, listed in a file.
  test::write_file(dir_->file("remotes.conf"), "# three shards\nremote " + s0.address() + "\nremote " + s1.address() +
                                                   "\nremote " + s2.address() + "\n");
  // Its spelling and synonyms come from the shards' dictionary (the remote
  // backend carries neither).
  test::SearchdProcess remote_only(
      kSearchd, *dir_, "", {"--shards-config", dir_->file("remotes.conf"), "--dictionary", sharded() + "/dictionary"});

  int compared = 0;
  for (const json& search : comparison_searches()) {
    json want = post(one.port(), search);
    EXPECT_GT(want["total"].get<int>(), 0) << search.dump();
    expect_same_results(want, post(local.port(), search), "local shards: " + search.dump());
    if (search.contains("sort")) {
      expect_same_date_order(want, post(remote.port(), search), "local + remote shards: " + search.dump());
      expect_same_date_order(want, post(remote_only.port(), search), "remote shards: " + search.dump());
    } else {
      expect_same_results(want, post(remote.port(), search), "local + remote shards: " + search.dump());
      expect_same_results(want, post(remote_only.port(), search), "remote shards: " + search.dump());
    }
    ++compared;
  }
  EXPECT_EQ(compared, 11);
  // The recency boost (Xapian's own posting source) runs on remote shards too.
  json recency = {{"q", "polisi"}, {"recency", 2}, {"limit", 30}, {"facets", {"source"}}};
  json recent = post(one.port(), recency);
  expect_same_results(recent, post(local.port(), recency), "local shards, recency");
  expect_same_results(recent, post(remote_only.port(), recency), "remote shards, recency");
  EXPECT_NE(recent["hits"][0]["id"], want_first_polisi(one.port())) << "the boost changes the order";
  EXPECT_EQ(post(one.port(), {{"q", "indonesa"}})["suggestion"], "indonesia");
  EXPECT_EQ(post(remote_only.port(), {{"q", "indonesa"}})["suggestion"], "indonesia");

  // Articles and "more like this" come from whichever shard holds them.
  auto ids = ids_in(shard_dir(sharded(), 2));
  const std::string id = ids.begin()->first;
  auto a = http_request(one.port(), "GET", "/articles/" + id);
  auto b = http_request(remote.port(), "GET", "/articles/" + id);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, b.body);
  json similar_one = json::parse(http_request(one.port(), "GET", "/articles/" + id + "/similar").body);
  auto similar_remote = http_request(remote_only.port(), "GET", "/articles/" + id + "/similar");
  EXPECT_EQ(similar_remote.status, 200);
  EXPECT_EQ(json::parse(similar_remote.body)["hits"].size(), similar_one["hits"].size());
  EXPECT_EQ(json::parse(http_request(remote.port(), "GET", "/health").body)["documents"], 828);
}

}  // namespace
}  // namespace warta

namespace warta {
namespace {

// Polls `ok` for up to 20 s.
bool eventually(const std::function<bool()>& ok) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST_F(ShardsTest, AShardThatIsDownOrSlowFailsTheSearchOrIsLeftOutByPolicyAndComesBack) {
  test::TcpsrvProcess s0(*dir_, shard_dir(sharded(), 0));
  test::TcpsrvProcess s1(*dir_, shard_dir(sharded(), 1));
  test::TcpsrvProcess s2(*dir_, shard_dir(sharded(), 2));
  std::vector<std::string> remotes{"--remote",   s0.address(),       "--remote", s1.address(), "--remote",
                                   s2.address(), "--remote-timeout", "1",        "--threads",  "2"};
  test::SearchdProcess fail(kSearchd, *dir_, "", remotes);
  std::vector<std::string> partial_args = remotes;
  partial_args.insert(partial_args.end(), {"--on-shard-failure", "partial"});
  test::SearchdProcess partial(kSearchd, *dir_, "", partial_args);
  test::SearchdProcess without_1(kSearchd, *dir_, shard_dir(sharded(), 0), {"--db", shard_dir(sharded(), 2)});

  const json search = {{"q", "indonesia"}, {"facets", {"source"}}, {"limit", 5}};
  ASSERT_TRUE(eventually([&] {
    return http_request(fail.port(), "POST", "/search", search.dump()).status == 200 &&
           http_request(partial.port(), "POST", "/search", search.dump()).body.find("partial") == std::string::npos;
  }));
  const json full = post(fail.port(), search);
  ASSERT_TRUE(full.contains("total")) << fail.log();
  const json rest = post(without_1.port(), search);
  ASSERT_GT(full["total"].get<int>(), rest["total"].get<int>());
  expect_same_results(full, post(partial.port(), search), "all shards up");

  auto check_down = [&](const std::string& how) {
    // Every worker thread finds out on its own: ask a few times.
    for (int i = 0; i < 4; ++i) {
      auto reply = http_request(fail.port(), "POST", "/search", search.dump());
      EXPECT_EQ(reply.status, 503) << how << ": " << reply.body;
      json error = json::parse(reply.body, nullptr, false);
      EXPECT_EQ(error["error"]["code"], "unavailable") << reply.body;
      EXPECT_NE(reply.body.find(s1.address()), std::string::npos) << how << ": " << reply.body;
      json answer = post(partial.port(), search);
      EXPECT_EQ(answer["partial"], true) << how << ": " << answer.dump();
      EXPECT_EQ(answer["missing_shards"], json({s1.address()})) << how;
      EXPECT_EQ(answer["total"], rest["total"]) << how;
      EXPECT_EQ(answer["facets"], rest["facets"]) << how;
    }
  };
  auto check_back = [&](const std::string& how) {
    // Each worker thread tries a down shard again once a second: wait until
    // several answers in a row are whole.
    int whole = 0;
    EXPECT_TRUE(eventually([&] {
      auto a = http_request(fail.port(), "POST", "/search", search.dump());
      auto b = http_request(partial.port(), "POST", "/search", search.dump());
      bool ok = a.status == 200 && b.status == 200 && b.body.find("\"partial\"") == std::string::npos;
      whole = ok ? whole + 1 : 0;
      return whole >= 8;
    })) << how;
    for (int i = 0; i < 4; ++i) {
      expect_same_results(full, post(fail.port(), search), how);
      expect_same_results(full, post(partial.port(), search), how);
    }
  };

  s1.stop();
  check_down("stopped");
  s1.start();
  check_back("restarted");

  s1.pause();  // slow: accepts nothing, answers nothing
  auto started = std::chrono::steady_clock::now();
  check_down("paused");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  s1.resume();
  check_back("resumed");
}

// Under the partial policy an article that is not found while a shard is
// down may be in that shard: 503, not 404. With every shard down there is
// nothing to search: 503 too, not an internal error.
TEST_F(ShardsTest, WhatDownShardsMayHoldIsUnavailableNotMissing) {
  test::TcpsrvProcess s0(*dir_, shard_dir(sharded(), 0));
  test::TcpsrvProcess s1(*dir_, shard_dir(sharded(), 1));
  test::TcpsrvProcess s2(*dir_, shard_dir(sharded(), 2));
  test::SearchdProcess partial(kSearchd, *dir_, "",
                               {"--remote", s0.address(), "--remote", s1.address(), "--remote", s2.address(),
                                "--remote-timeout", "1", "--threads", "2", "--on-shard-failure", "partial"});
  const std::string in_1 = ids_in(shard_dir(sharded(), 1)).begin()->first;
  const std::string in_0 = ids_in(shard_dir(sharded(), 0)).begin()->first;
  const json search = {{"q", "indonesia"}, {"limit", 5}};
  ASSERT_TRUE(eventually([&] { return http_request(partial.port(), "GET", "/articles/" + in_1).status == 200; }));

  s1.stop();
  ASSERT_TRUE(eventually([&] { return http_request(partial.port(), "GET", "/articles/" + in_1).status == 503; }));
  for (int i = 0; i < 4; ++i) {
    auto reply = http_request(partial.port(), "GET", "/articles/" + in_1);
    EXPECT_EQ(reply.status, 503) << reply.body;
    EXPECT_NE(reply.body.find(s1.address()), std::string::npos) << reply.body;
    EXPECT_EQ(http_request(partial.port(), "GET", "/articles/" + in_1 + "/similar").status, 503);
    EXPECT_EQ(http_request(partial.port(), "GET", "/articles/" + in_0).status, 200);
  }

  s0.stop();
  s2.stop();
  ASSERT_TRUE(eventually([&] { return http_request(partial.port(), "POST", "/search", search.dump()).status == 503; }));
  for (int i = 0; i < 4; ++i) {
    auto reply = http_request(partial.port(), "POST", "/search", search.dump());
    EXPECT_EQ(reply.status, 503) << reply.body;
    EXPECT_NE(reply.body.find("every shard is down"), std::string::npos) << reply.body;
  }
}

}  // namespace
}  // namespace warta
