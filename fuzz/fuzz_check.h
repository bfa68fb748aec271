// fuzz_check: what every fuzz target shares: the input as text, and checks
// that stop the run (a libFuzzer crash, a failed replay) when a contract breaks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace warta::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// abort() rather than an exception: libFuzzer and the replay tests both see
// it as a crash and keep the input that caused it.
[[noreturn]] inline void contract_broken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: contract broken: %s\n", file, line, what);
  std::abort();
}

// Text that leaves a parser must be valid UTF-8 and survive JSON output,
// which throws on anything else.
inline bool is_printable_json(const nlohmann::json& value) {
  try {
    (void)value.dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace warta::fuzz

#define WARTA_FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::warta::fuzz::contract_broken(#condition, __FILE__, __LINE__))
