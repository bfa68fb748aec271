// version: compiled in from the CMake project version.
#include "common/version.h"

namespace warta {

std::string_view version() { return WARTA_VERSION; }

}  // namespace warta
