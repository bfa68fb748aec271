#include "searchd/acronym_expansion.h"

#include <gtest/gtest.h>

namespace warta::searchd {
namespace {

AcronymTable table() {
  return AcronymTable::vote({{"kemendagri", "kementerian dalam negeri", 3}, {"kpu", "komisi pemilihan umum", 4}},
                            kMinAcronymSupport);
}

TEST(AcronymAlternatives, RewritesBothWays) {
  struct Case {
    std::string q;
    std::vector<std::string> alternatives;
  } cases[] = {
      {"Kemendagri", {"\"kementerian dalam negeri\""}},
      {"anggaran kemendagri", {"anggaran \"kementerian dalam negeri\""}},
      {"\"Kementerian Dalam Negeri\"", {"kemendagri"}},
      {"kementerian dalam negeri banjir", {"kemendagri banjir"}},
      {"kpu kemendagri",
       {"\"komisi pemilihan umum\" kemendagri", "kpu \"kementerian dalam negeri\"",
        "\"komisi pemilihan umum\" \"kementerian dalam negeri\""}},
      // Left alone: negated, field-prefixed, wildcard, operators, unknown words.
      {"banjir -kemendagri", {}},
      {"banjir NOT kemendagri", {}},
      {"title:kemendagri", {}},
      {"kemen*", {}},
      {"banjir OR longsor", {}},
      {"", {}},
  };
  AcronymTable t = table();
  for (const Case& c : cases) EXPECT_EQ(acronym_alternatives(c.q, t), c.alternatives) << c.q;
}

TEST(ExpandAcronyms, LiteralOrScaledAlternatives) {
  AcronymTable t = table();
  auto parse = [](const std::string& q) { return Xapian::Query(q); };
  Xapian::Query literal("kemendagri");
  // Xapian prints the factor with all its digits.
  EXPECT_EQ(expand_acronyms(literal, "kemendagri", t, parse).get_description(),
            "Query((kemendagri OR 0.10000000000000000555 * \"kementerian dalam negeri\"))");
  EXPECT_EQ(expand_acronyms(literal, "banjir", t, parse).get_description(), literal.get_description());
}

}  // namespace
}  // namespace warta::searchd
