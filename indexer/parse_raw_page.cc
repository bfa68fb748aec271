// parse_raw_page: lines -> chrome out -> headline -> paragraphs -> dateline, codes, byline -> Article.
#include "indexer/parse_raw_page.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include "common/article.h"
#include "common/dates.h"
#include "common/prose_dates.h"
#include "common/text_clean.h"
#include "common/utf8.h"

namespace warta::indexer {
namespace {

// ------------------------------------------------------------ small helpers

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (iequals(s.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++n;
  }
  return n;
}

// Strips closing quotes and brackets from the end: what stands before them
// decides whether a sentence ends there ("baik.”", "(24/10)").
std::string_view strip_closers(std::string_view s) {
  while (!s.empty()) {
    const char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99")) {  // ” ’
      s.remove_suffix(3);
    } else if (s.ends_with("\xC2\xBB")) {  // »
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// A sentence ends the text: '.', '!', '?' or "…" (also ':' and ';' unless
// strict), maybe followed by closing quotes or brackets.
bool ends_sentence(std::string_view s, bool strict) {
  s = strip_closers(trim(s));
  if (s.empty()) return false;
  if (s.ends_with("\xE2\x80\xA6")) return true;  // …
  const char c = s.back();
  if (c == '.' || c == '!' || c == '?') return true;
  return !strict && (c == ':' || c == ';');
}

// True when the text holds a sentence: five or more words, three of them
// starting in lowercase, before a '.', '!' or '?' that ends it (followed by
// the end, a space, a quote, a bracket or a capital: "FREE!Subscribe"). Site
// chrome is lists of names; prose has function words in lowercase.
bool has_sentence(std::string_view s) {
  int words = 0;
  int lowercase = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ') {
      in_word = false;
      continue;
    }
    if (!in_word) {
      in_word = true;
      ++words;
      if (is_lower(c)) ++lowercase;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    const char next = i + 1 < s.size() ? s[i + 1] : ' ';
    const bool ends = next == ' ' || next == '"' || next == '\'' || next == ')' || is_non_ascii(next) || is_upper(next);
    if (!ends) continue;
    if (words >= 5 && lowercase >= 3) return true;
    words = 0;
    lowercase = 0;
    in_word = false;
  }
  return false;
}

// ------------------------------------------------------------------ chrome

constexpr std::array<std::string_view, 21> kWidgetHeads = {
    "font",  "ukuran", "share",    "bagikan",  "print",    "cetak",    "tweet",
    "komentar", "comment", "comments", "email", "e-mail",   "facebook", "twitter",
    "whatsapp", "telegram", "linkedin", "pinterest", "salin", "copy", "tautan"};

constexpr std::array<std::string_view, 20> kWidgetFillers = {
    "this", "on",   "ini",     "ke",      "via",  "di",   "to",   "the", "us",   "follow",
    "ikuti", "kami", "artikel", "article", "berita", "size", "text", "teks", "huruf", "link"};

template <std::size_t N>
bool in_list(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Splits "TwitterShare" into "Twitter" and "Share" (a lowercase letter
// followed by a capital), as glued widget labels come.
std::vector<std::string_view> split_glued(std::string_view token) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 1; i < token.size(); ++i) {
    if (is_lower(token[i - 1]) && is_upper(token[i])) {
      parts.push_back(token.substr(start, i - start));
      start = i;
    }
  }
  parts.push_back(token.substr(start));
  return parts;
}

bool is_widget_line(std::string_view line) {
  if (line.size() > 120) return false;
  bool head = false;
  for (std::string_view token : split_spaces(line)) {
    for (std::string_view part : split_glued(token)) {
      // Punctuation around a label ("Font:", "(3)", "|") is not part of it.
      while (!part.empty() && !is_alpha(part.front()) && !is_digit(part.front())) part.remove_prefix(1);
      while (!part.empty() && !is_alpha(part.back()) && !is_digit(part.back()) && part.back() != '+' &&
             part.back() != '-') {
        part.remove_suffix(1);
      }
      if (part.empty() || std::all_of(part.begin(), part.end(), is_digit)) continue;
      const std::string word = lower(part);
      if (in_list(kWidgetHeads, word)) {
        head = true;
      } else if (!in_list(kWidgetFillers, word) && word != "a" && word != "a-" && word != "a+") {
        return false;
      }
    }
  }
  return head;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Words glued without a space: a capital and a lowercase letter right after
// a word of two or more lowercase letters with a vowel ("HomeNewsSport" has
// two). Codes such as "1pMvkpHijcRdf" have few.
std::size_t count_glue_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 2; i + 1 < s.size(); ++i) {
    if (!is_lower(s[i - 1]) || !is_upper(s[i]) || !is_lower(s[i + 1])) continue;
    std::size_t k = i;
    bool vowel = false;
    while (k > 0 && is_lower(s[k - 1])) {
      --k;
      vowel = vowel || is_vowel(s[k]);
    }
    if (i - k >= 2 && vowel) ++n;
  }
  return n;
}

bool is_url(std::string_view s) {
  return s.find(' ') == std::string_view::npos &&
         (istarts_with(s, "http://") || istarts_with(s, "https://") || istarts_with(s, "www."));
}

bool is_chrome_line(std::string_view line) {
  if (is_widget_line(line) || is_url(line)) return true;
  if (iequals(line, "advertisement") || iequals(line, "iklan") ||
      iequals(line, "scroll to continue with content") ||
      iequals(line, "advertisement scroll to continue with content")) {
    return true;
  }
  if (icontains(line, "all rights reserved") && (icontains(line, "copyright") || line.find("\xC2\xA9") != std::string_view::npos)) {
    return true;
  }
  const bool copyright = istarts_with(line, "copyright") || line.starts_with("\xC2\xA9") ||
                         istarts_with(line, "(c) ") || istarts_with(line, "hak cipta");
  const bool skip_link = istarts_with(line, "skip to ") || istarts_with(line, "lompat ke ");
  const std::size_t glue = count_glue_points(line);
  const bool navigation = glue >= 3 && glue >= split_spaces(line).size();
  return (copyright || skip_link || navigation) && !has_sentence(line);
}

// "Baca juga" (maybe in brackets) opening a line: a cross-link, which
// clean_body removes; it must not be joined to its neighbours first.
bool is_cross_link(std::string_view line) {
  if (!line.empty() && (line.front() == '[' || line.front() == '(')) line.remove_prefix(1);
  line = trim(line);
  if (line.size() < 9 || line[0] != 'B' || !istarts_with(line, "baca juga")) return false;
  return line.size() == 9 || line[9] == ' ' || line[9] == ':' || line[9] == ']' || line[9] == ')';
}

// "1. ", "2) ", "- ", "• ", "* " open a list item.
bool starts_list_item(std::string_view line) {
  if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("\xE2\x80\xA2 ")) return true;
  std::size_t i = 0;
  while (i < line.size() && i < 3 && is_digit(line[i])) ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

// The URL of a "Sumber: URL" / "Source: URL" line.
std::optional<std::string> source_url(std::string_view line) {
  std::string_view rest;
  if (istarts_with(line, "sumber")) {
    rest = line.substr(6);
  } else if (istarts_with(line, "source")) {
    rest = line.substr(6);
  } else {
    return std::nullopt;
  }
  rest = trim(rest);
  if (!rest.starts_with(":")) return std::nullopt;
  rest = trim(rest.substr(1));
  if (!is_url(rest) || istarts_with(rest, "www.")) return std::nullopt;
  return std::string(rest);
}

// ------------------------------------------------------------------- lines

struct PageLine {
  std::string text;        // cleaned as by clean_line
  std::size_t indent = 0;  // leading spaces and tabs of the raw line
  bool blank = false;      // empty, or dropped as chrome: ends a paragraph
};

std::vector<PageLine> split_lines(std::string_view text) {
  std::vector<PageLine> lines;
  auto add = [&](std::string_view raw) {
    PageLine line;
    while (line.indent < raw.size() && (raw[line.indent] == ' ' || raw[line.indent] == '\t')) ++line.indent;
    line.text = clean_line(raw);
    line.blank = line.text.empty();
    lines.push_back(std::move(line));
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t break_len = 0;
    if (text[i] == '\n') {
      break_len = 1;
    } else if (text[i] == '\r') {
      break_len = (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") {
      break_len = 3;
    }
    if (break_len == 0) {
      ++i;
      continue;
    }
    add(text.substr(start, i - start));
    i += break_len;
    start = i;
  }
  add(text.substr(start));
  return lines;
}

// Re-joins one run of lines (no blank line inside) into paragraphs.
void add_run(const std::vector<const PageLine*>& run, std::vector<std::string>& paragraphs) {
  if (run.empty()) return;
  std::size_t open = 0;
  std::size_t width = 0;
  std::size_t base_indent = run.front()->indent;
  for (std::size_t k = 0; k < run.size(); ++k) {
    if (k + 1 < run.size() && !ends_sentence(run[k]->text, false)) ++open;
    width = std::max(width, run[k]->text.size());
    base_indent = std::min(base_indent, run[k]->indent);
  }
  // Hard-wrapped column text: most lines stop mid-sentence.
  const bool wrapped = run.size() >= 3 && open * 3 >= (run.size() - 1) * 2;
  bool previous_stands_alone = true;
  bool previous_bare_link = false;
  std::size_t previous_size = 0;
  for (const PageLine* line : run) {
    const std::string& text = line->text;
    // After a bare "Baca juga:" comes the linked headline, also alone.
    const bool stands_alone = is_cross_link(text) || previous_bare_link;
    previous_bare_link = is_cross_link(text) && text.size() <= 12 && text.back() == ':';
    const bool may_join = !previous_stands_alone && !stands_alone && !starts_list_item(text);
    bool joins = wrapped && may_join;
    if (joins) {
      const bool short_line = previous_size * 10 < width * 7;  // a paragraph's last line
      if (ends_sentence(paragraphs.back(), false) && (short_line || line->indent > base_indent)) joins = false;
    }
    previous_size = text.size();
    // Anywhere, a line starting in lowercase continues an unfinished one.
    if (!joins && may_join && is_lower(text.front()) && !ends_sentence(paragraphs.back(), false) &&
        !parse_dateline(text)) {
      joins = true;
    }
    if (joins) {
      std::string& before = paragraphs.back();
      // A hyphen at the break ("balai-" + "balai") joins without a space.
      const bool hyphen = before.size() >= 2 && before.back() == '-' && is_alpha(before[before.size() - 2]);
      if (!hyphen) before.push_back(' ');
      before += text;
    } else {
      paragraphs.push_back(text);
    }
    previous_stands_alone = stands_alone;
  }
}

std::vector<std::string> build_paragraphs(const std::vector<PageLine>& lines, std::size_t from) {
  std::vector<std::string> paragraphs;
  std::vector<const PageLine*> run;
  for (std::size_t k = from; k < lines.size(); ++k) {
    if (lines[k].blank) {
      add_run(run, paragraphs);
      run.clear();
    } else {
      run.push_back(&lines[k]);
    }
  }
  add_run(run, paragraphs);
  return paragraphs;
}

// -------------------------------------------------------------------- title

bool reads_as_headline(std::string_view line, const PageLine* next_in_run) {
  if (line.empty() || line.size() > 200) return false;
  const bool ellipsis = line.ends_with("...") || line.ends_with("\xE2\x80\xA6");
  const char last = line.back();
  if (!ellipsis && (last == '.' || last == ',' || last == ';' || last == ':')) return false;
  if (parse_dateline(line)) return false;
  // A first line continued by the next one is the start of a wrapped
  // paragraph ("jpnn.com, JAKARTA -" starts a paragraph in lowercase).
  return next_in_run == nullptr || next_in_run->text.empty() || !is_lower(next_in_run->text.front()) ||
         parse_dateline(next_in_run->text);
}

bool is_domain(std::string_view s);

// Cuts " | evo", " - Kompas.com" from a headline; a domain suffix is kept in
// `domain`.
std::string strip_site_suffix(std::string_view title, std::optional<std::string>& domain) {
  static constexpr std::array<std::string_view, 4> kSeparators = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
  std::size_t pos = std::string_view::npos;
  std::size_t sep_len = 0;
  for (std::string_view sep : kSeparators) {
    const std::size_t p = title.rfind(sep);
    if (p != std::string_view::npos && (pos == std::string_view::npos || p > pos)) {
      pos = p;
      sep_len = sep.size();
    }
  }
  if (pos == std::string_view::npos) return std::string(title);
  const std::string_view site = trim(title.substr(pos + sep_len));
  const std::string_view rest = trim(title.substr(0, pos));
  const std::vector<std::string_view> site_words = split_spaces(site);
  if (site_words.empty() || site_words.size() > 4 || split_spaces(rest).size() < 3) return std::string(title);
  for (std::string_view w : site_words) {
    if (w.size() > 30) return std::string(title);
  }
  if (site.find_first_of(",;:?!") != std::string_view::npos || site.back() == '.') return std::string(title);
  if (is_domain(site)) domain = lower(site);
  return std::string(rest);
}

// Abbreviations whose '.' does not end the first sentence.
constexpr std::array<std::string_view, 18> kAbbreviations = {
    "no", "jl", "dr", "drs", "ir", "prof", "st", "kol", "kab", "kec", "kel", "tbk", "mr", "mrs", "ms", "jr", "sr", "vs"};

// The first sentence of a cleaned body, at most 100 characters: cut at a
// word boundary with "…" when longer; a final '.' is left out.
std::string first_sentence_title(std::string_view body) {
  std::string_view s = body.substr(0, body.find('\n'));
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '.' && c != '!' && c != '?') continue;
    const bool at_end = i + 1 == s.size() || s[i + 1] == ' ';
    if (!at_end) continue;
    if (c == '.') {
      std::size_t k = i;
      while (k > 0 && is_alpha(s[k - 1])) --k;
      const std::string word = lower(s.substr(k, i - k));
      if (word.size() == 1 || in_list(kAbbreviations, word)) continue;
      s = s.substr(0, i);
    } else {
      s = s.substr(0, i + 1);
    }
    break;
  }
  s = trim(s);
  if (count_code_points(s) <= 100) return std::string(s);
  // Keep 99 characters at most, cut at the last space, then add "…".
  std::size_t end = 0;
  for (std::size_t chars = 0; end < s.size() && chars < 99; ++chars) {
    ++end;
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0u) == 0x80u) ++end;
  }
  std::string_view cut = s.substr(0, end);
  if (end < s.size() && s[end] != ' ') {
    const std::size_t space = cut.rfind(' ');
    if (space != std::string_view::npos && space > 0) cut = cut.substr(0, space);
  }
  while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ';' || cut.back() == ':' ||
                          cut.back() == '-' || cut.back() == '(')) {
    cut.remove_suffix(1);
  }
  return std::string(cut) + "\xE2\x80\xA6";
}

// ----------------------------------------------------------------- dateline

struct Agency {
  std::string_view name;
  std::string_view domain;
};

constexpr std::array<Agency, 15> kAgencies = {{
    {"ANTARA", "antaranews.com"},
    {"ANTARA News", "antaranews.com"},
    {"Antaranews", "antaranews.com"},
    {"CNN Indonesia", "cnnindonesia.com"},
    {"CNBC Indonesia", "cnbcindonesia.com"},
    {"detikcom", "detik.com"},
    {"detikNews", "detik.com"},
    {"Okezone", "okezone.com"},
    {"Republika", "republika.co.id"},
    {"Tempo", "tempo.co"},
    {"Reuters", "reuters.com"},
    {"AFP", "afp.com"},
    {"AP", "apnews.com"},
    {"Xinhua", "xinhuanet.com"},
    {"Bernama", "bernama.com"},
}};

std::optional<std::string_view> agency_domain(std::string_view name) {
  for (const Agency& agency : kAgencies) {
    if (iequals(agency.name, name)) return agency.domain;
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 16> kTopLevelDomains = {
    "com", "id", "net", "org", "co", "tv", "news", "info", "biz", "asia", "my", "sg", "uk", "au", "io", "me"};

bool is_domain(std::string_view s) {
  if (s.empty() || s.size() > 80) return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  bool letter = false;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) return false;
    for (char c : label) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
      letter = letter || is_alpha(c);
    }
    ++labels;
    if (dot == std::string_view::npos) {
      return labels >= 2 && letter && in_list(kTopLevelDomains, lower(label));
    }
    start = dot + 1;
  }
}

std::optional<std::string> outlet_domain(std::string_view s) {
  s = trim(s);
  if (is_domain(s)) return lower(s);
  if (auto domain = agency_domain(s)) return std::string(*domain);
  return std::nullopt;
}

constexpr std::array<std::string_view, 9> kPlaceConnectors = {"de", "da", "del", "van", "von", "la", "le", "el", "al"};

bool is_place(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 40 || !is_upper(s.front())) return false;
  const std::vector<std::string_view> words = split_spaces(s);
  if (words.empty() || words.size() > 4) return false;
  for (std::string_view w : words) {
    bool letter = false;
    for (char c : w) {
      if (!is_alpha(c) && !is_non_ascii(c) && c != '\'' && c != '-') return false;
      letter = letter || is_alpha(c) || is_non_ascii(c);
    }
    if (!letter) return false;
    if (!is_upper(w.front()) && !is_non_ascii(w.front()) && !in_list(kPlaceConnectors, w)) return false;
  }
  return true;
}

// The dateline in a head such as "JAKARTA, KOMPAS.com" (the text before the dash).
std::optional<Dateline> read_dateline_head(std::string_view head, bool long_dash) {
  head = trim(head);
  if (head.empty()) return std::nullopt;
  auto make = [](std::optional<std::string> source, std::optional<std::string> location) {
    Dateline d;
    d.source = std::move(source);
    d.location = std::move(location);
    return std::optional<Dateline>(std::move(d));
  };
  // Which side is the outlet and which the place, for "A | B" and "A, B".
  auto pair = [&](std::string_view a, std::string_view b) -> std::optional<Dateline> {
    if (auto src = outlet_domain(a); src && is_place(b)) return make(src, std::string(trim(b)));
    if (auto src = outlet_domain(b); src && is_place(a)) return make(src, std::string(trim(a)));
    return std::nullopt;
  };
  if (const std::size_t bar = head.find(" | "); bar != std::string_view::npos) {
    return pair(head.substr(0, bar), head.substr(bar + 3));
  }
  if (head.back() == ')') {
    const std::size_t open = head.rfind(" (");
    if (open == std::string_view::npos) return std::nullopt;
    const std::string_view inside = head.substr(open + 2, head.size() - open - 3);
    const std::string_view place = head.substr(0, open);
    if (auto src = outlet_domain(inside); src && is_place(place)) return make(src, std::string(trim(place)));
    return std::nullopt;
  }
  if (const std::size_t comma = head.find(", "); comma != std::string_view::npos) {
    if (head.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
    return pair(head.substr(0, comma), head.substr(comma + 2));
  }
  if (auto src = outlet_domain(head)) return make(src, std::nullopt);
  // A place alone is common prose too ("Persib - Persija"): only in capitals
  // ("NEW YORK -") or before an en or em dash ("Samarinda –").
  const bool capitals = std::none_of(head.begin(), head.end(), is_lower);
  if ((capitals || long_dash) && is_place(head)) return make(std::nullopt, std::string(head));
  return std::nullopt;
}

// Bytes of a dash at s[i]: "--" or "-" (2 or 1), "–" or "—" (3); else 0.
std::size_t dash_at(std::string_view s, std::size_t i) {
  if (s[i] == '-') return (i + 1 < s.size() && s[i + 1] == '-') ? 2 : 1;
  if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") return 3;
  return 0;
}

// ------------------------------------------------------- codes and bylines

// Reads one bracketed editor code group ending `text` ("[PK]", "(ant/ded)",
// "(*)"): where it starts, and its codes (none for "(*)" and agencies).
std::optional<std::pair<std::size_t, std::vector<std::string>>> trailing_code_group(std::string_view text) {
  if (text.size() < 3) return std::nullopt;
  const char close = text.back();
  const char open = close == ']' ? '[' : close == ')' ? '(' : '\0';
  if (open == '\0') return std::nullopt;
  const std::size_t start = text.rfind(open);
  if (start == std::string_view::npos) return std::nullopt;
  const std::string_view inside = trim(text.substr(start + 1, text.size() - start - 2));
  std::vector<std::string> codes;
  if (!inside.empty() && inside.size() <= 3 && inside.find_first_not_of('*') == std::string_view::npos) {
    return std::make_pair(start, codes);
  }
  std::size_t parts = 0;
  std::size_t from = 0;
  while (from <= inside.size()) {
    std::size_t end = inside.find_first_of("/,", from);
    if (end == std::string_view::npos) end = inside.size();
    const std::string_view code = trim(inside.substr(from, end - from));
    if (code.size() < 2 || code.size() > 8 || !std::all_of(code.begin(), code.end(), is_alpha)) return std::nullopt;
    if (!agency_domain(code)) codes.emplace_back(code);  // "(ANTARA)" credits, it does not sign
    ++parts;
    from = end + 1;
  }
  if (parts > 4) return std::nullopt;
  return std::make_pair(start, std::move(codes));
}

// Removes the editor codes ending the last paragraph ("... peserta. [PK]",
// "... (ant/ded) (*)", or a line of codes alone); their codes go to the
// front of `authors`. The codes must follow a finished sentence.
bool take_editor_codes(std::string& paragraph, std::vector<std::string>& authors) {
  std::string_view rest = trim(paragraph);
  std::vector<std::string> codes;
  int groups = 0;
  for (; groups < 3; ++groups) {
    auto group = trailing_code_group(rest);
    if (!group) break;
    codes.insert(codes.begin(), group->second.begin(), group->second.end());
    rest = trim(rest.substr(0, group->first));
  }
  if (groups == 0 || (!rest.empty() && !ends_sentence(rest, true))) return false;
  authors.insert(authors.begin(), codes.begin(), codes.end());
  paragraph = std::string(rest);
  return true;
}

constexpr std::array<std::string_view, 20> kNotNames = {
    "Baca", "Lihat", "Simak", "Saksikan", "Video", "Foto", "Berita", "Terkait", "Sumber", "Editor",
    "Penulis", "Reporter", "Tags", "Tag", "Komentar", "Halaman", "Selanjutnya", "Republik", "Artikel", "Share"};

// "Intan Rakhmayanti Dewi": 2 to 4 capitalised words, nothing else.
bool is_name_line(std::string_view line) {
  if (line.size() > 60) return false;
  const std::vector<std::string_view> words = split_spaces(line);
  if (words.size() < 2 || words.size() > 4) return false;
  for (std::string_view w : words) {
    if (w.size() < 2 || !is_upper(w.front()) || !std::all_of(w.begin() + 1, w.end(), is_lower)) return false;
    if (in_list(kNotNames, w)) return false;
  }
  return true;
}

// ------------------------------------------------------------------- dates

// The publication date pick_publication_date finds in the page; its
// warnings are passed on.
std::optional<PublishedDate> publication_date(std::string_view page, const RawPageContext& context,
                                              std::vector<std::string>& warnings) {
  DateContext date_context;
  date_context.reference_year = context.reference_year;
  DateDecision decision = pick_publication_date(page, date_context);
  warnings.insert(warnings.end(), std::make_move_iterator(decision.warnings.begin()),
                  std::make_move_iterator(decision.warnings.end()));
  return decision.date;
}

// A page-header line that is only a date ("Rabu, 30 Maret 2022 17:40 WIB",
// "Diterbitkan 30/03/2022"): one date and at most three other words.
bool is_date_line(std::string_view line, const RawPageContext& context) {
  if (line.size() > 80) return false;
  DateContext date_context;
  date_context.reference_year = context.reference_year;
  const std::vector<DateMention> mentions = find_date_mentions(line, date_context);
  if (mentions.size() != 1) return false;
  const DateMention& m = mentions.front();
  std::string rest(line.substr(0, m.offset));
  rest.push_back(' ');
  rest += line.substr(std::min(line.size(), m.offset + m.length));
  std::size_t words = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (is_alpha(rest[i]) && (i == 0 || !is_alpha(rest[i - 1]))) ++words;
  }
  return words <= 3;
}

// --------------------------------------------------------------- rejection

bool is_control(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r') || b == 0x7F;
}

bool is_binary(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) return true;
  const auto controls = static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); }));
  return controls * 20 > s.size();
}

RawPageResult reject(std::string reason) {
  RawPageResult result;
  result.record.reject_reason = std::move(reason);
  return result;
}

constexpr std::string_view kNoHeadlineWarning = "title: the page has no headline line; the first sentence stands in";

}  // namespace

std::optional<Dateline> parse_dateline(std::string_view paragraph) {
  const std::size_t limit = std::min<std::size_t>(paragraph.size(), 80);
  for (std::size_t i = 1; i < limit; ++i) {
    const std::size_t dash = dash_at(paragraph, i);
    if (dash == 0) continue;
    const char before = paragraph[i - 1];
    const std::size_t after = i + dash;
    if ((before != ' ' && before != ')') || after >= paragraph.size() || paragraph[after] != ' ') {
      i += dash - 1;  // inside a word ("Cara-cara") or a run of dashes
      continue;
    }
    // The first free-standing dash decides.
    std::optional<Dateline> dateline = read_dateline_head(paragraph.substr(0, i), dash == 3);
    if (!dateline) return std::nullopt;
    std::size_t end = after;
    while (end < paragraph.size() && paragraph[end] == ' ') ++end;
    // "KONTAN.CO.ID - JAKARTA. Story": the place follows the outlet.
    if (dateline->source && !dateline->location) {
      const std::size_t stop = paragraph.find(". ", end);
      const std::string_view place = stop == std::string_view::npos ? std::string_view() : paragraph.substr(end, stop - end);
      if (!place.empty() && std::none_of(place.begin(), place.end(), is_lower) && is_place(place)) {
        dateline->location = std::string(place);
        end = stop + 2;
        while (end < paragraph.size() && paragraph[end] == ' ') ++end;
      }
    }
    dateline->length = end;
    return dateline;
  }
  return std::nullopt;
}

bool looks_like_raw_page(std::string_view bytes) {
  bytes = bytes.substr(0, 4096);
  if (is_binary(bytes)) return false;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::size_t start = bytes.find_first_not_of(" \t\r\n\f\v");
  if (start == std::string_view::npos) return false;
  const char first = bytes[start];
  if (first == '{' || first == '<') return false;
  if (first == '[') {
    const std::size_t next = bytes.find_first_not_of(" \t\r\n", start + 1);
    if (next == std::string_view::npos) return false;
    const char c = bytes[next];
    // "[{", "[1", "[\"", "[]", "[true": JSON; "[FOTO] Banjir": a headline.
    if (c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || is_digit(c) || c == 't' || c == 'f' || c == 'n') {
      return false;
    }
  }
  return true;
}

RawPageResult parse_raw_page(std::string_view text, const RawPageContext& context) {
  if (is_binary(text)) return reject("not a text page (binary data)");
  if (auto bad = find_invalid_utf8(text)) return reject("invalid UTF-8 at byte " + std::to_string(*bad + 1));
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  std::vector<PageLine> lines = split_lines(text);
  Article article;
  RawPageResult result;
  for (PageLine& line : lines) {
    if (line.blank) continue;
    if (is_chrome_line(line.text)) {
      line.blank = true;
    } else if (auto url = source_url(line.text)) {
      if (!article.url) article.url = std::move(*url);
      line.blank = true;
    }
  }

  // Date lines in the page header (before the first line of prose) leave the
  // text; the date picker still reads them.
  std::string header_dates;
  for (std::size_t k = 0, seen = 0; k < lines.size() && seen < 5; ++k) {
    PageLine& line = lines[k];
    if (line.blank) continue;
    if (has_sentence(line.text) || parse_dateline(line.text)) break;
    ++seen;
    if (is_date_line(line.text, context)) {
      header_dates += line.text;
      header_dates.push_back('\n');
      line.blank = true;
    }
  }

  // The headline: the first line left, when it reads as one.
  std::size_t body_from = 0;
  std::string headline_line;
  std::optional<std::string> title_domain;
  while (body_from < lines.size() && lines[body_from].blank) ++body_from;
  if (body_from < lines.size()) {
    const PageLine* next = body_from + 1 < lines.size() && !lines[body_from + 1].blank ? &lines[body_from + 1] : nullptr;
    if (reads_as_headline(lines[body_from].text, next)) {
      headline_line = lines[body_from].text;
      article.title = strip_site_suffix(headline_line, title_domain);
      ++body_from;
    }
  }

  std::vector<std::string> paragraphs = build_paragraphs(lines, body_from);

  // A standfirst repeated as the start of the next paragraph goes.
  if (paragraphs.size() >= 2 && !parse_dateline(paragraphs[0])) {
    std::string_view next = paragraphs[1];
    if (auto dateline = parse_dateline(next)) next.remove_prefix(dateline->length);
    if (paragraphs[0].size() >= 40 && next.starts_with(paragraphs[0])) paragraphs.erase(paragraphs.begin());
  }

  // The page as the date picker reads it: header lines, then paragraphs,
  // the dateline still in place.
  std::string page = headline_line.empty() ? std::string() : headline_line + "\n";
  page += header_dates;
  for (const std::string& p : paragraphs) {
    page += p;
    page.push_back('\n');
  }
  const std::optional<PublishedDate> published = publication_date(page, context, result.warnings);

  if (!paragraphs.empty()) {
    if (auto dateline = parse_dateline(paragraphs.front())) {
      article.source = dateline->source;
      article.location = dateline->location;
      paragraphs.front().erase(0, dateline->length);
      if (paragraphs.front().empty()) paragraphs.erase(paragraphs.begin());
    }
  }
  if (!article.source) article.source = title_domain;

  if (!paragraphs.empty() && take_editor_codes(paragraphs.back(), article.authors) && paragraphs.back().empty()) {
    paragraphs.pop_back();
  }
  if (paragraphs.size() >= 2 && is_name_line(paragraphs.back()) &&
      ends_sentence(paragraphs[paragraphs.size() - 2], true)) {
    article.authors.push_back(paragraphs.back());
    paragraphs.pop_back();
  }

  for (const std::string& p : paragraphs) {
    if (!article.body.empty()) article.body.push_back('\n');
    article.body += p;
  }
  if (article.title.empty()) {
    const std::string body = clean_body(article.body);
    if (body.empty()) {
      result.record.reject_reason = "field \"body\": empty after clean-up";
      return result;
    }
    article.title = first_sentence_title(body);
    result.warnings.emplace_back(kNoHeadlineWarning);
  }
  if (published) {
    article.published = published;
    article.published_at = format_iso_date(*published);
  }
  if (std::string error = clean_article(article); !error.empty()) {
    result.record.reject_reason = std::move(error);
    return result;
  }
  result.record.article = std::move(article);
  return result;
}

}  // namespace warta::indexer
