// Integration: a read replica kept current with Xapian's xapian-replicate
// while warta-indexer writes the primary, served by a second warta-searchd
// (the set-up of docs/operations.md, on 127.0.0.1).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/searchd_process.h"
#include "tests/support/tcpsrv_process.h"

namespace warta {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kIndexer = WARTA_INDEXER_BIN;
const std::string kSearchd = WARTA_SEARCHD_BIN;
const std::string kFixture = std::string(WARTA_TESTDATA_DIR) + "/articles.jsonl";

bool eventually(const std::function<bool()>& ok, int seconds = 60) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

// The process group of a daemon, killed when the test ends.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& argv, const std::string& log) : pid_(test::start_process_group(argv, log)) {}
  ~Daemon() { test::stop_process_group(pid_); }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

 private:
  pid_t pid_;
};

int documents(int port) {
  auto reply = test::http_request(port, "GET", "/health");
  if (reply.status != 200) return -1;
  return json::parse(reply.body).value("documents", -1);
}

TEST(ReplicationTest, AReplicaFollowsThePrimaryWhileTheIndexerWrites) {
  test::TempDir dir;
  std::vector<std::string> lines, ids;
  std::istringstream in(test::read_file(kFixture));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    lines.push_back(line);
    ids.push_back(json::parse(line)["id"]);
  }
  ASSERT_GE(lines.size(), 12u);
  auto part = [&](std::size_t from, std::size_t to, const std::string& name) {
    std::string text;
    for (std::size_t i = from; i < to; ++i) text += lines[i] + "\n";
    test::write_file(dir.file(name), text);
    return dir.file(name);
  };
  const int first = 8, second = 4;
  const int rest = static_cast<int>(lines.size()) - first - second;
  std::string primary = dir.file("primary"), index = primary + "/index", replica = dir.file("replica");

  // Changesets are kept by the process that writes: the indexer.
  ::setenv("XAPIAN_MAX_CHANGESETS", "100", 1);
  auto index_run = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{kIndexer, "--no-progress", "--log-level", "warn", "--db", index};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = test::run_process(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  };
  index_run({"--shards", "2", part(0, first, "a.jsonl")});

  int port = test::free_port();
  Daemon server({"xapian-replicate-server", "--interface", "127.0.0.1", "--port", std::to_string(port), primary},
                dir.file("replicate-server.log"));
  ASSERT_TRUE(test::wait_until_listening(port, 30)) << test::read_file(dir.file("replicate-server.log"));
  fs::create_directories(replica);
  std::vector<std::unique_ptr<Daemon>> clients;
  for (const char* shard : {"shard-00", "shard-01"}) {
    clients.push_back(std::make_unique<Daemon>(
        std::vector<std::string>{"xapian-replicate", "--host", "127.0.0.1", "--port", std::to_string(port), "--master",
                                 std::string("index/") + shard, "--interval", "1", "--reader-time", "1", "--verbose",
                                 replica + "/" + shard},
        dir.file(std::string("replicate-") + shard + ".log")));
  }
  // The manifest is copied once; the shards are replicated.
  fs::copy_file(index + "/warta-shards.json", replica + "/warta-shards.json");
  fs::copy_file(index + "/XAPIANDB", replica + "/XAPIANDB");
  ASSERT_TRUE(eventually([&] {
    try {
      return Xapian::Database(replica).get_doccount() == static_cast<Xapian::doccount>(first);
    } catch (const Xapian::Error&) {
      return false;  // not copied yet
    }
  })) << test::read_file(dir.file("replicate-shard-00.log"));

  test::SearchdProcess on_primary(kSearchd, dir, index);
  test::SearchdProcess on_replica(kSearchd, dir, replica);
  EXPECT_EQ(documents(on_replica.port()), first);

  // Incremental runs on the primary: the replica follows by changesets.
  index_run({part(first, first + second, "b.jsonl")});
  EXPECT_EQ(documents(on_primary.port()), first + second);
  EXPECT_TRUE(eventually([&] { return documents(on_replica.port()) == first + second; }))
      << test::read_file(dir.file("replicate-shard-00.log")) << test::read_file(dir.file("replicate-shard-01.log"));
  EXPECT_EQ(test::http_request(on_replica.port(), "GET", "/articles/" + ids[first]).status, 200);

  index_run({part(first + second, lines.size(), "c.jsonl"), "--delete", ids[0]});
  EXPECT_TRUE(eventually([&] { return documents(on_replica.port()) == first + second + rest - 1; }))
      << test::read_file(dir.file("replicate-shard-00.log")) << test::read_file(dir.file("replicate-shard-01.log"))
      << "replica's searchd: " << documents(on_replica.port()) << ", primary's: " << documents(on_primary.port())
      << ", replica on disk: " << Xapian::Database(replica).get_doccount();
  EXPECT_EQ(test::http_request(on_replica.port(), "GET", "/articles/" + ids[0]).status, 404);
  EXPECT_EQ(test::http_request(on_replica.port(), "GET", "/articles/" + ids.back()).status, 200);

  // A shard rebuilt alone is a new database swapped in whole: its replica
  // takes a full copy into its other directory, and searchd follows it there.
  std::string extra;
  for (int i = 0; i < 6; ++i) {
    extra += json({{"id", "rebuilt-" + std::to_string(i)}, {"title", "artikel baru"}, {"body", "isi baru"}}).dump() + "\n";
  }
  test::write_file(dir.file("d.jsonl"), extra);
  fs::remove_all(index + "/shard-01");
  index_run({"--only-shard", "1", dir.file("a.jsonl"), dir.file("b.jsonl"), dir.file("c.jsonl"), dir.file("d.jsonl")});
  const int rebuilt = static_cast<int>(Xapian::Database(index).get_doccount());
  EXPECT_EQ(documents(on_primary.port()), rebuilt);
  EXPECT_TRUE(eventually([&] { return documents(on_replica.port()) == rebuilt; }))
      << test::read_file(dir.file("replicate-shard-01.log")) << "replica's searchd: " << documents(on_replica.port());
  EXPECT_NE(test::read_file(dir.file("replicate-shard-01.log")).find("1 copies"),
            test::read_file(dir.file("replicate-shard-01.log")).rfind("1 copies"))
      << "expected a second full copy";

  // After the first full copy, updates travelled as changesets.
  std::string log =
      test::read_file(dir.file("replicate-shard-00.log")) + test::read_file(dir.file("replicate-shard-01.log"));
  EXPECT_TRUE(std::regex_search(log, std::regex("0 copies, [1-9][0-9]* changesets"))) << log;
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
}

}  // namespace
}  // namespace warta
