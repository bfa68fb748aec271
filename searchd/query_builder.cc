// query_builder: the text query in both languages, then the filters.
#include "searchd/query_builder.h"

#include <map>
#include <sstream>
#include <vector>

#include "common/analysis.h"
#include "common/date_filter.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/schema.h"
#include "searchd/acronym_expansion.h"
#include "searchd/query_ranges.h"
#include "searchd/relaxed_ranking.h"

namespace warta::searchd {
namespace {

Xapian::Query parse_text(const std::string& q, Language language, const Xapian::Database& db) {
  Xapian::QueryParser parser;
  configure_query_parser(parser, language, db);
  return parser.parse_query(q, query_parser_flags());
}

// The English reading where it differs, kept out of articles indexed as
// Indonesian: the English stem of "tulis" (to write) is "tuli", which is
// also the Indonesian word for deaf.
Xapian::Query outside_indonesian(const Xapian::Query& english) {
  static const std::string indonesian_articles =
      schema::exact_term(*schema::find_field("lang"), language_code(Language::kIndonesian));
  return Xapian::Query(Xapian::Query::OP_AND_NOT, english, Xapian::Query(indonesian_articles));
}

// The Indonesian and English readings of one query as one query. The two
// parse the same syntax, so where their shapes agree they differ only in
// the stems of some words: those words become the OR of their two stems,
// and the rest is kept once. OR-ing the two whole readings instead would
// count every word that stems alike in both languages twice ("sebanyak OR
// jadi" weighed "jadi" double, and read its postings twice), and would let
// an exclusion that stems differently match through the other reading.
// Where the shapes differ (a stop word of one language only, a phrase),
// the two readings are OR-ed, the English one outside Indonesian articles.
Xapian::Query merged_readings(const Xapian::Query& indonesian, const Xapian::Query& english) {
  if (indonesian.get_description() == english.get_description()) return indonesian;
  Xapian::Query::op type = indonesian.get_type();
  std::size_t parts = indonesian.get_num_subqueries();
  bool same_shape = type == english.get_type() && parts == english.get_num_subqueries() && parts > 0 &&
                    (type == Xapian::Query::OP_AND || type == Xapian::Query::OP_OR ||
                     type == Xapian::Query::OP_AND_NOT || type == Xapian::Query::OP_AND_MAYBE ||
                     type == Xapian::Query::OP_FILTER);
  if (!same_shape) return Xapian::Query(Xapian::Query::OP_OR, indonesian, outside_indonesian(english));
  std::vector<Xapian::Query> merged;
  merged.reserve(parts);
  for (std::size_t i = 0; i < parts; ++i) {
    merged.push_back(merged_readings(indonesian.get_subquery(i), english.get_subquery(i)));
  }
  return Xapian::Query(type, merged.begin(), merged.end());
}

// Words of `q` that no article contains, replaced by the closest word of the
// spelling dictionary. Only plain words are looked at (no operators, field
// prefixes or quotes); a word the index has is never "corrected".
std::optional<std::string> spelling_suggestion(const std::string& q, const Xapian::Database& db) {
  std::istringstream words(q);
  std::string word, suggestion;
  bool changed = false;
  while (words >> word) {
    std::string lower = word;
    bool plain = true;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      auto u = static_cast<unsigned char>(c);
      if (!((u >= 'a' && u <= 'z') || u >= 0x80)) plain = false;
    }
    if (plain && lower != "or" && lower != "and" && lower != "not" && db.get_termfreq(lower) == 0) {
      std::string better = db.get_spelling_suggestion(lower);
      if (!better.empty()) {
        word = better;
        changed = true;
      }
    }
    if (!suggestion.empty()) suggestion.push_back(' ');
    suggestion += word;
  }
  if (!changed) return std::nullopt;
  return suggestion;
}

// Every article. Not Xapian::Query::MatchAll: that is one static object
// whose reference count is not atomic, and copying it from several worker
// threads at once corrupted the count (searchd crashed under load). A fresh
// query shares nothing between threads.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

Xapian::Query filter_query(const FieldFilter& filter) {
  const schema::FieldSpec* field = schema::find_field(filter.field);
  if (field == nullptr || field->exact_prefix.empty()) {
    throw Error(ErrorCode::kBadRequest, "filters." + filter.field + ": unknown filter");
  }
  std::vector<Xapian::Query> terms;
  for (const std::string& value : filter.values) terms.emplace_back(schema::exact_term(*field, value));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<schema::CalendarDay> calendar_day(const std::optional<std::string>& iso, const char* field) {
  if (!iso) return std::nullopt;
  std::optional<PublishedDate> d = parse_iso_date(*iso);
  if (!d) throw Error(ErrorCode::kBadRequest, std::string(field) + ": expected YYYY-MM-DD");
  return schema::CalendarDay{d->year, d->month, d->day};
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Xapian reads a query made only of "-word"s as the words themselves; the
// protocol says such a query matches every article without them, which is
// what "NOT word" means to the parser.
std::string exclusions_as_not(const std::string& q) {
  std::istringstream words(q);
  std::string word, rewritten;
  while (words >> word) {
    if (word.size() < 2 || word[0] != '-' || word.find('"') != std::string::npos) return q;
    rewritten += (rewritten.empty() ? "NOT " : " NOT ") + word.substr(1);
  }
  return rewritten.empty() ? q : rewritten;
}

// Xapian's boolean syntax also reads NEAR and ADJ (and NEAR/n, ADJ/n) as
// positional operators. They are not part of Warta's query syntax, and Xapian
// 1.4's parser leaks memory on some queries that use them ("-a NEAR b c"), so
// they are lowered to the plain words they look like before parsing.
std::string positional_operators_as_words(std::string q) {
  auto is_word_byte = [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '_' || u >= 0x80;
  };
  std::size_t i = 0;
  while (i < q.size()) {
    if (!is_word_byte(q[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && is_word_byte(q[end])) ++end;
    std::string_view word(q.data() + i, end - i);
    if (word == "NEAR" || word == "ADJ") {
      for (std::size_t k = i; k < end; ++k) q[k] = static_cast<char>(q[k] - 'A' + 'a');
    }
    i = end;
  }
  return q;
}

}  // namespace

unsigned query_parser_flags() {
  return Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT |
         Xapian::QueryParser::FLAG_WILDCARD;
}

BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db, const AcronymTable* acronyms) {
  BuiltQuery built;
  Xapian::Query text = match_all();
  std::optional<Xapian::Query> relaxed_text;
  if (request.q.size() > kMaxQueryBytes) {
    throw Error(ErrorCode::kBadRequest, "q: longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
  if (!is_blank(request.q)) {
    try {
      std::string q = exclusions_as_not(positional_operators_as_words(checked_ranges(request.q)));
      auto parse_both = [&db](const std::string& text_q) {
        // An article matches in the language it was indexed in.
        return merged_readings(parse_text(text_q, Language::kIndonesian, db),
                               parse_text(text_q, Language::kEnglish, db));
      };
      text = parse_both(q);
      if (db.get_doccount() > 0) built.suggestion = spelling_suggestion(request.q, db);
      if (acronyms != nullptr && !text.empty()) {
        // The alternatives parsed once, then read again with their phrases
        // as words.
        std::map<std::string, Xapian::Query> parsed;
        auto parse_once = [&](const std::string& alternative) {
          auto it = parsed.find(alternative);
          if (it == parsed.end()) it = parsed.emplace(alternative, parse_both(alternative)).first;
          return it->second;
        };
        Xapian::Query literal = text;
        text = expand_acronyms(literal, q, *acronyms, parse_once);
        // The expansions' phrases, scaled down beside the literal words,
        // are checked only for the candidates of relaxed_ranking.h. (The
        // user's own phrases stay: as words they rank no faster.)
        bool any_phrase = false;
        Xapian::Query relaxed = expand_acronyms(literal, q, *acronyms, [&](const std::string& alternative) {
          std::optional<Xapian::Query> as_words = with_phrases_as_words(parse_once(alternative));
          any_phrase = any_phrase || as_words.has_value();
          return as_words.value_or(parse_once(alternative));
        });
        if (any_phrase) relaxed_text = relaxed;
      }
    } catch (const Xapian::QueryParserError& e) {
      throw Error(ErrorCode::kBadRequest, "q: cannot parse the query: " + e.get_msg());
    }
    built.has_words = !text.empty();
    if (text.empty()) text = match_all();
  }

  built.query = apply_filters(text, request, db);
  if (relaxed_text) built.relaxed = apply_filters(*relaxed_text, request, db);
  return built;
}

Xapian::Query apply_filters(const Xapian::Query& text, const SearchRequest& request, const Xapian::Database& db) {
  std::vector<Xapian::Query> filters;
  for (const FieldFilter& filter : request.filters) {
    if (!filter.values.empty()) filters.push_back(filter_query(filter));
  }
  if (request.date && (request.date->from || request.date->to)) {
    filters.push_back(date_filter_query(calendar_day(request.date->from, "filters.date.from"),
                                        calendar_day(request.date->to, "filters.date.to"), db));
  }
  if (filters.empty()) return text;
  Xapian::Query all_filters(Xapian::Query::OP_AND, filters.begin(), filters.end());
  return Xapian::Query(Xapian::Query::OP_FILTER, text, all_filters);
}

}  // namespace warta::searchd
