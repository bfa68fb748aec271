// charset: uchardet to guess, iconv to convert.
#include "indexer/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>

namespace warta::indexer {
namespace {

std::string detect(std::string_view bytes) {
  uchardet_t detector = uchardet_new();
  std::string charset;
  if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
    uchardet_data_end(detector);
    charset = uchardet_get_charset(detector);
  }
  uchardet_delete(detector);
  return charset;
}

std::optional<std::string> iconv_to_utf8(std::string_view bytes, const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  std::size_t result = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (result == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::optional<Converted> convert_to_utf8(std::string_view bytes) {
  std::string charset = detect(bytes);
  // uchardet names pure ASCII and UTF-8 too; neither explains invalid UTF-8.
  if (charset.empty() || charset == "ASCII" || charset == "UTF-8") return std::nullopt;
  auto text = iconv_to_utf8(bytes, charset);
  if (!text) return std::nullopt;
  return Converted{std::move(*text), charset};
}

}  // namespace warta::indexer
