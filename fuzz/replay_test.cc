// replay_test: runs one fuzz target's entry function over every file of its
// seed corpus, so that the seeds (and the regressions among them) are
// ordinary tests in every build, gcc's included.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> seed_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(WARTA_FUZZ_CORPUS_DIR)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class SeedReplay : public testing::TestWithParam<std::filesystem::path> {};

TEST_P(SeedReplay, RunsWithoutBreakingAContract) {
  std::ifstream in(GetParam(), std::ios::binary);
  ASSERT_TRUE(in.good()) << GetParam();
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // The target aborts on a broken contract; a sanitizer build also stops on
  // memory errors and undefined behaviour.
  EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
}

// Test names from file names: letters and digits only.
std::string seed_name(const testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.filename().string();
  std::replace_if(name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedReplay, testing::ValuesIn(seed_files()), seed_name);

TEST(SeedCorpus, IsNotEmpty) { EXPECT_FALSE(seed_files().empty()) << WARTA_FUZZ_CORPUS_DIR; }

}  // namespace
