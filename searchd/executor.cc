// executor: Enquire with BM25, sorting, facets and snippets, on a Database
// per thread that is reopened to follow the indexer.
#include "searchd/executor.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/analysis.h"
#include "common/error.h"
#include "common/index_meta.h"
#include "common/schema.h"
#include "searchd/codec.h"
#include "searchd/collapse.h"
#include "searchd/facets.h"
#include "searchd/frequent_words.h"
#include "searchd/query_builder.h"
#include "searchd/recency.h"
#include "searchd/relaxed_ranking.h"

namespace warta::searchd {
namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

constexpr std::size_t kSnippetBytes = 240;
constexpr Xapian::termcount kSimilarTerms = 25;
// The exhaustive, background-model passage search cost 80% of a search
// (3.9 ms of 4.0 for ten hits on id-news); the plain one takes 0.8 ms and
// still centres the passage on the matches.
constexpr unsigned kSnippetFlags = 0;
// Totals up to this many matches are always exact (larger ones are, with
// facets, or estimated with total_exact false), as in other engines' default.
constexpr Xapian::doccount kExactTotalUpTo = 10000;

std::atomic<std::uint64_t> next_executor_id{1};

std::optional<std::string> optional_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Terms worth using to find similar articles: plain words, no prefixes.
class PlainWordDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    unsigned char c = static_cast<unsigned char>(term[0]);
    if (!((c >= 'a' && c <= 'z') || c >= 0x80)) return false;
    return !is_stop_word(Language::kIndonesian, term) && !is_stop_word(Language::kEnglish, term);
  }
};

}  // namespace

struct Executor::Worker {
  explicit Worker(const ShardSetOptions& options) : shards(options), db(shards.database()) {}
  ShardConnections shards;
  Xapian::Database db;  // shards.database(), the shards that are up
  Clock::time_point opened_or_reopened;
  std::string acronyms_stored;  // the metadata the table was read from
  std::unique_ptr<AcronymTable> acronyms;
};

Executor::Executor(ExecutorOptions options)
    : options_(std::move(options)), id_(next_executor_id++), result_cache_(options_.result_cache_bytes) {
  if (options_.shards.shards.empty()) options_.shards.shards = shard_specs(options_.db_paths, {}, {});
  for (const ShardSpec& spec : options_.shards.shards) {
    if (!spec.remote()) open_index_for_reading(spec.path);
  }
  ShardConnections probe(options_.shards);  // logs the remote shards that are down
  if (std::optional<std::string> key = probe.local_revision_key()) {
    facet_columns_ = std::make_unique<FacetColumnCache>([this] {
      ShardConnections connections(options_.shards);
      return std::make_pair(connections.local_databases(), connections.local_revision_key().value_or(""));
    });
    facet_columns_->get(*key);  // read them now, before the first search asks
  }
}

std::shared_ptr<const FacetColumnSet> Executor::facet_columns_for(Worker& w) {
  if (!facet_columns_) return nullptr;
  std::optional<std::string> key = w.shards.local_revision_key();
  return key ? facet_columns_->get(*key) : nullptr;
}

Executor::Worker& Executor::worker() {
  thread_local std::unordered_map<std::uint64_t, std::unique_ptr<Worker>> workers;
  auto& slot = workers[id_];
  bool fresh = true;
  if (!slot) {
    slot = std::make_unique<Worker>(options_.shards);
    slot->opened_or_reopened = Clock::now();
  } else if (Clock::now() - slot->opened_or_reopened >= options_.reopen_interval) {
    slot->shards.refresh();
    slot->db = slot->shards.database();
    slot->opened_or_reopened = Clock::now();
  } else {
    fresh = false;
  }
  // The indexer rewrites the table at the end of each run: look at it when
  // the index was (re)opened, parse it only when it changed. With shards,
  // the first one's table is used.
  if (fresh) {
    std::string stored;
    try {
      stored = slot->db.get_metadata(std::string(schema::kMetaAcronyms));
    } catch (const Xapian::DatabaseModifiedError&) {
      stored = slot->acronyms_stored;  // read again at the next reopen
    }
    if (!slot->acronyms || stored != slot->acronyms_stored) {
      auto table = std::make_unique<AcronymTable>(AcronymTable::from_json(stored));
      table->apply_curated(options_.curated_acronyms);
      slot->acronyms = std::move(table);
      slot->acronyms_stored = std::move(stored);
    }
  }
  slot->shards.require_complete();
  return *slot;
}

template <typename Fn>
auto Executor::with_retry(Fn&& fn) -> decltype(fn(std::declval<Worker&>())) {
  Worker& w = worker();
  w.shards.require_any();
  try {
    return fn(w);
  } catch (const Xapian::DatabaseModifiedError&) {
    // The indexer committed while we read: read again at the new revision.
    w.db.reopen();
    w.opened_or_reopened = Clock::now();
    return fn(w);
  } catch (const Xapian::NetworkError& e) {
    // A remote shard went away or was too slow: take out the ones that no
    // longer answer, then fail (naming them) or search the rest, by policy.
    spdlog::warn("remote shard error: {}", e.get_description());
    if (!w.shards.recover()) throw Error(ErrorCode::kUnavailable, "a remote shard failed: " + e.get_msg());
    w.db = w.shards.database();
    w.shards.require_complete();
    w.shards.require_any();
    return fn(w);
  }
}

namespace {

// An id not found while some shard is down may be in that shard: saying
// "no such article" would be wrong, so the answer is 503 naming them.
void require_not_in_a_missing_shard(const ShardConnections& shards, const std::string& id) {
  std::string down = shards.describe_missing();
  if (down.empty()) return;
  throw Error(ErrorCode::kUnavailable, "article " + json_string(id) + " is in none of the shards that answer; down: " + down);
}

// `passages`: an MSet of the query as the words were written (Xapian
// finds the words to mark and their weights there); `m`: the hit.
Hit make_hit(const Xapian::MSet& passages, const Xapian::MSetIterator& m, bool highlight) {
  Hit hit;
  json stored = json::parse(m.get_document().get_data(), nullptr, false);
  if (stored.is_discarded() || !stored.is_object()) stored = json::object();
  hit.id = stored.value("id", "");
  hit.title = stored.value("title", "");
  hit.url = optional_string(stored, "url");
  hit.source = optional_string(stored, "source");
  hit.published_at = optional_string(stored, "published_at");
  hit.section = optional_string(stored, "section");
  hit.location = optional_string(stored, "location");
  hit.lang = optional_string(stored, "lang");
  if (auto it = stored.find("authors"); it != stored.end() && it->is_array()) {
    for (const auto& a : *it) {
      if (a.is_string()) hit.authors.push_back(a.get<std::string>());
    }
  }
  hit.score = m.get_weight();
  std::string body = stored.value("body", "");
  Language language = language_of(hit.lang ? &*hit.lang : nullptr, hit.title, body);
  Xapian::Stem stemmer = stemmer_for(language);
  // Xapian escapes the text only when it has markers to insert, so without
  // highlighting it marks with control characters (which clean-up never
  // leaves in text) and they are taken out again.
  const std::string mark_start = highlight ? "<mark>" : "\x01";
  const std::string mark_end = highlight ? "</mark>" : "\x02";
  auto unmark = [&](std::string text) {
    if (!highlight) std::erase_if(text, [](char c) { return c == '\x01' || c == '\x02'; });
    return text;
  };
  // The whole title, escaped, its matches marked.
  hit.title_html = unmark(passages.snippet(hit.title, hit.title.size() + 16, stemmer, 0, mark_start, mark_end, ""));
  hit.snippet = unmark(passages.snippet(body, kSnippetBytes, stemmer,
                                    kSnippetFlags,
                                    mark_start, mark_end, "…"));
  return hit;
}

// A filter for each phrase whose matches every shard knows (a shard that
// gave up counting at the deadline may not), by serialised phrase.
PhraseFilters filters_for_phrases_of_every_shard(const std::vector<Xapian::Database>& shards,
                                                 std::vector<PhraseMatches> phrases) {
  PhraseFilters filters;
  if (phrases.empty()) return filters;
  for (auto& [phrase, first_shard_matches] : phrases[0]) {
    auto by_shard = std::make_shared<std::vector<std::pair<std::string, DocBitmap>>>();
    for (std::size_t i = 0; i < shards.size(); ++i) {
      auto it = phrases[i].find(phrase);
      if (it == phrases[i].end()) break;
      by_shard->emplace_back(shards[i].get_uuid(), std::move(it->second));
    }
    if (by_shard->size() == shards.size()) filters.emplace(phrase, matches_filter(std::move(by_shard)));
  }
  return filters;
}

// `remote`: some shards are remote, whose backend takes no KeyMaker and
// whose match spies over-count when the page is smaller than the matches
// (Xapian 1.4): facets are then counted in a pass of their own.
// `frequent_word_docs`: see ExecutorOptions.
// `relaxed`: see BuiltQuery::relaxed.
SearchResponse run_search(Xapian::Database& db, const SearchRequest& request, const Xapian::Query& query,
                          const std::optional<Xapian::Query>& relaxed, bool has_words, double time_limit, bool remote,
                          const ShardConnections& shards, std::shared_ptr<const FacetColumnSet> columns,
                          Xapian::doccount frequent_word_docs, RankingCounters& counters) {
  auto start = Clock::now();
  Xapian::Enquire enquire(db);
  SortOrder sort = request.sort.value_or(has_words ? SortOrder::kRelevance : SortOrder::kNewest);
  Xapian::MultiValueKeyMaker keys;
  if (sort != SortOrder::kRelevance) {
    bool newest = sort == SortOrder::kNewest;
    // Undated articles come last either way: empty sorts last reversed,
    // and "~" sorts after every date forwards.
    keys.add_value(schema::slot(schema::Slot::kSortDate), newest, newest ? "" : "~");
    keys.add_value(schema::slot(schema::Slot::kId));
    if (remote) {
      // Only a value sort travels to remote shards: ties by relevance, and
      // undated articles first when oldest first (see docs/operations.md).
      enquire.set_sort_by_value_then_relevance(schema::slot(schema::Slot::kSortDate), newest);
    } else {
      enquire.set_sort_by_key(&keys, false);
    }
  } else {
    // Equal scores are ordered by id, not by document number, so that an
    // archive in shards ranks exactly as it does in one index.
    enquire.set_sort_by_relevance_then_value(schema::slot(schema::Slot::kId), false);
  }
  FacetCounter facets(request.facets);
  // With the facet columns in memory, facets and the exact total are
  // counted in a pass of their own, without scores, and the ranking pass
  // stops once it knows the top hits.
  bool facets_from_columns = !facets.empty() && columns != nullptr;
  bool separate_facets = remote && !facets.empty() && request.limit > 0;
  if (!separate_facets && !facets_from_columns) facets.attach(enquire);
  if (request.collapse) collapse_duplicates(enquire);
  // Exact counts need every match visited: for facets, and for a count
  // alone (limit 0); otherwise an estimate will do.
  Xapian::doccount check_at_least =
      facets_from_columns || (facets.empty() && request.limit > 0) ? 0 : db.get_doccount();
  // With the columns, the matches are counted first (match_bitmap.h): the
  // phrases it matched need no positions read again to rank.
  std::optional<FacetCounter::Counted> counted;
  PhraseFilters phrase_filters;
  if (facets_from_columns) {
    std::vector<PhraseMatches> phrases;
    counted = facets.count_from_columns(shards.local_databases(), *columns, query, time_limit, &phrases);
    phrase_filters = filters_for_phrases_of_every_shard(shards.local_databases(), std::move(phrases));
  }
  // A pass that only ranks, by relevance, over local shards: frequent words
  // are scored from the lengths in memory (same scores, less work).
  std::optional<RankingQuery> ranking;
  if (sort == SortOrder::kRelevance && check_at_least == 0 && !remote && request.limit > 0) {
    ranking = with_frequent_words_from_memory(query, db, columns, frequent_word_docs, &phrase_filters);
    if (ranking) ++counters.frequent_word_searches;
  }
  const Xapian::Query& ranked = ranking ? ranking->query : query;
  // Past the budget the matcher stops counting: the top hits stand, counts
  // become estimates and total_exact says so.
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  auto offset = static_cast<Xapian::doccount>(request.offset);
  auto limit = static_cast<Xapian::doccount>(request.limit);
  // Phrases of acronym expansions checked only where they could matter.
  // (This also avoids a fault of Xapian 1.4.22: with such a phrase in an
  // OR, its matcher can give an article the weight of a phrase it does not
  // contain; see relaxed_ranking.cc.)
  std::optional<RelaxedPage> relaxed_page;
  if (relaxed && sort == SortOrder::kRelevance && check_at_least == 0 && !remote && limit > 0 && !request.collapse) {
    std::optional<RankingQuery> relaxed_ranking =
        with_frequent_words_from_memory(*relaxed, db, columns, frequent_word_docs);
    relaxed_page = page_through_relaxed(enquire, db, ranked, relaxed_ranking ? relaxed_ranking->query : *relaxed,
                                        offset, limit, schema::slot(schema::Slot::kId), shards.local_databases());
    ++(relaxed_page ? counters.relaxed_searches : counters.relaxed_fallbacks);
  }
  Xapian::MSet mset;
  std::vector<Xapian::MSetIterator> page;
  if (relaxed_page) {
    for (const Xapian::MSet& hit : relaxed_page->hits) page.push_back(hit.begin());
  } else {
    enquire.set_query(ranked);
    mset = enquire.get_mset(offset, limit, check_at_least);
    for (auto m = mset.begin(); m != mset.end(); ++m) page.push_back(m);
  }
  if (separate_facets) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    facets.attach(counting);
    if (time_limit > 0) counting.set_time_limit(time_limit);
    counting.get_mset(0, 0, db.get_doccount());
  }

  // A total the ranking pass only estimated is counted when it is known to
  // be small: then it costs little, and every page of a result set that a
  // reader can page through to the end gives the same, exact total.
  if (!counted && columns != nullptr && limit > 0) {
    Xapian::doccount lower =
        relaxed_page ? relaxed_page->matches_lower_bound : mset.get_uncollapsed_matches_lower_bound();
    Xapian::doccount upper =
        relaxed_page ? relaxed_page->matches_upper_bound : mset.get_uncollapsed_matches_upper_bound();
    if (lower != upper && upper <= kExactTotalUpTo) {
      counted = facets.count_from_columns(shards.local_databases(), *columns, query, time_limit, nullptr);
    }
  }

  SearchResponse response;
  response.offset = request.offset;
  // `total` counts matching articles, grouped or not (protocol v1).
  response.total = mset.get_uncollapsed_matches_estimated();
  response.total_exact = mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
  if (counted) {
    response.total = counted->matches;
    response.total_exact = counted->exact;
  }
  // The ranking query has no words left where frequent words were: the
  // passages take them from the query as written (an empty page of it
  // costs only the statistics), and so does the estimate of the matches
  // when phrases became filters.
  Xapian::MSet passages = mset;
  if ((ranking && (!page.empty() || ranking->phrases_as_filters)) || relaxed_page) {
    Xapian::Enquire words(db);
    words.set_query(query);
    passages = words.get_mset(0, 0);
    if (relaxed_page && !counted) {
      // Counted among the candidates only: the estimate from the terms'
      // statistics, within the bounds the two passes proved.
      response.total = std::clamp(passages.get_uncollapsed_matches_estimated(), relaxed_page->matches_lower_bound,
                                  relaxed_page->matches_upper_bound);
      response.total_exact = relaxed_page->matches_lower_bound == relaxed_page->matches_upper_bound;
    } else if (ranking && ranking->phrases_as_filters && !facets_from_columns) {
      response.total = estimated_matches(mset, passages);
    }
  }
  for (const Xapian::MSetIterator& m : page) {
    response.hits.push_back(make_hit(passages, m, request.highlight));
    if (request.collapse) response.hits.back().duplicates = duplicates_of(db, query, m.get_document());
  }
  response.facets = facets.results();
  response.took_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return response;
}

}  // namespace

SearchResponse Executor::search(const SearchRequest& request) {
  auto start = Clock::now();
  return with_retry([&](Worker& w) {
    // Read before searching: a retry after a reopen reads it again.
    std::optional<std::string> revision =
        result_cache_.enabled() ? w.shards.local_revision_key() : std::nullopt;
    if (revision) {
      if (std::optional<SearchResponse> cached = result_cache_.find(*revision, request)) {
        cached->took_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        return std::move(*cached);
      }
    }
    BuiltQuery built = build_query(request, w.db, w.acronyms.get());
    bool by_relevance = request.sort.value_or(built.has_words ? SortOrder::kRelevance : SortOrder::kNewest) ==
                        SortOrder::kRelevance;
    Xapian::Query query = by_relevance ? with_recency(built.query, request.recency, w.db) : built.query;
    std::shared_ptr<const FacetColumnSet> columns = facet_columns_for(w);
    std::optional<Xapian::Query> relaxed;
    if (built.relaxed) relaxed = by_relevance ? with_recency(*built.relaxed, request.recency, w.db) : *built.relaxed;
    SearchResponse response = run_search(w.db, request, query, relaxed, built.has_words, options_.time_limit_seconds,
                                         w.shards.has_remote(), w.shards, std::move(columns),
                                         options_.frequent_word_docs, counters_);
    response.suggestion = built.suggestion;
    response.missing_shards = w.shards.missing();
    // An answer cut short by the time budget is not the whole answer.
    bool within_budget = options_.time_limit_seconds <= 0 || response.took_ms < options_.time_limit_seconds * 500;
    if (revision && within_budget && response.missing_shards.empty()) result_cache_.store(*revision, request, response);
    return response;
  });
}

std::optional<std::string> Executor::article(const std::string& id) {
  return with_retry([&](Worker& w) -> std::optional<std::string> {
    std::string term = schema::id_term(id);
    auto p = w.db.postlist_begin(term);
    if (p == w.db.postlist_end(term)) {
      require_not_in_a_missing_shard(w.shards, id);
      return std::nullopt;
    }
    return w.db.get_document(*p).get_data();
  });
}

std::optional<SearchResponse> Executor::similar(const std::string& id, const SearchRequest& request) {
  return with_retry([&](Worker& w) -> std::optional<SearchResponse> {
    std::string term = schema::id_term(id);
    auto p = w.db.postlist_begin(term);
    if (p == w.db.postlist_end(term)) {
      require_not_in_a_missing_shard(w.shards, id);
      return std::nullopt;
    }
    Xapian::RSet rset;
    rset.add_document(*p);
    Xapian::Enquire enquire(w.db);
    PlainWordDecider decider;
    Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
    Xapian::Query like(Xapian::Query::OP_OR, eset.begin(), eset.end());
    Xapian::Query others(Xapian::Query::OP_AND_NOT, like, Xapian::Query(term));
    SearchRequest plain = request;
    plain.sort = SortOrder::kRelevance;
    std::shared_ptr<const FacetColumnSet> columns = facet_columns_for(w);
    SearchResponse response = run_search(w.db, plain, apply_filters(others, request, w.db), std::nullopt, true,
                                         options_.time_limit_seconds, w.shards.has_remote(), w.shards,
                                         std::move(columns), options_.frequent_word_docs, counters_);
    response.missing_shards = w.shards.missing();
    return response;
  });
}

SynonymsResult Executor::synonyms(const std::string& term) {
  return with_retry([&](Worker& w) {
    SynonymsResult result;
    result.term = acronym_key(term);
    if (const AcronymEntry* e = w.acronyms->find_acronym(result.term)) result.long_forms.push_back(*e);
    for (const AcronymEntry* e : w.acronyms->find_long_form(result.term)) result.acronyms.push_back(*e);
    return result;
  });
}

IndexStats Executor::stats() {
  return with_retry([&](Worker& w) {
    IndexStats s;
    s.documents = w.db.get_doccount();
    s.revision = w.db.size() == 1 ? w.db.get_revision() : 0;
    s.average_length = w.db.get_avlength();
    s.result_cache = result_cache_.counts();
    s.frequent_word_searches = counters_.frequent_word_searches.load();
    s.relaxed_searches = counters_.relaxed_searches.load();
    s.relaxed_fallbacks = counters_.relaxed_fallbacks.load();
    return s;
  });
}

}  // namespace warta::searchd
