// acronyms: the table of acronyms and their long forms that both programs
// share: voted by the indexer from the pairs mined in the archive, stored
// in the index (schema::kMetaAcronyms), overridden by a curated file in
// searchd, and used to expand queries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace warta {

// A pair must be defined in at least this many articles to be trusted: a
// single article is as likely a typo or an ad hoc abbreviation.
inline constexpr std::uint64_t kMinAcronymSupport = 2;

enum class AcronymSource { kMined, kCurated };

struct AcronymEntry {
  std::string acronym;    // lowercase: "kemendagri"
  std::string long_form;  // lowercase, single spaces: "kementerian dalam negeri"
  AcronymSource source = AcronymSource::kMined;
  std::uint64_t support = 0;  // mined: articles defining this pair
  std::uint64_t votes = 0;    // mined: articles defining the acronym at all
};

// How many articles define `acronym` as `long_form` (both lowercase).
struct AcronymPairCount {
  std::string acronym;
  std::string long_form;
  std::uint64_t articles = 0;
};

// One line of the curated file. An empty long form ("-" in the file) means
// "never expand this acronym", whatever the archive says.
struct CuratedAcronym {
  std::string acronym;
  std::string long_form;
};

// "Kementerian  Dalam Negeri" -> "kementerian dalam negeri": how acronyms
// and long forms are compared everywhere.
std::string acronym_key(std::string_view text);

class AcronymTable {
 public:
  // The majority vote: for each acronym, the long form defined by the most
  // articles wins when it has at least `min_support` of them and strictly
  // more than any other long form (a tie is left out as ambiguous).
  static AcronymTable vote(const std::vector<AcronymPairCount>& counts, std::uint64_t min_support);

  // PERSISTED (schema::kMetaAcronyms): {"version": 1, "min_support": N,
  // "acronyms": [{"acronym", "long_form", "support", "votes"}...]}.
  std::string to_json() const;
  // The table stored by to_json(); an empty or unreadable text gives an
  // empty table (an index built before acronyms were mined).
  static AcronymTable from_json(std::string_view text);

  // Curated pairs replace what was mined for their acronyms.
  void apply_curated(const std::vector<CuratedAcronym>& curated);

  // The entry of an acronym (given as acronym_key), or nullptr.
  const AcronymEntry* find_acronym(std::string_view key) const;
  // The entries whose long form is `key`.
  std::vector<const AcronymEntry*> find_long_form(std::string_view key) const;
  // Most words in any long form (to bound phrase scans of a query).
  std::size_t max_long_form_words() const { return max_words_; }
  std::size_t size() const { return entries_.size(); }
  const std::vector<AcronymEntry>& entries() const { return entries_; }

 private:
  void add(AcronymEntry entry);
  void reindex();

  std::vector<AcronymEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_acronym_;
  std::unordered_multimap<std::string, std::size_t> by_long_form_;
  std::size_t max_words_ = 0;
};

// Reads the curated file: UTF-8 text, one pair per line, ACRONYM, a tab,
// then the long form ("-" to never expand the acronym); blank lines and
// lines starting with '#' are skipped. Throws std::runtime_error naming the
// file and line of a malformed line, or the file when it cannot be read.
std::vector<CuratedAcronym> read_curated_acronyms(const std::string& path);

}  // namespace warta
