// analysis: how text becomes terms. The indexer and searchd both configure
// Xapian through these functions, so documents and queries always agree.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace warta {

enum class Language { kIndonesian, kEnglish, kOther };

// The language of an article: from its `lang` code when given ("id", "in",
// "ind", "en", "eng", any case; any other code is kOther), else detected
// from the text by counting the most frequent function words of each
// language (Indonesian when undecided: the archive is mostly Indonesian).
Language language_of(const std::string* lang_code, std::string_view title, std::string_view body);

// Detection alone; samples at most the first few kilobytes of `text`.
Language detect_language(std::string_view text);

// "id", "en" or "" for kOther.
std::string_view language_code(Language language);

// The stemmer for a language ("none" stemmer for kOther). The handle is to
// a stemmer owned by the calling thread: do not pass it to another thread.
Xapian::Stem stemmer_for(Language language);

// The curated stop word list of a language (empty for kOther). Shared,
// immutable after first use; thread-safe.
const Xapian::Stopper& stopper_for(Language language);

// True when `word` (lowercase) is a stop word of `language`.
bool is_stop_word(Language language, std::string_view word);

// Prepares a TermGenerator for one document of `language`: stemmer, STEM_SOME
// (unstemmed words with positions plus Z-prefixed stems), no stop words (they
// are applied only to queries).
void configure_term_generator(Xapian::TermGenerator& generator, Language language);

// How many terms a wildcard such as "kem*" expands to at most (the most
// frequent ones).
inline constexpr Xapian::termcount kMaxWildcardTerms = 100;

// The query syntax's range prefix: `date:FROM..TO`.
inline constexpr std::string_view kDateRangePrefix = "date:";

// Prepares a QueryParser for queries in `language`: the same stemmer and
// strategy as the indexer, stop words outside phrases, AND as the default
// operator, partial-free wildcards, and every schema field as a `name:`
// prefix (text fields) or a case-insensitive exact prefix (`lang:`), and
// `date:FROM..TO` ranges (YYYY-MM-DD, either end may be left out).
// `db` is used for wildcard expansion and may be empty (no expansion).
void configure_query_parser(Xapian::QueryParser& parser, Language language,
                            const Xapian::Database& db);

}  // namespace warta
