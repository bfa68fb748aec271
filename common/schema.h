// schema: the index contract. Every term prefix, value slot and metadata key
// lives here and nowhere else. Renumbering a slot or renaming a prefix breaks
// existing indexes: bump kSchemaVersion and reindex.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace warta::schema {

// PERSISTED: stored in every index as kMetaSchemaVersion. Bump on any change
// to prefixes, slots, the document data format or the analysis of text.
// 2: Warta's Indonesian stemmer, old-spelling terms, acronym pairs, near-duplicate slots;
// 3: the sort date in UTC when the offset is written.
inline constexpr int kSchemaVersion = 3;

// Metadata keys (Xapian user metadata). PERSISTED.
inline constexpr std::string_view kMetaSchemaVersion = "warta.schema_version";
inline constexpr std::string_view kMetaWriterVersion = "warta.writer_version";
inline constexpr std::string_view kMetaLastCommit = "warta.last_commit";
// One key per input file the indexer has read, followed by a key of the
// file's path (see file_record_key()); the value is the file's record
// (path, size, mtime, content hash) as JSON. Added without a schema bump:
// an index without them just has every file read again.
inline constexpr std::string_view kMetaFileRecordPrefix = "warta.file.";
// The voted acronym table (JSON, see common/acronyms.h), rewritten at the
// end of every indexing run from the pair terms (acronym_pair_term).
inline constexpr std::string_view kMetaAcronyms = "warta.acronyms";

// Value slots. PERSISTED: never renumber.
enum class Slot : Xapian::valueno {
  kSortDate = 0,  // "YYYYMMDDhhmmss" (see sort_key in dates.h): UTC when the offset is known
  kDay = 1,       // "YYYYMMDD" as written, for date ranges
  kYear = 2,      // "YYYY", year facet
  kMonth = 3,     // "YYYY-MM", month facet
  kSource = 4,    // facet value (normalised, see facet_value())
  kSection = 5,
  kLang = 6,
  kLocation = 7,
  kAuthors = 8,  // facet values joined by kListSeparator
  kTags = 9,
  kId = 10,  // the article id, so that sorts can break ties by id
  kNearDupFingerprint = 11,  // 64-bit SimHash of the body, 16 lowercase hex digits
  kDupCluster = 12,  // near-duplicate group key (an article id); absent when alone
};
inline constexpr char kListSeparator = '\n';

constexpr Xapian::valueno slot(Slot s) { return static_cast<Xapian::valueno>(s); }

// The fields a user can name: in queries as `name:words`, in filters and
// facets by name. `text_prefix` holds the field's words (probabilistic,
// stemmed like body text); `exact_prefix` holds its whole normalised value
// as one boolean term, for filters. Either may be empty when not applicable.
struct FieldSpec {
  std::string_view name;
  std::string_view text_prefix;
  std::string_view exact_prefix;
  std::optional<Slot> facet_slot;
  bool multi_valued;
};

// All fields, in display order: title, source, section, author, location,
// lang, tag.
std::span<const FieldSpec> fields();

// The field called `name`, or nullptr.
const FieldSpec* find_field(std::string_view name);

// Body text carries no prefix; title words are also indexed unprefixed, with
// this extra within-document frequency, so a title match outranks a body one.
inline constexpr Xapian::termcount kTitleWeight = 5;

// Term makers: the only way any code spells a term.
std::string id_term(std::string_view id);               // "Q" + id
std::string exact_term(const FieldSpec& field, std::string_view value);  // prefix + facet_key(value)
std::string year_term(int year);                         // "Y2022"
std::string month_term(int year, int month);             // "M202203"
std::string day_term(int year, int month, int day);      // "D20220330"
// The fewest year, month and day terms whose articles are exactly those
// published from the first day to the last, inclusive (empty when the
// first is after the last): a date filter as a few boolean posting lists,
// where a value range would read the date of every candidate.
struct CalendarDay {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CalendarDay&) const = default;
};
std::vector<std::string> date_range_terms(CalendarDay first, CalendarDay last);
// Every document read from a file carries one boolean term naming the file
// and its content: source_file_prefix(path_key) + content_key. Articles of
// a file that is gone, or left over from an older version of a file, are
// found by these terms (warta-indexer --prune).
std::string source_file_prefix(std::string_view path_key);
std::string source_file_term(std::string_view path_key, std::string_view content_key);
std::string file_record_key(std::string_view path_key);
std::string_view id_prefix();
std::string_view year_prefix();
std::string_view month_prefix();
std::string_view day_prefix();
std::string_view title_prefix();
// The prefix Xapian puts before stemmed terms ("Z" + field prefix + stem);
// fixed by Xapian, named here so that no other file spells it.
std::string_view stem_prefix();

// Acronym definitions found in an article ("Komisi Pemilihan Umum (KPU)"):
// one boolean term per distinct pair, so that the index itself counts the
// articles supporting each pair, through replacements and deletions.
// Both parts lowercase; the long form's words joined by single spaces.
std::string acronym_pair_term(std::string_view acronym, std::string_view long_form);
std::string_view acronym_pair_prefix();
inline constexpr char kAcronymPairSeparator = '\t';

// Near-duplicate group membership: its prefix + group key (see Slot::kDupCluster).
std::string dup_cluster_term(std::string_view cluster_key);
std::string_view dup_cluster_prefix();

// The key a facet value is matched by: NFC-cleaned value, lowercased
// (ASCII and Latin letters), so filters ignore case.
std::string facet_key(std::string_view value);

// The value a facet shows, from a raw field value: white space collapsed;
// `source`, `lang` and `tag` lowercased; a `section` or `location` written
// all in capitals or all in lower case is put in title case ("JAKARTA" ->
// "Jakarta"), so variants of one place count together.
std::string facet_value(const FieldSpec& field, std::string_view raw);

// Longest id accepted: Xapian terms are limited to 245 bytes.
inline constexpr std::size_t kMaxIdBytes = 200;

}  // namespace warta::schema
