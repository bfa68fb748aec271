// acronym_expansion: rewrites of the query text, parsed like the original.
#include "searchd/acronym_expansion.h"

#include <algorithm>

namespace warta::searchd {
namespace {

enum class Kind { kWord, kPhrase, kOther };

struct Segment {
  std::string text;  // as written (a phrase with its quotes)
  Kind kind = Kind::kOther;
  std::string key;   // acronym_key of the word or the phrase's inside
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_plain_word(std::string_view w) {
  if (w.empty()) return false;
  for (char ch : w) {
    auto c = static_cast<unsigned char>(ch);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '-';
    if (!ok) return false;
  }
  return w.front() != '-';
}

bool is_operator(std::string_view w) { return w == "OR" || w == "AND" || w == "NOT" || w == "XOR"; }

std::vector<Segment> split(const std::string& q) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < q.size()) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (q[i] == '"') {
      std::size_t close = q.find('"', i + 1);
      std::size_t end = close == std::string::npos ? q.size() : close + 1;
      std::string inside = q.substr(i + 1, (close == std::string::npos ? q.size() : close) - i - 1);
      out.push_back({q.substr(start, end - start), Kind::kPhrase, acronym_key(inside)});
      i = end;
      continue;
    }
    while (i < q.size() && !is_space(q[i]) && q[i] != '"') ++i;
    // A field prefix runs into its quoted value: title:"..." stays as written.
    if (i < q.size() && q[i] == '"' && q[i - 1] == ':') {
      std::size_t close = q.find('"', i + 1);
      i = close == std::string::npos ? q.size() : close + 1;
      out.push_back({q.substr(start, i - start), Kind::kOther, {}});
      continue;
    }
    std::string word = q.substr(start, i - start);
    Kind kind = is_plain_word(word) && !is_operator(word) ? Kind::kWord : Kind::kOther;
    std::string key = kind == Kind::kWord ? acronym_key(word) : std::string();
    out.push_back({std::move(word), kind, std::move(key)});
  }
  return out;
}

// A replacement of segments [begin, end) by `text`.
struct Rewrite {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

std::vector<Rewrite> find_rewrites(const std::vector<Segment>& segments, const AcronymTable& table) {
  std::vector<Rewrite> rewrites;
  std::size_t max_words = table.max_long_form_words();
  std::size_t i = 0;
  while (i < segments.size()) {
    bool negated = i > 0 && segments[i - 1].text == "NOT";
    const Segment& s = segments[i];
    if (negated || s.kind == Kind::kOther) {
      ++i;
      continue;
    }
    if (s.kind == Kind::kPhrase) {
      auto acronyms = table.find_long_form(s.key);
      if (!acronyms.empty()) rewrites.push_back({i, i + 1, acronyms.front()->acronym});
      ++i;
      continue;
    }
    // The longest run of plain words from here that is a long form.
    std::size_t best_end = 0;
    const AcronymEntry* best = nullptr;
    std::string run;
    for (std::size_t j = i; j < segments.size() && j - i < max_words && segments[j].kind == Kind::kWord; ++j) {
      if (j > i) run.push_back(' ');
      run += segments[j].key;
      if (j == i) continue;  // a long form has two words or more
      auto acronyms = table.find_long_form(run);
      if (!acronyms.empty()) {
        best = acronyms.front();
        best_end = j + 1;
      }
    }
    if (best != nullptr) {
      rewrites.push_back({i, best_end, best->acronym});
      i = best_end;
      continue;
    }
    if (const AcronymEntry* e = table.find_acronym(s.key)) rewrites.push_back({i, i + 1, "\"" + e->long_form + "\""});
    ++i;
  }
  return rewrites;
}

std::string apply(const std::vector<Segment>& segments, const std::vector<Rewrite>& rewrites, unsigned mask) {
  std::string out;
  std::size_t r = 0;
  for (std::size_t i = 0; i < segments.size();) {
    while (r < rewrites.size() && rewrites[r].end <= i) ++r;
    bool chosen = r < rewrites.size() && rewrites[r].begin == i && (mask & (1U << r)) != 0;
    if (!out.empty()) out.push_back(' ');
    if (chosen) {
      out += rewrites[r].text;
      i = rewrites[r].end;
    } else {
      out += segments[i].text;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> acronym_alternatives(const std::string& q, const AcronymTable& table) {
  if (table.size() == 0) return {};
  std::vector<Segment> segments = split(q);
  std::vector<Rewrite> rewrites = find_rewrites(segments, table);
  std::vector<std::string> out;
  if (rewrites.empty()) return out;
  std::size_t n = std::min<std::size_t>(rewrites.size(), 31);
  if (n <= kMaxCombinedExpansions) {
    for (unsigned mask = 1; mask < (1U << n); ++mask) out.push_back(apply(segments, rewrites, mask));
  } else {
    for (unsigned k = 0; k < n; ++k) out.push_back(apply(segments, rewrites, 1U << k));
    out.push_back(apply(segments, rewrites, (1U << n) - 1));
  }
  return out;
}

Xapian::Query expand_acronyms(const Xapian::Query& literal, const std::string& q, const AcronymTable& table,
                              const std::function<Xapian::Query(const std::string&)>& parse) {
  std::vector<Xapian::Query> alternatives;
  for (const std::string& alternative : acronym_alternatives(q, table)) {
    Xapian::Query parsed = parse(alternative);
    if (!parsed.empty()) alternatives.push_back(parsed);
  }
  if (alternatives.empty()) return literal;
  Xapian::Query expansions(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  return Xapian::Query(Xapian::Query::OP_OR, literal,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansions, kExpansionWeight));
}

}  // namespace warta::searchd
