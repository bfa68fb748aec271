// synonyms_codec: the /synonyms parameter and response.
#include "searchd/synonyms_codec.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "searchd/query_string.h"
#include "searchd/search_request.h"

namespace warta::searchd {
namespace {

nlohmann::ordered_json expansion(const char* kind, const std::string& text, const AcronymEntry& e) {
  nlohmann::ordered_json out;
  out["kind"] = kind;
  out["text"] = text;
  out["source"] = e.source == AcronymSource::kCurated ? "curated" : "mined";
  if (e.source == AcronymSource::kMined) {
    out["support"] = e.support;
    out["votes"] = e.votes;
  }
  return out;
}

}  // namespace

std::string decode_synonyms_term(std::string_view query_string) {
  ParsedQueryString parsed = parse_query_string(query_string);
  if (parsed.error) throw *parsed.error;
  std::optional<std::string> term;
  for (const QueryParam& p : parsed.params) {
    if (p.name != "term") throw Error(ErrorCode::kBadRequest, "unknown parameter \"" + p.name + "\"; known: term");
    if (term) throw Error(ErrorCode::kBadRequest, "term: given more than once; give it once");
    term = p.value;
  }
  if (!term || term->find_first_not_of(" \t") == std::string::npos) {
    throw Error(ErrorCode::kBadRequest, "term: missing; give the word or phrase to look up, as ?term=KPU");
  }
  if (term->size() > kMaxQueryBytes) {
    throw Error(ErrorCode::kBadRequest, "term: longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
  return *term;
}

std::string encode_synonyms(const SynonymsResult& result) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const AcronymEntry& e : result.long_forms) list.push_back(expansion("long_form", e.long_form, e));
  for (const AcronymEntry& e : result.acronyms) list.push_back(expansion("acronym", e.acronym, e));
  nlohmann::ordered_json out;
  out["term"] = result.term;
  out["expansions"] = std::move(list);
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace warta::searchd
