// text_indexer: Xapian's TermGenerator word rules over bytes, with ASCII
// handled from a table.
#include "indexer/text_indexer.h"

#include <array>
#include <cstddef>

namespace warta::indexer {
namespace {

// TermGenerator's default max_word_length, in bytes.
constexpr std::size_t kMaxWordBytes = 64;

// An infix character that joins the two halves of a word but is not kept
// (zero-width spaces and joiners).
constexpr unsigned kIgnoredInfix = ~0u;

// Word characters (letters, digits, "_") lowercased; 0 for the others.
constexpr std::array<unsigned char, 128> kAsciiWordLower = [] {
  std::array<unsigned char, 128> table{};
  for (unsigned c = '0'; c <= '9'; ++c) table[c] = static_cast<unsigned char>(c);
  for (unsigned c = 'a'; c <= 'z'; ++c) table[c] = static_cast<unsigned char>(c);
  for (unsigned c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<unsigned char>(c - 'A' + 'a');
  table['_'] = '_';
  return table;
}();

struct Char {
  unsigned code = 0;
  unsigned bytes = 0;
};

// The character at p (p < end). Other than ASCII goes through Xapian's
// UTF-8 reader, so that malformed bytes read as TermGenerator reads them.
inline Char char_at(const char* p, const char* end) {
  auto byte = static_cast<unsigned char>(*p);
  if (byte < 0x80) return {byte, 1};
  Xapian::Utf8Iterator it(p, static_cast<std::size_t>(end - p));
  unsigned code = *it;
  ++it;
  return {code, static_cast<unsigned>(it.raw() - p)};
}

inline bool is_ascii_upper(unsigned code) { return code >= 'A' && code <= 'Z'; }

// The character lowercased if it belongs in a word, else 0.
inline unsigned word_char_lower(unsigned code) {
  if (code < 0x80) return kAsciiWordLower[code];
  return Xapian::Unicode::is_wordchar(code) ? Xapian::Unicode::tolower(code) : 0;
}

inline bool is_word_char(unsigned code) { return word_char_lower(code) != 0; }

inline bool is_digit(unsigned code) {
  if (code < 0x80) return code >= '0' && code <= '9';
  return Xapian::Unicode::get_category(code) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

inline bool is_ignored_infix(unsigned code) {
  return code >= 0x200b && (code <= 0x200d || code == 0x2060 || code == 0xfeff);
}

// Between two letters: apostrophes and "&" keep a word whole ("don't",
// "AT&T"), as do the middle dots Unicode's word rules name.
unsigned infix_between_letters(unsigned code) {
  if (code == '\'' || code == '&' || code == 0xb7 || code == 0x5f4 || code == 0x2027) return code;
  if (code == 0x2019 || code == 0x201b) return '\'';  // typographic apostrophes
  return is_ignored_infix(code) ? kIgnoredInfix : 0;
}

// Between two digits: the separators of numbers ("1.5", "1,000").
unsigned infix_between_digits(unsigned code) {
  switch (code) {
    case ',':
    case '.':
    case ';':
    case 0x037e:
    case 0x0589:
    case 0x060d:
    case 0x07f8:
    case 0x2044:
    case 0xfe10:
    case 0xfe13:
    case 0xfe14:
      return code;
    default:
      return is_ignored_infix(code) ? kIgnoredInfix : 0;
  }
}

inline void append(std::string& word, unsigned code) {
  if (code < 0x80) {
    word.push_back(static_cast<char>(code));
  } else {
    Xapian::Unicode::append_utf8(word, code);
  }
}

// Only words that start with a letter are stemmed (not "2019", "_x").
bool starts_with_letter(const std::string& word) {
  auto first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return first >= 'a' && first <= 'z';
  switch (Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word))) {
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

// Reads the word that starts at p with character c (a word character,
// lowercased: ch) into `word`; returns where reading goes on.
const char* read_word(const char* p, const char* end, Char c, unsigned ch, std::string& word) {
  word.clear();
  // Capital initials separated by full stops ("P.T.O.", "U.N") are one word
  // when there are at least two and no word character follows.
  if (is_ascii_upper(c.code)) {
    const char* q = p;
    while (true) {
      word.push_back(static_cast<char>(kAsciiWordLower[static_cast<unsigned char>(*q)]));
      ++q;
      if (q == end || *q != '.') break;
      ++q;
      if (q == end || !is_ascii_upper(static_cast<unsigned char>(*q))) break;
    }
    if (word.size() > 1 && (q == end || !is_word_char(char_at(q, end).code))) return q;
    word.clear();
  }

  while (true) {
    unsigned previous = 0;
    do {
      append(word, ch);
      previous = ch;
      p += c.bytes;
      if (p == end) return p;
      c = char_at(p, end);
      ch = word_char_lower(c.code);
    } while (ch != 0);

    // c is not a word character: it joins two halves of one word when a
    // word character follows and it is an infix for them.
    const char* next = p + c.bytes;
    if (next == end) break;
    Char after = char_at(next, end);
    unsigned after_ch = word_char_lower(after.code);
    if (after_ch == 0) break;
    unsigned infix = is_digit(previous) && is_digit(after.code) ? infix_between_digits(c.code)
                                                                 : infix_between_letters(c.code);
    if (infix == 0) break;
    if (infix != kIgnoredInfix) append(word, infix);
    p = next;
    c = after;
    ch = after_ch;
  }

  // Up to three trailing "+" or "#" ("C++", "C#"), unless a word character
  // follows them ("fish+chips" is two words).
  std::size_t length = word.size();
  unsigned count = 0;
  while (c.code == '+' || c.code == '#') {
    if (++count > 3) {
      word.resize(length);
      break;
    }
    word.push_back(static_cast<char>(c.code));
    p += c.bytes;
    if (p == end) return p;
    c = char_at(p, end);
  }
  if (is_word_char(c.code)) word.resize(length);
  return p;
}

}  // namespace

void TextIndexer::start(Xapian::Document& doc, const Xapian::Stem& stemmer) {
  doc_ = &doc;
  stemmer_ = stemmer;
  stemming_ = !stemmer.is_none();
  position_ = 0;
  stems_.clear();
}

void TextIndexer::index_text(std::string_view text, Xapian::termcount wdf_inc, std::string_view prefix) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (true) {
    Char c;
    unsigned ch = 0;
    while (true) {
      if (p == end) return;
      c = char_at(p, end);
      ch = word_char_lower(c.code);
      if (ch != 0) break;
      p += c.bytes;
    }
    p = read_word(p, end, c, ch, word_);
    add_word(word_, wdf_inc, prefix);
  }
}

void TextIndexer::add_word(const std::string& word, Xapian::termcount wdf_inc, std::string_view prefix) {
  if (word.size() > kMaxWordBytes) return;
  term_.assign(prefix);
  term_ += word;
  doc_->add_posting(term_, ++position_, wdf_inc);
  if (!stemming_) return;
  auto [entry, first_time] = stems_.try_emplace(term_);
  if (first_time && starts_with_letter(word)) {
    std::string stem = stemmer_(word);
    if (!stem.empty()) {
      entry->second.term.reserve(1 + prefix.size() + stem.size());
      entry->second.term = "Z";
      entry->second.term += prefix;
      entry->second.term += stem;
    }
  }
  entry->second.wdf += wdf_inc;
}

void TextIndexer::finish() {
  for (const auto& [word, stem] : stems_) {
    if (!stem.term.empty()) doc_->add_term(stem.term, stem.wdf);
  }
  stems_.clear();
  doc_ = nullptr;
}

}  // namespace warta::indexer
