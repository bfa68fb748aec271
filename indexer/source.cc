// source: input expansion and a streaming line reader over zlib's gz*
// functions, which read plain and gzip files alike.
#include "indexer/source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace warta::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadBuffer = 1 << 18;

bool has_suffix(const std::string& name, std::string_view suffix) {
  return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool suits_format(std::string name, InputFormat format) {
  if (format != InputFormat::kJsonl && format != InputFormat::kAuto) return true;
  for (const char* bundle : {".tar", ".tgz", ".tar.gz", ".zip"}) {
    if (has_suffix(name, bundle)) return true;
  }
  if (has_suffix(name, ".gz")) name.resize(name.size() - 3);
  for (const char* suffix : {".jsonl", ".ndjson"}) {
    if (has_suffix(name, suffix)) return true;
  }
  if (format == InputFormat::kJsonl) return false;
  for (const char* suffix : {".xml", ".nitf", ".txt"}) {
    if (has_suffix(name, suffix)) return true;
  }
  return false;
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& arguments, InputFormat format) {
  InputList list;
  for (const std::string& arg : arguments) {
    if (arg == "-") {
      list.files.push_back({"-", 0});
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) throw std::runtime_error("input " + arg + ": no such file or directory");
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
      if (ec) throw std::runtime_error("input " + arg + ": " + ec.message());
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw std::runtime_error("input " + arg + ": " + ec.message());
        if (it->is_directory(ec) && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
          // The walk skips it (skip_permission_denied); the run says so.
          list.unreadable_dirs.push_back(it->path().string() + ": " + std::strerror(errno));
          continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (suits_format(it->path().filename().string(), format)) {
          found.push_back(it->path());
        } else {
          list.skipped.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      for (const fs::path& p : found) {
        auto size = fs::file_size(p, ec);
        list.files.push_back({p.string(), ec ? 0 : size});
      }
    } else {
      if (::access(arg.c_str(), R_OK) != 0) {
        throw std::runtime_error("input " + arg + ": " + std::strerror(errno));
      }
      auto size = fs::file_size(arg, ec);
      list.files.push_back({arg, ec ? 0 : size});
    }
  }
  std::sort(list.skipped.begin(), list.skipped.end());
  for (const InputFile& f : list.files) list.total_bytes += f.size;
  return list;
}

namespace {

// zlib names a file opened by descriptor "<fd:N>" in its messages; the
// caller names the file itself.
std::string zlib_message(const char* message) {
  std::string_view text(message);
  if (text.starts_with("<fd:")) {
    std::size_t end = text.find(">: ");
    if (end != std::string_view::npos) text.remove_prefix(end + 3);
  }
  return std::string(text);
}

// Reads up to `max_bytes` (+1, to tell "exactly" from "more") of a file.
std::string read_up_to(const std::string& path, std::size_t max_bytes, bool* truncated) {
  std::string name = path == "-" ? "standard input" : path;
  int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(name + ": " + std::strerror(errno));
  gzFile file = ::gzdopen(fd, "rb");
  if (file == nullptr) {
    ::close(fd);
    throw std::runtime_error(name + ": cannot open for reading");
  }
  std::string data;
  char buf[1 << 16];
  for (;;) {
    int n = ::gzread(file, buf, sizeof buf);
    if (n < 0) {
      int errnum = 0;
      std::string msg = zlib_message(::gzerror(file, &errnum));
      ::gzclose(file);
      throw std::runtime_error(name + ": read error: " + msg);
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) break;
  }
  int errnum = 0;
  std::string what = zlib_message(::gzerror(file, &errnum));
  if (errnum != Z_OK && data.size() <= max_bytes) {
    ::gzclose(file);
    throw std::runtime_error(name + ": compressed data is truncated or corrupt (" + what + ")");
  }
  ::gzclose(file);
  *truncated = data.size() > max_bytes;
  if (*truncated) data.resize(max_bytes);
  return data;
}

}  // namespace

std::string read_file_head(const std::string& path, std::size_t max_bytes) {
  bool truncated = false;
  return read_up_to(path, max_bytes, &truncated);
}

std::string read_whole_file(const std::string& path, std::size_t max_bytes) {
  bool truncated = false;
  std::string data = read_up_to(path, max_bytes, &truncated);
  if (truncated) {
    throw std::runtime_error("file is larger than " + std::to_string(max_bytes) + " bytes (--max-record-bytes)");
  }
  return data;
}

struct LineReader::Impl {
  gzFile file = nullptr;
  std::string path;
  std::vector<char> buffer = std::vector<char>(kReadBuffer);
  std::size_t begin = 0;
  std::size_t end = 0;
  bool eof = false;
};

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes)
    : impl_(std::make_unique<Impl>()), max_line_bytes_(max_line_bytes) {
  impl_->path = path == "-" ? "standard input" : path;
  int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(impl_->path + ": " + std::strerror(errno));
  impl_->file = ::gzdopen(fd, "rb");
  if (impl_->file == nullptr) {
    ::close(fd);
    throw std::runtime_error(impl_->path + ": cannot open for reading");
  }
  ::gzbuffer(impl_->file, kReadBuffer);
}

LineReader::~LineReader() {
  if (impl_->file != nullptr) ::gzclose(impl_->file);
}

bool LineReader::fill() {
  if (impl_->eof) return false;
  if (impl_->begin > 0) {
    std::memmove(impl_->buffer.data(), impl_->buffer.data() + impl_->begin, impl_->end - impl_->begin);
    impl_->end -= impl_->begin;
    impl_->begin = 0;
  }
  if (impl_->end == impl_->buffer.size()) impl_->buffer.resize(impl_->buffer.size() * 2);
  int n = ::gzread(impl_->file, impl_->buffer.data() + impl_->end,
                   static_cast<unsigned>(impl_->buffer.size() - impl_->end));
  if (n < 0) {
    int errnum = 0;
    std::string msg = zlib_message(::gzerror(impl_->file, &errnum));
    throw std::runtime_error(impl_->path + ": read error after line " +
                             std::to_string(line_number_) + ": " +
                             (errnum == Z_ERRNO ? std::strerror(errno) : msg));
  }
  if (n == 0) {
    int errnum = 0;
    std::string msg = zlib_message(::gzerror(impl_->file, &errnum));
    // A truncated gzip stream reads as end of file with Z_BUF_ERROR set.
    if (errnum != Z_OK) {
      impl_->eof = true;
      throw std::runtime_error(impl_->path + ": compressed data is truncated or corrupt after line " +
                               std::to_string(line_number_) + " (" + msg + ")");
    }
    impl_->eof = true;
    return false;
  }
  impl_->end += static_cast<std::size_t>(n);
  return true;
}

std::optional<LineReader::Line> LineReader::next() {
  Line line;
  bool have_any = false;
  for (;;) {
    char* data = impl_->buffer.data();
    char* start = data + impl_->begin;
    char* stop = data + impl_->end;
    char* newline = static_cast<char*>(std::memchr(start, '\n', static_cast<std::size_t>(stop - start)));
    std::size_t take = static_cast<std::size_t>((newline != nullptr ? newline : stop) - start);
    if (take > 0) have_any = true;
    line.full_bytes += take;
    if (!line.overlong) {
      std::size_t room = max_line_bytes_ - std::min(max_line_bytes_, line.text.size());
      if (take <= room) {
        line.text.append(start, take);
      } else {
        line.text.append(start, room);
        line.overlong = true;
      }
    }
    impl_->begin += take;
    if (newline != nullptr) {
      impl_->begin += 1;
      break;
    }
    // Keep the buffer from growing: the partial line has been copied out.
    impl_->begin = impl_->end = 0;
    if (!fill()) {
      if (!have_any) return std::nullopt;
      break;
    }
  }
  if (!line.overlong && !line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  line.number = ++line_number_;
  if (line.number == 1 && line.text.compare(0, 3, "\xEF\xBB\xBF") == 0) line.text.erase(0, 3);
  return line;
}

std::uint64_t LineReader::bytes_consumed() const {
  auto off = ::gzoffset(impl_->file);
  return off < 0 ? 0 : static_cast<std::uint64_t>(off);
}

}  // namespace warta::indexer
