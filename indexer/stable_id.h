// stable_id: ids for records that carry none, the same for the same article on every run and build.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/article.h"

namespace warta::indexer {

// 64-bit FNV-1a of the bytes. Written out here (not std::hash) because ids
// are persisted in indexes: the value must never change between builds.
std::uint64_t fnv1a_64(std::string_view bytes);

// The form of a URL that variants of one page share: surrounding white
// space trimmed, scheme and host lowercased, a default port (":80" for http,
// ":443" for https) dropped, no fragment, query parameters named "utm_*"
// (any case) dropped, no trailing '/' on the path ("https://x.com/" ->
// "https://x.com"). Everything else, including the case of the path and the
// order of the remaining parameters, is kept.
std::string normalise_url(std::string_view url);

// An id for an article that has none. With a URL: "url-" followed by 16
// lowercase hex digits of fnv1a_64(normalise_url(url)). Without: "h-" and 16
// hex digits of fnv1a_64(source + '\n' + day + '\n' + title), where source
// and title are cleaned (clean_line: NFC, white space collapsed) and
// case-folded, and day is "YYYY-MM-DD" of the publication date as written
// (empty when undated; the time of day does not count). Reprints of one
// story under one title, source and day therefore share an id, which is the
// point: re-indexing replaces them instead of duplicating them.
std::string stable_id(const Article& article);

}  // namespace warta::indexer
