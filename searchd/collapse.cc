// collapse: Xapian's collapse key on the group slot, and the group's members.
#include "searchd/collapse.h"

#include "common/schema.h"

namespace warta::searchd {

void collapse_duplicates(Xapian::Enquire& enquire) {
  // Xapian leaves documents with an empty key uncollapsed: articles alone.
  enquire.set_collapse_key(schema::slot(schema::Slot::kDupCluster), 1);
}

std::optional<Duplicates> duplicates_of(const Xapian::Database& db, const Xapian::Query& query,
                                        const Xapian::Document& doc) {
  std::string key = doc.get_value(schema::slot(schema::Slot::kDupCluster));
  if (key.empty()) return std::nullopt;
  std::string id = doc.get_value(schema::slot(schema::Slot::kId));
  Xapian::Query group(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::dup_cluster_term(key)));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, group, Xapian::Query(schema::id_term(id))));
  // Groups are small: count them exactly.
  Xapian::MSet members = enquire.get_mset(0, static_cast<Xapian::doccount>(kMaxDuplicateIds), db.get_doccount());
  if (members.get_matches_estimated() == 0) return std::nullopt;
  Duplicates d;
  d.count = members.get_matches_estimated();
  for (auto m = members.begin(); m != members.end(); ++m) {
    d.ids.push_back(m.get_document().get_value(schema::slot(schema::Slot::kId)));
  }
  return d;
}

}  // namespace warta::searchd
