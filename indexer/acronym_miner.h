// acronym_miner: finds inline acronym definitions in article text, such as
// "Komisi Pemilihan Umum (KPU)" and "Kemendagri (Kementerian Dalam Negeri)".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace warta::indexer {

struct AcronymDefinition {
  std::string acronym;    // as written: "KPU", "Kemendagri"
  std::string long_form;  // as written, words joined by single spaces
};

// True when `acronym` can be spelled from `long_form_words`, in order: each
// word that is not a function word (dan, dari, of, the...) gives at least
// one letter, its first letter taken at the word's start or at a syllable
// onset (a consonant between vowels), further letters from later in the
// same word. So initialisms (KPU = Komisi Pemilihan Umum) and syllabic acronyms
// (Kemendagri = Kementerian Dalam Negeri, Polda = Kepolisian Daerah) match;
// the first and last words must give letters. Case is ignored.
bool acronym_fits(std::string_view acronym, const std::vector<std::string>& long_form_words);

// Every definition in `text` of the two forms "Long Form (ACR)" and
// "ACR (Long Form)". For the first, the shortest run of words before the
// parenthesis that fits is taken (Schwartz-Hearst style); a long form never
// crosses punctuation or a line. Definitions are returned in text order,
// repeats included.
std::vector<AcronymDefinition> find_acronym_definitions(std::string_view text);

}  // namespace warta::indexer
