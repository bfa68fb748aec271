// synonyms_codec: GET /synonyms?term=X, its parameter and its JSON answer.
#pragma once

#include <string>
#include <string_view>

#include "searchd/executor.h"

namespace warta::searchd {

// The `term` parameter of the query string. Throws warta::Error
// (kBadRequest) naming the parameter when it is missing, empty, given twice,
// longer than kMaxQueryBytes, or when another parameter is given.
std::string decode_synonyms_term(std::string_view query_string);

// {"term": "kemendagri", "expansions": [{"kind": "long_form" | "acronym",
//  "text": "kementerian dalam negeri", "source": "mined" | "curated",
//  "support": 12, "votes": 13}]}; support and votes only for mined pairs.
std::string encode_synonyms(const SynonymsResult& result);

}  // namespace warta::searchd
