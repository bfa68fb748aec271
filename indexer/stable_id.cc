// stable_id: FNV-1a over normalised URLs or over source, day and title.
#include "indexer/stable_id.h"

#include <unicode/unistr.h>

#include "common/dates.h"
#include "common/text_clean.h"

namespace warta::indexer {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string hex16(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 16; i-- > 0;) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

// Case folding (not just lowercasing) so that "STRASSE" and "Straße" agree;
// Unicode keeps case folding stable for assigned characters.
std::string fold(std::string_view text) {
  std::string cleaned = clean_line(text);
  bool ascii = true;
  for (char c : cleaned) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return ascii_lower(cleaned);
  std::string out;
  icu::UnicodeString::fromUTF8(cleaned).foldCase().toUTF8String(out);
  return out;
}

// Drops utm_* parameters and empty ones, keeping the order of the rest.
std::string clean_query(std::string_view query) {
  std::string out;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (param.empty() || starts_with_ci(param, "utm_")) continue;
    if (!out.empty()) out.push_back('&');
    out.append(param);
  }
  return out;
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string normalise_url(std::string_view url) {
  std::string_view rest = trim(url);
  rest = rest.substr(0, rest.find('#'));

  std::string out;
  if (std::size_t sep = rest.find("://"); sep != std::string_view::npos) {
    std::string scheme = ascii_lower(rest.substr(0, sep));
    rest.remove_prefix(sep + 3);
    std::size_t host_end = rest.find_first_of("/?");
    std::string host = ascii_lower(rest.substr(0, host_end));
    rest = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
    auto drop_port = [&host](std::string_view port) {
      if (host.size() > port.size() && host.compare(host.size() - port.size(), port.size(), port) == 0) {
        host.resize(host.size() - port.size());
      }
    };
    if (scheme == "http") drop_port(":80");
    if (scheme == "https") drop_port(":443");
    out = scheme + "://" + host;
  }

  std::size_t q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.append(path);
  if (q != std::string_view::npos) {
    std::string query = clean_query(rest.substr(q + 1));
    if (!query.empty()) out += "?" + query;
  }
  return out;
}

std::string stable_id(const Article& article) {
  if (article.url && !trim(*article.url).empty()) {
    return "url-" + hex16(fnv1a_64(normalise_url(*article.url)));
  }
  std::optional<PublishedDate> date = article.published;
  if (!date && article.published_at) date = parse_iso_date(*article.published_at);
  std::string day;
  if (date) {
    std::string key = day_key(*date);  // "YYYYMMDD"
    day = key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
  }
  std::string key = fold(article.source.value_or("")) + "\n" + day + "\n" + fold(article.title);
  return "h-" + hex16(fnv1a_64(key));
}

}  // namespace warta::indexer
