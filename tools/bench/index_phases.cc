// index_phases: how long each phase of a bulk build takes on its own, for
// Warta's indexer and for the plain-Xapian baseline, so that the share of
// the time that Xapian's writer needs (and that no analysis speed-up can
// remove) is measured rather than guessed.
//
// Every document is built first and held in memory (one thread), then
// written: Warta's through IndexWriter with its lanes on threads of their
// own and its final merge; the baseline's with one WritableDatabase,
// add_document and one commit, as tools/bench/xapian_baseline_index.cc
// does. Hold an input of a few thousand articles: all of it is in memory.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include "baseline_document.h"
#include "indexer/analyse.h"
#include "indexer/parse_jsonl.h"
#include "indexer/source.h"
#include "indexer/writer.h"

namespace fs = std::filesystem;
using warta::indexer::DocumentBuilder;
using warta::indexer::IndexWriter;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  warta::indexer::LineReader reader(path, std::size_t{64} << 20);
  while (auto line = reader.next()) {
    if (!line->text.empty()) lines.push_back(std::move(line->text));
  }
  return lines;
}

struct Built {
  std::string id;
  Xapian::Document doc;
};

nlohmann::json warta_phases(const std::vector<std::string>& lines, const std::string& db, unsigned lanes,
                            Xapian::doccount flush_every, Xapian::doccount segment_batch) {
  nlohmann::json out;
  auto start = Clock::now();
  std::vector<warta::Article> articles;
  for (const std::string& line : lines) {
    auto parsed = warta::indexer::parse_jsonl_record(line);
    if (parsed.article) articles.push_back(std::move(*parsed.article));
  }
  out["parse_seconds"] = seconds_since(start);

  warta::indexer::WriterOptions options;
  options.db_path = db;
  options.bulk_lanes = lanes;
  options.flush_every = flush_every;
  options.segment_batch = segment_batch;
  IndexWriter writer(options);
  std::vector<std::vector<Built>> by_lane(writer.lanes());
  start = Clock::now();
  DocumentBuilder builder;
  for (const warta::Article& article : articles) {
    by_lane[writer.lane_for(article.id)].push_back({article.id, builder.build(article)});
  }
  out["analyse_seconds"] = seconds_since(start);

  start = Clock::now();
  std::vector<double> lane_cpu(by_lane.size());
  std::vector<std::thread> threads;
  for (unsigned lane = 0; lane < by_lane.size(); ++lane) {
    threads.emplace_back([&, lane] {
      double cpu0 = thread_cpu_seconds();
      for (Built& built : by_lane[lane]) writer.put(lane, built.id, std::move(built.doc));
      lane_cpu[lane] = thread_cpu_seconds() - cpu0;
    });
  }
  for (auto& thread : threads) thread.join();
  out["write_seconds"] = seconds_since(start);
  out["write_cpu_seconds_by_lane"] = lane_cpu;
  start = Clock::now();
  out["documents"] = writer.finish();
  out["merge_seconds"] = seconds_since(start);
  return out;
}

nlohmann::json baseline_phases(const std::vector<std::string>& lines, const std::string& db) {
  nlohmann::json out;
  auto start = Clock::now();
  Xapian::TermGenerator generator = warta::bench::baseline_term_generator();
  std::vector<Xapian::Document> docs;
  for (const std::string& line : lines) {
    std::optional<Xapian::Document> doc = warta::bench::baseline_document(generator, line);
    if (doc) docs.push_back(std::move(*doc));
  }
  out["parse_and_analyse_seconds"] = seconds_since(start);
  start = Clock::now();
  Xapian::WritableDatabase writable(db, Xapian::DB_CREATE_OR_OVERWRITE);
  for (const Xapian::Document& doc : docs) writable.add_document(doc);
  out["add_seconds"] = seconds_since(start);
  auto commit_start = Clock::now();
  writable.commit();
  out["commit_seconds"] = seconds_since(commit_start);
  out["write_seconds"] = seconds_since(start);
  out["documents"] = writable.get_doccount();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times each phase of a bulk build (Warta and the plain-Xapian baseline) on one input held in memory."};
  std::string work_dir;
  std::string input;
  unsigned lanes = 2;
  Xapian::doccount flush_every = warta::indexer::WriterOptions{}.flush_every;
  Xapian::doccount segment_batch = warta::indexer::WriterOptions{}.segment_batch;
  bool skip_baseline = false;
  app.add_option("--work", work_dir, "directory for the two indexes (created; emptied first)")->required();
  app.add_option("--lanes", lanes, "Warta's writer lanes")->check(CLI::Range(1, 64));
  app.add_option("--flush-every", flush_every, "Warta's documents per segment")->check(CLI::PositiveNumber);
  app.add_option("--segment-batch", segment_batch, "Warta's documents per write into a segment")->check(CLI::PositiveNumber);
  app.add_flag("--no-baseline", skip_baseline, "time Warta's phases only");
  app.add_option("input", input, "JSON Lines archive (.jsonl or .jsonl.gz)")->required();
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);  // stdout holds the report alone
  try {
    fs::remove_all(work_dir);
    fs::create_directories(work_dir);
    auto start = Clock::now();
    std::vector<std::string> lines = read_lines(input);
    nlohmann::json report;
    report["input"] = input;
    report["lines"] = lines.size();
    report["read_seconds"] = seconds_since(start);
    report["warta"] = warta_phases(lines, (fs::path(work_dir) / "warta").string(), lanes, flush_every, segment_batch);
    if (!skip_baseline) report["baseline"] = baseline_phases(lines, (fs::path(work_dir) / "baseline").string());
    std::cout << report.dump(2) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "warta-bench-index-phases: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
