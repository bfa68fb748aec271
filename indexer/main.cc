// warta-indexer: command line -> pipeline -> exit code (0 all accepted,
// 3 some records rejected, 1 fatal, 2 usage).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include "common/index_meta.h"
#include "common/log.h"
#include "common/version.h"
#include "indexer/interrupt.h"
#include "indexer/pipeline.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejects = 3;

std::vector<std::string> read_id_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw std::runtime_error("--delete-from " + path + ": is a directory, not a file of ids");
  }
  errno = 0;
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("--delete-from " + path + ": cannot open" +
                             (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()));
  }
  std::vector<std::string> ids;
  std::string line;
  for (bool first = true; std::getline(in, line); first = false) {
    if (first && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a byte-order mark
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    ids.push_back(line.substr(start));
  }
  return ids;
}

void print_human_summary(const warta::indexer::RunSummary& s, const std::string& db) {
  spdlog::info("files: {} read, {} unchanged (skipped), {} gone (pruned); {} article(s) pruned", s.read_files,
               s.unchanged_files, s.pruned_files, s.pruned_articles);
  spdlog::info("{} articles indexed, {} rejected, {} deleted from {} input file(s) in {:.1f} s "
               "({:.0f} articles/s, {:.1f} MB/s); {} now holds {} articles",
               s.accepted, s.rejected, s.deleted, s.files, s.seconds,
               s.seconds > 0 ? static_cast<double>(s.accepted) / s.seconds : 0.0,
               s.seconds > 0 ? static_cast<double>(s.bytes) / s.seconds / 1e6 : 0.0, db,
               s.documents);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warta-indexer: builds and updates a Warta search index from news archives.\n"
               "INPUT is a .jsonl or .jsonl.gz file, a directory (read recursively) or - for "
               "standard input.\nExit status: 0 all accepted, 3 finished with rejected "
               "records, 1 fatal error, 2 usage error."};
  warta::indexer::PipelineOptions options;
  std::string db;
  std::string delete_from;
  std::string log_level = "info";
  bool json_summary = false;
  bool no_progress = false;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::optional<std::string> rejects;

  app.add_option("--db", db, "Index directory (created when missing; not needed with --dry-run)");
  app.add_option("inputs", options.inputs, "Input files or directories, - for stdin")
      ->type_name("INPUT");
  app.add_option("--delete", options.delete_ids, "Delete the articles with these ids (before indexing)")
      ->type_name("ID")
      ->expected(1, -1);
  app.add_option("--delete-from", delete_from, "Delete the ids listed in FILE, one per line")
      ->type_name("FILE");
  app.add_option("--rejects", rejects, "Write rejected records to FILE as JSON Lines")
      ->type_name("FILE");
  app.add_flag("--json-summary", json_summary, "Print a JSON summary of the run on stdout");
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(warta::kLogLevels), std::end(warta::kLogLevels))));
  app.add_option("--threads", threads, "Parse and analysis threads")->check(CLI::Range(1u, 256u));
  app.add_option("--lanes", options.writer.bulk_lanes,
                 "Staging shards written side by side when building a new index")
      ->check(CLI::Range(1u, 64u));
  app.add_option("--flush-every", options.writer.flush_every,
                 "Articles per staging shard (bulk builds)")
      ->check(CLI::Range(1u, 10000000u));
  app.add_option("--segment-batch", options.writer.segment_batch,
                 "Articles held in memory before they are written into the open staging shard (bulk builds)")
      ->check(CLI::Range(1u, 10000000u));
  app.add_option("--commit-every", options.writer.commit_every,
                 "Articles between commits when updating an index")
      ->check(CLI::Range(1u, 10000000u));
  app.add_option("--max-record-bytes", options.max_record_bytes, "Reject records longer than this")
      ->check(CLI::Range(std::size_t{64}, std::size_t{1} << 30));
  app.add_flag("--no-progress", no_progress, "Do not draw a progress bar");
  std::string format = "auto";
  app.add_option("--format", format,
                 "auto (told from each file's content), jsonl, raw (scraped text pages), nitf or newsml")
      ->check(CLI::IsMember({"auto", "jsonl", "raw", "nitf", "newsml"}));
  app.add_flag("--dry-run", options.dry_run,
               "Print the parsed articles as canonical JSON Lines on stdout; write no index");
  app.add_flag("--full", options.full,
               "Read every input file, also those the index has seen unchanged (size, mtime, content hash)");
  app.add_flag("--prune", options.prune,
               "Remove the articles of indexed files under the INPUT paths that are gone, and those no longer "
               "in files that changed");
  std::string shard_by;
  std::string only_shard;
  app.add_option("--shards", options.sharding.shards,
                 "Write the index as N shards (DIR/shard-00 ...), an article's shard chosen by a hash of its id")
      ->check(CLI::Range(1u, 1000u));
  app.add_option("--shard-by", shard_by, "hash (with --shards N) or year (one shard per year of publication)")
      ->check(CLI::IsMember({"hash", "year"}));
  app.add_option("--only-shard", only_shard,
                 "Write only this shard of a sharded index (a number, a year or a shard name): rebuilds it alone "
                 "from the inputs, which are all read")
      ->type_name("SHARD");
  app.set_version_flag("--version", "warta-indexer " + std::string(warta::version()));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  warta::init_logging("warta-indexer", log_level, /*timestamps=*/false);

  if (db.empty() && !options.dry_run) {
    std::cerr << "warta-indexer: --db is required (or --dry-run to only parse)\n"
              << "Run with --help for more information.\n";
    return kExitUsage;
  }
  if (options.dry_run &&
      (!options.delete_ids.empty() || !delete_from.empty() || json_summary || options.prune)) {
    std::cerr << "warta-indexer: --dry-run prints articles on stdout; it cannot be combined with "
                 "--delete, --delete-from, --prune or --json-summary\n";
    return kExitUsage;
  }
  if (options.inputs.empty() && options.delete_ids.empty() && delete_from.empty()) {
    std::cerr << "warta-indexer: nothing to do: give INPUT files, --delete or --delete-from\n"
              << "Run with --help for more information.\n";
    return kExitUsage;
  }

  if (!only_shard.empty() && options.prune) {
    std::cerr << "warta-indexer: --only-shard cannot be combined with --prune (pruning needs every shard)\n";
    return kExitUsage;
  }
  if (!shard_by.empty()) options.sharding.shard_by = warta::shard_by_from_name(shard_by);
  if (!only_shard.empty()) {
    options.sharding.only_shard = only_shard;
    options.full = true;  // the files were recorded for every shard at once
  }
  options.format = *warta::indexer::format_from_name(format);
  // "idx/" (as a shell completes it) names the index "idx": its staging
  // directories and lock file go beside it, not inside.
  while (db.size() > 1 && db.back() == '/') db.pop_back();
  options.writer.db_path = db;
  options.threads = threads;
  options.rejects_path = rejects;
  options.progress = !no_progress && ::isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info;
  warta::indexer::install_interrupt_handlers();
  try {
    if (!delete_from.empty()) {
      auto ids = read_id_file(delete_from);
      options.delete_ids.insert(options.delete_ids.end(), ids.begin(), ids.end());
    }
    warta::indexer::RunSummary summary = warta::indexer::run_pipeline(options);
    if (json_summary) {
      std::cout << warta::indexer::summary_to_json(summary).dump(2) << std::endl;
    }
    if (options.dry_run) {
      spdlog::info("{} articles parsed, {} rejected (dry run: nothing written)", summary.accepted, summary.rejected);
    } else {
      print_human_summary(summary, db);
    }
    return summary.rejected > 0 ? kExitRejects : kExitOk;
  } catch (const warta::indexer::Interrupted& e) {
    spdlog::error("{}", e.what());
    return 128 + e.signal_number();
  } catch (const warta::IndexMismatchError& e) {
    spdlog::error("{}", e.what());
  } catch (const Xapian::Error& e) {
    spdlog::error("index {}: {}", db, e.get_description());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
  return kExitFatal;
}
