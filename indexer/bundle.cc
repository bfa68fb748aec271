// bundle: libarchive, with every filter and format it knows.
#include "indexer/bundle.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace warta::indexer {

bool looks_like_bundle(std::string_view head) {
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return true;
  // POSIX tar: "ustar" at offset 257 of the first header block.
  return head.size() >= 262 && head.substr(257, 5) == "ustar";
}

void for_each_bundle_entry(const std::string& path, std::size_t max_entry_bytes,
                           const std::function<void(const std::string&, std::string&&)>& entry,
                           const std::function<void(const std::string&, std::size_t)>& too_large) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw std::runtime_error(path + ": cannot open archive: " + archive_error_string(reader.get()));
  }
  archive_entry* header = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &header);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      throw std::runtime_error(path + ": damaged archive: " + archive_error_string(reader.get()));
    }
    if (archive_entry_filetype(header) != AE_IFREG) continue;
    std::string name = archive_entry_pathname(header) ? archive_entry_pathname(header) : "";
    auto size = archive_entry_size_is_set(header) ? static_cast<std::size_t>(archive_entry_size(header)) : 0;
    if (size > max_entry_bytes) {
      too_large(name, size);
      continue;
    }
    std::string data;
    char buf[1 << 16];
    for (;;) {
      la_ssize_t n = archive_read_data(reader.get(), buf, sizeof buf);
      if (n < 0) {
        throw std::runtime_error(path + "!" + name + ": damaged archive: " + archive_error_string(reader.get()));
      }
      if (n == 0) break;
      data.append(buf, static_cast<std::size_t>(n));
      if (data.size() > max_entry_bytes) break;
    }
    if (data.size() > max_entry_bytes) {
      too_large(name, data.size());
      continue;
    }
    entry(name, std::move(data));
  }
}

}  // namespace warta::indexer
