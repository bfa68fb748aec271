# Writes OUTPUT: a C++ header defining one string_view per INPUT text file.
# Invoked as: cmake -DOUTPUT=... -DNAMES="a;b" -DINPUTS="x;y" [-DNAMESPACE=name] -P embed_text.cmake
# (NAMESPACE defaults to stopwords: the header's namespace is warta::NAMESPACE).
if(NOT DEFINED NAMESPACE)
  set(NAMESPACE stopwords)
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from the curated word lists; do not edit.\n#pragma once\n#include <string_view>\nnamespace warta::${NAMESPACE} {\n")
list(LENGTH NAMES count)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  list(GET NAMES ${i} name)
  list(GET INPUTS ${i} input)
  file(READ "${input}" text)
  file(APPEND "${OUTPUT}.tmp" "inline constexpr std::string_view ${name} = R\"WARTA_EMBED(${text})WARTA_EMBED\";\n")
endforeach()
file(APPEND "${OUTPUT}.tmp" "}  // namespace warta::${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
