// error: lookups in the error code table.
#include "common/error.h"

namespace warta {

std::string_view error_slug(ErrorCode code) {
  switch (code) {
#define WARTA_ERROR_SLUG(name, slug, status) \
  case ErrorCode::name:                      \
    return slug;
    WARTA_ERROR_CODES(WARTA_ERROR_SLUG)
#undef WARTA_ERROR_SLUG
  }
  return "internal";
}

int error_status(ErrorCode code) {
  switch (code) {
#define WARTA_ERROR_STATUS(name, slug, status) \
  case ErrorCode::name:                        \
    return status;
    WARTA_ERROR_CODES(WARTA_ERROR_STATUS)
#undef WARTA_ERROR_STATUS
  }
  return 500;
}

}  // namespace warta
