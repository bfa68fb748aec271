// incremental: the read plan and the prune plan of a run.
#include "indexer/incremental.h"

#include <spdlog/spdlog.h>

#include "common/schema.h"

namespace warta::indexer {

ReadPlan plan_reads(const InputList& inputs, const std::map<std::string, FileRecord>& known, bool full) {
  ReadPlan plan;
  plan.to_read.skipped = inputs.skipped;
  for (const InputFile& input : inputs.files) {
    if (input.path == "-") {
      plan.to_read.files.push_back(input);
      plan.file_terms.emplace_back();
      plan.records.emplace_back();
      continue;
    }
    std::string path = record_path(input.path);
    auto now = stat_file(path);
    if (!now) throw std::runtime_error("input " + input.path + " disappeared while the run started");
    auto old = known.find(path);
    bool same_stat = old != known.end() && old->second.size == now->size && old->second.mtime_ns == now->mtime_ns;
    if (!full && same_stat) {
      ++plan.unchanged;
      continue;
    }
    // Hashing reads the file once more; it is what tells a file copied
    // or touched again from a changed one.
    try {
      now->content_key = hash_file(path);
    } catch (const std::runtime_error&) {
      // Unreadable: the reader reports it as this file's reject, and the
      // run goes on with the others.
      plan.to_read.files.push_back(input);
      plan.file_terms.push_back(schema::source_file_term(path_key(path), std::string()));
      plan.records.push_back(*now);
      continue;
    }
    if (!full && old != known.end() && old->second.size == now->size &&
        old->second.content_key == now->content_key) {
      ++plan.unchanged;
      plan.refreshed.push_back(*now);
      continue;
    }
    plan.to_read.files.push_back(input);
    plan.to_read.total_bytes += input.size;
    plan.file_terms.push_back(schema::source_file_term(path_key(path), now->content_key));
    plan.records.push_back(*now);
  }
  return plan;
}

namespace {

bool is_under(const std::string& path, const std::string& root) {
  if (path == root) return true;
  if (root == "/") return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

}  // namespace

PrunePlan plan_prune(const Xapian::Database& db, const std::vector<std::string>& arguments,
                     const std::map<std::string, FileRecord>& current, const std::set<std::string>& unsettled) {
  std::vector<std::string> roots;
  for (const std::string& argument : arguments) {
    if (argument != "-") roots.push_back(record_path(argument));
  }
  PrunePlan plan;
  for (const auto& [path, record] : current) {
    bool covered = false;
    for (const std::string& root : roots) covered = covered || is_under(path, root);
    if (!covered || unsettled.count(path)) continue;
    std::string key = path_key(path);
    bool gone = !stat_file(path).has_value();
    if (gone) {
      ++plan.gone_files;
      plan.gone_record_keys.push_back(schema::file_record_key(key));
    }
    std::string keep = gone ? std::string() : schema::source_file_term(key, record.content_key);
    std::string prefix = schema::source_file_prefix(key);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      if (*term != keep) plan.stale_terms.push_back(*term);
    }
  }
  return plan;
}

}  // namespace warta::indexer
