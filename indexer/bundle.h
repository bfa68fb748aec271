// bundle: archives from old systems (.tar, .tar.gz, .zip) read entry by
// entry in memory, never unpacked to disk.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace warta::indexer {

// True when `head` (a file's first decompressed bytes) starts a tar or zip archive.
bool looks_like_bundle(std::string_view head);

// Calls `entry(name, bytes)` for each regular file in the archive at `path`,
// in archive order. An entry larger than `max_entry_bytes` is passed to
// `too_large(name, size)` instead. Throws std::runtime_error naming the
// archive and the entry when the archive is damaged.
void for_each_bundle_entry(const std::string& path, std::size_t max_entry_bytes,
                           const std::function<void(const std::string&, std::string&&)>& entry,
                           const std::function<void(const std::string&, std::size_t)>& too_large);

}  // namespace warta::indexer
