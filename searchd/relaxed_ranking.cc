// relaxed_ranking: a query's top found through its phrases as words, then
// proven (see the header).
#include "searchd/relaxed_ranking.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <utility>

#include "searchd/query_rewrite.h"

namespace warta::searchd {
namespace {

// How many candidates per result wanted, and at least: enough that the
// relaxed scores of the last ones fall below the true scores of the page
// for a phrase most candidates have.
constexpr Xapian::doccount kCandidatesPerResult = 4;
constexpr Xapian::doccount kMinCandidates = 40;

// Scores of the same words summed in another order may differ in their
// last bits: a relaxed score is at least the true one only up to this
// relative slack.
constexpr double kSummingSlack = 1e-9;

Xapian::Query relax(const Xapian::Query& q, bool& changed) {
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE: {
      std::vector<Xapian::Query> words;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) words.push_back(q.get_subquery(i));
      changed = true;
      return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
      // More matches anywhere in these only add matches and weight (a
      // FILTER's filters carry none).
      return with_subqueries_rewritten(q, q.get_num_subqueries(), relax, changed);
    case Xapian::Query::OP_AND_NOT:
      // More matches after NOT would take matches away.
      return with_subqueries_rewritten(q, 1, relax, changed);
    default:
      return q;
  }
}

// Matches one document of one shard (named by its uuid), weight 0.
class OneDocumentSource : public Xapian::PostingSource {
 public:
  OneDocumentSource(std::string shard, Xapian::docid did) : shard_(std::move(shard)), did_(did) {}

  OneDocumentSource* clone() const override { return new OneDocumentSource(shard_, did_); }
  void init(const Xapian::Database& db) override {
    here_ = !shard_.empty() && db.get_uuid() == shard_;
    started_ = false;
    passed_ = false;
  }
  Xapian::doccount get_termfreq_min() const override { return here_ ? 1 : 0; }
  Xapian::doccount get_termfreq_est() const override { return here_ ? 1 : 0; }
  Xapian::doccount get_termfreq_max() const override { return here_ ? 1 : 0; }
  void next(double) override {
    passed_ = started_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    if (did > did_) passed_ = true;
  }
  bool at_end() const override { return started_ && (!here_ || passed_); }
  Xapian::docid get_docid() const override { return did_; }
  double get_weight() const override { return 0; }
  std::string get_description() const override { return "OneDocumentSource(" + std::to_string(did_) + ")"; }

 private:
  std::string shard_;
  Xapian::docid did_;
  bool here_ = false, started_ = false, passed_ = false;
};

// A candidate the exact query matches, weighed.
struct Weighed {
  Xapian::MSet hit;  // of this document alone
  double weight = 0;
  std::string tie_break;  // the value equal weights are ordered by
};


}  // namespace

std::optional<Xapian::Query> with_phrases_as_words(const Xapian::Query& query) {
  bool changed = false;
  Xapian::Query relaxed = relax(query, changed);
  if (!changed) return std::nullopt;
  return relaxed;
}

std::optional<RelaxedPage> page_through_relaxed(Xapian::Enquire& enquire, const Xapian::Database& db,
                                                const Xapian::Query& exact, const Xapian::Query& relaxed,
                                                Xapian::doccount offset, Xapian::doccount limit,
                                                Xapian::valueno tie_break_slot,
                                                const std::vector<Xapian::Database>& shards) {
  // Xapian interleaves the document numbers of the databases it joins.
  std::size_t database_count = db.size();
  if (limit == 0 || shards.empty() || database_count < shards.size()) return std::nullopt;
  Xapian::doccount wanted = offset + limit;
  Xapian::doccount candidates = std::max(kCandidatesPerResult * wanted, kMinCandidates);
  enquire.set_query(relaxed);
  Xapian::MSet top = enquire.get_mset(0, candidates);
  auto with_slack = [](double relaxed_weight) { return relaxed_weight + std::abs(relaxed_weight) * kSummingSlack; };

  // Candidates in relaxed order, each weighed alone: once `wanted` true
  // weights beat what the next candidate could reach, so do they every
  // later candidate and every article left out.
  std::vector<Weighed> matched;
  std::priority_queue<double, std::vector<double>, std::greater<>> best;  // the `wanted` highest true weights
  bool settled = false;
  for (auto m = top.begin(); m != top.end(); ++m) {
    if (best.size() == wanted && with_slack(m.get_weight()) < best.top()) {
      settled = true;
      break;
    }
    Xapian::docid did = *m;
    std::size_t shard = (did - 1) % database_count;
    if (shard >= shards.size()) return std::nullopt;
    auto local = static_cast<Xapian::docid>((did - 1) / database_count + 1);
    // Alone, not all candidates in one filter: skipping from one to the
    // next, Xapian 1.4.22 can give an article the weight of a phrase in
    // an OR that it does not contain.
    Xapian::Enquire one(db);
    one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, exact,
                                Xapian::Query((new OneDocumentSource(shards[shard].get_uuid(), local))->release())));
    Xapian::MSet hit = one.get_mset(0, 1);
    if (hit.empty()) continue;
    double weight = hit.begin().get_weight();
    std::string tie_break = hit.begin().get_document().get_value(tie_break_slot);
    matched.push_back({std::move(hit), weight, std::move(tie_break)});
    best.push(weight);
    if (best.size() > wanted) best.pop();
  }
  if (!settled) {
    if (top.size() < candidates) {
      // Every relaxed match was a candidate, unless the matcher stopped
      // early (its time limit): then it cannot say how many there are.
      if (top.get_matches_upper_bound() != top.size()) return std::nullopt;
    } else if (best.size() < wanted || !(best.top() > with_slack(top[candidates - 1].get_weight()))) {
      return std::nullopt;
    }
  }

  std::sort(matched.begin(), matched.end(), [](const Weighed& a, const Weighed& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.tie_break < b.tie_break;
  });
  RelaxedPage page;
  for (Xapian::doccount i = offset; i < matched.size() && i < wanted; ++i) page.hits.push_back(matched[i].hit);
  page.matches_lower_bound = static_cast<Xapian::doccount>(matched.size());
  page.matches_upper_bound = std::max(top.get_matches_upper_bound(), page.matches_lower_bound);
  return page;
}

}  // namespace warta::searchd
