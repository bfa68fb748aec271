// term_impacts: block maxima of a word's BM25 document part (see the header).
#include "searchd/term_impacts.h"

#include <algorithm>

#include "searchd/bm25.h"

namespace warta::searchd {

TermImpacts TermImpacts::compute(const Xapian::Database& db, const std::string& term,
                                 const std::vector<Xapian::termcount>& lengths, double length_factor) {
  TermImpacts impacts;
  impacts.length_factor = length_factor;
  impacts.block_highest.assign((static_cast<std::size_t>(db.get_lastdocid()) >> kBlockShift) + 1, 0.0);
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    Xapian::docid did = *p;
    double part = bm25_document_part(p.get_wdf(), document_length(&lengths, p), length_factor);
    std::size_t block = did >> kBlockShift;
    if (block >= impacts.block_highest.size()) impacts.block_highest.resize(block + 1, 0.0);
    impacts.block_highest[block] = std::max(impacts.block_highest[block], part);
    impacts.highest = std::max(impacts.highest, part);
  }
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
  bool inserted = by_term_.insert_or_assign(term, computed).second;
  if (inserted) {
    order_.push_back(term);
    if (order_.size() > capacity_) {
      by_term_.erase(order_.front());
      order_.erase(order_.begin());
    }
  }
  return computed;
}

}  // namespace warta::searchd
