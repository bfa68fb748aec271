// acronym_miner: a letter-by-letter matcher between an acronym and the words
// around its parenthesis.
#include "indexer/acronym_miner.h"

#include <algorithm>
#include <array>
#include <optional>

namespace warta::indexer {
namespace {

constexpr std::size_t kMinAcronymBytes = 2;
constexpr std::size_t kMaxAcronymBytes = 15;
constexpr std::size_t kMaxWordBytes = 40;
constexpr std::size_t kMaxLongFormWords = 12;
constexpr std::size_t kMaxParenthesisBytes = 160;

// Words a long form may pass over without giving a letter.
constexpr std::array<std::string_view, 22> kFunctionWords{
    "dan", "dari", "di", "ke", "untuk", "yang", "atas", "pada", "serta", "atau", "bagi",
    "dengan", "oleh", "of", "the", "and", "for", "on", "in", "at", "to", "&"};

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_vowel(char c) {
  c = lower_ascii(c);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

bool is_function_word(std::string_view lowered) {
  return std::find(kFunctionWords.begin(), kFunctionWords.end(), lowered) != kFunctionWords.end();
}

// A word of a long form: ASCII letters, inner hyphens allowed ("Sumber Daya
// Air", "Usaha Mikro Kecil-Menengah"), or "&".
bool is_long_form_word(std::string_view w) {
  if (w == "&") return true;
  if (w.empty() || w.size() > kMaxWordBytes || !is_letter(w.front()) || !is_letter(w.back())) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return is_letter(c) || c == '-'; });
}

// An acronym as written: ASCII letters, a capital first, and either two
// capitals ("KPU", "KemenPPPA") or a capitalised word of four letters or
// more ("Kemendagri", "Polda").
bool looks_like_acronym(std::string_view w) {
  if (w.size() < kMinAcronymBytes || w.size() > kMaxAcronymBytes || !is_upper(w.front())) return false;
  if (!std::all_of(w.begin(), w.end(), is_letter)) return false;
  auto capitals = std::count_if(w.begin(), w.end(), is_upper);
  return capitals >= 2 || w.size() >= 4;
}

// Dynamic programme over (acronym letter, word, position in word) with a
// memo, so pathological inputs stay cheap.
class Fitter {
 public:
  Fitter(std::string_view acronym, const std::vector<std::string>& words) : acronym_(lower(acronym)) {
    for (const std::string& w : words) {
      words_.push_back(lower(w));
      function_.push_back(is_function_word(words_.back()));
    }
    width_ = kMaxWordBytes + 2;
    memo_.assign((acronym_.size() + 1) * (words_.size() + 1) * width_ * 2, kUnknown);
  }

  bool fits() { return !words_.empty() && start(0, 0); }

 private:
  static constexpr signed char kUnknown = -1;

  // Acronym letters [i..] from words [w..]; word w has given nothing yet.
  bool start(std::size_t i, std::size_t w) {
    signed char& m = memo(i, w, 0, false);
    if (m != kUnknown) return m != 0;
    m = static_cast<signed char>(start_uncached(i, w));
    return m != 0;
  }
  bool start_uncached(std::size_t i, std::size_t w) {
    if (w == words_.size()) return i == acronym_.size();
    if (i == acronym_.size()) return false;  // this word would give nothing
    const std::string& word = words_[w];
    bool inner = w > 0 && w + 1 < words_.size();
    if (inner && function_[w] && start(i, w + 1)) return true;
    for (std::size_t p = 0; p < word.size(); ++p) {
      if (word[p] != acronym_[i]) continue;
      // A word's letters start at its beginning or at a syllable: a
      // consonant between vowels ("ne-geri" in Kemendagri, "penga-was" and
      // "pemi-lu" in Bawaslu), never at a closing consonant ("waki-l" would
      // give the "l" of "Pilpres").
      bool onset = p == 0 || word[p - 1] == '-' ||
                   (!is_vowel(word[p]) && is_vowel(word[p - 1]) && p + 1 < word.size() && is_vowel(word[p + 1]));
      if (onset && more(i + 1, w, p + 1)) return true;
    }
    return false;
  }

  // Word w has given letters up to position c; more may come from it.
  bool more(std::size_t i, std::size_t w, std::size_t c) {
    signed char& m = memo(i, w, c, true);
    if (m != kUnknown) return m != 0;
    m = static_cast<signed char>(more_uncached(i, w, c));
    return m != 0;
  }
  bool more_uncached(std::size_t i, std::size_t w, std::size_t c) {
    if (start(i, w + 1)) return true;
    if (i == acronym_.size()) return false;
    const std::string& word = words_[w];
    for (std::size_t q = c; q < word.size(); ++q) {
      if (word[q] == acronym_[i] && more(i + 1, w, q + 1)) return true;
    }
    return false;
  }

  signed char& memo(std::size_t i, std::size_t w, std::size_t c, bool within) {
    std::size_t index = ((i * (words_.size() + 1) + w) * width_ + c) * 2 + (within ? 1 : 0);
    return memo_[index];
  }

  std::string acronym_;
  std::vector<std::string> words_;
  std::vector<bool> function_;
  std::size_t width_ = 0;
  std::vector<signed char> memo_;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits on spaces; false when a piece is not a long-form word.
bool split_words(std::string_view text, std::vector<std::string>& words) {
  words.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) {
      std::string_view w = text.substr(start, i - start);
      if (!is_long_form_word(w)) return false;
      words.emplace_back(w);
    }
  }
  return true;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out.push_back(' ');
    out += words[k];
  }
  return out;
}

bool fits_long_form(std::string_view acronym, const std::vector<std::string>& words) {
  if (words.size() < 2 || words.size() > kMaxLongFormWords) return false;
  // The acronym itself among the words is a repetition, not a definition.
  std::string acr = lower(acronym);
  for (const std::string& w : words) {
    if (lower(w) == acr) return false;
  }
  return acronym_fits(acronym, words);
}

// True when the acronym is the initials of the words, with or without the
// function words: KPU, BPOM (Badan Pengawas Obat dan Makanan).
bool is_initialism(std::string_view acronym, const std::vector<std::string>& words) {
  if (words.size() < 2 || words.size() > kMaxLongFormWords) return false;
  if (is_function_word(lower(words.front())) || is_function_word(lower(words.back()))) return false;
  std::string all, content;
  for (const std::string& w : words) {
    char initial = lower_ascii(w.front());
    all.push_back(initial);
    if (!is_function_word(lower(w))) content.push_back(initial);
  }
  std::string acr = lower(acronym);
  return acr == all || acr == content;
}

// The long-form words just before `end` (exclusive), nearest last, stopping
// at anything that is not a plain word (punctuation, digits, a line break).
std::vector<std::string> words_before(std::string_view text, std::size_t end, std::size_t limit) {
  std::vector<std::string> words;
  std::size_t i = end;
  while (words.size() < limit) {
    while (i > 0 && is_space(text[i - 1])) --i;
    std::size_t stop = i;
    while (i > 0 && !is_space(text[i - 1]) && text[i - 1] != '\n') --i;
    if (stop == i) break;
    std::string_view w = text.substr(i, stop - i);
    if (!is_long_form_word(w)) break;
    words.emplace_back(w);
  }
  std::reverse(words.begin(), words.end());
  return words;
}

}  // namespace

bool acronym_fits(std::string_view acronym, const std::vector<std::string>& long_form_words) {
  if (acronym.empty() || acronym.size() > kMaxAcronymBytes || long_form_words.size() > kMaxLongFormWords) {
    return false;
  }
  for (const std::string& w : long_form_words) {
    if (w.size() > kMaxWordBytes) return false;
  }
  return Fitter(acronym, long_form_words).fits();
}

std::vector<AcronymDefinition> find_acronym_definitions(std::string_view text) {
  std::vector<AcronymDefinition> found;
  std::vector<std::string> inner_words;
  for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
    std::size_t close = text.find_first_of("()\n", open + 1);
    if (close == std::string_view::npos || text[close] != ')' || close - open > kMaxParenthesisBytes) continue;
    std::string_view inner = text.substr(open + 1, close - open - 1);
    while (!inner.empty() && is_space(inner.front())) inner.remove_prefix(1);
    while (!inner.empty() && is_space(inner.back())) inner.remove_suffix(1);
    if (inner.empty()) continue;

    if (inner.find(' ') == std::string_view::npos) {
      // "Long Form (ACR)": the shortest run of preceding words that fits.
      if (!looks_like_acronym(inner)) continue;
      std::size_t limit = std::min(kMaxLongFormWords, std::max<std::size_t>(inner.size() + 5, 2 * inner.size()));
      // An exact initialism ("Akademi Angkatan Laut (AAL)") beats a shorter
      // looser fit ("Angkatan Laut").
      std::vector<std::string> before = words_before(text, open, limit);
      std::optional<std::string> shortest;
      std::optional<std::string> initialism;
      for (std::size_t n = 2; n <= before.size() && !initialism; ++n) {
        std::vector<std::string> candidate(before.end() - static_cast<std::ptrdiff_t>(n), before.end());
        if (is_initialism(inner, candidate)) initialism = join(candidate, 0, candidate.size());
        if (!shortest && fits_long_form(inner, candidate)) shortest = join(candidate, 0, candidate.size());
      }
      if (initialism || shortest) found.push_back({std::string(inner), initialism ? *initialism : *shortest});
      continue;
    }

    // "ACR (Long Form)": the word just before the parenthesis, the whole inside.
    std::vector<std::string> before = words_before(text, open, 1);
    if (before.empty() || !looks_like_acronym(before.front())) continue;
    if (!split_words(inner, inner_words)) continue;
    if (fits_long_form(before.front(), inner_words)) {
      found.push_back({before.front(), join(inner_words, 0, inner_words.size())});
    }
  }
  return found;
}

}  // namespace warta::indexer
