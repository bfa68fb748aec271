// facet_columns: value streams -> per-document value numbers.
#include "searchd/facet_columns.h"

#include <pthread.h>

#include <chrono>
#include <unordered_map>

#include <spdlog/spdlog.h>

namespace warta::searchd {
namespace {

using schema::Slot;

constexpr std::pair<Slot, bool> kFacetSlots[] = {
    {Slot::kSource, false}, {Slot::kSection, false}, {Slot::kLocation, false}, {Slot::kLang, false},
    {Slot::kYear, false},   {Slot::kMonth, false},   {Slot::kAuthors, true},   {Slot::kTags, true},
};

// How long the build thread waits before trying again after a failure.
constexpr auto kRetryPause = std::chrono::milliseconds(500);

class ValueNumbers {
 public:
  explicit ValueNumbers(FacetColumn& column) : column_(column) { column_.values.emplace_back(); }
  std::uint32_t number(std::string_view value) {
    auto [it, added] = numbers_.try_emplace(std::string(value), static_cast<std::uint32_t>(column_.values.size()));
    if (added) column_.values.emplace_back(value);
    return it->second;
  }

 private:
  FacetColumn& column_;
  std::unordered_map<std::string, std::uint32_t> numbers_;
};

FacetColumn load_column(const Xapian::Database& db, Slot slot, bool list_valued, Xapian::docid last) {
  FacetColumn column;
  column.list_valued = list_valued;
  ValueNumbers numbers(column);
  if (!list_valued) {
    column.number_of.assign(static_cast<std::size_t>(last) + 1, 0);
    for (auto v = db.valuestream_begin(schema::slot(slot)); v != db.valuestream_end(schema::slot(slot)); ++v) {
      const std::string value = *v;
      if (!value.empty()) column.number_of[v.get_docid()] = numbers.number(value);
    }
    return column;
  }
  // Documents come in increasing order: first[] is filled as they pass.
  column.first.assign(static_cast<std::size_t>(last) + 2, 0);
  Xapian::docid filled = 0;  // first[0 .. filled] are set
  for (auto v = db.valuestream_begin(schema::slot(slot)); v != db.valuestream_end(schema::slot(slot)); ++v) {
    Xapian::docid did = v.get_docid();
    while (filled < did) column.first[++filled] = static_cast<std::uint32_t>(column.numbers.size());
    const std::string joined = *v;
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = joined.find(schema::kListSeparator, start);
      if (end == std::string::npos) end = joined.size();
      if (end > start) column.numbers.push_back(numbers.number(std::string_view(joined).substr(start, end - start)));
      start = end + 1;
    }
  }
  while (filled <= last) column.first[++filled] = static_cast<std::uint32_t>(column.numbers.size());
  return column;
}

}  // namespace

std::shared_ptr<const FacetColumns> FacetColumns::load(const Xapian::Database& db) {
  auto columns = std::make_shared<FacetColumns>();
  columns->last_docid_ = db.get_lastdocid();
  columns->uuid_ = db.get_uuid();
  columns->doc_lengths_.assign(static_cast<std::size_t>(columns->last_docid_) + 1, 0);
  for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it) {
    if (*it <= columns->last_docid_) columns->doc_lengths_[*it] = it.get_doclength();
  }
  for (const auto& [slot, list_valued] : kFacetSlots) {
    columns->columns_.emplace_back(slot, load_column(db, slot, list_valued, columns->last_docid_));
  }
  return columns;
}

const FacetColumn* FacetColumns::column(Slot slot) const {
  for (const auto& [s, column] : columns_) {
    if (s == slot) return &column;
  }
  return nullptr;
}

std::size_t FacetColumns::memory_bytes() const {
  std::size_t bytes = doc_lengths_.capacity() * sizeof(Xapian::termcount);
  for (const auto& [slot, column] : columns_) {
    bytes += (column.number_of.capacity() + column.first.capacity() + column.numbers.capacity()) * sizeof(std::uint32_t);
    for (const std::string& value : column.values) bytes += sizeof(std::string) + value.capacity();
  }
  return bytes;
}

FacetColumnCache::FacetColumnCache(Opener open) : open_(std::move(open)) {
  builder_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "facet-columns");
    build_loop();
  });
}

FacetColumnCache::~FacetColumnCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  builder_.join();
}

std::shared_ptr<const FacetColumnSet> FacetColumnCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (current_ && current_->key == key) return current_;
  if (wanted_ != key) {
    wanted_ = key;
    wake_.notify_all();
  }
  return nullptr;
}

void FacetColumnCache::build_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || (!wanted_.empty() && (!current_ || current_->key != wanted_)); });
    if (stopping_) return;
    std::string wanted = wanted_;
    lock.unlock();
    std::shared_ptr<FacetColumnSet> built;
    try {
      auto start = std::chrono::steady_clock::now();
      auto [databases, key] = open_();
      // The index may have moved past the revision asked for: what is read
      // is named by the key of the databases actually opened.
      auto set = std::make_shared<FacetColumnSet>();
      set->key = key;
      std::size_t bytes = 0;
      for (const Xapian::Database& db : databases) {
        set->shards.push_back(FacetColumns::load(db));
        bytes += set->shards.back()->memory_bytes();
      }
      built = std::move(set);
      spdlog::debug("facet columns of {} shard(s) read in {:.0f} ms ({} MiB)", built->shards.size(),
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
                    bytes >> 20);
    } catch (const Xapian::Error& e) {
      // DatabaseModifiedError and the like: searches count without columns
      // meanwhile, and the next one that asks starts another try.
      spdlog::debug("facet columns not read: {}", e.get_description());
      std::this_thread::sleep_for(kRetryPause);
    } catch (const std::exception& e) {
      spdlog::warn("facet columns not read: {}", e.what());
      std::this_thread::sleep_for(kRetryPause);
    }
    lock.lock();
    if (built) current_ = std::move(built);
    // Asked for again only by a search that sees another revision.
    if (wanted_ == wanted) wanted_.clear();
  }
}

}  // namespace warta::searchd
