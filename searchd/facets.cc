// facets: one spy per facet; list-valued slots (authors, tags) count each
// value of a document.
#include "searchd/facets.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

#include "common/error.h"
#include "common/schema.h"
#include "common/unweighted_query.h"
#include "searchd/match_bitmap.h"

namespace warta::searchd {
namespace {

using schema::Slot;

// Xapian takes 0 as "no limit": a budget already spent still gets a limit.
constexpr double kLeastTimeLimit = 0.001;

// A list-valued slot holds each document's values joined by the schema's
// list separator. Xapian's own ValueCountMatchSpy counts the joined lists
// (so it also runs on remote shards, which know no classes of ours); each
// list's count then goes to every value in it.
void split_list_counts(const Xapian::ValueCountMatchSpy& spy, std::unordered_map<std::string, std::uint64_t>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string joined = *it;
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = joined.find(schema::kListSeparator, start);
      if (end == std::string::npos) end = joined.size();
      if (end > start) counts[joined.substr(start, end - start)] += it.get_termfreq();
      start = end + 1;
    }
  }
}

struct FacetSlot {
  const char* name;
  Slot slot;
  bool list_valued;
  bool time_ordered;
};

constexpr FacetSlot kFacetSlots[] = {
    {"source", Slot::kSource, false, false},   {"section", Slot::kSection, false, false},
    {"author", Slot::kAuthors, true, false},   {"location", Slot::kLocation, false, false},
    {"lang", Slot::kLang, false, false},       {"tag", Slot::kTags, true, false},
    {"year", Slot::kYear, false, true},        {"month", Slot::kMonth, false, true},
};

}  // namespace

struct FacetCounter::Facet {
  std::string name;
  Slot slot{};
  bool time_ordered = false;
  std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  bool list_valued = false;
  std::optional<int> requested_size;
  // Counted from columns: matches by value, summed over the shards.
  bool from_columns = false;
  std::unordered_map<std::string, std::uint64_t> by_value;
};

// Counts every facet of a request over one shard from its columns: one spy
// for all of them, an array increment per match and facet.
class FacetCounter::ColumnSpy : public Xapian::MatchSpy {
 public:
  ColumnSpy(const FacetColumns& columns, const std::vector<std::unique_ptr<Facet>>& facets) : columns_(columns) {
    for (const auto& facet : facets) {
      const FacetColumn* column = columns_.column(facet->slot);
      counts_.push_back({column, std::vector<Xapian::doccount>(column->values.size(), 0)});
    }
  }
  void operator()(const Xapian::Document& doc, double) override {
    // A spy sees the shard's own document number, whatever the database.
    count(doc.get_docid());
  }
  void count(Xapian::docid did) {
    if (did > columns_.last_docid()) return;  // cannot happen at the columns' own revision
    for (auto& [column, by_number] : counts_) {
      if (!column->list_valued) {
        ++by_number[column->number_of[did]];
      } else {
        for (std::uint32_t i = column->first[did]; i < column->first[did + 1]; ++i) ++by_number[column->numbers[i]];
      }
    }
  }
  // Counts every match of a bitmap, one facet at a time: each pass walks one
  // column in document order and one small array of counts.
  void count_all(const DocBitmap& matches) {
    Xapian::docid last = columns_.last_docid();  // the bitmap's own, at the columns' revision
    for (auto& [column, by_number] : counts_) {
      if (!column->list_valued) {
        matches.for_each([&, c = column, &counts = by_number](Xapian::docid did) {
          if (did <= last) ++counts[c->number_of[did]];
        });
      } else {
        matches.for_each([&, c = column, &counts = by_number](Xapian::docid did) {
          if (did > last) return;
          for (std::uint32_t i = c->first[did]; i < c->first[did + 1]; ++i) ++counts[c->numbers[i]];
        });
      }
    }
  }
  // Adds this shard's counts to each facet's, by value.
  void add_to(const std::vector<std::unique_ptr<Facet>>& facets) const {
    for (std::size_t f = 0; f < facets.size(); ++f) {
      const auto& [column, by_number] = counts_[f];
      for (std::size_t number = 1; number < by_number.size(); ++number) {
        if (by_number[number] > 0) facets[f]->by_value[column->values[number]] += by_number[number];
      }
    }
  }

 private:
  const FacetColumns& columns_;
  std::vector<std::pair<const FacetColumn*, std::vector<Xapian::doccount>>> counts_;
};

const std::vector<std::string>& facet_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const FacetSlot& f : kFacetSlots) v.emplace_back(f.name);
    return v;
  }();
  return names;
}

FacetCounter::FacetCounter(const std::vector<FacetRequest>& requests) {
  for (const FacetRequest& request : requests) {
    const FacetSlot* spec = nullptr;
    for (const FacetSlot& f : kFacetSlots) {
      if (request.field == f.name) spec = &f;
    }
    if (spec == nullptr) throw Error(ErrorCode::kBadRequest, "facets: unknown facet \"" + request.field + "\"");
    auto facet = std::make_unique<Facet>();
    facet->name = request.field;
    facet->slot = spec->slot;
    facet->time_ordered = spec->time_ordered;
    facet->requested_size = request.size;
    facet->list_valued = spec->list_valued;
    facet->spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot(spec->slot));
    facets_.push_back(std::move(facet));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (auto& facet : facets_) enquire.add_matchspy(facet->spy.get());
}

FacetCounter::Counted FacetCounter::count_from_columns(const std::vector<Xapian::Database>& shards,
                                                       const FacetColumnSet& columns, const Xapian::Query& query,
                                                       double time_limit, std::vector<PhraseMatches>* phrases) {
  // Weight 0 makes the query boolean: the matcher computes no scores.
  Xapian::Query boolean = unweighted(query);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (time_limit > 0) {
    deadline = std::chrono::steady_clock::now() +
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(time_limit));
  }
  Counted counted;
  for (auto& facet : facets_) facet->from_columns = true;
  if (phrases != nullptr) phrases->assign(shards.size(), {});
  for (std::size_t i = 0; i < shards.size(); ++i) {
    ColumnSpy spy(*columns.shards[i], facets_);
    // Straight from the posting lists when the query allows (match_bitmap.h).
    if (std::optional<DocBitmap> matches =
            match_bitmap(shards[i], query, deadline, phrases != nullptr ? &(*phrases)[i] : nullptr)) {
      counted.matches += matches->count();
      spy.count_all(*matches);
      spy.add_to(facets_);
      continue;
    }
    Xapian::Enquire enquire(shards[i]);
    enquire.set_query(boolean);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&spy);
    // Only what is left of the budget (a bitmap gave up at the deadline):
    // the matcher then stops at once and the counts become estimates.
    if (deadline) {
      std::chrono::duration<double> left = *deadline - std::chrono::steady_clock::now();
      enquire.set_time_limit(std::max(left.count(), kLeastTimeLimit));
    }
    Xapian::MSet mset = enquire.get_mset(0, 0, shards[i].get_doccount());
    counted.matches += mset.get_matches_estimated();
    counted.exact = counted.exact && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    spy.add_to(facets_);
  }
  return counted;
}

std::vector<std::pair<std::string, std::vector<FacetCount>>> FacetCounter::results() const {
  std::vector<std::pair<std::string, std::vector<FacetCount>>> out;
  for (const auto& facet : facets_) {
    std::vector<FacetCount> counts;
    if (facet->from_columns) {
      for (const auto& [value, count] : facet->by_value) counts.push_back({value, count});
    } else if (!facet->list_valued) {
      for (auto it = facet->spy->values_begin(); it != facet->spy->values_end(); ++it) {
        if (!(*it).empty()) counts.push_back({*it, it.get_termfreq()});
      }
    } else {
      std::unordered_map<std::string, std::uint64_t> by_value;
      split_list_counts(*facet->spy, by_value);
      for (const auto& [value, count] : by_value) counts.push_back({value, count});
    }
    if (facet->time_ordered) {
      std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
      // With a size, the most recent buckets, still in time order.
      if (facet->requested_size && counts.size() > static_cast<std::size_t>(*facet->requested_size)) {
        counts.erase(counts.begin(), counts.end() - *facet->requested_size);
      }
    } else {
      std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      std::size_t size = static_cast<std::size_t>(facet->requested_size.value_or(kDefaultFacetSize));
      if (counts.size() > size) counts.resize(size);
    }
    out.emplace_back(facet->name, std::move(counts));
  }
  return out;
}

}  // namespace warta::searchd
