// pipeline: one indexing run. Reads the inputs, parses and analyses records
// on worker threads, writes them in input order per lane, records rejects.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "indexer/input_format.h"
#include "indexer/sharded_writer.h"
#include "indexer/writer.h"

namespace warta::indexer {

struct PipelineOptions {
  std::vector<std::string> inputs;      // INPUT arguments (files, dirs, "-")
  std::vector<std::string> delete_ids;  // applied before the inputs
  std::optional<std::string> rejects_path;
  WriterOptions writer;
  ShardingOptions sharding;  // --shards, --shard-by, --only-shard
  unsigned threads = 2;                  // parse/analysis workers
  std::size_t max_record_bytes = 1 << 20;
  bool progress = false;
  bool dry_run = false;  // print parsed articles as JSON Lines; write nothing
  InputFormat format = InputFormat::kAuto;
  bool full = false;   // read every file, even those the index has seen unchanged
  bool prune = false;  // remove the articles of files under the inputs that are gone or changed
};

struct RunSummary {
  std::string mode;
  std::uint64_t files = 0;          // input files found
  std::uint64_t read_files = 0;     // of those, read this run
  std::uint64_t unchanged_files = 0;  // of those, skipped: unchanged since the index saw them
  std::uint64_t pruned_files = 0;   // recorded files gone, their articles removed (--prune)
  std::uint64_t pruned_articles = 0;
  std::uint64_t skipped_files = 0;  // files in directories not of an input format
  std::uint64_t records = 0;  // non-blank lines read
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t deleted = 0;
  std::uint64_t delete_missing = 0;
  std::uint64_t bytes = 0;
  std::uint64_t documents = 0;  // in the index at the end
  std::uint64_t warnings = 0;   // things parsers left undecided (a date left empty, ...)
  double seconds = 0;
  std::map<std::string, std::uint64_t> ignored_fields;  // field name -> records
  std::map<std::string, std::uint64_t> reject_reasons;  // reason kind -> count
};

// Runs the whole job. Bad records are rejects (counted, written to
// rejects_path, logged); fatal problems (cannot open the index, cannot
// write, input missing) throw std::runtime_error or Xapian::Error.
RunSummary run_pipeline(const PipelineOptions& options);

nlohmann::json summary_to_json(const RunSummary& summary);

}  // namespace warta::indexer
