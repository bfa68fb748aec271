// source: finds the input files of a run and reads them as lines, streaming,
// whether plain or gzip-compressed (detected from the content).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indexer/input_format.h"

namespace warta::indexer {

// One input to read. `path` "-" is standard input.
struct InputFile {
  std::string path;
  std::uint64_t size = 0;  // bytes on disk (compressed size for .gz); 0 for stdin
};

// The result of expanding the command line's INPUT arguments.
struct InputList {
  std::vector<InputFile> files;
  std::vector<std::string> skipped;  // files in directories that are not JSON Lines
  std::vector<std::string> unreadable_dirs;  // "path: reason" of directories that could not be walked
  std::uint64_t total_bytes = 0;
};

// Expands INPUT arguments: a file is taken whatever its name; a directory
// is walked recursively, in byte order of the paths, taking the files whose
// names suit `format`: *.jsonl and *.ndjson for kJsonl; those and *.xml,
// *.nitf, *.txt for kAuto; every file for a page or XML format named on the
// command line; each also gzip-compressed (.gz). "-" is standard input.
// Throws std::runtime_error naming the argument when one does not exist or
// cannot be read.
InputList expand_inputs(const std::vector<std::string>& arguments, InputFormat format = InputFormat::kJsonl);

// The first `max_bytes` bytes of a file, decompressed when it is gzip.
// Throws std::runtime_error naming the file.
std::string read_file_head(const std::string& path, std::size_t max_bytes);

// A whole file, decompressed when it is gzip ("-": standard input). Throws
// std::runtime_error naming the file when it cannot be read or holds more
// than `max_bytes`.
std::string read_whole_file(const std::string& path, std::size_t max_bytes);

// Reads one input as lines, without holding more than one line in memory.
// A line longer than `max_line_bytes` is not kept: next() reports it as
// overlong with its first bytes, and reading goes on after it.
class LineReader {
 public:
  struct Line {
    std::string text;          // without the line end ("\n" or "\r\n")
    std::uint64_t number = 0;  // 1-based
    bool overlong = false;     // text holds only the first bytes
    std::uint64_t full_bytes = 0;
  };

  // Opens `path` ("-" for standard input). Throws std::runtime_error.
  LineReader(const std::string& path, std::size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, or nullopt at the end. Throws std::runtime_error on a
  // read error or corrupt compressed data (after the lines read so far).
  std::optional<Line> next();

  // Bytes of the file consumed so far (compressed bytes for gzip input).
  std::uint64_t bytes_consumed() const;

 private:
  bool fill();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t max_line_bytes_;
  std::uint64_t line_number_ = 0;
};

}  // namespace warta::indexer
