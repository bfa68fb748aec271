// api_keys: the API keys searchd accepts and the role each grants, read
// from a JSON file (--api-keys) and replaced as a whole on reload (SIGHUP).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warta::searchd {

// What a key may do. An admin key may also do everything a search key may.
enum class Role { kSearch, kAdmin };

// "search", "admin".
std::string_view role_name(Role role);

struct ApiKey {
  std::string key;
  Role role = Role::kSearch;
};

// A key file that cannot be used; what() names the file and what is wrong
// ("keys.json: keys[1].role: expected \"search\" or \"admin\", got \"root\"").
class ApiKeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Shortest key accepted: shorter ones are guessable.
inline constexpr std::size_t kMinKeyLength = 16;
inline constexpr std::size_t kMaxKeyLength = 512;

// Parses the text of a key file, {"keys": [{"key": "...", "role": "search"}]}.
// Keys are printable ASCII without spaces (they travel in a header), between
// kMinKeyLength and kMaxKeyLength long, each given once; at least one key.
// `origin` (the file name) starts every error message. Throws ApiKeyFileError.
std::vector<ApiKey> parse_api_keys(std::string_view text, const std::string& origin);

// Reads and parses the file at `path`. Throws ApiKeyFileError.
std::vector<ApiKey> load_api_keys(const std::string& path);

// True when `presented` equals `expected`, in time that depends only on
// expected.size(), so that timing does not reveal how much of a guess was right.
bool constant_time_equal(std::string_view presented, std::string_view expected);

// The keys in force. Thread-safe: lookups run on I/O threads while a reload
// swaps in a new set.
class ApiKeyStore {
 public:
  // Loads `path`; throws ApiKeyFileError when it cannot be used.
  explicit ApiKeyStore(std::string path);

  // Re-reads the file. On success the new keys replace the old ones and the
  // result is nullopt; on failure the old keys stay and the error is returned.
  std::optional<std::string> reload();

  // The role of `presented`, or nullopt when it is no key. Every key is
  // compared in full (constant_time_equal), whatever matches.
  std::optional<Role> role_of(std::string_view presented) const;

  std::size_t size() const;
  const std::string& path() const { return path_; }

 private:
  std::shared_ptr<const std::vector<ApiKey>> current() const;

  const std::string path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const std::vector<ApiKey>> keys_;  // guarded by mutex_
};

}  // namespace warta::searchd
