// pipeline: reader (this thread) -> parse workers -> lane writers, with a
// rejects sink; bounded so memory does not grow with the input.
#include "indexer/pipeline.h"

#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <chrono>
#include <exception>
#include <functional>
#include <fstream>
#include <memory>
#include <semaphore>
#include <set>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "indexer/analyse.h"
#include "common/schema.h"
#include "indexer/bundle.h"
#include "indexer/file_records.h"
#include "indexer/incremental.h"
#include "indexer/input_format.h"
#include "indexer/interrupt.h"
#include "indexer/parse_file.h"
#include "indexer/parse_jsonl.h"
#include "indexer/progress.h"
#include "indexer/queues.h"
#include "indexer/source.h"

namespace warta::indexer {
namespace {

constexpr std::size_t kChunkRecords = 256;
constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::size_t kMaxLoggedRejects = 20;
constexpr std::size_t kRejectTextBytes = 4096;

struct RawRecord {
  std::uint32_t file = 0;
  std::uint64_t line = 0;
  std::string text;
  std::uint64_t full_bytes = 0;
  bool overlong = false;
  std::string read_error;  // set for a file that failed part-way
  InputFormat format = InputFormat::kJsonl;  // kJsonl: one line; else the whole file
  std::string entry;  // the file inside an archive, when it came from one
};

// Whole files (pages, XML) may hold many articles; a larger one is refused.
constexpr std::size_t kMaxWholeFileBytes = 64u << 20;
constexpr std::size_t kSniffBytes = 4096;
constexpr std::size_t kMaxLoggedWarnings = 20;

// Released when every consumer of a chunk is done with it: bounds the
// number of chunks in memory.
class InFlight {
 public:
  explicit InFlight(std::counting_semaphore<>& slots) : slots_(slots) {}
  ~InFlight() { slots_.release(); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::counting_semaphore<>& slots_;
};

struct Chunk {
  std::uint64_t seq = 0;
  std::vector<RawRecord> records;
  std::shared_ptr<InFlight> token;
};

struct Reject {
  std::string origin;  // file, or archive!entry
  std::uint64_t line = 0;
  std::string reason;
  std::string text;
};

struct DocItem {
  std::string id;
  Xapian::Document doc;  // when indexing
  std::string json;      // the canonical record, for a dry run
};

// Where parsed articles go: the index (through IndexWriter), or standard
// output as canonical JSON Lines for --dry-run.
class Destination {
 public:
  virtual ~Destination() = default;
  virtual unsigned lanes() const = 0;
  virtual unsigned lane_for(const std::string& id) const = 0;
  virtual bool wants_documents() const = 0;
  virtual void put(unsigned lane, DocItem&& item) = 0;
  virtual std::uint64_t finish() = 0;  // documents in the index (0 for a dry run)
  virtual const char* mode_name() const = 0;
};

class IndexDestination : public Destination {
 public:
  explicit IndexDestination(IndexTarget& writer) : writer_(writer) {}
  unsigned lanes() const override { return writer_.lanes(); }
  unsigned lane_for(const std::string& id) const override { return writer_.lane_for(id); }
  bool wants_documents() const override { return true; }
  void put(unsigned lane, DocItem&& item) override { writer_.put(lane, item.id, std::move(item.doc)); }
  std::uint64_t finish() override { return writer_.finish(); }
  const char* mode_name() const override { return writer_.mode_name(); }

 private:
  IndexTarget& writer_;
};

class PrintDestination : public Destination {
 public:
  unsigned lanes() const override { return 1; }
  unsigned lane_for(const std::string&) const override { return 0; }
  bool wants_documents() const override { return false; }
  void put(unsigned, DocItem&& item) override {
    std::fwrite(item.json.data(), 1, item.json.size(), stdout);
    std::fputc('\n', stdout);
  }
  std::uint64_t finish() override {
    std::fflush(stdout);
    return 0;
  }
  const char* mode_name() const override { return "dry-run"; }
};

struct LaneBatch {
  std::vector<DocItem> items;
  std::shared_ptr<InFlight> token;
};

struct RejectBatch {
  std::vector<Reject> rejects;
  std::shared_ptr<InFlight> token;
};

void name_thread(const std::string& name) { pthread_setname_np(pthread_self(), name.c_str()); }

// The kind of a reject reason, for the summary: the text before the first
// detail ("invalid JSON at byte 5" -> "invalid JSON").
std::string reason_kind(const std::string& reason) {
  if (reason.rfind("field \"", 0) == 0) {
    auto end = reason.find("\":");
    return end == std::string::npos ? reason : reason.substr(0, end + 1);
  }
  for (const char* stem : {"invalid UTF-8", "invalid JSON", "invalid XML", "record is", "missing required field"}) {
    if (reason.rfind(stem, 0) == 0) {
      if (std::string(stem) == "missing required field") return reason;
      return std::string(stem) == "record is" ? "record too large" : stem;
    }
  }
  auto colon = reason.find(':');
  return colon == std::string::npos ? reason : reason.substr(0, colon);
}

// Shared state of one run.
class Run {
 public:
  // `file_terms`: per input file, a term its documents carry ("" for none);
  // empty for no terms at all. `before_finish` runs once everything is
  // written and before the destination's finish().
  Run(const PipelineOptions& options, Destination& writer, const InputList& inputs,
      std::vector<std::string> file_terms = {}, std::function<void(const Run&)> before_finish = {})
      : options_(options),
        writer_(writer),
        inputs_(inputs),
        file_terms_(std::move(file_terms)),
        before_finish_(std::move(before_finish)),
        read_failed_(inputs.files.size(), 0),
        slots_(static_cast<std::ptrdiff_t>(2 * (options.threads + writer.lanes()) + 2)),
        parse_queue_(2 * options.threads + 2),
        lane_queues_(writer.lanes()) {}

  RunSummary execute();

  // Whether file `index` failed part-way (its articles are incomplete).
  bool read_failed(std::size_t index) const { return read_failed_[index] != 0; }

 private:
  void read_all();
  bool read_bundle(std::uint32_t file, Chunk& chunk, std::size_t& chunk_bytes, const std::function<bool()>& send);
  void parse_worker();
  void parse_chunks();
  void lane_worker(unsigned lane);
  void reject_sink();
  void fail(std::exception_ptr error);
  void note_warning(const std::string& origin, const std::string& warning);
  const std::string& file_name(std::uint32_t index) const { return inputs_.files[index].path; }
  // "archive.tar.gz!2022/page.txt" for a file inside an archive.
  std::string origin_of(const RawRecord& raw) const {
    return raw.entry.empty() ? file_name(raw.file) : file_name(raw.file) + "!" + raw.entry;
  }

  const PipelineOptions& options_;
  Destination& writer_;
  const InputList& inputs_;
  std::vector<std::string> file_terms_;
  std::function<void(const Run&)> before_finish_;
  std::vector<char> read_failed_;  // written by the reader thread only
  std::counting_semaphore<> slots_;
  BoundedQueue<Chunk> parse_queue_;
  std::vector<ReorderQueue<LaneBatch>> lane_queues_;
  ReorderQueue<RejectBatch> reject_queue_;
  ProgressCounters counters_;
  std::atomic<std::uint64_t> records_{0};
  std::mutex mutex_;  // guards error_, ignored_fields_, reject_reasons_
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
  std::map<std::string, std::uint64_t> ignored_fields_;
  std::map<std::string, std::uint64_t> reject_reasons_;
  std::atomic<std::uint64_t> warnings_{0};
};

void Run::note_warning(const std::string& origin, const std::string& warning) {
  if (warnings_++ < kMaxLoggedWarnings) spdlog::warn("{}: {}", origin, warning);
}

void Run::fail(std::exception_ptr error) {
  {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = error;
  }
  failed_ = true;
  parse_queue_.abort();
  for (auto& q : lane_queues_) q.abort();
  reject_queue_.abort();
  slots_.release(static_cast<std::ptrdiff_t>(1) << 20);  // unblock the reader
}

void Run::read_all() {
  std::uint64_t seq = 0;
  std::uint64_t done_bytes = 0;
  Chunk chunk;
  std::size_t chunk_bytes = 0;
  auto send = [&] {
    if (chunk.records.empty()) return true;
    slots_.acquire();
    if (failed_) return false;
    chunk.seq = seq++;
    chunk.token = std::make_shared<InFlight>(slots_);
    counters_.records_read += chunk.records.size();
    bool ok = parse_queue_.push(std::move(chunk));
    chunk = Chunk{};
    chunk_bytes = 0;
    return ok;
  };
  for (std::uint32_t f = 0; f < inputs_.files.size() && !failed_; ++f) {
    throw_if_interrupted();
    const InputFile& input = inputs_.files[f];
    spdlog::debug("reading {}", input.path);
    std::uint64_t last_line = 0;
    try {
      std::string head = input.path == "-" ? std::string() : read_file_head(input.path, kSniffBytes);
      if (looks_like_bundle(head)) {
        if (!read_bundle(f, chunk, chunk_bytes, send)) return;
      } else {
        InputFormat format = options_.format;
        if (format == InputFormat::kAuto) {
          // Standard input cannot be read twice: it is JSON Lines unless told otherwise.
          format = input.path == "-" ? InputFormat::kJsonl : format_of_file(input.path, head);
        }
        if (format != InputFormat::kJsonl) {
          std::string text = read_whole_file(input.path, kMaxWholeFileBytes);
          spdlog::debug("{}: read as {}", input.path, format_name(format));
          chunk_bytes += text.size();
          chunk.records.push_back(RawRecord{f, 1, std::move(text), 0, false, {}, format, {}});
          if (chunk.records.size() >= kChunkRecords || chunk_bytes >= kChunkBytes) {
            counters_.bytes_read = done_bytes + input.size;
            if (!send()) return;
          }
        } else {
          LineReader reader(input.path, options_.max_record_bytes);
          while (auto line = reader.next()) {
            throw_if_interrupted();
            last_line = line->number;
            if (line->overlong || !is_blank_line(line->text)) {
              chunk_bytes += line->text.size();
              chunk.records.push_back(RawRecord{f, line->number, std::move(line->text), line->full_bytes,
                                                line->overlong, {}, InputFormat::kJsonl, {}});
            }
            if (chunk.records.size() >= kChunkRecords || chunk_bytes >= kChunkBytes) {
              counters_.bytes_read = done_bytes + reader.bytes_consumed();
              if (!send()) return;
            }
          }
        }
      }
    } catch (const Interrupted&) {
      throw;
    } catch (const std::exception& e) {
      // The lines read so far stand; the file is reported as a reject.
      read_failed_[f] = 1;
      chunk.records.push_back(RawRecord{f, last_line + 1, {}, 0, false, e.what(), InputFormat::kJsonl, {}});
    }
    done_bytes += input.size;
    counters_.bytes_read = done_bytes;
  }
  send();
}

// Each regular file of a .tar/.tar.gz/.zip becomes records as a file on
// disk would: lines for JSON Lines, one record for a page or XML file.
bool Run::read_bundle(std::uint32_t file, Chunk& chunk, std::size_t& chunk_bytes, const std::function<bool()>& send) {
  bool ok = true;
  const std::string& path = inputs_.files[file].path;
  for_each_bundle_entry(
      path, kMaxWholeFileBytes,
      [&](const std::string& name, std::string&& bytes) {
        if (!ok) return;
        throw_if_interrupted();
        InputFormat format = options_.format;
        if (format == InputFormat::kAuto) format = format_of_file(name, std::string_view(bytes).substr(0, kSniffBytes));
        spdlog::debug("{}!{}: read as {}", path, name, format_name(format));
        if (format != InputFormat::kJsonl) {
          chunk_bytes += bytes.size();
          chunk.records.push_back(RawRecord{file, 1, std::move(bytes), 0, false, {}, format, name});
        } else {
          std::uint64_t number = 0;
          std::size_t start = 0;
          while (start < bytes.size()) {
            std::size_t end = bytes.find('\n', start);
            if (end == std::string::npos) end = bytes.size();
            std::string_view line(bytes.data() + start, end - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++number;
            if (!is_blank_line(line)) {
              bool overlong = line.size() > options_.max_record_bytes;
              chunk_bytes += std::min(line.size(), options_.max_record_bytes);
              chunk.records.push_back(RawRecord{file, number,
                                                std::string(line.substr(0, std::min(line.size(), options_.max_record_bytes))),
                                                line.size(), overlong, {}, InputFormat::kJsonl, name});
            }
            start = end + 1;
            if (chunk.records.size() >= kChunkRecords || chunk_bytes >= kChunkBytes) {
              if (!send()) {
                ok = false;
                return;
              }
            }
          }
        }
        if (chunk.records.size() >= kChunkRecords || chunk_bytes >= kChunkBytes) ok = send();
      },
      [&](const std::string& name, std::size_t size) {
        chunk.records.push_back(RawRecord{file, 0, {}, 0, false,
                                          "file " + name + " in the archive is " + std::to_string(size) +
                                              " bytes, over the limit of " + std::to_string(kMaxWholeFileBytes),
                                          InputFormat::kJsonl, name});
      });
  return ok;
}

void Run::parse_worker() {
  try {
    parse_chunks();
  } catch (...) {
    fail(std::current_exception());
  }
}

void Run::parse_chunks() {
  DocumentBuilder builder;
  std::map<std::string, std::uint64_t> ignored;
  std::uint64_t records = 0;
  Chunk chunk;
  while (parse_queue_.pop(chunk)) {
    std::vector<LaneBatch> batches(writer_.lanes());
    RejectBatch rejects;
    for (RawRecord& raw : chunk.records) {
      if (!raw.read_error.empty()) {
        rejects.rejects.push_back({origin_of(raw), raw.line, raw.read_error, {}});
        continue;
      }
      std::vector<ParsedRecord> parsed_records;
      if (raw.format != InputFormat::kJsonl) {
        std::vector<std::string> warnings;
        parsed_records = parse_whole_file(raw.format, raw.text, origin_of(raw), warnings);
        for (const std::string& warning : warnings) note_warning(origin_of(raw), warning);
      } else {
        ParsedRecord parsed;
        if (raw.overlong) {
          parsed.reject_reason = "record is " + std::to_string(raw.full_bytes) +
                                 " bytes, over the limit of " +
                                 std::to_string(options_.max_record_bytes) + " (--max-record-bytes)";
        } else {
          parsed = parse_jsonl_record(raw.text);
        }
        parsed_records.push_back(std::move(parsed));
      }
      std::uint64_t item = 0;
      for (ParsedRecord& parsed : parsed_records) {
        ++records;
        ++item;
        // For a whole file, "line" is the item's number within it.
        std::uint64_t where = raw.format == InputFormat::kJsonl ? raw.line : item;
        for (auto& field : parsed.ignored_fields) ++ignored[field];
        if (!parsed.article) {
          std::string text = raw.format == InputFormat::kJsonl ? raw.text : std::string();
          if (text.size() > kRejectTextBytes && raw.overlong) text.resize(kRejectTextBytes);
          rejects.rejects.push_back({origin_of(raw), where, std::move(parsed.reject_reason), std::move(text)});
          continue;
        }
        unsigned lane = writer_.lane_for(parsed.article->id);
        if (writer_.wants_documents()) {
          Xapian::Document doc = builder.build(*parsed.article);
          if (!file_terms_.empty() && !file_terms_[raw.file].empty()) doc.add_boolean_term(file_terms_[raw.file]);
          batches[lane].items.push_back({parsed.article->id, std::move(doc), {}});
        } else {
          batches[lane].items.push_back({parsed.article->id, {},
                                         article_to_json(*parsed.article)
                                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
        }
      }
    }
    for (unsigned lane = 0; lane < batches.size(); ++lane) {
      batches[lane].token = chunk.token;
      lane_queues_[lane].push(chunk.seq, std::move(batches[lane]));
    }
    rejects.token = std::move(chunk.token);
    reject_queue_.push(chunk.seq, std::move(rejects));
  }
  records_ += records;
  std::lock_guard lock(mutex_);
  for (auto& [field, count] : ignored) ignored_fields_[field] += count;
}

void Run::lane_worker(unsigned lane) {
  try {
    LaneBatch batch;
    while (lane_queues_[lane].pop(batch)) {
      for (DocItem& item : batch.items) {
        writer_.put(lane, std::move(item));
        counters_.articles.fetch_add(1, std::memory_order_relaxed);
      }
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void Run::reject_sink() {
  try {
    std::ofstream out;
    auto cannot_write = [&] {
      std::string why = errno != 0 ? std::string(": ") + std::strerror(errno) : std::string();
      return std::runtime_error("cannot write rejects file " + *options_.rejects_path + why);
    };
    if (options_.rejects_path) {
      errno = 0;
      out.open(*options_.rejects_path, std::ios::out | std::ios::trunc | std::ios::binary);
      if (!out) throw cannot_write();
    }
    std::uint64_t logged = 0;
    RejectBatch batch;
    while (reject_queue_.pop(batch)) {
      for (const Reject& r : batch.rejects) {
        counters_.rejected.fetch_add(1, std::memory_order_relaxed);
        {
          std::lock_guard lock(mutex_);
          ++reject_reasons_[reason_kind(r.reason)];
        }
        if (logged < kMaxLoggedRejects) {
          spdlog::warn("rejected {}:{}: {}", r.origin, r.line, r.reason);
          if (++logged == kMaxLoggedRejects) spdlog::warn("further rejects are not logged");
        }
        if (out.is_open()) {
          nlohmann::json line = {{"file", r.origin}, {"line", r.line},
                                 {"reason", r.reason}, {"text", r.text}};
          errno = 0;
          out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
          if (!out) throw cannot_write();
        }
      }
    }
    if (out.is_open()) {
      errno = 0;
      out.flush();
      if (!out) throw cannot_write();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

RunSummary Run::execute() {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ProgressBar> bar;
  if (options_.progress) bar = std::make_unique<ProgressBar>(counters_, inputs_.total_bytes);

  // Named threads make profiles and `top -H` readable.
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < options_.threads; ++i) {
    threads.emplace_back([this, i] {
      name_thread("parse-" + std::to_string(i));
      parse_worker();
    });
  }
  std::vector<std::thread> lanes;
  for (unsigned i = 0; i < writer_.lanes(); ++i) {
    lanes.emplace_back([this, i] {
      name_thread("lane-" + std::to_string(i));
      lane_worker(i);
    });
  }
  std::thread sink([this] {
    name_thread("rejects");
    reject_sink();
  });

  try {
    read_all();
  } catch (...) {
    fail(std::current_exception());
  }
  parse_queue_.close();
  for (auto& t : threads) t.join();
  for (auto& q : lane_queues_) q.close();
  reject_queue_.close();
  for (auto& t : lanes) t.join();
  sink.join();
  if (error_) std::rethrow_exception(error_);

  if (before_finish_) before_finish_(*this);
  counters_.merging = true;
  RunSummary summary;
  summary.mode = writer_.mode_name();
  summary.documents = writer_.finish();
  bar.reset();

  summary.files = inputs_.files.size();
  summary.read_files = inputs_.files.size();
  summary.skipped_files = inputs_.skipped.size();
  summary.records = records_;
  summary.accepted = counters_.articles;
  summary.rejected = counters_.rejected;
  summary.bytes = inputs_.total_bytes;
  summary.ignored_fields = ignored_fields_;
  summary.warnings = warnings_;
  summary.reject_reasons = reject_reasons_;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace

RunSummary run_pipeline(const PipelineOptions& options) {
  InputList inputs = expand_inputs(options.inputs, options.format);
  for (const std::string& skipped : inputs.skipped) {
    spdlog::info("skipping {}: not a file name an archive format uses (see --format)", skipped);
  }
  for (const std::string& unreadable : inputs.unreadable_dirs) {
    spdlog::warn("cannot read directory {}: its files are not indexed", unreadable);
  }
  auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  if (options.dry_run) {
    // Nothing is written: the parsed articles go to standard output.
    PrintDestination printer;
    Run run(options, printer, inputs);
    summary = run.execute();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  }

  std::unique_ptr<IndexTarget> target = open_index_target(options.writer, options.sharding);
  IndexTarget& writer = *target;
  spdlog::debug("writing {} in {} mode with {} lane(s)", options.writer.db_path, writer.mode_name(),
                writer.lanes());
  std::uint64_t deleted = 0;
  std::uint64_t missing = 0;
  for (const std::string& id : options.delete_ids) {
    if (writer.remove(id)) {
      ++deleted;
    } else {
      ++missing;
      spdlog::warn("delete {}: no such article in the index", id);
    }
  }

  std::map<std::string, FileRecord> records = load_file_records(writer.database());
  ReadPlan plan = plan_reads(inputs, records, options.full);
  if (plan.unchanged > 0) {
    spdlog::info("{} of {} file(s) unchanged since they were indexed: skipped (--full reads them)",
                 plan.unchanged, inputs.files.size());
  }
  std::uint64_t pruned_files = 0;
  std::uint64_t pruned_articles = 0;
  // Records go in the commit that holds their files' articles, so a
  // killed run never records a file it did not finish.
  auto settle = [&](const std::function<bool(std::size_t)>& failed) {
    // A run of one shard leaves the others as they were: recording its
    // files would have the next run skip them though those shards still
    // hold the files' old articles.
    if (options.sharding.only_shard) return;
    std::set<std::string> unsettled;
    auto keep = [&](const FileRecord& record) {
      writer.set_metadata_at_finish(schema::file_record_key(path_key(record.path)), record_to_json(record));
      records[record.path] = record;
    };
    for (std::size_t i = 0; i < plan.records.size(); ++i) {
      if (plan.records[i].path.empty()) continue;  // standard input
      if (failed(i)) {
        unsettled.insert(plan.records[i].path);
      } else {
        keep(plan.records[i]);
      }
    }
    for (const FileRecord& record : plan.refreshed) keep(record);
    if (!options.prune) return;
    PrunePlan prune = plan_prune(writer.database(), options.inputs, records, unsettled);
    for (const std::string& term : prune.stale_terms) pruned_articles += writer.remove_by_term(term);
    for (const std::string& key : prune.gone_record_keys) writer.set_metadata_at_finish(key, "");
    pruned_files = prune.gone_files;
    if (pruned_articles > 0 || pruned_files > 0) {
      spdlog::info("pruned {} article(s): {} file(s) gone, others no longer in their changed files",
                   pruned_articles, pruned_files);
    }
  };

  if (plan.to_read.files.empty()) {
    settle([](std::size_t) { return false; });
    summary.mode = writer.mode_name();
    summary.documents = writer.finish();
  } else {
    IndexDestination destination(writer);
    Run run(options, destination, plan.to_read, plan.file_terms,
            [&](const Run& done) { settle([&](std::size_t i) { return done.read_failed(i); }); });
    summary = run.execute();
  }
  summary.files = inputs.files.size();
  summary.read_files = plan.to_read.files.size();
  summary.unchanged_files = plan.unchanged;
  summary.pruned_files = pruned_files;
  summary.pruned_articles = pruned_articles;
  summary.skipped_files = inputs.skipped.size();
  summary.deleted = deleted;
  summary.delete_missing = missing;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

nlohmann::json summary_to_json(const RunSummary& s) {
  double secs = s.seconds > 0 ? s.seconds : 1e-9;
  return {
      {"mode", s.mode},
      {"files", s.files},
      {"read_files", s.read_files},
      {"unchanged_files", s.unchanged_files},
      {"pruned_files", s.pruned_files},
      {"pruned_articles", s.pruned_articles},
      {"skipped_files", s.skipped_files},
      {"records", s.records},
      {"accepted", s.accepted},
      {"rejected", s.rejected},
      {"deleted", s.deleted},
      {"delete_missing", s.delete_missing},
      {"documents", s.documents},
      {"input_bytes", s.bytes},
      {"seconds", s.seconds},
      {"docs_per_sec", static_cast<double>(s.accepted) / secs},
      {"mb_per_sec", static_cast<double>(s.bytes) / secs / 1e6},
      {"warnings", s.warnings},
      {"reject_reasons", s.reject_reasons},
      {"ignored_fields", s.ignored_fields},
  };
}

}  // namespace warta::indexer
