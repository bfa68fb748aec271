// api_keys: key file validation, constant-time lookup, atomic reload.
#include "searchd/api_keys.h"

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

namespace warta::searchd {
namespace {

using json = nlohmann::json;

// Bounds what a reload reads; a real key file is a few kilobytes.
constexpr std::size_t kMaxFileBytes = 1 << 20;

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw ApiKeyFileError(origin + ": " + what);
}

// A short description of a JSON value for messages; never the value of a
// key (it may be a secret).
std::string kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

bool is_key_char(char c) { return c > ' ' && c < 0x7f; }

ApiKey parse_entry(const json& entry, const std::string& path, const std::string& origin) {
  if (!entry.is_object()) {
    fail(origin, path + ": expected an object {\"key\": \"...\", \"role\": \"search\"}, got " + kind_of(entry));
  }
  for (const auto& [name, value] : entry.items()) {
    if (name != "key" && name != "role") fail(origin, path + "." + name + ": unknown field; known: key, role");
  }
  ApiKey key;
  auto k = entry.find("key");
  if (k == entry.end()) fail(origin, path + ".key: missing");
  if (!k->is_string()) fail(origin, path + ".key: expected a string, got " + kind_of(*k));
  key.key = k->get<std::string>();
  if (key.key.size() < kMinKeyLength || key.key.size() > kMaxKeyLength) {
    fail(origin, path + ".key: must be " + std::to_string(kMinKeyLength) + " to " + std::to_string(kMaxKeyLength) +
                     " characters long, got " + std::to_string(key.key.size()));
  }
  for (char c : key.key) {
    if (!is_key_char(c)) fail(origin, path + ".key: only printable ASCII without spaces is allowed");
  }
  auto r = entry.find("role");
  if (r == entry.end()) fail(origin, path + ".role: missing; expected \"search\" or \"admin\"");
  if (!r->is_string()) fail(origin, path + ".role: expected \"search\" or \"admin\", got " + kind_of(*r));
  const std::string role = r->get<std::string>();
  if (role == "search") {
    key.role = Role::kSearch;
  } else if (role == "admin") {
    key.role = Role::kAdmin;
  } else {
    fail(origin, path + ".role: expected \"search\" or \"admin\", got \"" + role.substr(0, 32) + "\"");
  }
  return key;
}

}  // namespace

std::string_view role_name(Role role) { return role == Role::kAdmin ? "admin" : "search"; }

std::vector<ApiKey> parse_api_keys(std::string_view text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(origin, std::string("invalid JSON: ") + e.what());
  }
  if (!doc.is_object()) fail(origin, "expected an object {\"keys\": [...]}, got " + kind_of(doc));
  for (const auto& [name, value] : doc.items()) {
    if (name != "keys") fail(origin, name + ": unknown field; known: keys");
  }
  auto keys = doc.find("keys");
  if (keys == doc.end()) fail(origin, "keys: missing; expected {\"keys\": [{\"key\": \"...\", \"role\": \"search\"}]}");
  if (!keys->is_array()) fail(origin, "keys: expected an array, got " + kind_of(*keys));
  if (keys->empty()) fail(origin, "keys: empty; give at least one key, or run without --api-keys");

  std::vector<ApiKey> result;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < keys->size(); ++i) {
    const std::string path = "keys[" + std::to_string(i) + "]";
    ApiKey key = parse_entry((*keys)[i], path, origin);
    if (!seen.insert(key.key).second) fail(origin, path + ".key: the same key is given twice");
    result.push_back(std::move(key));
  }
  return result;
}

std::vector<ApiKey> load_api_keys(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the API key file");
  std::string text;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) fail(path, "larger than " + std::to_string(kMaxFileBytes) + " bytes");
  }
  if (in.bad()) fail(path, "cannot read the API key file");
  return parse_api_keys(text, path);
}

bool constant_time_equal(std::string_view presented, std::string_view expected) {
  // Walk all of `expected` whatever `presented` holds; no early exit.
  unsigned diff = presented.size() == expected.size() ? 0u : 1u;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char p = i < presented.size() ? presented[i] : '\0';
    diff |= static_cast<unsigned char>(p ^ expected[i]);
  }
  return diff == 0;
}

ApiKeyStore::ApiKeyStore(std::string path)
    : path_(std::move(path)), keys_(std::make_shared<const std::vector<ApiKey>>(load_api_keys(path_))) {}

std::optional<std::string> ApiKeyStore::reload() {
  try {
    auto fresh = std::make_shared<const std::vector<ApiKey>>(load_api_keys(path_));
    const std::lock_guard lock(mutex_);
    keys_ = std::move(fresh);
    return std::nullopt;
  } catch (const ApiKeyFileError& e) {
    return std::string(e.what());
  }
}

std::shared_ptr<const std::vector<ApiKey>> ApiKeyStore::current() const {
  const std::lock_guard lock(mutex_);
  return keys_;
}

std::optional<Role> ApiKeyStore::role_of(std::string_view presented) const {
  const auto keys = current();
  std::optional<Role> role;
  for (const ApiKey& key : *keys) {
    // Keys are unique, so at most one matches; keep comparing the rest.
    if (constant_time_equal(presented, key.key)) role = key.role;
  }
  return role;
}

std::size_t ApiKeyStore::size() const { return current()->size(); }

}  // namespace warta::searchd
