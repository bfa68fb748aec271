// old_spelling: the letter rules of the spelling reform, the evidence an
// article gives, and the curated names that keep the old letters.
#include "common/old_spelling.h"

#include <unordered_set>

#include "common/analysis.h"
#include "common/old_spelling_data.h"
#include "common/word_list.h"

namespace warta {
namespace {

const std::unordered_set<std::string_view>& kept_names() {
  static const std::unordered_set<std::string_view> names = [] {
    auto entries = list_entries(old_spelling_data::kKeptNames);
    return std::unordered_set<std::string_view>(entries.begin(), entries.end());
  }();
  return names;
}

// Letter pairs that only the old spellings write (nj and ch are left out:
// modern words have them too, as in "menjadi", "banjir", "chip").
bool has_marker_pair(std::string_view word) {
  for (std::string_view pair : {"dj", "tj", "sj", "oe"}) {
    if (word.find(pair) != std::string_view::npos) return true;
  }
  return false;
}

bool is_number(std::string_view word) {
  return !word.empty() && word.front() >= '0' && word.front() <= '9';
}

// Every rewrite of modern_spelling needs a "j", "ch" or "oe".
bool may_be_old_spelling(std::string_view word) {
  return word.find('j') != std::string_view::npos || word.find("ch") != std::string_view::npos ||
         word.find("oe") != std::string_view::npos;
}

}  // namespace

bool is_kept_old_name(std::string_view word) { return kept_names().contains(word); }

std::optional<std::string> modern_spelling(std::string_view word) {
  if (!may_be_old_spelling(word) || is_kept_old_name(word)) return std::nullopt;
  std::string out;
  out.reserve(word.size() + 2);
  bool changed = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    char next = i + 1 < word.size() ? word[i + 1] : '\0';
    const char* replacement = nullptr;
    if (c == 'd' && next == 'j') replacement = "j";
    else if (c == 't' && next == 'j') replacement = "c";
    else if (c == 's' && next == 'j') replacement = "sy";
    else if (c == 'n' && next == 'j') replacement = "ny";
    else if (c == 'c' && next == 'h') replacement = "kh";
    else if (c == 'o' && next == 'e') replacement = "u";
    if (replacement != nullptr) {
      out += replacement;
      ++i;
      changed = true;
    } else if (c == 'j') {
      out.push_back('y');
      changed = true;
    } else {
      out.push_back(c);
    }
  }
  if (!changed) return std::nullopt;
  return out;
}

void count_old_spelling_word(OldSpellingEvidence& evidence, std::string_view word, std::size_t count) {
  if (word.empty() || is_number(word)) return;
  evidence.words += count;
  // Most words: checked without a look-up or a copy (the indexer asks this
  // of every term of every article).
  if (!may_be_old_spelling(word)) return;
  if (is_kept_old_name(word) || is_stop_word(Language::kIndonesian, word)) return;
  auto modern = modern_spelling(word);
  if (!modern) return;
  if (is_stop_word(Language::kIndonesian, *modern)) {
    evidence.function_words += count;
  } else if (has_marker_pair(word)) {
    evidence.marker_words += count;
  }
}

bool is_old_spelling(const OldSpellingEvidence& e, const std::optional<PublishedDate>& published) {
  if (e.function_words >= kMinFunctionWords &&
      static_cast<double>(e.function_words) >= kMinFunctionWordShare * static_cast<double>(e.words)) {
    return true;
  }
  bool before_reform =
      published && days_from_civil(published->year, published->month, published->day) <
                       days_from_civil(kSpellingReformYear, kSpellingReformMonth, kSpellingReformDay);
  return before_reform && (e.function_words >= 1 || e.marker_words >= kMinMarkerWordsBeforeReform);
}

}  // namespace warta
