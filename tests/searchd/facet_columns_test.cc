#include "searchd/facet_columns.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "common/schema.h"
#include "searchd/facets.h"
#include "tests/support/process.h"

namespace warta::searchd {
namespace {

using schema::Slot;

// Articles with every kind of facet value: single, lists (with a value
// repeated inside one list), empty, and none at all.
void add_articles(Xapian::WritableDatabase& db, int count, unsigned seed) {
  std::mt19937 random(seed);
  const char* sources[] = {"kompas.com", "tempo.co", "antaranews.com", ""};
  const char* authors[] = {"Budi", "Sari", "Ayu", "Dewi", "Rudi"};
  for (int i = 0; i < count; ++i) {
    Xapian::Document doc;
    doc.add_term(i % 3 == 0 ? "banjir" : "pemilu");
    doc.add_term("semua");
    if (random() % 5 != 0) doc.add_value(schema::slot(Slot::kSource), sources[random() % 4]);
    doc.add_value(schema::slot(Slot::kYear), std::to_string(2019 + random() % 5));
    std::string joined;
    for (unsigned a = 0, n = static_cast<unsigned>(random() % 4); a < n; ++a) {
      if (!joined.empty()) joined.push_back(schema::kListSeparator);
      joined += authors[random() % 5];
    }
    if (!joined.empty()) doc.add_value(schema::slot(Slot::kAuthors), joined);
    db.add_document(doc);
  }
}

const std::vector<FacetRequest> kRequests = {{"source", 100}, {"author", 2}, {"year", std::nullopt}, {"section", 10}};

// Xapian's ValueCountMatchSpy reading each match's values: the reference.
std::vector<std::pair<std::string, std::vector<FacetCount>>> count_with_spies(Xapian::Database& db,
                                                                               const Xapian::Query& query) {
  FacetCounter counter(kRequests);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  counter.attach(enquire);
  enquire.get_mset(0, 3, db.get_doccount());
  return counter.results();
}

std::vector<std::pair<std::string, std::vector<FacetCount>>> count_with_columns(
    const std::vector<Xapian::Database>& shards, const Xapian::Query& query, Xapian::doccount expected_matches) {
  FacetColumnSet columns;
  for (const Xapian::Database& shard : shards) columns.shards.push_back(FacetColumns::load(shard));
  FacetCounter counter(kRequests);
  FacetCounter::Counted counted = counter.count_from_columns(shards, columns, query, 0);
  EXPECT_EQ(counted.matches, expected_matches);
  EXPECT_TRUE(counted.exact);
  return counter.results();
}

Xapian::doccount matches(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

void expect_same(const std::vector<std::pair<std::string, std::vector<FacetCount>>>& a,
                 const std::vector<std::pair<std::string, std::vector<FacetCount>>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t f = 0; f < a.size(); ++f) {
    EXPECT_EQ(a[f].first, b[f].first);
    ASSERT_EQ(a[f].second.size(), b[f].second.size()) << a[f].first;
    for (std::size_t i = 0; i < a[f].second.size(); ++i) {
      EXPECT_EQ(a[f].second[i].value, b[f].second[i].value) << a[f].first;
      EXPECT_EQ(a[f].second[i].count, b[f].second[i].count) << a[f].first << " " << a[f].second[i].value;
    }
  }
}

TEST(FacetColumns, CountsEqualXapiansValueCountSpies) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE);
    add_articles(db, 500, 7);
    // Deleted documents leave holes in the numbering.
    for (Xapian::docid did = 10; did < 60; did += 7) db.delete_document(did);
    db.commit();
  }
  Xapian::Database db(dir.file("db"));
  auto columns = FacetColumns::load(db);
  const FacetColumn* authors = columns->column(Slot::kAuthors);
  ASSERT_NE(authors, nullptr);
  EXPECT_TRUE(authors->list_valued);
  EXPECT_EQ(authors->values.size(), 6u);  // five names and "none"
  // Matched from the posting lists (match_bitmap.h), and by Xapian's
  // matcher for what those cannot answer (a value range).
  for (const Xapian::Query& query : {Xapian::Query("banjir"), Xapian::Query("pemilu"), Xapian::Query("semua"),
                                     Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("semua"), Xapian::Query("banjir")),
                                     Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("banjir"), Xapian::Query("pemilu")),
                                     Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("semua"),
                                                   Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot(Slot::kYear), "2021"))}) {
    auto from_index = count_with_spies(db, query);
    auto from_columns = count_with_columns({db}, query, matches(db, query));
    expect_same(from_index, from_columns);
    EXPECT_FALSE(from_columns[0].second.empty());
  }
}

// A match spy sees each shard's own document numbers, so each shard has
// columns of its own; their counts add up to those over all shards.
TEST(FacetColumns, ShardsCountedApartAddUpToTheWhole) {
  test::TempDir dir;
  std::vector<Xapian::Database> shards;
  Xapian::Database all;
  for (const char* name : {"a", "b", "c"}) {
    {
      Xapian::WritableDatabase db(dir.file(name), Xapian::DB_CREATE);
      add_articles(db, 100 + (name[0] - 'a') * 37, static_cast<unsigned char>(name[0]));
      db.commit();
    }
    shards.emplace_back(dir.file(name));
    all.add_database(shards.back());
  }
  for (const char* term : {"semua", "banjir"}) {
    Xapian::Query query(term);
    expect_same(count_with_spies(all, query), count_with_columns(shards, query, matches(all, query)));
  }
}

TEST(FacetColumnCache, ServesOnlyTheRevisionItWasAskedFor) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  add_articles(writer, 50, 1);
  writer.commit();
  auto key_of = [](const Xapian::Database& db) { return std::to_string(db.get_revision()); };
  FacetColumnCache cache([&] {
    Xapian::Database db(path);
    return std::make_pair(std::vector<Xapian::Database>{db}, key_of(db));
  });
  auto wait_for = [&](const std::string& key) {
    for (int i = 0; i < 500; ++i) {
      if (auto columns = cache.get(key)) return columns;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::shared_ptr<const FacetColumnSet>();
  };
  std::string first = key_of(Xapian::Database(path));
  auto columns = wait_for(first);
  ASSERT_TRUE(columns);
  EXPECT_EQ(columns->shards.at(0)->last_docid(), 50u);

  add_articles(writer, 25, 2);
  writer.commit();
  std::string second = key_of(Xapian::Database(path));
  ASSERT_NE(first, second);
  // The old columns are never handed out for the new revision.
  auto newer = wait_for(second);
  ASSERT_TRUE(newer);
  EXPECT_EQ(newer->key, second);
  EXPECT_EQ(newer->shards.at(0)->last_docid(), 75u);
}

}  // namespace
}  // namespace warta::searchd
