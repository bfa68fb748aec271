# warta::warnings: the warning set every Warta target links (third-party headers are SYSTEM).
add_library(warta_warnings INTERFACE)
add_library(warta::warnings ALIAS warta_warnings)
target_compile_options(warta_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wformat=2
  -Wimplicit-fallthrough
  $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wlogical-op -Wuseless-cast -Wsuggest-override>
  # GCC 12 at -O3 reports -Wrestrict falsely inside std::string's operator+
  # (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  # GCC 12 reports -Wnull-dereference falsely inside libstdc++ moves of
  # strings and vectors at -O2, so only Clang checks it.
  $<$<CXX_COMPILER_ID:Clang>:-Wthread-safety -Wnull-dereference>
  $<$<BOOL:${WARTA_WARNINGS_AS_ERRORS}>:-Werror>)
# Under sanitizer instrumentation GCC 12 reports -Wmaybe-uninitialized
# falsely inside Boost.Beast's parser (boost::optional members).
if(WARTA_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(warta_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
