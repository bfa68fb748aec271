// query_ranges: the ".." of a search box query. `date:FROM..TO` is the one
// range the query syntax has; Xapian's parser reads ".." anywhere as a range
// and refuses one it has no reader for ("Unknown range operation"), or lets a
// malformed date through to match nothing.
#pragma once

#include <string>

namespace warta::searchd {

// Checks each `date:` range outside quotes: FROM and TO are YYYY-MM-DD (or
// YYYYMMDD), at least one given, FROM not after TO; anything else throws a
// bad_request Error naming the range and what is wrong. Any other run of two
// or more dots outside quotes (an ellipsis, "5.000..10.000") becomes a space,
// so that the words around it are searched. Returns the query to parse.
std::string checked_ranges(const std::string& q);

}  // namespace warta::searchd
