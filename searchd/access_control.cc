// access_control: roles per route; 401 and 403 with the protocol's error body.
#include "searchd/access_control.h"

#include <string>
#include <utility>

#include "searchd/codec.h"
#include "searchd/router.h"

namespace warta::searchd {
namespace {

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Access required_access(std::string_view method, std::string_view target) {
  // No default: a new route does not compile until it is given its access.
  switch (route_request(method, target).route) {
    case Route::kHealth:
      return Access::kOpen;
    case Route::kStats:
    case Route::kMetrics:
      return Access::kAdmin;
    case Route::kSearch:
    case Route::kArticle:
    case Route::kSimilar:
    case Route::kSynonyms:
    // Unknown paths and wrong methods need a key too, so that a caller
    // without one learns nothing about what exists.
    case Route::kNotFound:
    case Route::kMethodNotAllowed:
      return Access::kSearch;
  }
  return Access::kSearch;
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  authorization = trim(authorization);
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size() || !iequals_ascii(authorization.substr(0, kScheme.size()), kScheme)) {
    return std::nullopt;
  }
  std::string_view rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  rest = trim(rest);
  if (rest.empty()) return std::nullopt;
  return rest;
}

std::optional<Error> authorise(const ApiKeyStore& keys, std::string_view method, std::string_view target,
                               std::string_view authorization) {
  const Access access = required_access(method, target);
  if (access == Access::kOpen) return std::nullopt;
  if (trim(authorization).empty()) {
    return Error(ErrorCode::kUnauthorized, "an API key is required; send it as \"Authorization: Bearer KEY\"");
  }
  const auto token = bearer_token(authorization);
  if (!token) {
    return Error(ErrorCode::kUnauthorized, "Authorization: expected \"Bearer KEY\"");
  }
  const auto role = keys.role_of(*token);
  if (!role) return Error(ErrorCode::kUnauthorized, "the API key is not valid");
  if (access == Access::kAdmin && *role != Role::kAdmin) {
    return Error(ErrorCode::kForbidden, "this endpoint needs an admin key; the key given is a search key");
  }
  return std::nullopt;
}

std::optional<http::HttpResponse> refuse_unauthorised(const ApiKeyStore& keys, const http::HttpRequest& request) {
  const std::string authorization = request.header("authorization");
  auto refusal = authorise(keys, request.method, request.target, authorization);
  if (!refusal) return std::nullopt;
  http::HttpResponse response;
  response.status = error_status(refusal->code());
  response.body = encode_error(*refusal);
  if (refusal->code() == ErrorCode::kUnauthorized) {
    // RFC 6750: name the scheme, and say when a key was given but is wrong.
    const bool given = !trim(authorization).empty();
    response.headers.emplace_back("WWW-Authenticate",
                                  given ? R"(Bearer realm="warta", error="invalid_token")" : R"(Bearer realm="warta")");
  }
  return response;
}

}  // namespace warta::searchd
