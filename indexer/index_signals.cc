// index_signals: acronym pair terms and the SimHash value of one article.
#include "indexer/index_signals.h"

#include <set>
#include <utility>

#include "common/acronyms.h"
#include "common/near_dup.h"
#include "common/schema.h"
#include "indexer/acronym_miner.h"

namespace warta::indexer {

void add_index_signals(const Article& article, Xapian::Document& doc) {
  // Counted once per article: support is "articles that define it".
  std::set<std::pair<std::string, std::string>> pairs;
  for (const AcronymDefinition& d : find_acronym_definitions(article.body)) {
    pairs.emplace(acronym_key(d.acronym), acronym_key(d.long_form));
  }
  for (const auto& [acronym, long_form] : pairs) doc.add_boolean_term(schema::acronym_pair_term(acronym, long_form));
  if (auto fingerprint = simhash_of(article.body)) {
    doc.add_value(schema::slot(schema::Slot::kNearDupFingerprint), fingerprint_to_value(*fingerprint));
  }
}

}  // namespace warta::indexer
