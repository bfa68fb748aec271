// Tests for find_invalid_utf8: every well-formedness rule of Unicode Table 3-7 at both ends of its range.
#include "common/utf8.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace warta {
namespace {

struct Utf8Case {
  const char* name;
  std::string text;
  std::optional<std::size_t> invalid_at;
};

// A string of the given bytes; string literals can't hold embedded NULs or
// split escape sequences cleanly.
std::string bytes(std::initializer_list<unsigned> values) {
  std::string s;
  for (unsigned v : values) s.push_back(static_cast<char>(v));
  return s;
}

class FindInvalidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(FindInvalidUtf8Test, ReportsFirstInvalidByte) {
  const Utf8Case& c = GetParam();
  EXPECT_EQ(find_invalid_utf8(c.text), c.invalid_at) << c.name;
}

const Utf8Case kCases[] = {
    // Valid text.
    {"empty", "", std::nullopt},
    {"ascii", "Warta mencari berita", std::nullopt},
    {"ascii_long_for_word_skip", std::string(1000, 'a') + "z", std::nullopt},
    {"nul_is_valid", bytes({'a', 0x00, 'b'}), std::nullopt},
    {"del_is_valid", bytes({0x7F}), std::nullopt},
    {"two_byte_min_U0080", bytes({0xC2, 0x80}), std::nullopt},
    {"two_byte_max_U07FF", bytes({0xDF, 0xBF}), std::nullopt},
    {"e_acute", "caf\xC3\xA9", std::nullopt},
    {"three_byte_min_U0800", bytes({0xE0, 0xA0, 0x80}), std::nullopt},
    {"em_dash",
     "a\xE2\x80\x94"
     "b",
     std::nullopt},
    {"last_before_surrogates_UD7FF", bytes({0xED, 0x9F, 0xBF}), std::nullopt},
    {"first_after_surrogates_UE000", bytes({0xEE, 0x80, 0x80}), std::nullopt},
    {"bom_UFEFF", bytes({0xEF, 0xBB, 0xBF}), std::nullopt},
    {"noncharacter_UFFFF_is_well_formed", bytes({0xEF, 0xBF, 0xBF}), std::nullopt},
    {"four_byte_min_U10000", bytes({0xF0, 0x90, 0x80, 0x80}), std::nullopt},
    {"emoji", "ok \xF0\x9F\x98\x80!", std::nullopt},
    {"four_byte_max_U10FFFF", bytes({0xF4, 0x8F, 0xBF, 0xBF}), std::nullopt},
    {"mixed_after_ascii_block", "Jakarta, 12345678 \xE2\x80\x9CHalo\xE2\x80\x9D", std::nullopt},

    // Invalid lead bytes.
    {"lone_continuation", bytes({0x80}), 0},
    {"continuation_after_ascii", bytes({'a', 'b', 0xBF}), 2},
    {"overlong_lead_C0", bytes({0xC0, 0x80}), 0},
    {"overlong_lead_C1", bytes({0xC1, 0xBF}), 0},
    {"lead_F5", bytes({0xF5, 0x80, 0x80, 0x80}), 0},
    {"lead_FF", bytes({0xFF}), 0},
    {"latin1_e_acute", bytes({'c', 'a', 'f', 0xE9}), 3},

    // Second byte out of range.
    {"overlong_three_byte_E0_9F", bytes({0xE0, 0x9F, 0xBF}), 0},
    {"surrogate_UD800", bytes({0xED, 0xA0, 0x80}), 0},
    {"surrogate_UDFFF", bytes({0xED, 0xBF, 0xBF}), 0},
    {"overlong_four_byte_F0_8F", bytes({0xF0, 0x8F, 0xBF, 0xBF}), 0},
    {"past_U10FFFF", bytes({0xF4, 0x90, 0x80, 0x80}), 0},
    {"two_byte_then_ascii", bytes({0xC3, 'a'}), 0},

    // Later bytes out of range or missing.
    {"three_byte_bad_third", bytes({0xE2, 0x80, 'x'}), 0},
    {"four_byte_bad_fourth", bytes({0xF0, 0x9F, 0x98, 0xC0}), 0},
    {"truncated_two_byte_at_end", bytes({'a', 0xC3}), 1},
    {"truncated_three_byte_at_end", bytes({'a', 'b', 0xE2, 0x80}), 2},
    {"truncated_four_byte_at_end", bytes({0xF0, 0x9F, 0x98}), 0},

    // The first of several errors is reported, past a run of ASCII words.
    {"offset_past_word_skip", std::string(17, 'x') + bytes({0xFE}) + bytes({0xFF}), 17},
    {"offset_after_valid_multibyte", "\xC3\xA9\xE2\x80\x94" + bytes({0xC3, 0x28}), 5},
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const Utf8Case& c, std::ostream* os) { *os << c.name; }

std::string case_name(const ::testing::TestParamInfo<Utf8Case>& param_info) { return param_info.param.name; }

INSTANTIATE_TEST_SUITE_P(Table, FindInvalidUtf8Test, ::testing::ValuesIn(kCases), case_name);

// Every single-byte string: only 00..7F is valid on its own.
TEST(FindInvalidUtf8, SingleBytes) {
  for (unsigned b = 0; b < 256; ++b) {
    const std::string s(1, static_cast<char>(b));
    EXPECT_EQ(find_invalid_utf8(s).has_value(), b >= 0x80) << "byte " << b;
  }
}

// Every two-byte string against a straightforward reference.
TEST(FindInvalidUtf8, AllTwoBytePairs) {
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      const std::string s = bytes({a, b});
      std::optional<std::size_t> expected;
      if (a >= 0x80) {
        const bool pair_ok = a >= 0xC2 && a <= 0xDF && b >= 0x80 && b <= 0xBF;
        if (!pair_ok) expected = 0;
      } else if (b >= 0x80) {
        expected = 1;
      }
      ASSERT_EQ(find_invalid_utf8(s), expected) << "bytes " << a << " " << b;
    }
  }
}

}  // namespace
}  // namespace warta
