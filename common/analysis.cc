// analysis: language choice, stemmers, stop words and the shared
// TermGenerator / QueryParser set-up.
#include "common/analysis.h"

#include "common/indonesian_stemmer.h"

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_set>

#include "common/date_filter.h"
#include "common/dates.h"
#include "common/schema.h"
#include "common/word_list.h"
#include "common/stopwords_data.h"
#include "common/text_clean.h"
#include "common/unweighted_query.h"

namespace warta {
namespace {

// The most frequent function words of each language in news text; enough
// to tell Indonesian from English on a paragraph.
constexpr std::array<std::string_view, 24> kIndonesianMarkers{
    "yang", "dan",  "di",   "ini",  "itu",   "dengan", "untuk", "dari",
    "dalam", "tidak", "akan", "pada", "juga", "ke",    "karena", "adalah",
    "oleh", "atau", "ada",  "bisa", "sudah", "mereka", "telah", "kata"};
constexpr std::array<std::string_view, 24> kEnglishMarkers{
    "the", "and",  "of",   "to",  "in",  "is",  "that", "for", "it",   "was",  "on",   "with",
    "as",  "by",   "be",   "are", "at",  "this", "from", "have", "has", "he", "said", "but"};

constexpr std::size_t kDetectBytes = 4096;

std::unique_ptr<Xapian::SimpleStopper> make_stopper(std::string_view list) {
  auto stopper = std::make_unique<Xapian::SimpleStopper>();
  for (std::string_view word : list_entries(list)) stopper->add(std::string(word));
  return stopper;
}

const Xapian::SimpleStopper& indonesian_stopper() {
  static const auto stopper = make_stopper(stopwords::kIndonesian);
  return *stopper;
}

const Xapian::SimpleStopper& english_stopper() {
  static const auto stopper = make_stopper(stopwords::kEnglish);
  return *stopper;
}

const Xapian::SimpleStopper& no_stopper() {
  static const Xapian::SimpleStopper stopper;
  return stopper;
}

// Matches `lang:ID` case-insensitively against the exact-value terms, as a
// filter (unweighted_query.h).
class ExactValueProcessor : public Xapian::FieldProcessor {
 public:
  explicit ExactValueProcessor(const schema::FieldSpec& field) : field_(field) {}
  Xapian::Query operator()(const std::string& value) override {
    return unweighted(Xapian::Query(schema::exact_term(field_, value)));
  }

 private:
  const schema::FieldSpec& field_;
};

// `date:2022-03-01..2022-03-31` (either end may be left out) as the
// calendar terms of date_filter.h; other date spellings Xapian's
// DateRangeProcessor reads (20220301, 01/03/2022) compare the day value.
class DayRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DayRangeProcessor(const Xapian::Database& db)
      : Xapian::RangeProcessor(schema::slot(schema::Slot::kDay), std::string(kDateRangePrefix)),
        db_(db),
        by_value_(slot, std::string(kDateRangePrefix)) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    auto day = [](const std::string& text) -> std::optional<std::optional<schema::CalendarDay>> {
      if (text.empty()) return std::optional<schema::CalendarDay>();  // open end
      std::optional<PublishedDate> d = text.size() == 10 ? parse_iso_date(text) : std::nullopt;
      if (!d) return std::nullopt;  // not YYYY-MM-DD
      return std::optional<schema::CalendarDay>(schema::CalendarDay{d->year, d->month, d->day});
    };
    auto first = day(begin);
    auto last = day(end);
    // A value range reads no term's postings: it needs no unweighted().
    if (!first || !last || (!*first && !*last)) return by_value_(begin, end);
    return unweighted(date_filter_query(*first, *last, db_));
  }

 private:
  Xapian::Database db_;
  Xapian::DateRangeProcessor by_value_;
};

}  // namespace

Language detect_language(std::string_view text) {
  text = text.substr(0, std::min(text.size(), kDetectBytes));
  int indonesian = 0;
  int english = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (std::find(kIndonesianMarkers.begin(), kIndonesianMarkers.end(), word) !=
        kIndonesianMarkers.end())
      ++indonesian;
    if (std::find(kEnglishMarkers.begin(), kEnglishMarkers.end(), word) != kEnglishMarkers.end())
      ++english;
    word.clear();
  };
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      word.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c >= 'a' && c <= 'z') {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return english > indonesian ? Language::kEnglish : Language::kIndonesian;
}

Language language_of(const std::string* lang_code, std::string_view title, std::string_view body) {
  if (lang_code != nullptr && !lang_code->empty()) {
    std::string code;
    for (char c : *lang_code) {
      if (c == '-' || c == '_') break;  // "id-ID" -> "id"
      code.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (code == "id" || code == "in" || code == "ind") return Language::kIndonesian;
    if (code == "en" || code == "eng") return Language::kEnglish;
    return Language::kOther;
  }
  std::string sample(title);
  sample.push_back('\n');
  sample.append(body.substr(0, std::min(body.size(), kDetectBytes)));
  return detect_language(sample);
}

std::string_view language_code(Language language) {
  switch (language) {
    case Language::kIndonesian:
      return "id";
    case Language::kEnglish:
      return "en";
    case Language::kOther:
      break;
  }
  return "";
}

Xapian::Stem stemmer_for(Language language) {
  // Snowball stemmers keep state while stemming, so each thread has its own;
  // building one per document would cost more than the stemming.
  thread_local const Xapian::Stem indonesian(new IndonesianStemmer());
  thread_local const Xapian::Stem english("english");
  thread_local const Xapian::Stem none("none");
  switch (language) {
    case Language::kIndonesian:
      return indonesian;
    case Language::kEnglish:
      return english;
    case Language::kOther:
      break;
  }
  return none;
}

const Xapian::Stopper& stopper_for(Language language) {
  switch (language) {
    case Language::kIndonesian:
      return indonesian_stopper();
    case Language::kEnglish:
      return english_stopper();
    case Language::kOther:
      break;
  }
  return no_stopper();
}

bool is_stop_word(Language language, std::string_view word) {
  return stopper_for(language)(std::string(word));
}

void configure_term_generator(Xapian::TermGenerator& generator, Language language) {
  generator.set_stemmer(stemmer_for(language));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void configure_query_parser(Xapian::QueryParser& parser, Language language,
                            const Xapian::Database& db) {
  parser.set_stemmer(stemmer_for(language));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&stopper_for(language));
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_database(db);
  // "kem*" must not turn into thousands of terms: keep the most frequent.
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  // date:2022-03-01..2022-03-31, open at either end.
  parser.add_rangeprocessor((new DayRangeProcessor(db))->release());
  for (const schema::FieldSpec& field : schema::fields()) {
    if (!field.text_prefix.empty()) {
      parser.add_prefix(std::string(field.name), std::string(field.text_prefix));
    } else if (!field.exact_prefix.empty()) {
      parser.add_boolean_prefix(std::string(field.name), (new ExactValueProcessor(field))->release());
    }
  }
}

}  // namespace warta
