// query_builder: SearchRequest -> Xapian::Query. Pure: needs no server, and
// an index only to expand wildcards.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "common/acronyms.h"
#include "searchd/search_request.h"

namespace warta::searchd {

struct BuiltQuery {
  Xapian::Query query;  // words AND filters: what is matched and counted
  // `query` with the phrases of acronym expansions as the ANDs of their
  // words, when there are any: matches and scores at least `query`'s, for
  // finding its top without checking those phrases everywhere
  // (relaxed_ranking.h).
  std::optional<Xapian::Query> relaxed;
  bool has_words = false;  // false: browse (sorted newest first by default)
  // `q` with unknown words replaced by the closest words of the index's
  // spelling dictionary, when there are any.
  std::optional<std::string> suggestion;
};

// Parses `q` with the shared analysis (Indonesian and English readings
// OR-ed, so words match their inflections in articles of either language),
// and adds the filters: values of one field OR-ed, fields AND-ed, the date
// range inclusive. An empty `q` matches every article. Throws warta::Error
// (kBadRequest) naming `q` when the query syntax cannot be parsed.
// `db` is used for wildcard expansion and for the range of dates it holds
// (a date filter over an empty one matches nothing). With
// `acronyms`, acronyms and long forms in `q` also find each other (see
// acronym_expansion.h).
BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db,
                       const AcronymTable* acronyms = nullptr);

// `text` restricted by the request's filters (as build_query does).
Xapian::Query apply_filters(const Xapian::Query& text, const SearchRequest& request, const Xapian::Database& db);

// The Xapian flags the query syntax of protocol v1 needs.
unsigned query_parser_flags();

}  // namespace warta::searchd
