// index_tables: acronym voting and near-duplicate grouping over the index.
#include "indexer/index_tables.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <numeric>
#include <unordered_map>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/acronyms.h"
#include "common/near_dup.h"
#include "common/schema.h"

namespace warta::indexer {
namespace {

// Four 16-bit blocks: fingerprints within 7 bits differ in at most one bit
// in some block (were every block 2 bits apart, they would be 8 apart), so
// looking up each block and its 16 one-bit variants finds every near pair
// while comparing only the few fingerprints that share those keys.
constexpr int kBlocks = 4;
constexpr int kBlockBits = 16;
static_assert(kBlocks * 2 > kNearDupMaxDistance, "a near pair must be within one bit in some block");

std::uint32_t block_of(std::uint64_t fingerprint, int block) {
  return static_cast<std::uint32_t>((fingerprint >> (block * kBlockBits)) & 0xFFFF);
}

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

std::map<Xapian::docid, std::string> read_slot(const Xapian::Database& db, Xapian::valueno slot) {
  std::map<Xapian::docid, std::string> values;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) values.emplace(v.get_docid(), *v);
  return values;
}

}  // namespace

AcronymTable vote_acronyms(const Xapian::Database& db) {
  std::vector<AcronymPairCount> counts;
  std::string prefix(schema::acronym_pair_prefix());
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    std::string_view pair = std::string_view(term).substr(prefix.size());
    std::size_t tab = pair.find(schema::kAcronymPairSeparator);
    if (tab == std::string_view::npos) continue;
    counts.push_back({std::string(pair.substr(0, tab)), std::string(pair.substr(tab + 1)), t.get_termfreq()});
  }
  return AcronymTable::vote(counts, kMinAcronymSupport);
}

std::size_t update_acronym_table(Xapian::WritableDatabase& db) {
  AcronymTable table = vote_acronyms(db);
  db.set_metadata(std::string(schema::kMetaAcronyms), table.to_json());
  return table.size();
}

std::size_t share_acronym_table(const std::vector<std::string>& shard_paths) {
  Xapian::Database all;
  for (const std::string& path : shard_paths) all.add_database(Xapian::Database(path));
  std::string table_json;
  std::size_t size = 0;
  {
    AcronymTable table = vote_acronyms(all);
    table_json = table.to_json();
    size = table.size();
  }
  all.close();
  for (const std::string& path : shard_paths) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaAcronyms), table_json);
    db.commit();
  }
  return size;
}

DupClusterStats update_dup_clusters(Xapian::WritableDatabase& db) {
  DupClusterStats stats;
  const Xapian::valueno fingerprint_slot = schema::slot(schema::Slot::kNearDupFingerprint);
  const Xapian::valueno cluster_slot = schema::slot(schema::Slot::kDupCluster);

  // Identical fingerprints (exact copies) are one node: buckets stay small.
  std::map<std::uint64_t, std::vector<Xapian::docid>> by_fingerprint;
  for (const auto& [docid, value] : read_slot(db, fingerprint_slot)) {
    if (auto fp = fingerprint_from_value(value)) {
      by_fingerprint[*fp].push_back(docid);
      ++stats.fingerprinted;
    }
  }
  std::vector<std::uint64_t> fingerprints;
  for (const auto& entry : by_fingerprint) fingerprints.push_back(entry.first);

  UnionFind groups(fingerprints.size());
  for (int block = 0; block < kBlocks; ++block) {
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < fingerprints.size(); ++i) buckets[block_of(fingerprints[i], block)].push_back(i);
    for (std::size_t i = 0; i < fingerprints.size(); ++i) {
      std::uint32_t key = block_of(fingerprints[i], block);
      for (int flip = -1; flip < kBlockBits; ++flip) {
        std::uint32_t variant = flip < 0 ? key : key ^ (std::uint32_t{1} << flip);
        auto bucket = buckets.find(variant);
        if (bucket == buckets.end()) continue;
        for (std::size_t j : bucket->second) {
          if (j > i && hamming_distance(fingerprints[i], fingerprints[j]) <= kNearDupMaxDistance) {
            groups.unite(i, j);
          }
        }
      }
    }
  }

  std::map<std::size_t, std::vector<Xapian::docid>> members_of;
  for (std::size_t i = 0; i < fingerprints.size(); ++i) {
    auto& members = members_of[groups.find(i)];
    const auto& docs = by_fingerprint[fingerprints[i]];
    members.insert(members.end(), docs.begin(), docs.end());
  }
  const Xapian::valueno id_slot = schema::slot(schema::Slot::kId);
  std::map<Xapian::docid, std::string> wanted;
  for (const auto& [root, members] : members_of) {
    if (members.size() < 2) continue;
    ++stats.groups;
    stats.grouped += members.size();
    std::string key;
    for (Xapian::docid d : members) {
      std::string id = db.get_document(d).get_value(id_slot);
      if (key.empty() || id < key) key = std::move(id);
    }
    for (Xapian::docid d : members) wanted[d] = key;
  }

  std::map<Xapian::docid, std::string> current = read_slot(db, cluster_slot);
  std::vector<Xapian::docid> changed;
  for (const auto& [docid, key] : wanted) {
    auto it = current.find(docid);
    if (it == current.end() || it->second != key) changed.push_back(docid);
  }
  for (const auto& [docid, key] : current) {
    if (!wanted.contains(docid)) changed.push_back(docid);
  }
  for (Xapian::docid docid : changed) {
    Xapian::Document doc = db.get_document(docid);
    std::string old_key = doc.get_value(cluster_slot);
    if (!old_key.empty()) {
      try {
        doc.remove_term(schema::dup_cluster_term(old_key));
      } catch (const Xapian::InvalidArgumentError&) {
        // The term was never there: nothing to remove.
      }
    }
    auto it = wanted.find(docid);
    if (it == wanted.end()) {
      doc.remove_value(cluster_slot);
    } else {
      doc.add_value(cluster_slot, it->second);
      doc.add_boolean_term(schema::dup_cluster_term(it->second));
    }
    db.replace_document(docid, doc);
    ++stats.updated;
  }
  return stats;
}

void update_index_tables(Xapian::WritableDatabase& db) {
  auto start = std::chrono::steady_clock::now();
  std::size_t acronyms = update_acronym_table(db);
  DupClusterStats dups = update_dup_clusters(db);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} acronyms voted; {} near-duplicate groups hold {} of {} fingerprinted articles ({} updated) "
               "in {:.2f} s",
               acronyms, dups.groups, dups.grouped, dups.fingerprinted, dups.updated, seconds);
}

}  // namespace warta::indexer
