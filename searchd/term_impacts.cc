// term_impacts: block maxima of a word's BM25 document part (see the header).
#include "searchd/term_impacts.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "searchd/bm25.h"

namespace warta::searchd {

float TermImpacts::rounded_up(double part) {
  auto f = static_cast<float>(part);
  return static_cast<double>(f) >= part ? f : std::nextafter(f, std::numeric_limits<float>::infinity());
}

TermImpacts TermImpacts::compute(const Xapian::Database& db, const std::string& term,
                                 const std::vector<Xapian::termcount>& lengths, double length_factor) {
  TermImpacts impacts;
  impacts.length_factor = length_factor;
  std::vector<double> highest((static_cast<std::size_t>(db.get_lastdocid()) >> kBlockShift) + 1, 0.0);
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    Xapian::docid did = *p;
    double part = bm25_document_part(p.get_wdf(), document_length(&lengths, p), length_factor);
    std::size_t block = did >> kBlockShift;
    if (block >= highest.size()) highest.resize(block + 1, 0.0);
    highest[block] = std::max(highest[block], part);
    impacts.highest = std::max(impacts.highest, part);
  }
  impacts.block_highest.reserve(highest.size());
  for (double part : highest) impacts.block_highest.push_back(rounded_up(part));
  return impacts;
}

std::shared_ptr<const TermImpacts> TermImpactCache::get(const std::string& term, double length_factor,
                                                        const std::function<TermImpacts()>& compute) {
  {
    std::lock_guard lock(mutex_);
    auto it = by_term_.find(term);
    if (it != by_term_.end() && it->second->length_factor == length_factor) return it->second;
  }
  auto computed = std::make_shared<const TermImpacts>(compute());
  std::lock_guard lock(mutex_);
  auto [it, inserted] = by_term_.try_emplace(term, computed);
  if (inserted) {
    order_.push_back(term);
  } else {
    bytes_ -= it->second->memory_bytes();
    it->second = computed;
    order_.erase(std::find(order_.begin(), order_.end(), term));
    order_.push_back(term);
  }
  bytes_ += computed->memory_bytes();
  while (bytes_ > budget_bytes_ && order_.size() > 1) {
    auto oldest = by_term_.find(order_.front());
    bytes_ -= oldest->second->memory_bytes();
    by_term_.erase(oldest);
    order_.erase(order_.begin());
  }
  return computed;
}

}  // namespace warta::searchd
