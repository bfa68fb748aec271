#include "indexer/source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>

#include "tests/support/process.h"

namespace warta::indexer {
namespace {

std::vector<LineReader::Line> read_all(const std::string& path, std::size_t max = 1 << 20) {
  LineReader reader(path, max);
  std::vector<LineReader::Line> lines;
  while (auto line = reader.next()) lines.push_back(*line);
  return lines;
}

void write_gzip(const std::string& path, const std::string& content) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
  gzclose(f);
}

TEST(LineReader, ReadsPlainLinesWithNumbersAndLineEnds) {
  test::TempDir dir;
  test::write_file(dir.file("a.jsonl"), "\xEF\xBB\xBFone\r\ntwo\n\nthree");
  auto lines = read_all(dir.file("a.jsonl"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "one");  // BOM and CR removed
  EXPECT_EQ(lines[1].text, "two");
  EXPECT_EQ(lines[2].text, "");
  EXPECT_EQ(lines[3].text, "three");  // no final newline
  EXPECT_EQ(lines[3].number, 4u);
}

TEST(LineReader, ReadsGzipByContentWhateverTheName) {
  test::TempDir dir;
  write_gzip(dir.file("archive.data"), "alpha\nbeta\n");
  auto lines = read_all(dir.file("archive.data"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].text, "beta");
}

TEST(LineReader, AnOverlongLineIsCutAndReadingGoesOn) {
  test::TempDir dir;
  test::write_file(dir.file("a.jsonl"), "short\n" + std::string(1000, 'x') + "\nafter\n");
  auto lines = read_all(dir.file("a.jsonl"), 100);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[1].overlong);
  EXPECT_EQ(lines[1].text.size(), 100u);
  EXPECT_EQ(lines[1].full_bytes, 1000u);
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].number, 3u);
}

TEST(LineReader, LinesLongerThanTheReadBufferArriveWhole) {
  test::TempDir dir;
  std::string big(1 << 20, 'y');
  write_gzip(dir.file("a.jsonl.gz"), "a\n" + big + "\nb\n");
  auto lines = read_all(dir.file("a.jsonl.gz"), 2 << 20);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, big);
}

TEST(LineReader, TruncatedGzipIsAnErrorAfterTheLinesRead) {
  test::TempDir dir;
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "line " + std::to_string(i) + "\n";
  write_gzip(dir.file("full.gz"), content);
  std::string bytes = test::read_file(dir.file("full.gz"));
  test::write_file(dir.file("cut.gz"), bytes.substr(0, bytes.size() / 2));
  LineReader reader(dir.file("cut.gz"), 1 << 20);
  std::size_t read = 0;
  try {
    while (reader.next()) ++read;
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_GT(read, 0u);
    const std::string message = e.what();
    EXPECT_EQ(message, dir.file("cut.gz") + ": compressed data is truncated or corrupt after line " +
                           std::to_string(read) + " (unexpected end of file)");
  }
}

TEST(ExpandInputs, WalksDirectoriesInByteOrderAndSkipsOtherFiles) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("b/sub"));
  test::write_file(dir.file("b/sub/z.jsonl"), "{}\n");
  test::write_file(dir.file("b/a.jsonl.gz"), "x");
  test::write_file(dir.file("b/B.ndjson"), "{}\n");
  test::write_file(dir.file("b/notes.txt"), "hello");
  InputList list = expand_inputs({dir.file("b")});
  ASSERT_EQ(list.files.size(), 3u);
  EXPECT_EQ(list.files[0].path, dir.file("b/B.ndjson"));
  EXPECT_EQ(list.files[1].path, dir.file("b/a.jsonl.gz"));
  EXPECT_EQ(list.files[2].path, dir.file("b/sub/z.jsonl"));
  ASSERT_EQ(list.skipped.size(), 1u);
  EXPECT_EQ(list.total_bytes, 3u + 1u + 3u);
}

TEST(ExpandInputs, AMissingInputIsNamed) {
  try {
    expand_inputs({"/nonexistent/archive.jsonl"});
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "input /nonexistent/archive.jsonl: no such file or directory");
  }
}

TEST(ExpandInputs, DashIsStandardInput) {
  InputList list = expand_inputs({"-"});
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_EQ(list.files[0].path, "-");
}

}  // namespace
}  // namespace warta::indexer
