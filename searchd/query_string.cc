// query_string: the form-urlencoded splitter and percent-decoder behind GET /search.
#include "searchd/query_string.h"

#include <cstddef>

#include "common/utf8.h"
#include "searchd/codec.h"

namespace warta::searchd {
namespace {

// A caller's text repeated in a message is cut short and made valid JSON text.
constexpr std::size_t kMaxEcho = 64;

std::string quote(std::string_view s) {
  if (s.size() > kMaxEcho) {
    std::size_t cut = kMaxEcho;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return json_string(std::string(s.substr(0, cut)) + "...");
  }
  return json_string(s);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes `in` into `out`; on a malformed escape returns the escape as written.
std::optional<std::string_view> percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
      int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return in.substr(i, 3);
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return std::nullopt;
}

ParsedQueryString fail(const std::string& message) {
  return {{}, warta::Error(warta::ErrorCode::kBadRequest, message)};
}

}  // namespace

ParsedQueryString parse_query_string(std::string_view query) {
  ParsedQueryString result;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;

    std::size_t eq = part.find('=');
    std::string_view raw_name = part.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);

    QueryParam param;
    if (auto bad = percent_decode(raw_name, param.name)) {
      return fail("query string: malformed percent escape " + quote(*bad) +
                  " in a parameter name; write a literal '%' as %25");
    }
    if (auto at = find_invalid_utf8(param.name)) {
      return fail("query string: invalid UTF-8 at byte " + std::to_string(*at) +
                  " of a decoded parameter name");
    }
    // The name is valid UTF-8 from here on, so messages may repeat it.
    std::string shown = quote(param.name);
    shown = shown.substr(1, shown.size() - 2);
    if (auto bad = percent_decode(raw_value, param.value)) {
      return fail(shown + ": malformed percent escape " + quote(*bad) +
                  "; write a literal '%' as %25");
    }
    if (auto at = find_invalid_utf8(param.value)) {
      return fail(shown + ": invalid UTF-8 at byte " + std::to_string(*at) +
                  " of the decoded value");
    }
    result.params.push_back(std::move(param));
  }
  return result;
}

}  // namespace warta::searchd
