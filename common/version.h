// version: the project's version string, as set in the top-level CMakeLists.txt.
#pragma once

#include <string_view>

namespace warta {

std::string_view version();

}  // namespace warta
