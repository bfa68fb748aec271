// writer: staging shards + compaction for bulk builds, replace-by-id for
// updates, and the directory swap that makes a bulk build atomic.
#include "indexer/writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <stdexcept>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "common/index_meta.h"
#include "common/schema.h"
#include "indexer/index_tables.h"
#include "indexer/interrupt.h"
#include "indexer/spelling.h"

namespace warta::indexer {
namespace {

namespace fs = std::filesystem;

// A word seen in a single article is as likely a typo as a word.
constexpr Xapian::doccount kMinSpellingFrequency = 2;

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void stamp_commit(Xapian::WritableDatabase& db) {
  stamp_index(db);
  db.set_metadata(std::string(schema::kMetaLastCommit), now_iso());
}

void mark_commit(Xapian::WritableDatabase& db) {
  stamp_commit(db);
  db.commit();
}

// Swaps two directories in one step, so that a reader or a killed run
// sees either the old index or the new one, never neither.
void exchange_directories(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0) {
    throw std::runtime_error("cannot swap " + b + " into " + a + ": " + std::strerror(errno));
  }
}

// True for the files Xapian writes while it creates a glass database.
bool is_glass_file(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "flintlock" || ends_with(".glass") || ends_with(".tmp") || ends_with(".baseA") ||
         ends_with(".baseB");
}

// A run killed while Xapian was creating the index leaves a directory it can
// neither open nor create again. Such a directory holds only Xapian's own
// files and no revision file; clear it. Anything else is left alone.
void clear_half_created_index(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec) || fs::exists(fs::path(path) / "iamglass", ec)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (!entry.is_regular_file() || !is_glass_file(entry.path().filename().string())) return;
    files.push_back(entry.path());
  }
  if (files.empty()) return;
  spdlog::warn("{}: clearing an index whose creation was interrupted", path);
  for (const fs::path& file : files) fs::remove(file);
}

// A creation killed before its rename leaves `<db>.warta-create-<pid>`;
// it is abandoned once that process is gone.
void remove_abandoned_creations(const std::string& path) {
  fs::path target(path);
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string prefix = target.filename().string() + ".warta-create-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    char* end = nullptr;
    long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (end == name.c_str() + prefix.size() || *end != '\0') continue;
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;  // still running
    spdlog::info("removing {} left by an interrupted run", entry.path().string());
    std::error_code remove_ec;
    fs::remove_all(entry.path(), remove_ec);
  }
}

// Creates a new, empty, committed index beside `path` and renames it into
// place, so that whenever a run is killed `path` is either absent or an
// index that opens. Does nothing when `path` already holds something other
// than an empty directory.
void create_index_atomically(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec) && !(fs::is_directory(path, ec) && fs::is_empty(path, ec))) return;
  remove_abandoned_creations(path);
  std::string temp = path + ".warta-create-" + std::to_string(::getpid());
  try {
    Xapian::WritableDatabase db(temp, Xapian::DB_CREATE_OR_OVERWRITE);
    mark_commit(db);
    db.close();
  } catch (const Xapian::Error& e) {
    fs::remove_all(temp, ec);
    throw std::runtime_error("cannot create index " + path + ": " + e.get_description());
  }
  // rename() replaces an empty directory too, in one step.
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    fs::remove_all(temp, ec);
    if (err == EEXIST || err == ENOTEMPTY) return;  // another run created it first
    throw std::runtime_error("cannot create index " + path + ": " + std::strerror(err));
  }
}

// Xapian 1.4 can abort the process when a commit runs out of disk space
// (an exception escapes while another unwinds), so a commit is only
// started with room to spare, and a full disk fails with a message instead.
constexpr std::uint64_t kMinFreeBytes = 64ull << 20;

std::uint64_t bytes_in(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// Throws when the file system of `where` has less than `needed` bytes free.
void require_free_space(const std::string& index, const std::string& where, std::uint64_t needed) {
  struct statvfs st {};
  if (::statvfs(where.c_str(), &st) != 0) return;  // cannot tell: let the write say
  std::uint64_t free_bytes = st.f_bavail * st.f_frsize;
  if (free_bytes >= needed) return;
  throw std::runtime_error("cannot write index " + index + ": too little free space in " + where + " (" +
                           std::to_string(free_bytes >> 20) + " MiB free; a commit starts only with " +
                           std::to_string((needed + (1 << 20) - 1) >> 20) +
                           " MiB free, so that it cannot run out of space part-way); the index keeps its last commit");
}

// Each segment keeps a few table files open while segments are merged.
constexpr std::size_t kFilesPerSegment = 6;
constexpr rlim_t kFilesForTheRest = 256;

// How many segments one merge may read at once: the open-file limit is
// raised to what the system allows (a soft limit of 1024 is common, and a
// million articles make 2,000 segments), and what it allows decides.
std::size_t max_merge_inputs() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 128;
  if (limit.rlim_cur < limit.rlim_max) {
    struct rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return 1 << 20;
  rlim_t usable = limit.rlim_cur > kFilesForTheRest * 2 ? limit.rlim_cur - kFilesForTheRest : limit.rlim_cur / 2;
  return std::max<std::size_t>(2, usable / kFilesPerSegment);
}

Xapian::Database open_all(const std::vector<std::string>& segments, std::size_t from, std::size_t to) {
  Xapian::Database all;
  for (std::size_t i = from; i < to; ++i) all.add_database(Xapian::Database(segments[i]));
  return all;
}

void remove_leftover(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    spdlog::info("removing {} left by an interrupted run", dir);
    fs::remove_all(dir, ec);
    if (ec) throw std::runtime_error("cannot remove " + dir + ": " + ec.message());
  }
}

}  // namespace

// A bulk lane writes a series of small segments, each a fresh database
// filled by one flush: adding to an empty database is a sequential write,
// and Xapian's in-memory batch stays small. finish() merges all segments.
struct IndexWriter::Lane {
  unsigned index = 0;
  std::vector<std::string> segments;  // closed segment paths
  std::unique_ptr<Xapian::WritableDatabase> db;  // the open segment
  Xapian::doccount in_segment = 0;
  // ids in the open segment; an id repeated across segments is resolved
  // when they are merged (see drop_superseded_copies), so memory stays
  // bounded by the segment size, not the input size.
  std::unordered_set<std::string> in_open_segment;
};

IndexWriter::RunLock::~RunLock() {
  if (fd >= 0) ::close(fd);
}

IndexWriter::IndexWriter(const WriterOptions& options) : options_(options) {
  const std::string& path = options_.db_path;
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    // Xapian would read the file as a stub database and report its first line.
    throw std::runtime_error("--db " + path + " is a file, not an index directory");
  }
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::exists(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) throw std::runtime_error("cannot create index " + path + ": cannot create " + parent.string() + ": " + ec.message());
  }
  std::string lock_path = path + ".warta-lock";
  run_lock_.fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (run_lock_.fd < 0) throw std::runtime_error("cannot create " + lock_path + ": " + std::strerror(errno));
  if (::flock(run_lock_.fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) throw std::runtime_error("index " + path + " is locked: another warta-indexer is writing it");
    throw std::runtime_error("cannot lock " + lock_path + ": " + std::strerror(errno));
  }
  clear_half_created_index(path);
  create_index_atomically(path);
  if (fs::is_directory(path, ec) && !fs::exists(fs::path(path) / "iamglass", ec)) {
    // Checked before Xapian opens it, which would leave a lock file behind.
    throw std::runtime_error(path + " exists and is not an index: give --db a new or empty directory");
  }
  try {
    db_ = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("index " + path + " is locked: another warta-indexer is writing it");
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open or create index " + path + ": " + e.get_description());
  }
  check_index_schema(*db_, path);
  // Holding the lock, no other writer can be using these.
  remove_leftover(path + ".warta-new");
  staging_dir_ = path + ".warta-staging";
  remove_leftover(staging_dir_);

  if (db_->get_doccount() == 0) mark_commit(*db_);  // an empty index opens from now on
  // Between commits the index is written inside a transaction: a run that
  // fails drops what it wrote since its last commit. (Without one, Xapian
  // commits whatever is pending when the database is destroyed, even while
  // the error that stopped the run unwinds.)
  db_->begin_transaction();

  // A bulk build writes a new index holding only this run's file records,
  // so an index emptied by deletes that still records files it skipped as
  // unchanged is updated in place: their records, and so their deletes, stay.
  std::string records_prefix(schema::kMetaFileRecordPrefix);
  bool records_files = db_->metadata_keys_begin(records_prefix) != db_->metadata_keys_end(records_prefix);
  if (options_.allow_bulk && db_->get_doccount() == 0 && !records_files && options_.bulk_lanes > 0) {
    mode_ = Mode::kBulk;
    open_bulk_lanes();
  } else {
    mode_ = Mode::kIncremental;
    auto lane = std::make_unique<Lane>();
    lanes_.push_back(std::move(lane));
  }
}

IndexWriter::~IndexWriter() {
  // An unfinished bulk build is abandoned: the index keeps its last commit.
  lanes_.clear();
  if (mode_ == Mode::kBulk && !staging_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_dir_, ec);
  }
}

void IndexWriter::open_bulk_lanes() {
  fs::create_directories(staging_dir_);
  for (unsigned i = 0; i < options_.bulk_lanes; ++i) {
    auto lane = std::make_unique<Lane>();
    lane->index = i;
    lanes_.push_back(std::move(lane));
  }
}

void IndexWriter::open_segment(Lane& lane) {
  std::string path = staging_dir_ + "/lane-" + std::to_string(lane.index) + "-" +
                     std::to_string(lane.segments.size());
  // Segments are thrown away if the run dies, so they need neither fsync
  // nor copy-on-write (DB_DANGEROUS updates blocks in place: less work).
  lane.db = std::make_unique<Xapian::WritableDatabase>(
      path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
  lane.segments.push_back(path);
  lane.in_segment = 0;
}

void IndexWriter::close_segment(Lane& lane) {
  if (!lane.db) return;
  require_free_space(options_.db_path, staging_dir_, kMinFreeBytes);
  lane.db->commit();
  lane.db->close();
  lane.db.reset();
  lane.in_open_segment.clear();
}

void IndexWriter::drop_superseded_copies(const std::vector<std::string>& segments) {
  // The segments in `segments` order form one database whose document ids
  // interleave: id d lives in segment (d - 1) % n as its document
  // (d - 1) / n + 1. All copies of one article id are in one lane, whose
  // segments appear in creation order, so the copy in the highest segment
  // is the newest.
  Xapian::Database all;
  for (const std::string& path : segments) all.add_database(Xapian::Database(path));
  const auto n = static_cast<Xapian::docid>(segments.size());
  std::map<std::size_t, std::vector<Xapian::docid>> stale;  // segment -> local ids
  std::string prefix(schema::id_prefix());
  for (auto t = all.allterms_begin(prefix); t != all.allterms_end(prefix); ++t) {
    if (t.get_termfreq() < 2) continue;
    std::vector<Xapian::docid> copies(all.postlist_begin(*t), all.postlist_end(*t));
    Xapian::docid newest = copies.front() - 1;
    for (Xapian::docid c : copies) {
      if ((c - 1) % n > newest % n) newest = c - 1;
    }
    for (Xapian::docid c : copies) {
      if (c - 1 != newest) stale[(c - 1) % n].push_back((c - 1) / n + 1);
    }
  }
  all.close();
  for (const auto& [segment, ids] : stale) {
    Xapian::WritableDatabase db(segments[segment], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (Xapian::docid id : ids) db.delete_document(id);
    db.commit();
  }
}

unsigned IndexWriter::lane_for(const std::string& id) const {
  return static_cast<unsigned>(std::hash<std::string>{}(id) % lanes_.size());
}

bool IndexWriter::remove(const std::string& id) {
  std::string term = schema::id_term(id);
  if (db_->get_termfreq(term) == 0) return false;
  db_->delete_document(term);
  ++since_commit_;
  return true;
}

void IndexWriter::put(unsigned lane_index, const std::string& id, Xapian::Document&& doc) {
  Lane& lane = *lanes_[lane_index];
  if (mode_ == Mode::kIncremental) {
    add_spellings_from_document(*db_, doc);
    db_->replace_document(schema::id_term(id), doc);
    if (++since_commit_ >= options_.commit_every) commit_incremental();
    return;
  }
  try {
    if (!lane.db) open_segment(lane);
    if (lane.in_open_segment.insert(id).second) {
      lane.db->add_document(doc);
    } else {
      // A repeated id replaces the earlier record: the last one wins.
      lane.db->replace_document(schema::id_term(id), doc);
    }
    if (++lane.in_segment >= options_.flush_every) {
      close_segment(lane);
    } else if (lane.in_segment % options_.segment_batch == 0) {
      // Xapian buffers a batch in maps keyed by term, and each posting
      // costs a walk down them: small batches stay in the CPU's caches.
      // Several batches share a segment, so the final merge reads fewer.
      lane.db->commit();
    }
  } catch (const Xapian::Error&) {
    explain_segment_failure();
    throw;
  }
}

// A segment opened with DB_DANGEROUS cannot roll back, so when a write
// fails Xapian reports "cancel() not supported" instead of the cause. The
// usual cause is a full disk; a small write beside the segments tells.
void IndexWriter::explain_segment_failure() const {
  std::string probe = staging_dir_ + "/write-probe";
  int err = 0;
  int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    err = errno;
  } else {
    static const std::string block(1 << 16, '\0');
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) err = errno != 0 ? errno : EIO;
    if (::fsync(fd) != 0 && err == 0) err = errno;
    ::close(fd);
  }
  std::error_code ec;
  fs::remove(probe, ec);
  if (err != 0) {
    throw std::runtime_error("cannot write index " + options_.db_path + ": " + std::strerror(err) + " (in " +
                             staging_dir_ + "); the index keeps its last commit");
  }
}

Xapian::doccount IndexWriter::remove_by_term(const std::string& term) {
  Xapian::doccount n = db_->get_termfreq(term);
  if (n == 0) return 0;
  db_->delete_document(term);
  since_commit_ += n;
  return n;
}

void IndexWriter::set_metadata_at_finish(const std::string& key, const std::string& value) {
  final_metadata_.emplace_back(key, value);
}

void IndexWriter::apply_final_metadata(Xapian::WritableDatabase& db) {
  for (const auto& [key, value] : final_metadata_) db.set_metadata(key, value);
  final_metadata_.clear();
}

void IndexWriter::commit_incremental() {
  require_free_space(options_.db_path, options_.db_path, kMinFreeBytes);
  commit_index();
  since_commit_ = 0;
}

void IndexWriter::commit_index() {
  stamp_commit(*db_);
  db_->commit_transaction();
  db_->begin_transaction();
}

// Merges consecutive groups of at most `max_inputs` segments until one
// merge can read them all. Groups keep the segments' order, so documents
// keep theirs too.
void IndexWriter::merge_in_groups(std::vector<std::string>& segments, std::size_t max_inputs) {
  for (unsigned pass = 0; segments.size() > max_inputs; ++pass) {
    spdlog::info("merging {} segments in groups of {} first (open-file limit)", segments.size(), max_inputs);
    std::vector<std::string> merged_groups;
    for (std::size_t from = 0; from < segments.size(); from += max_inputs) {
      std::size_t to = std::min(segments.size(), from + max_inputs);
      std::string out = staging_dir_ + "/merge-" + std::to_string(pass) + "-" + std::to_string(merged_groups.size());
      require_free_space(options_.db_path, staging_dir_, kMinFreeBytes);
      {
        Xapian::Database group = open_all(segments, from, to);
        group.compact(out);
      }
      for (std::size_t i = from; i < to; ++i) fs::remove_all(segments[i]);
      merged_groups.push_back(out);
    }
    segments = std::move(merged_groups);
  }
}

Xapian::doccount IndexWriter::finish() {
  throw_if_interrupted();
  if (mode_ == Mode::kIncremental) {
    apply_final_metadata(*db_);
    update_index_tables(*db_);
    commit_incremental();
    return db_->get_doccount();
  }
  // Each lane's last segment is committed on a thread of its own, side by
  // side as the lanes wrote them.
  std::vector<std::future<void>> closing;
  for (auto& lane : lanes_) {
    closing.push_back(std::async(std::launch::async, [this, &lane] { close_segment(*lane); }));
  }
  for (auto& closed : closing) closed.get();
  std::vector<std::string> segments;
  for (auto& lane : lanes_) segments.insert(segments.end(), lane->segments.begin(), lane->segments.end());
  if (segments.empty()) {
    lanes_.clear();
    fs::remove_all(staging_dir_);
    if (since_commit_ > 0 || !final_metadata_.empty()) {
      apply_final_metadata(*db_);
      update_index_tables(*db_);
      commit_index();
    }
    return db_->get_doccount();
  }
  std::size_t max_inputs = max_merge_inputs();  // raises the open-file limit first
  if (options_.max_merge_inputs >= 2) max_inputs = std::min(max_inputs, options_.max_merge_inputs);
  auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  auto step = std::chrono::steady_clock::now();
  drop_superseded_copies(segments);
  spdlog::debug("looked for repeated ids in {} segments in {:.1f} s", segments.size(), seconds_since(step));
  merge_in_groups(segments, max_inputs);
  Xapian::Database merged = open_all(segments, 0, segments.size());

  const std::string& path = options_.db_path;
  std::string new_dir = path + ".warta-new";
  // The merged index is no larger than its segments.
  require_free_space(path, staging_dir_, bytes_in(staging_dir_) + kMinFreeBytes);
  auto start = std::chrono::steady_clock::now();
  // One N-way merge reads and writes every posting once. (Xapian's
  // multipass merge rewrites the posting lists about log2(N) times: 2.4x
  // the CPU for 200 segments.) FULLER packs the merged tables tightly
  // since the index is read far more than written.
  merged.compact(new_dir, Xapian::Compactor::FULLER);
  merged.close();
  spdlog::debug("compacted {} segments in {:.1f} s", segments.size(), seconds_since(start));
  {
    Xapian::WritableDatabase fresh(new_dir, Xapian::DB_OPEN);
    step = std::chrono::steady_clock::now();
    add_spellings_from_index(fresh, kMinSpellingFrequency);
    spdlog::debug("spelling table built in {:.1f} s", seconds_since(step));
    apply_final_metadata(fresh);
    update_index_tables(fresh);
    mark_commit(fresh);
  }
  spdlog::debug("merged {} segments in {:.1f} s", segments.size(), seconds_since(start));
  lanes_.clear();
  fs::remove_all(staging_dir_);
  try {
    throw_if_interrupted();  // the merge is not swapped in
  } catch (const Interrupted&) {
    fs::remove_all(new_dir);
    throw;
  }

  // The new index takes the old one's place in one step; the old one, now
  // at new_dir, is removed (or by the next run, if this one is killed).
  db_->close();
  db_.reset();
  exchange_directories(path, new_dir);
  fs::remove_all(new_dir);
  staging_dir_.clear();
  Xapian::Database result(path);
  return result.get_doccount();
}

}  // namespace warta::indexer
