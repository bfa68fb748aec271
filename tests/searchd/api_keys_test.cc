// api_keys_test: the key file's validation, key lookup and reload.
#include "searchd/api_keys.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/process.h"

namespace warta::searchd {
namespace {

const std::string kSearchKey = "search-key-0123456789";
const std::string kAdminKey = "admin-key-0123456789ab";

std::string key_file(const std::string& search_key, const std::string& admin_key) {
  return R"({"keys": [{"key": ")" + search_key + R"(", "role": "search"}, {"key": ")" + admin_key +
         R"(", "role": "admin"}]})";
}

// "ok" or the error message parse_api_keys gives.
std::string outcome_of(const std::string& text) {
  try {
    parse_api_keys(text, "keys.json");
    return "ok";
  } catch (const ApiKeyFileError& e) {
    return e.what();
  }
}

TEST(ParseApiKeys, TheDocumentedShape) {
  auto keys = parse_api_keys(key_file(kSearchKey, kAdminKey), "keys.json");
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].key, kSearchKey);
  EXPECT_EQ(keys[0].role, Role::kSearch);
  EXPECT_EQ(keys[1].key, kAdminKey);
  EXPECT_EQ(keys[1].role, Role::kAdmin);
  EXPECT_EQ(role_name(Role::kSearch), "search");
  EXPECT_EQ(role_name(Role::kAdmin), "admin");
}

TEST(ParseApiKeys, ErrorsNameTheFileAndWhatIsWrong) {
  const std::string k = R"("key": "0123456789abcdef")";
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {"", "keys.json: invalid JSON: [json.exception.parse_error.101] parse error at line 1, column 1: "
           "syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
      {"[]", R"(keys.json: expected an object {"keys": [...]}, got an array)"},
      {"{}", R"(keys.json: keys: missing; expected {"keys": [{"key": "...", "role": "search"}]})"},
      {R"({"keys": {}})", "keys.json: keys: expected an array, got an object"},
      {R"({"keys": []})", "keys.json: keys: empty; give at least one key, or run without --api-keys"},
      {R"({"keys": [], "extra": 1})", "keys.json: extra: unknown field; known: keys"},
      {R"({"keys": ["0123456789abcdef"]})",
       R"(keys.json: keys[0]: expected an object {"key": "...", "role": "search"}, got a string)"},
      {R"({"keys": [{"role": "search"}]})", "keys.json: keys[0].key: missing"},
      {R"({"keys": [{"key": 12, "role": "search"}]})", "keys.json: keys[0].key: expected a string, got a number"},
      {R"({"keys": [{"key": "short", "role": "search"}]})",
       "keys.json: keys[0].key: must be 16 to 512 characters long, got 5"},
      {R"({"keys": [{"key": "0123456789 abcdef", "role": "search"}]})",
       "keys.json: keys[0].key: only printable ASCII without spaces is allowed"},
      {"{\"keys\": [{\"key\": \"0123456789abcdef\xc3\xa9\", \"role\": \"search\"}]}",
       "keys.json: keys[0].key: only printable ASCII without spaces is allowed"},
      {"{\"keys\": [{" + k + "}]}", R"(keys.json: keys[0].role: missing; expected "search" or "admin")"},
      {"{\"keys\": [{" + k + ", \"role\": \"root\"}]}",
       R"(keys.json: keys[0].role: expected "search" or "admin", got "root")"},
      {"{\"keys\": [{" + k + ", \"role\": [\"admin\"]}]}",
       R"(keys.json: keys[0].role: expected "search" or "admin", got an array)"},
      {"{\"keys\": [{" + k + ", \"role\": \"search\", \"note\": \"x\"}]}",
       "keys.json: keys[0].note: unknown field; known: key, role"},
      {"{\"keys\": [{" + k + ", \"role\": \"search\"}, {" + k + ", \"role\": \"admin\"}]}",
       "keys.json: keys[1].key: the same key is given twice"},
  };
  for (const auto& c : cases) EXPECT_EQ(outcome_of(c.text), c.error) << c.text;
}

TEST(ParseApiKeys, MessagesNeverQuoteAKey) {
  const std::string secret = "s3cret-but-has space";
  std::string message = outcome_of(R"({"keys": [{"key": ")" + secret + R"(", "role": "search"}]})");
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(ConstantTimeEqual, EqualOnlyForTheSameBytes) {
  EXPECT_TRUE(constant_time_equal("abcdef", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcdeg", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcde", "abcdef"));    // a prefix
  EXPECT_FALSE(constant_time_equal("abcdefg", "abcdef"));  // longer
  EXPECT_FALSE(constant_time_equal("", "abcdef"));
  EXPECT_FALSE(constant_time_equal(std::string("abcdef\0", 7), "abcdef"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(ApiKeyStore, LooksUpRolesAndReloadsOnlyAUsableFile) {
  test::TempDir dir;
  const std::string path = dir.file("keys.json");
  test::write_file(path, key_file(kSearchKey, kAdminKey));
  ApiKeyStore store(path);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.role_of(kSearchKey), Role::kSearch);
  EXPECT_EQ(store.role_of(kAdminKey), Role::kAdmin);
  EXPECT_EQ(store.role_of("not-a-key-at-all-really"), std::nullopt);
  EXPECT_EQ(store.role_of(kSearchKey.substr(0, kSearchKey.size() - 1)), std::nullopt);
  EXPECT_EQ(store.role_of(""), std::nullopt);

  // A broken file leaves the keys in force.
  test::write_file(path, R"({"keys": [{"key": "x", "role": "admin"}]})");
  auto error = store.reload();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error, path + ": keys[0].key: must be 16 to 512 characters long, got 1");
  EXPECT_EQ(store.role_of(kAdminKey), Role::kAdmin);

  // A good one replaces them all: the old keys stop working.
  const std::string fresh = "fresh-admin-key-000000";
  test::write_file(path, R"({"keys": [{"key": ")" + fresh + R"(", "role": "admin"}]})");
  EXPECT_EQ(store.reload(), std::nullopt);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.role_of(fresh), Role::kAdmin);
  EXPECT_EQ(store.role_of(kAdminKey), std::nullopt);
  EXPECT_EQ(store.role_of(kSearchKey), std::nullopt);
}

TEST(ApiKeyStore, AMissingFileIsAnErrorNamingIt) {
  test::TempDir dir;
  const std::string path = dir.file("absent.json");
  try {
    ApiKeyStore store(path);
    FAIL() << "expected ApiKeyFileError";
  } catch (const ApiKeyFileError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot open the API key file");
  }
}

}  // namespace
}  // namespace warta::searchd
