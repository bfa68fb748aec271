// executor: runs searches on an index. Each worker thread owns its own
// Xapian::Database (Xapian objects are not thread-safe); the executor
// reopens it so that new commits are seen within a fraction of a second.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/acronyms.h"
#include "searchd/facet_columns.h"
#include "searchd/result_cache.h"
#include "searchd/search_request.h"
#include "searchd/search_response.h"
#include "searchd/shard_set.h"

namespace warta::searchd {

struct ExecutorOptions {
  std::vector<std::string> db_paths;                    // shards searched as one
  std::chrono::milliseconds reopen_interval{200};        // how stale a search may be
  double time_limit_seconds = 5.0;                       // matcher budget per search
  std::vector<CuratedAcronym> curated_acronyms;          // override the index's mined ones
  // Local and remote shards with their failure policy; when it lists no
  // shards, db_paths are its local shards.
  ShardSetOptions shards;
  // Answers kept per index revision (see result_cache.h); 0 keeps none.
  std::size_t result_cache_bytes = 0;
  // Words in at least this many articles are scored from the document
  // lengths in memory when a search ranks by relevance over local shards
  // (frequent_words.h); 0 turns it off.
  Xapian::doccount frequent_word_docs = 10000;
};

// What a term expands to (GET /synonyms).
struct SynonymsResult {
  std::string term;                       // as looked up (acronym_key)
  std::vector<AcronymEntry> long_forms;   // when the term is an acronym
  std::vector<AcronymEntry> acronyms;     // when the term is a long form
};

struct IndexStats {
  std::uint64_t documents = 0;
  std::uint64_t revision = 0;
  std::uint64_t terms = 0;  // distinct terms (0 when not cheap to know)
  double average_length = 0;
  ResultCache::Counts result_cache;
  // Searches whose ranking scored frequent words from memory, since start.
  std::uint64_t frequent_word_searches = 0;
  // Searches ranked through their relaxed query (relaxed_ranking.h), and
  // those whose relaxed pass proved nothing and ran as written, since start.
  std::uint64_t relaxed_searches = 0;
  std::uint64_t relaxed_fallbacks = 0;
};

// How searches were ranked, counted for IndexStats.
struct RankingCounters {
  std::atomic<std::uint64_t> frequent_word_searches{0};
  std::atomic<std::uint64_t> relaxed_searches{0};
  std::atomic<std::uint64_t> relaxed_fallbacks{0};
};

class Executor {
 public:
  // Opens every local shard once to check it (schema version, existence);
  // throws warta::IndexMismatchError or Xapian::DatabaseOpeningError naming
  // it. A remote shard that does not answer is only logged: it may come later.
  explicit Executor(ExecutorOptions options);
  Executor(const Executor&) = delete;  // its column reader holds `this`
  Executor& operator=(const Executor&) = delete;

  // All methods are safe to call from many threads at once; each thread
  // works on its own Database. They throw warta::Error for bad requests, and
  // kUnavailable (503) when a shard is down under ShardFailurePolicy::kFail.
  SearchResponse search(const SearchRequest& request);
  // The stored article as canonical JSON, or nullopt.
  std::optional<std::string> article(const std::string& id);
  // Articles like `id` ("more like this"), answered like a search; nullopt
  // when there is no such article.
  std::optional<SearchResponse> similar(const std::string& id, const SearchRequest& request);
  IndexStats stats();
  // The acronym table entries for `term` (mined from the index, curated
  // pairs applied).
  SynonymsResult synonyms(const std::string& term);

 private:
  struct Worker;
  Worker& worker();
  template <typename Fn>
  auto with_retry(Fn&& fn) -> decltype(fn(std::declval<Worker&>()));

  // The facet columns for the revision `w` searches, when ready; nullptr
  // over remote shards or while they are being read.
  std::shared_ptr<const FacetColumnSet> facet_columns_for(Worker& w);

  ExecutorOptions options_;
  std::uint64_t id_;  // tells apart the per-thread state of two executors
  std::unique_ptr<FacetColumnCache> facet_columns_;  // local shards only
  ResultCache result_cache_;
  RankingCounters counters_;
};

}  // namespace warta::searchd
