#include "indexer/charset.h"

#include <gtest/gtest.h>

namespace warta::indexer {
namespace {

TEST(ConvertToUtf8, Windows1252PageIsDetectedAndConverted) {
  // Windows-1252: 0x93/0x94 curly quotes, 0xE9 e-acute, 0x96 en dash.
  std::string page =
      "Pemerintah meminta warga tetap tenang. \x93Kami siap membantu,\x94 kata petugas di caf\xe9 itu "
      "\x96 yang berada di pusat kota. Warga mengikuti arahan petugas dengan tertib dan sabar.";
  auto converted = convert_to_utf8(page);
  ASSERT_TRUE(converted);
  EXPECT_NE(converted->text.find("\xE2\x80\x9CKami siap membantu,\xE2\x80\x9D"), std::string::npos) << converted->text;
  EXPECT_NE(converted->text.find("caf\xC3\xA9"), std::string::npos);
  EXPECT_FALSE(converted->charset.empty());
}

TEST(ConvertToUtf8, NothingToDoForAscii) { EXPECT_FALSE(convert_to_utf8("plain ascii text")); }

}  // namespace
}  // namespace warta::indexer
