// article: JSON <-> Article, with field-precise error messages.
#include "common/article.h"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "common/text_clean.h"

namespace warta {
namespace {

using json = nlohmann::json;

constexpr std::string_view kKnownFields[] = {"id",      "url",      "title",    "body",
                                             "source",  "published_at", "section", "authors",
                                             "location", "lang",    "tags"};

std::string field_error(std::string_view field, std::string_view what) {
  return "field \"" + std::string(field) + "\": " + std::string(what);
}

// Reads an optional string member; null and "" mean absent.
bool read_optional(const json& obj, std::string_view name, std::optional<std::string>& out,
                   std::string& error) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    error = field_error(name, std::string("expected a string, got ") + it->type_name());
    return false;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (!s.empty()) out = s;
  return true;
}

bool read_required(const json& obj, std::string_view name, std::string& out, std::string& error) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    error = "missing required field \"" + std::string(name) + "\"";
    return false;
  }
  if (!it->is_string()) {
    error = field_error(name, std::string("expected a string, got ") + it->type_name());
    return false;
  }
  out = it->get<std::string>();
  if (out.empty()) {
    error = field_error(name, "must not be empty");
    return false;
  }
  return true;
}

bool read_list(const json& obj, std::string_view name, std::vector<std::string>& out,
               std::string& error) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return true;
  if (it->is_string()) {
    if (!it->get_ref<const std::string&>().empty()) out.push_back(it->get<std::string>());
    return true;
  }
  if (!it->is_array()) {
    error = field_error(name, std::string("expected an array of strings, got ") + it->type_name());
    return false;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    if (!item.is_string()) {
      error = field_error(std::string(name) + "[" + std::to_string(i) + "]",
                          std::string("expected a string, got ") + item.type_name());
      return false;
    }
    if (!item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
  }
  return true;
}

void dedupe(std::vector<std::string>& values) {
  std::vector<std::string> seen_keys;
  std::vector<std::string> kept;
  for (auto& v : values) {
    std::string key = schema::facet_key(v);
    if (v.empty() || std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) continue;
    seen_keys.push_back(std::move(key));
    kept.push_back(std::move(v));
  }
  values = std::move(kept);
}

// A space, a no-break space, a zero-width space or a byte-order mark at
// either end (control characters are refused on their own).
bool starts_or_ends_with_a_space(std::string_view id) {
  for (std::string_view space : {std::string_view(" "), std::string_view("\xC2\xA0"),
                                 std::string_view("\xE2\x80\x8B"), std::string_view("\xEF\xBB\xBF")}) {
    if (id.starts_with(space) || id.ends_with(space)) return true;
  }
  return false;
}

void clean_optional(std::optional<std::string>& value) {
  if (!value) return;
  *value = clean_line(*value);
  if (value->empty()) value.reset();
}

}  // namespace

ArticleDecode article_from_json(const json& value) {
  ArticleDecode result;
  if (!value.is_object()) {
    result.error = std::string("expected a JSON object, got ") + value.type_name();
    return result;
  }
  Article a;
  std::string& err = result.error;
  if (!read_required(value, "id", a.id, err) || !read_required(value, "title", a.title, err) ||
      !read_required(value, "body", a.body, err) || !read_optional(value, "url", a.url, err) ||
      !read_optional(value, "source", a.source, err) ||
      !read_optional(value, "published_at", a.published_at, err) ||
      !read_optional(value, "section", a.section, err) ||
      !read_optional(value, "location", a.location, err) ||
      !read_optional(value, "lang", a.lang, err) || !read_list(value, "authors", a.authors, err) ||
      !read_list(value, "tags", a.tags, err)) {
    return result;
  }
  if (a.id.size() > schema::kMaxIdBytes) {
    err = field_error("id", "longer than " + std::to_string(schema::kMaxIdBytes) + " bytes");
    return result;
  }
  for (char c : a.id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      err = field_error("id", "contains a control character");
      return result;
    }
  }
  // Ids are matched exactly (--delete, /articles/{id}): " 17" would be an
  // article apart from "17" that no one could name by typing it.
  if (starts_or_ends_with_a_space(a.id)) {
    err = field_error("id", "starts or ends with a space");
    return result;
  }
  if (a.published_at) {
    a.published = parse_iso_date(*a.published_at);
    if (!a.published) {
      err = field_error("published_at", "\"" + *a.published_at +
                                            "\" is not an ISO 8601 date (YYYY-MM-DD or "
                                            "YYYY-MM-DDThh:mm:ss with an optional offset)");
      return result;
    }
  }
  if (a.lang) {
    for (char c : *a.lang) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      if (!ok || a.lang->size() > 35) {
        err = field_error("lang", "\"" + *a.lang + "\" is not a language code such as \"id\" or \"en\"");
        return result;
      }
    }
  }
  for (const auto& [key, unused] : value.items()) {
    if (std::find(std::begin(kKnownFields), std::end(kKnownFields), key) == std::end(kKnownFields)) {
      result.ignored_fields.push_back(key);
    }
  }
  result.article = std::move(a);
  return result;
}

std::string clean_article(Article& a) {
  a.title = clean_line(a.title);
  if (a.title.empty()) return field_error("title", "empty after clean-up");
  a.body = clean_body(a.body);
  if (a.body.empty()) return field_error("body", "empty after clean-up");
  clean_optional(a.url);
  clean_optional(a.source);
  clean_optional(a.section);
  clean_optional(a.location);
  clean_optional(a.lang);
  if (a.lang) {
    for (char& c : *a.lang) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  for (auto& v : a.authors) v = clean_line(v);
  for (auto& v : a.tags) v = clean_line(v);
  dedupe(a.authors);
  dedupe(a.tags);
  return {};
}

json article_to_json(const Article& a) {
  json j = json::object();
  j["id"] = a.id;
  if (a.url) j["url"] = *a.url;
  j["title"] = a.title;
  j["body"] = a.body;
  if (a.source) j["source"] = *a.source;
  if (a.published_at) j["published_at"] = *a.published_at;
  if (a.section) j["section"] = *a.section;
  if (!a.authors.empty()) j["authors"] = a.authors;
  if (a.location) j["location"] = *a.location;
  if (a.lang) j["lang"] = *a.lang;
  if (!a.tags.empty()) j["tags"] = a.tags;
  return j;
}

}  // namespace warta
