# warta::sanitizers: compile and link flags for WARTA_SANITIZE (e.g. "address,undefined", "thread").
add_library(warta_sanitizers INTERFACE)
add_library(warta::sanitizers ALIAS warta_sanitizers)
if(WARTA_SANITIZE)
  target_compile_options(warta_sanitizers INTERFACE
    -fsanitize=${WARTA_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(warta_sanitizers INTERFACE -fsanitize=${WARTA_SANITIZE})
  # GCC 12 warns that TSan does not model atomic_thread_fence, from inside Asio.
  if(WARTA_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(warta_sanitizers INTERFACE -Wno-tsan)
  endif()
endif()

# Fuzzer builds instrument every Warta library for coverage; only the fuzz
# targets link libFuzzer's main.
if(WARTA_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "WARTA_BUILD_FUZZERS needs clang (libFuzzer); use the fuzz preset")
  endif()
  target_compile_options(warta_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
