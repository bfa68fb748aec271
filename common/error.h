// error: the one table of error codes, their slugs and HTTP statuses, and
// the exception that carries one.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace warta {

// X(enumerator, slug, HTTP status). The slugs are part of protocol v1.
#define WARTA_ERROR_CODES(X)                         \
  X(kBadRequest, "bad_request", 400)                 \
  X(kUnauthorized, "unauthorized", 401)              \
  X(kForbidden, "forbidden", 403)                    \
  X(kNotFound, "not_found", 404)                     \
  X(kMethodNotAllowed, "method_not_allowed", 405)    \
  X(kPayloadTooLarge, "payload_too_large", 413)      \
  X(kHeadersTooLarge, "headers_too_large", 431)      \
  X(kOverloaded, "overloaded", 503)                  \
  X(kTimeout, "timeout", 503)                        \
  X(kUnavailable, "unavailable", 503)                \
  X(kInternal, "internal", 500)

enum class ErrorCode {
#define WARTA_ERROR_ENUM(name, slug, status) name,
  WARTA_ERROR_CODES(WARTA_ERROR_ENUM)
#undef WARTA_ERROR_ENUM
};

// "bad_request", ...
std::string_view error_slug(ErrorCode code);
// 400, ...
int error_status(ErrorCode code);

// A failure that ends an operation, with a message a caller can act on.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace warta
