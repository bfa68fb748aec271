// acronym_expansion: a query that names an acronym also finds articles that
// only spell out its long form, and the reverse, ranked below literal matches.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/acronyms.h"

namespace warta::searchd {

// Expansions weigh this much of a literal match, so an article that says
// "Kemendagri" ranks above one that only says "Kementerian Dalam Negeri"
// for the query `kemendagri`: on id-news, all literal matches rank above all
// expansion-only ones in 1,104 of 1,106 acronym searches (0.25: 1,030).
inline constexpr double kExpansionWeight = 0.1;
// More expandable items than this get one alternative each plus one with
// all of them, rather than every combination.
inline constexpr std::size_t kMaxCombinedExpansions = 3;

// One rewrite of the query text: `q` with some acronyms replaced by their
// quoted long forms and some long forms by their acronyms.
std::vector<std::string> acronym_alternatives(const std::string& q, const AcronymTable& table);

// `literal` OR (the alternatives, each parsed by `parse`, OR-ed, scaled by
// kExpansionWeight). Plain words and quoted phrases are expanded; words
// with a field prefix, an operator, a wildcard or after NOT are left
// alone. Returns `literal` when nothing in `q` expands.
Xapian::Query expand_acronyms(const Xapian::Query& literal, const std::string& q, const AcronymTable& table,
                              const std::function<Xapian::Query(const std::string&)>& parse);

}  // namespace warta::searchd
