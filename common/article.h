// article: the canonical article record and its one JSON codec, shared by the
// indexer (reading archives) and searchd (showing stored articles).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/dates.h"

namespace warta {

// One news article. `id`, `title` and `body` are never empty in a valid
// article; optional fields are absent when the archive does not give them.
struct Article {
  std::string id;
  std::string title;
  std::string body;  // paragraphs separated by '\n'
  std::optional<std::string> url;
  std::optional<std::string> source;
  std::optional<std::string> published_at;  // as written in the archive
  std::optional<PublishedDate> published;   // parsed from published_at
  std::optional<std::string> section;
  std::vector<std::string> authors;
  std::optional<std::string> location;
  std::optional<std::string> lang;
  std::vector<std::string> tags;

  bool operator==(const Article&) const = default;
};

// The result of reading one JSON record: an article, or the reason it was
// rejected (naming the field, e.g. `field "authors": expected an array of
// strings`). `ignored_fields` lists member names that are not part of the
// format; they do not reject the record.
struct ArticleDecode {
  std::optional<Article> article;
  std::string error;
  std::vector<std::string> ignored_fields;
};

// Decodes a parsed JSON value. Required: object with non-empty string `id`
// (at most schema::kMaxIdBytes bytes, no control characters), `title`,
// `body`. Optional strings may be null or empty (then absent); `authors` and
// `tags` may be a string or an array of strings; `published_at` must be ISO
// 8601 (see parse_iso_date). Does not clean text; see clean_article.
ArticleDecode article_from_json(const nlohmann::json& value);

// Cleans every text field (clean_line; clean_body for the body), drops empty
// optional values and duplicate authors/tags. Returns an error message when
// a required field is empty after clean-up, else an empty string.
std::string clean_article(Article& article);

// Encodes an article in the canonical JSON format (absent fields left out,
// `published_at` as written). article_from_json(article_to_json(a)) == a.
nlohmann::json article_to_json(const Article& article);

}  // namespace warta
