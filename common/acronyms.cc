// acronyms: voting, the stored JSON form, the curated file.
#include "common/acronyms.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/schema.h"

namespace warta {
namespace {

std::size_t word_count(std::string_view s) {
  if (s.empty()) return 0;
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
}

}  // namespace

std::string acronym_key(std::string_view text) {
  // facet_key does NFC, white space and case exactly as filters do.
  return schema::facet_key(text);
}

AcronymTable AcronymTable::vote(const std::vector<AcronymPairCount>& counts, std::uint64_t min_support) {
  std::map<std::string, std::vector<const AcronymPairCount*>> by_acronym;
  for (const AcronymPairCount& c : counts) by_acronym[c.acronym].push_back(&c);
  AcronymTable table;
  for (const auto& [acronym, candidates] : by_acronym) {
    const AcronymPairCount* best = nullptr;
    std::uint64_t runner_up = 0;
    std::uint64_t votes = 0;
    for (const AcronymPairCount* c : candidates) {
      votes += c->articles;
      if (best == nullptr || c->articles > best->articles) {
        if (best != nullptr) runner_up = std::max(runner_up, best->articles);
        best = c;
      } else {
        runner_up = std::max(runner_up, c->articles);
      }
    }
    if (best->articles < min_support || best->articles == runner_up) continue;
    table.entries_.push_back({acronym, best->long_form, AcronymSource::kMined, best->articles, votes});
  }
  table.reindex();
  return table;
}

std::string AcronymTable::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const AcronymEntry& e : entries_) {
    if (e.source != AcronymSource::kMined) continue;
    list.push_back({{"acronym", e.acronym}, {"long_form", e.long_form}, {"support", e.support}, {"votes", e.votes}});
  }
  nlohmann::json doc = {{"version", 1}, {"min_support", kMinAcronymSupport}, {"acronyms", list}};
  return doc.dump();
}

AcronymTable AcronymTable::from_json(std::string_view text) {
  AcronymTable table;
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return table;
  auto list = doc.find("acronyms");
  if (list == doc.end() || !list->is_array()) return table;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    AcronymEntry e;
    e.acronym = item.value("acronym", "");
    e.long_form = item.value("long_form", "");
    e.support = item.value("support", std::uint64_t{0});
    e.votes = item.value("votes", std::uint64_t{0});
    if (!e.acronym.empty() && !e.long_form.empty()) table.entries_.push_back(std::move(e));
  }
  table.reindex();
  return table;
}

void AcronymTable::apply_curated(const std::vector<CuratedAcronym>& curated) {
  for (const CuratedAcronym& c : curated) {
    std::string key = acronym_key(c.acronym);
    std::erase_if(entries_, [&](const AcronymEntry& e) { return e.acronym == key; });
    if (!c.long_form.empty()) {
      entries_.push_back({key, acronym_key(c.long_form), AcronymSource::kCurated, 0, 0});
    }
  }
  reindex();
}

void AcronymTable::reindex() {
  by_acronym_.clear();
  by_long_form_.clear();
  max_words_ = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    by_acronym_[entries_[i].acronym] = i;
    by_long_form_.emplace(entries_[i].long_form, i);
    max_words_ = std::max(max_words_, word_count(entries_[i].long_form));
  }
}

const AcronymEntry* AcronymTable::find_acronym(std::string_view key) const {
  auto it = by_acronym_.find(std::string(key));
  return it == by_acronym_.end() ? nullptr : &entries_[it->second];
}

std::vector<const AcronymEntry*> AcronymTable::find_long_form(std::string_view key) const {
  std::vector<const AcronymEntry*> out;
  auto [begin, end] = by_long_form_.equal_range(std::string(key));
  for (auto it = begin; it != end; ++it) out.push_back(&entries_[it->second]);
  std::sort(out.begin(), out.end(), [](const AcronymEntry* a, const AcronymEntry* b) { return a->acronym < b->acronym; });
  return out;
}

std::vector<CuratedAcronym> read_curated_acronyms(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("acronyms file " + path + ": cannot open");
  std::vector<CuratedAcronym> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::size_t tab = line.find('\t', first);
    auto where = [&] { return "acronyms file " + path + ":" + std::to_string(number) + ": "; };
    if (tab == std::string::npos) throw std::runtime_error(where() + "expected ACRONYM<TAB>long form");
    std::string acronym = acronym_key(line.substr(first, tab - first));
    std::string long_form = acronym_key(line.substr(tab + 1));
    if (acronym.empty() || acronym.find(' ') != std::string::npos) {
      throw std::runtime_error(where() + "the acronym must be one word");
    }
    if (long_form.empty()) throw std::runtime_error(where() + "missing long form (use - to never expand)");
    if (long_form == "-") long_form.clear();
    out.push_back({std::move(acronym), std::move(long_form)});
  }
  return out;
}

}  // namespace warta
