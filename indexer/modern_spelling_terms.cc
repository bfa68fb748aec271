// modern_spelling_terms: modern spellings as extra terms, at the positions of
// the old words, so that phrases work across spellings.
#include "indexer/modern_spelling_terms.h"

#include <string>
#include <vector>

#include "common/schema.h"

namespace warta::indexer {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// The text prefixes: none (title and body words) and each field's.
const std::vector<std::string>& text_prefixes() {
  static const std::vector<std::string> prefixes = [] {
    std::vector<std::string> out{""};
    for (const schema::FieldSpec& f : schema::fields()) {
      if (!f.text_prefix.empty()) out.emplace_back(f.text_prefix);
    }
    return out;
  }();
  return prefixes;
}

// The text prefix `term` is a word under (the longest), or nullopt for other
// terms (stems, exact values, ids, dates).
std::optional<std::string> text_prefix_of(const std::string& term) {
  if (term.empty()) return std::nullopt;
  if (!is_upper(term[0])) return std::string();
  std::optional<std::string> best;
  for (const std::string& p : text_prefixes()) {
    if (p.empty() || term.size() <= p.size() || term.compare(0, p.size(), p) != 0) continue;
    if (is_upper(term[p.size()])) continue;
    if (!best || p.size() > best->size()) best = p;
  }
  return best;
}

struct ModernTerm {
  std::string prefix;
  std::string word;
  Xapian::termcount wdf = 0;
  std::vector<Xapian::termpos> positions;
};

}  // namespace

OldSpellingEvidence old_spelling_evidence(const Xapian::Document& doc) {
  OldSpellingEvidence evidence;
  // Words are the lowercase terms: prefixed terms, stems ("Z...") and
  // numbers sort before "a", and are not read.
  auto t = doc.termlist_begin();
  t.skip_to("a");
  for (; t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || is_upper(term[0])) continue;
    count_old_spelling_word(evidence, term, t.positionlist_count());
  }
  return evidence;
}

bool add_modern_spellings(Xapian::Document& doc, Language language,
                          const std::optional<PublishedDate>& published) {
  if (language != Language::kIndonesian) return false;
  if (!is_old_spelling(old_spelling_evidence(doc), published)) return false;

  // Collected first: the term list may not change while it is read.
  std::vector<ModernTerm> additions;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    auto prefix = text_prefix_of(term);
    if (!prefix) continue;
    auto modern = modern_spelling(std::string_view(term).substr(prefix->size()));
    if (!modern) continue;
    ModernTerm m{*prefix, *modern, t.get_wdf(), {}};
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) m.positions.push_back(*p);
    additions.push_back(std::move(m));
  }
  Xapian::Stem stemmer = stemmer_for(language);
  for (const ModernTerm& m : additions) {
    std::string term = m.prefix + m.word;
    for (Xapian::termpos pos : m.positions) doc.add_posting(term, pos, 0);
    doc.add_term(term, m.wdf);
    // The stem, as the TermGenerator would have made it (STEM_SOME).
    doc.add_term(std::string(schema::stem_prefix()) + m.prefix + stemmer(m.word), m.wdf);
  }
  return true;
}

}  // namespace warta::indexer
