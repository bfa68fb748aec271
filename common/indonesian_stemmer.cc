// indonesian_stemmer: affix candidates checked against a news lexicon.
#include "common/indonesian_stemmer.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "common/lexicon_data.h"
#include "common/word_list.h"

namespace warta {
namespace {

constexpr std::size_t kMinRoot = 3;
// A root seen this often on its own in the news text is a word, not an accident.
constexpr unsigned kMinAttested = 3;
// Three-letter roots are rare; a three-letter word (rap, ita) must be common to count.
constexpr unsigned kMinAttestedShort = 50;
// A root never seen alone (terap) is still one when it is the stem of this
// many lexicon words and takes -kan directly (terapkan); without that last
// test, the tail of a common word (kerja -> rja) would pass, and with -an
// instead of -kan, a root ending in -an would (simpan -> simp).
constexpr unsigned kMinSupport = 3;
constexpr int kMaxPrefixes = 2;
// A common word is not derived from a much rarer one that its letters
// happen to contain (tangan is not tang + -an, menang not meN- + tang;
// laporan, 33 times as common as lapor, is lapor + -an).
constexpr unsigned kMaxRarerRootRatio = 50;
constexpr int kMaxRounds = 4;
// 64Ki slots of two short strings: 4 MiB per thread (each searchd worker
// has one too); the common words of news text stay in it.
constexpr std::size_t kCacheSlots = 1 << 16;

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool is_plain_word(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

void strip_prefixes(const std::string& s, int affixes, int depth, bool suffix_i,
                    std::vector<IndonesianStemmer::Candidate>& out) {
  out.push_back({s, affixes, depth, suffix_i});
  if (depth == kMaxPrefixes) return;
  auto next = [&](std::string root) {
    if (root.size() >= kMinRoot) strip_prefixes(root, affixes + 1, depth + 1, suffix_i, out);
  };
  auto starts = [&](std::string_view p) { return s.size() > p.size() && s.compare(0, p.size(), p) == 0; };
  if (starts("di") || starts("ke")) next(s.substr(2));
  // se- before a three-letter word is rarely the prefix (sedia is not se- + dia).
  if (starts("se") && s.size() > 2 + kMinRoot) next(s.substr(2));
  if (starts("ber") || starts("ter") || starts("per")) next(s.substr(3));
  if (starts("be") || starts("te") || starts("pe")) next(s.substr(2));  // bekerja, terasa, pelatih
  if (starts("bel") || starts("pel")) next(s.substr(3));                // belajar, pelajar
  if (starts("me") && std::string_view("lmnrwy").find(s[2]) != std::string_view::npos) next(s.substr(2));  // melihat
  for (std::string_view p : {std::string_view("me"), std::string_view("pe")}) {
    if (!starts(p)) continue;
    std::string rest = s.substr(2);
    auto rest_starts = [&](std::string_view q) { return rest.size() > q.size() && rest.compare(0, q.size(), q) == 0; };
    if (rest_starts("ng")) {
      std::string root = rest.substr(2);
      next(root);  // mengambil -> ambil, menggunakan -> gunakan
      if (is_vowel(root[0])) next("k" + root);  // mengirim -> kirim
    } else if (rest_starts("ny")) {
      std::string root = rest.substr(2);
      if (is_vowel(root[0])) next("s" + root);  // menyapu -> sapu
    } else if (rest_starts("m")) {
      std::string root = rest.substr(1);
      if (is_vowel(root[0])) {
        next("p" + root);  // memilih -> pilih
        next("m" + root);  // pemain -> main
      } else if (std::string_view("bfpv").find(root[0]) != std::string_view::npos) {
        next(root);  // membaca -> baca
      }
    } else if (rest_starts("n")) {
      std::string root = rest.substr(1);
      if (is_vowel(root[0])) {
        next("t" + root);  // menulis -> tulis
        next("n" + root);  // menanti -> nanti
      } else if (std::string_view("cdjstz").find(root[0]) != std::string_view::npos) {
        next(root);  // mencari -> cari
      }
    }
  }
}

// Lexicon counts, protected words, and how many lexicon words each root
// candidate stems (its support): built once, read-only afterwards.
struct Lexicon {
  std::unordered_map<std::string, unsigned> counts;
  std::unordered_map<std::string, std::string> exceptions;  // word -> its stem (itself when protected)
  std::unordered_map<std::string, unsigned> support;

  static const Lexicon& get() {
    static const Lexicon lexicon;
    return lexicon;
  }

  unsigned count(const std::string& word) const {
    auto it = counts.find(word);
    return it == counts.end() ? 0 : it->second;
  }
  bool attested(const std::string& root) const {
    return count(root) >= (root.size() > kMinRoot ? kMinAttested : kMinAttestedShort);
  }
  bool supported(const std::string& root) const {
    return support_of(root) >= kMinSupport && count(root + "kan") >= kMinAttested;
  }
  unsigned support_of(const std::string& root) const {
    auto it = support.find(root);
    return it == support.end() ? 0 : it->second;
  }

 private:
  Lexicon() {
    for (std::string_view line : list_entries(lexicon::kIndonesianWordCounts)) {
      auto tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      counts.emplace(std::string(line.substr(0, tab)), static_cast<unsigned>(std::stoul(std::string(line.substr(tab + 1)))));
    }
    for (std::string_view line : list_entries(lexicon::kIndonesianStemExceptions)) {
      auto space = line.find(' ');
      std::string word(line.substr(0, space));
      exceptions[word] = space == std::string_view::npos ? word : std::string(line.substr(space + 1));
    }
    for (const auto& [word, n] : counts) {
      std::unordered_set<std::string> seen;
      for (const auto& c : IndonesianStemmer::candidates(word)) {
        if (seen.insert(c.root).second) ++support[c.root];
      }
    }
  }
};

}  // namespace

std::vector<IndonesianStemmer::Candidate> IndonesianStemmer::candidates(std::string_view word) {
  std::vector<Candidate> forms{{std::string(word), 0, 0, false}};
  auto take_suffix = [](const Candidate& from, std::string_view suffix, std::vector<Candidate>& into) {
    const std::string& w = from.root;
    if (w.size() >= suffix.size() + kMinRoot && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) {
      into.push_back({w.substr(0, w.size() - suffix.size()), from.affixes + 1, 0, suffix == "i"});
    }
  };
  for (std::string_view particle : {"lah", "kah", "tah", "pun"}) take_suffix(forms[0], particle, forms);
  for (std::size_t i = 0, n = forms.size(); i < n; ++i) {
    for (std::string_view possessive : {"nya", "ku", "mu"}) take_suffix(forms[i], possessive, forms);
  }
  for (std::size_t i = 0, n = forms.size(); i < n; ++i) {
    for (std::string_view suffix : {"kan", "an", "i"}) take_suffix(forms[i], suffix, forms);
  }
  std::vector<Candidate> out;
  for (const Candidate& form : forms) strip_prefixes(form.root, form.affixes, 0, form.suffix_i, out);
  out.erase(std::remove_if(out.begin(), out.end(), [](const Candidate& c) { return c.affixes == 0; }), out.end());
  return out;
}

IndonesianStemmer::IndonesianStemmer() : snowball_("indonesian"), cache_(kCacheSlots) { Lexicon::get(); }

std::string IndonesianStemmer::choose(const std::string& word) {
  const Lexicon& lexicon = Lexicon::get();
  if (auto it = lexicon.exceptions.find(word); it != lexicon.exceptions.end()) return it->second;
  auto is_exception = [&](const std::string& root) { return lexicon.exceptions.count(root) > 0; };
  // Fewest affixes first, of them fewest prefixes (kemenangan is ke-menang-an,
  // not ke-meN-tangan); then a curated word, a root of more than three
  // letters (ajakan is ajak + -an, not aja + -kan), the more common root.
  auto rank = [&](const Candidate& c) {
    return std::make_tuple(-c.affixes, -c.prefixes, is_exception(c.root), c.root.size() > kMinRoot, lexicon.count(c.root),
                           lexicon.support_of(c.root), c.root);
  };
  auto all = candidates(word);
  const Candidate* best = nullptr;
  for (const Candidate& c : all) {
    bool plausible = is_exception(c.root) || lexicon.attested(c.root) || lexicon.supported(c.root);
    // -i alone is mostly the end of a root (ramai, nanti, pagi); it is the
    // suffix when the root is the commoner word (akhiri -> akhir, atasi -> atas).
    if (c.suffix_i && c.prefixes == 0 && !is_exception(c.root) && lexicon.count(c.root) < lexicon.count(word)) {
      plausible = false;
    }
    if (plausible && !is_exception(c.root) && lexicon.count(c.root) > 0 &&
        lexicon.count(word) > kMaxRarerRootRatio * lexicon.count(c.root)) {
      plausible = false;
    }
    if (plausible && (best == nullptr || rank(c) > rank(*best))) best = &c;
  }
  return best != nullptr ? best->root : word;
}

std::string IndonesianStemmer::operator()(const std::string& word) {
  CachedStem& entry = cache_[std::hash<std::string>{}(word) & (kCacheSlots - 1)];
  if (!entry.word.empty() && entry.word == word) return entry.stem;
  std::string stem = stem_uncached(word);
  entry.word = word;
  entry.stem = stem;
  return stem;
}

std::string IndonesianStemmer::stem_uncached(const std::string& word) {
  if (word.size() <= kMinRoot || !is_plain_word(word)) return snowball_(word);
  std::string current = word;
  for (int round = 0; round < kMaxRounds; ++round) {
    std::string next = choose(current);
    if (next == current) break;
    current = std::move(next);
  }
  const Lexicon& lexicon = Lexicon::get();
  if (current == word && lexicon.count(word) == 0 && !lexicon.exceptions.count(word)) {
    return snowball_(word);  // nothing known of the word: Snowball's rules are the best guess
  }
  return current;
}

Xapian::Stem snowball_indonesian() { return Xapian::Stem("indonesian"); }

}  // namespace warta
