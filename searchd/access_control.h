// access_control: which role each endpoint needs, and the request step that
// checks "Authorization: Bearer KEY" against the API keys before routing.
#pragma once

#include <optional>
#include <string_view>

#include "common/error.h"
#include "searchd/api_keys.h"
#include "searchd/http/http_message.h"

namespace warta::searchd {

// What a request must present when API keys are on.
enum class Access {
  kOpen,    // no key: /health
  kSearch,  // a search or an admin key: searches, articles, anything unknown
  kAdmin,   // an admin key: /stats, /metrics
};

// The access `method` + `target` needs, decided on the router's own reading
// of the path so that the two never disagree.
Access required_access(std::string_view method, std::string_view target);

// The token of an "Authorization: Bearer TOKEN" header value, or nullopt
// when the value is empty or of another scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// nullopt when the request may go on; otherwise the 401 (no or unknown key)
// or 403 (a search key on an admin endpoint) to answer with.
std::optional<Error> authorise(const ApiKeyStore& keys, std::string_view method, std::string_view target,
                               std::string_view authorization);

// The answer to give `request` when `keys` do not let it through: the error
// JSON with 401 (and WWW-Authenticate) or 403; nullopt when it may go on.
std::optional<http::HttpResponse> refuse_unauthorised(const ApiKeyStore& keys, const http::HttpRequest& request);

}  // namespace warta::searchd
