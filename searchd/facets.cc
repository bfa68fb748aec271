// facets: one spy per facet; list-valued slots (authors, tags) count each
// value of a document.
#include "searchd/facets.h"

#include <algorithm>
#include <unordered_map>

#include "common/error.h"
#include "common/schema.h"

namespace warta::searchd {
namespace {

using schema::Slot;

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
  bool time_ordered = false;
  std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  bool list_valued = false;
  std::optional<int> requested_size;
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

std::vector<std::pair<std::string, std::vector<FacetCount>>> FacetCounter::results() const {
  std::vector<std::pair<std::string, std::vector<FacetCount>>> out;
  for (const auto& facet : facets_) {
    std::vector<FacetCount> counts;
    if (!facet->list_valued) {
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
