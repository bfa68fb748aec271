// incremental: decides which input files a run must read, from what the
// index recorded of them last time, and which articles --prune removes.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/file_records.h"
#include "indexer/source.h"

namespace warta::indexer {

struct ReadPlan {
  InputList to_read;                   // the files to read, in input order
  std::vector<std::string> file_terms;  // per file in to_read: the term its articles carry ("" for stdin)
  std::vector<FileRecord> records;      // per file in to_read: its record once read (path "" for stdin)
  std::vector<FileRecord> refreshed;    // unchanged content under a new mtime: record updated only
  std::uint64_t unchanged = 0;          // files skipped
};

// A file is unchanged when the index has a record of it with the same size
// and mtime, or the same size and content hash (a file touched or copied
// again). `full` reads every file. Standard input is always read.
ReadPlan plan_reads(const InputList& inputs, const std::map<std::string, FileRecord>& known, bool full);

// What --prune removes: for each recorded file under one of `arguments`
// (the INPUT paths of the run) the articles whose source-file term is not
// the file's current one — all of them when the file is gone.
struct PrunePlan {
  std::vector<std::string> stale_terms;      // delete every document carrying one
  std::vector<std::string> gone_record_keys;  // metadata keys of files that are gone
  std::uint64_t gone_files = 0;
};

// `current` is the records after this run (known + read + refreshed);
// files in `unsettled` (read only in part this run) are left alone.
PrunePlan plan_prune(const Xapian::Database& db, const std::vector<std::string>& arguments,
                     const std::map<std::string, FileRecord>& current, const std::set<std::string>& unsettled);

}  // namespace warta::indexer
