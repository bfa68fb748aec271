#include "common/schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace warta::schema {
namespace {

std::vector<std::string_view> all_prefixes() {
  std::vector<std::string_view> prefixes{id_prefix(),          year_prefix(),         month_prefix(),
                                         day_prefix(),         acronym_pair_prefix(), dup_cluster_prefix()};
  for (const FieldSpec& f : fields()) {
    if (!f.text_prefix.empty()) prefixes.push_back(f.text_prefix);
    if (!f.exact_prefix.empty()) prefixes.push_back(f.exact_prefix);
  }
  return prefixes;
}

TEST(Schema, PrefixesAreDistinctAndNoneStartsAnother) {
  auto prefixes = all_prefixes();
  prefixes.push_back("Z");  // TermGenerator's stem prefix
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    for (std::size_t j = 0; j < prefixes.size(); ++j) {
      if (i == j) continue;
      EXPECT_NE(prefixes[i], prefixes[j]);
      EXPECT_FALSE(prefixes[j].substr(0, prefixes[i].size()) == prefixes[i])
          << prefixes[i] << " starts " << prefixes[j];
    }
  }
}

TEST(Schema, FacetSlotsAreDistinct) {
  std::set<Xapian::valueno> slots;
  for (const FieldSpec& f : fields()) {
    if (f.facet_slot) {
      EXPECT_TRUE(slots.insert(slot(*f.facet_slot)).second) << f.name;
    }
  }
}

TEST(Schema, EveryDesignFieldIsThere) {
  for (const char* name : {"title", "source", "section", "author", "location", "lang", "tag"}) {
    EXPECT_NE(find_field(name), nullptr) << name;
  }
  EXPECT_EQ(find_field("body"), nullptr);
}

TEST(Schema, TermMakers) {
  EXPECT_EQ(id_term("dialeksis-2022-03-30-humas"), "Qdialeksis-2022-03-30-humas");
  EXPECT_EQ(year_term(2022), "Y2022");
  EXPECT_EQ(month_term(2022, 3), "M202203");
  EXPECT_EQ(day_term(2022, 3, 9), "D20220309");
  EXPECT_EQ(exact_term(*find_field("source"), "Dialeksis.COM"), "XSOURCEdialeksis.com");
  EXPECT_EQ(exact_term(*find_field("location"), "  JAKARTA "), "XLOCjakarta");
  EXPECT_EQ(exact_term(*find_field("tag"), "Sepak  Bola"), "Ksepak bola");
}

TEST(Schema, LongValuesAreCutToATermAtACharacterBoundary) {
  std::string value;
  for (int i = 0; i < 200; ++i) value += "é";  // 2 bytes each
  std::string term = exact_term(*find_field("tag"), value);
  EXPECT_LE(term.size(), 245u);
  EXPECT_EQ((term.size() - 1) % 2, 0u);  // whole characters after "K"
}

TEST(Schema, FacetValuesAreNormalised) {
  struct Case {
    const char* field;
    const char* raw;
    const char* shown;
  };
  const Case cases[] = {
      {"source", "Dialeksis.COM", "dialeksis.com"},
      {"section", "OLAHRAGA", "Olahraga"},
      {"section", "olahraga", "Olahraga"},
      {"section", "tajuk utama", "Tajuk Utama"},
      {"section", "Gaya Hidup", "Gaya Hidup"},
      {"location", "JAKARTA", "Jakarta"},
      {"location", "DKI Jakarta", "DKI Jakarta"},
      {"author", "PK", "PK"},
      {"author", "Budi  Santoso", "Budi Santoso"},
      {"lang", "ID", "id"},
      {"tag", "Sepak Bola", "sepak bola"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(facet_value(*find_field(c.field), c.raw), c.shown) << c.field << " " << c.raw;
  }
}

// The schema is the only place that spells a prefix: scan the sources.
TEST(Schema, NoOtherSourceFileSpellsAMultiLetterPrefix) {
  namespace fs = std::filesystem;
  std::vector<std::string> needles;
  for (std::string_view p : all_prefixes()) {
    if (p.size() > 1) needles.push_back("\"" + std::string(p));
  }
  ASSERT_FALSE(needles.empty());
  int files = 0;
  for (const char* dir : {"common", "indexer", "searchd", "tools"}) {
    fs::path root = fs::path(WARTA_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      auto ext = entry.path().extension();
      if (ext != ".cc" && ext != ".h") continue;
      if (entry.path().filename() == "schema.cc") continue;
      ++files;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      for (const auto& needle : needles) {
        EXPECT_EQ(text.str().find(needle), std::string::npos)
            << entry.path() << " spells the prefix " << needle.substr(1);
      }
    }
  }
  EXPECT_GT(files, 5);
}

}  // namespace
}  // namespace warta::schema
