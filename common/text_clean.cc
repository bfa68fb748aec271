// text_clean: clean-up of news titles and bodies: mojibake, NFC, spaces, cross-links, glued sentences.
#include "common/text_clean.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include "common/utf8.h"

namespace warta {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

// Length of the sequence a lead byte starts; only called on valid UTF-8.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Decodes the valid sequence of length len at s[i].
char32_t decode_at(std::string_view s, std::size_t i, std::size_t len) {
  const unsigned char lead = byte_at(s, i);
  if (len == 1) return lead;
  char32_t cp = lead & (0x7Fu >> len);
  for (std::size_t k = 1; k < len; ++k) {
    cp = (cp << 6) | (byte_at(s, i + k) & 0x3Fu);
  }
  return cp;
}

// The public functions promise valid UTF-8 out even if the caller broke the
// precondition: each invalid byte becomes U+FFFD. storage holds the copy.
std::string_view ensure_valid(std::string_view text, std::string& storage) {
  std::optional<std::size_t> bad = find_invalid_utf8(text);
  if (!bad) return text;
  storage.clear();
  storage.reserve(text.size() + 16);
  while (bad) {
    storage.append(text.substr(0, *bad));
    storage.append(kReplacement);
    text.remove_prefix(*bad + 1);
    bad = find_invalid_utf8(text);
  }
  storage.append(text);
  return storage;
}

// ---------------------------------------------------------------- mojibake

// The byte that a code point stood for when UTF-8 was read as Windows-1252
// (or Latin-1, whose C1 controls fill cp1252's five holes), for the
// continuation range 80..BF only; -1 for anything else.
int continuation_byte(char32_t cp) {
  if (cp >= 0x80 && cp <= 0xBF) return static_cast<int>(cp);
  switch (cp) {
    case 0x20AC: return 0x80;  // €
    case 0x201A: return 0x82;  // ‚
    case 0x0192: return 0x83;  // ƒ
    case 0x201E: return 0x84;  // „
    case 0x2026: return 0x85;  // …
    case 0x2020: return 0x86;  // †
    case 0x2021: return 0x87;  // ‡
    case 0x02C6: return 0x88;  // ˆ
    case 0x2030: return 0x89;  // ‰
    case 0x0160: return 0x8A;  // Š
    case 0x2039: return 0x8B;  // ‹
    case 0x0152: return 0x8C;  // Œ
    case 0x017D: return 0x8E;  // Ž
    case 0x2018: return 0x91;  // ‘
    case 0x2019: return 0x92;  // ’
    case 0x201C: return 0x93;  // “
    case 0x201D: return 0x94;  // ”
    case 0x2022: return 0x95;  // •
    case 0x2013: return 0x96;  // –
    case 0x2014: return 0x97;  // —
    case 0x02DC: return 0x98;  // ˜
    case 0x2122: return 0x99;  // ™
    case 0x0161: return 0x9A;  // š
    case 0x203A: return 0x9B;  // ›
    case 0x0153: return 0x9C;  // œ
    case 0x017E: return 0x9E;  // ž
    case 0x0178: return 0x9F;  // Ÿ
    default: return -1;
  }
}

struct Mojibake {
  std::size_t end = 0;  // offset just past the double-encoded run
  std::array<char, 4> bytes{};
  std::size_t len = 0;
  // False for a lone two-byte decode that could be real text ("ß“", "×²").
  bool strong = false;
};

// Reads a double-encoded sequence starting at s[i], if there is one.
std::optional<Mojibake> mojibake_at(std::string_view s, std::size_t i) {
  // Lead bytes C2..F4 read as Latin-1 are U+00C2..U+00F4, all encoded C3 xx.
  if (i + 1 >= s.size() || byte_at(s, i) != 0xC3) return std::nullopt;
  const unsigned lead = 0xC0u | (byte_at(s, i + 1) & 0x3Fu);
  Mojibake m;
  if (lead >= 0xC2 && lead <= 0xDF) {
    m.len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    m.len = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    m.len = 4;
  } else {
    return std::nullopt;
  }
  // Â and Ã lead the Latin-1 range (é, à, NBSP, ©), by far the commonest
  // case; three- and four-byte runs ("â€œ", emoji) are never real text.
  m.strong = m.len > 2 || lead == 0xC2 || lead == 0xC3;
  m.bytes[0] = static_cast<char>(lead);
  std::size_t j = i + 2;
  for (std::size_t k = 1; k < m.len; ++k) {
    if (j >= s.size()) return std::nullopt;
    const std::size_t len = sequence_length(byte_at(s, j));
    const char32_t cp = decode_at(s, j, len);
    const int b = continuation_byte(cp);
    if (b < 0) return std::nullopt;
    // A C1 control never occurs in real text, so its presence settles it.
    if (cp <= 0x9F) m.strong = true;
    m.bytes[k] = static_cast<char>(b);
    j += len;
  }
  if (find_invalid_utf8(std::string_view(m.bytes.data(), m.len))) return std::nullopt;
  m.end = j;
  return m;
}

// Writes the repaired text to out and returns true, or returns false (out
// untouched) when there is nothing to repair. s must be valid UTF-8.
bool repair_into(std::string_view s, std::string& out) {
  std::size_t i = s.find('\xC3');
  if (i == std::string_view::npos) return false;
  // One certain decode shows the text went through the bad round trip, so
  // its weak decodes are taken too ("Ä\u0081manÅ«": ā is certain, ū weak).
  bool certain = false;
  for (std::size_t k = i; k != std::string_view::npos && !certain; k = s.find('\xC3', k + 2)) {
    const std::optional<Mojibake> m = mojibake_at(s, k);
    certain = m && m->strong;
  }
  bool changed = false;
  std::size_t copied = 0;  // s[0, copied) is already in out
  std::size_t last_end = std::string_view::npos;
  while (i != std::string_view::npos) {
    std::optional<Mojibake> m = mojibake_at(s, i);
    // Otherwise a weak decode is taken only as part of a run of them
    // (Cyrillic, Arabic or Greek words come out as runs of two-byte sequences).
    if (m && !m->strong && !certain && last_end != i && !mojibake_at(s, m->end)) m.reset();
    if (!m) {
      i = s.find('\xC3', i + 2);
      continue;
    }
    if (!changed) {
      out.clear();
      out.reserve(s.size());
      changed = true;
    }
    out.append(s.substr(copied, i - copied));
    out.append(m->bytes.data(), m->len);
    copied = last_end = m->end;
    i = s.find('\xC3', m->end);
  }
  if (changed) out.append(s.substr(copied));
  return changed;
}

// ------------------------------------------------------------ line clean-up

enum class CharClass { kKeep, kSpace, kDrop };

CharClass classify(char32_t cp) {
  if (cp >= 0xA1 && cp < 0x061C && cp != 0xAD) return CharClass::kKeep;  // Latin, Greek, Cyrillic...
  if (cp <= 0xA0) return CharClass::kSpace;  // C1 controls (incl. NEL) and NBSP
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0xFEFF:  // BOM / zero-width no-break space
      return CharClass::kDrop;
    case 0x1680:  // Ogham space mark
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
    case 0x202F:  // narrow NBSP
    case 0x205F:  // medium mathematical space
    case 0x3000:  // ideographic space
      return CharClass::kSpace;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::kSpace;  // en quad .. hair space
  // Zero-width space/joiners, direction marks and embeddings, word joiner,
  // invisible operators, isolates and deprecated format characters.
  if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F)) {
    return CharClass::kDrop;
  }
  return CharClass::kKeep;
}

// Appends s cleaned as one line (no NFC yet) to out: spaces and controls
// collapse to single spaces, invisible characters go, ends are trimmed.
// Returns whether anything non-ASCII was written. s must be valid UTF-8.
bool append_clean_line(std::string_view s, std::string& out) {
  const std::size_t base = out.size();
  bool pending_space = false;
  bool non_ascii = false;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = byte_at(s, i);
    if (b > 0x20 && b < 0x7F) {
      // Copy the whole run of visible ASCII at once.
      std::size_t j = i + 1;
      while (j < n && byte_at(s, j) > 0x20 && byte_at(s, j) < 0x7F) ++j;
      if (pending_space && out.size() > base) out.push_back(' ');
      pending_space = false;
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    if (b < 0x80) {  // space, TAB, other C0 controls, DEL
      pending_space = true;
      ++i;
      continue;
    }
    const std::size_t len = sequence_length(b);
    switch (classify(decode_at(s, i, len))) {
      case CharClass::kSpace:
        pending_space = true;
        break;
      case CharClass::kDrop:
        break;
      case CharClass::kKeep:
        if (pending_space && out.size() > base) out.push_back(' ');
        pending_space = false;
        out.append(s.substr(i, len));
        non_ascii = true;
        break;
    }
    i += len;
  }
  return non_ascii;
}

const icu::Normalizer2* nfc_instance() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  return nfc;
}

// Puts valid UTF-8 text in NFC. Only called for text with non-ASCII bytes:
// ASCII is always NFC. Left as is if ICU's data is missing.
void to_nfc(std::string& text) {
  const icu::Normalizer2* nfc = nfc_instance();
  if (nfc == nullptr || text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
    return;
  }
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return;
  std::string normalized;
  normalized.reserve(text.size());
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) text.swap(normalized);
}

// ------------------------------------------------------------- cross-links

// Matches the marker "Baca juga" at s[i]: 'B', "aca" in either case, a space
// or '_', then "juga" with either case per letter ("Baca Juga", "BACA JUGA",
// "Baca_Juga"). The capital B keeps "saya baca juga buku" and "dibaca juga".
// Returns the offset past the marker.
std::optional<std::size_t> match_marker(std::string_view s, std::size_t i, char& separator) {
  if (s.size() - i < 9 || s[i] != 'B') return std::nullopt;
  auto same = [](char c, char lower) { return c == lower || c == static_cast<char>(lower - 'a' + 'A'); };
  if (!same(s[i + 1], 'a') || !same(s[i + 2], 'c') || !same(s[i + 3], 'a')) return std::nullopt;
  if (s[i + 4] != ' ' && s[i + 4] != '_') return std::nullopt;
  if (!same(s[i + 5], 'j') || !same(s[i + 6], 'u') || !same(s[i + 7], 'g') || !same(s[i + 8], 'a')) {
    return std::nullopt;
  }
  separator = s[i + 4];
  return i + 9;
}

// Longest linked headline, in bytes (the corpus's longest, with an author
// credit glued on, is about 210).
constexpr std::size_t kMaxHeadline = 320;

enum class LineKind {
  kText,            // ordinary paragraph
  kCrossLink,       // "Baca juga: <headline>" or "Baca Juga" alone
  kCrossLinkColon,  // "Baca juga:" alone: the headline is on the next line
};

// Classifies a cleaned paragraph: an optional '[' or '(', the marker, then
// nothing, a closing bracket, or ':' (optionally followed by a headline).
LineKind line_kind(std::string_view s) {
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '[' || s[0] == '(')) {
    i = (s.size() > 1 && s[1] == ' ') ? 2 : 1;
  }
  char separator = 0;
  std::optional<std::size_t> end = match_marker(s, i, separator);
  if (!end || separator != ' ') return LineKind::kText;
  std::size_t j = *end;
  if (j < s.size() && s[j] == ' ') ++j;
  if (j == s.size() || s[j] == ']' || s[j] == ')') return LineKind::kCrossLink;
  if (s[j] != ':') return LineKind::kText;  // "Baca JugaSelain ..." is handled inline
  ++j;
  if (j < s.size() && s[j] == ' ') ++j;
  if (j == s.size()) return LineKind::kCrossLinkColon;
  // A linked headline is short; a long line has the article glued on, and
  // is kept rather than lose the text.
  return s.size() - j <= kMaxHeadline ? LineKind::kCrossLink : LineKind::kText;
}

// The line after a bare "Baca juga:" is dropped only when it reads like a
// headline: short, not a quotation, not ending a sentence with '.'.
bool looks_like_headline(std::string_view s) {
  return !s.empty() && s.size() <= 160 && s.back() != '.' && s[0] != '"' && s[0] != '\'' &&
         !s.starts_with("\xE2\x80\x9C");  // “
}

bool starts_with_quote(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  if (s[i] == '"' || s[i] == '\'') return true;
  // “ ” ‘ ’ are E2 80 9C, 9D, 98, 99.
  return s.substr(i, 2) == "\xE2\x80" && i + 2 < s.size() && byte_at(s, i + 2) >= 0x98 &&
         byte_at(s, i + 2) <= 0x9D && byte_at(s, i + 2) != 0x9A && byte_at(s, i + 2) != 0x9B;
}

bool holds_marker(std::string_view s) {
  char separator = 0;
  for (std::size_t k = s.find('B'); k != std::string_view::npos; k = s.find('B', k + 1)) {
    if (match_marker(s, k, separator)) return true;
  }
  return false;
}

// Removes cross-link markers left inside a paragraph: IndoSum's "Baca_Juga"
// token anywhere, and a "Baca juga" glued straight to the next sentence
// ("ucapnya.Baca JugaSelain itu", "Baca Juga“Kita") or ending the paragraph;
// there the linked headline is already gone. A marker followed by a space
// or ':' is left: the headline's end cannot be told from the sentence after.
void remove_inline_markers(std::string_view s, std::string& out) {
  out.clear();
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    char separator = 0;
    std::optional<std::size_t> end;
    if (s[i] == 'B') end = match_marker(s, i, separator);
    if (end && separator == '_') {
      const bool bounded = (i == 0 || !is_alnum(s[i - 1])) && (*end == n || (!is_alnum(s[*end]) && s[*end] != '_'));
      if (!bounded) end.reset();
    } else if (end) {
      const bool glued = *end == n || is_upper(s[*end]) || starts_with_quote(s, *end);
      const bool all_caps = s[i + 1] == 'A';  // "BACA JUGA" + capital tells nothing
      if (!glued || all_caps) end.reset();
    }
    if (!end) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    std::size_t next = *end;
    if (next < n && s[next] == ' ' && (out.empty() || out.back() == ' ')) ++next;
    if (next < n && !out.empty()) {
      const char c = s[next];
      const bool punctuation = c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
      if (out.back() == ' ' && punctuation) out.pop_back();
      if (!out.empty() && out.back() != ' ' && c != ' ' && !punctuation) out.push_back(' ');
    }
    i = next;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

// ------------------------------------------------------- glued sentences

// True when s[i] starts a capitalised word ("Pertama", "Dia") that is not
// part of a code, path or name ("Pid.Sus/2023", "Sus-TPK", "Nama.Belakang@").
bool starts_capitalised_word(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size() || !is_upper(s[i]) || !is_lower(s[i + 1])) return false;
  std::size_t j = i + 2;
  while (j < s.size() && is_lower(s[j])) ++j;
  if (j == s.size()) return true;
  const char c = s[j];
  return !is_alnum(c) && c != '.' && c != '-' && c != '/' && c != '@' && c != '_';
}

// What may stand before a sentence end glued to the next sentence: a word
// ending in two lowercase letters ("terjaga."), an acronym of two or more
// capitals ("WIB."), a digit ("2023.") or a closing bracket ("(9/9).").
// Rules out "Jl.Sudirman", "Dr.Soetomo", "U.S.Army".
bool may_end_sentence(std::string_view s, std::size_t i) {
  if (i == 0) return false;
  const char c = s[i - 1];
  if (c == ')' || c == ']' || is_digit(c)) return true;
  std::size_t k = i;
  if (is_lower(c)) {
    while (k > 0 && is_lower(s[k - 1])) --k;
    return i - k >= 2;
  }
  if (is_upper(c)) {
    while (k > 0 && is_upper(s[k - 1])) --k;
    return i - k >= 2 && (k == 0 || !is_alpha(s[k - 1]));
  }
  return false;
}

bool is_glue_relevant(char c) {
  return c == ' ' || c == '.' || c == '?' || c == '!' || c == '"' || c == '@' || c == ':';
}

// Puts back the space after a sentence end glued to the next sentence:
// '.', '?' or '!' after may_end_sentence, then a capitalised word, maybe
// behind a quote ("terjaga.Pertama" -> "terjaga. Pertama", "ujarnya.”Dia"
// -> "ujarnya.” Dia", "kemudian.“Kita" -> "kemudian. “Kita"). A straight '"'
// opens when the paragraph has had an even number of them so far. The rest
// of a token after "://", '@' or a letter.letter dot ("detik.com", "U.S.")
// is left alone.
// Appends the result to out.
void fix_glued_sentences(std::string_view s, std::string& out) {
  const std::size_t n = s.size();
  std::size_t straight_quotes = 0;
  bool skip_token = false;  // the current space-delimited token is a URL, address or dotted name
  std::size_t i = 0;
  while (i < n) {
    // Only these bytes matter below; copy runs of the others at once.
    std::size_t run = i;
    while (run < n && !is_glue_relevant(s[run])) ++run;
    if (run > i) {
      out.append(s.substr(i, run - i));
      i = run;
      if (i == n) break;
    }
    const char c = s[i];
    if (c == ' ') {
      skip_token = false;
    } else if (c == '@' || (c == ':' && s.substr(i + 1, 2) == "//")) {
      skip_token = true;
    } else if (c == '"') {
      ++straight_quotes;
    }
    const bool sentence_end = c == '.' || c == '?' || c == '!';
    if (sentence_end && !skip_token && i + 1 < n && may_end_sentence(s, i)) {
      const std::size_t j = i + 1;
      std::string_view quote;
      bool space_before_quote = false;
      std::size_t word = j;
      if (s[j] == '"') {
        quote = s.substr(j, 1);
        space_before_quote = straight_quotes % 2 == 0;
        word = j + 1;
      } else if (starts_with_quote(s, j) && s[j] != '\'') {
        quote = s.substr(j, 3);
        space_before_quote = byte_at(s, j + 2) == 0x9C || byte_at(s, j + 2) == 0x98;  // “ ‘ open
        word = j + 3;
      }
      const bool glued = space_before_quote ? (word < n && is_upper(s[word])) : starts_capitalised_word(s, word);
      if (glued) {
        out.push_back(c);
        if (space_before_quote) out.push_back(' ');
        out.append(quote);
        if (!space_before_quote) out.push_back(' ');
        if (quote == "\"") ++straight_quotes;
        skip_token = false;
        i = word;
        continue;
      }
    }
    if (c == '.' && i > 0 && i + 1 < n && is_alpha(s[i - 1]) && is_alpha(s[i + 1])) skip_token = true;
    out.push_back(c);
    ++i;
  }
}

// Calls f(line) for each line of s; "\r\n", '\r', '\n', U+2028 and U+2029 end a line.
template <typename F>
void for_each_line(std::string_view s, F&& f) {
  std::size_t start = 0;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    std::size_t break_len = 0;
    if (c == '\n') {
      break_len = 1;
    } else if (c == '\r') {
      break_len = (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    } else if (c == '\xE2' && i + 2 < n && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
      break_len = 3;
    }
    if (break_len == 0) {
      ++i;
      continue;
    }
    f(s.substr(start, i - start));
    i += break_len;
    start = i;
  }
  f(s.substr(start));
}

}  // namespace

std::string repair_mojibake(std::string_view text) {
  std::string storage;
  text = ensure_valid(text, storage);
  std::string out;
  if (repair_into(text, out)) return out;
  return std::string(text);
}

std::string clean_line(std::string_view text) {
  std::string storage;
  text = ensure_valid(text, storage);
  std::string repaired;
  if (repair_into(text, repaired)) text = repaired;
  std::string out;
  out.reserve(text.size());
  if (append_clean_line(text, out)) to_nfc(out);
  return out;
}

std::string clean_body(std::string_view text) {
  std::string storage;
  text = ensure_valid(text, storage);
  std::string repaired;
  if (repair_into(text, repaired)) text = repaired;

  std::string out;
  out.reserve(text.size());
  std::string para;
  std::string scratch;
  bool non_ascii = false;
  bool headline_may_follow = false;  // the previous paragraph was a bare "Baca juga:"
  for_each_line(text, [&](std::string_view line) {
    para.clear();
    const bool line_non_ascii = append_clean_line(line, para);
    if (para.empty()) return;
    const LineKind kind = line_kind(para);
    if (kind != LineKind::kText) {
      headline_may_follow = kind == LineKind::kCrossLinkColon;
      return;
    }
    if (headline_may_follow) {
      headline_may_follow = false;
      if (looks_like_headline(para)) return;
    }
    std::string_view cleaned = para;
    if (holds_marker(para)) {
      remove_inline_markers(para, scratch);
      cleaned = scratch;
      if (cleaned.empty()) return;
    }
    if (!out.empty()) out.push_back('\n');
    fix_glued_sentences(cleaned, out);
    non_ascii = non_ascii || line_non_ascii;
  });
  if (non_ascii) to_nfc(out);
  return out;
}

}  // namespace warta
