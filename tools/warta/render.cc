// render: plain-text layout of search results and articles, with optional ANSI bold for matches.
#include "tools/warta/render.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace warta::cli {
namespace {

constexpr int kDefaultWidth = 100;
constexpr int kMinWidth = 20;
constexpr std::string_view kSeparator = " · ";

// Decodes the UTF-8 sequence at text[i]; advances i. Invalid bytes decode
// as themselves (one column each) so that nothing is lost.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  int extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : -1;
  if (extra <= 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
    ++i;
    return lead;
  }
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char c = byte(i + static_cast<std::size_t>(k));
    if ((c & 0xC0) != 0x80) {
      ++i;
      return lead;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_combining(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         cp == 0xFEFF;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The code point an entity body ("lt", "#39", "#x27") stands for, or 0.
char32_t entity_value(std::string_view name) {
  if (name == "lt") return '<';
  if (name == "gt") return '>';
  if (name == "amp") return '&';
  if (name == "quot") return '"';
  if (name == "apos") return '\'';
  if (name.size() < 2 || name[0] != '#') return 0;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 7) return 0;
  std::uint32_t value = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'                ? c - '0'
            : hex && c >= 'a' && c <= 'f'       ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F'       ? c - 'A' + 10
                                                : -1;
    if (d < 0) return 0;
    value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
  }
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return static_cast<char32_t>(value);
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// The member `key` of `object`, or null when `object` is no object or lacks it.
const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_field(const Json& object, const char* key) {
  const Json* value = member(object, key);
  if (value == nullptr || !value->is_string()) return {};
  return clean_text(value->get_ref<const std::string&>());
}

// A list field that may also come as a single string ("authors", "tags").
std::string list_field(const Json& object, const char* key) {
  const Json* value = member(object, key);
  if (value == nullptr) return {};
  if (value->is_string()) return clean_text(value->get_ref<const std::string&>());
  std::string out;
  if (!value->is_array()) return out;
  for (const Json& item : *value) {
    if (!item.is_string()) continue;
    std::string text = clean_text(item.get_ref<const std::string&>());
    if (text.empty()) continue;
    if (!out.empty()) out += ", ";
    out += text;
  }
  return out;
}

// A count or total as digits; 0 for anything that is not a number.
std::string number_text(const Json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return std::to_string(static_cast<std::int64_t>(value.get<double>()));
  return "0";
}

// "2023-01-17 · kompas.com · MEGAPOLITAN · Rina Wulandari, Agus Setiawan · Jakarta"
std::string meta_line(const Json& object) {
  std::string date = string_field(object, "published_at");
  if (date.size() > 10) date.resize(10);  // the date part of an ISO 8601 date-time
  std::string out;
  for (const std::string& part : {date, string_field(object, "source"), string_field(object, "section"),
                                  list_field(object, "authors"), string_field(object, "location")}) {
    if (part.empty()) continue;
    if (!out.empty()) out += kSeparator;
    out += part;
  }
  return out;
}

std::string styled_text(std::string_view text, std::string_view style, bool styled) {
  if (!styled || text.empty()) return std::string(text);
  return std::string(style) + std::string(text) + std::string(kReset);
}

void append_lines(std::string& out, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    out += line;
    out += '\n';
  }
}

int effective_width(const RenderOptions& options) { return options.width < kMinWidth ? kMinWidth : options.width; }

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(text, i);
    if (cp == ' ' || is_control(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(text.substr(start, i - start));
  }
  return out;
}

std::string render_marked_html(std::string_view html, bool styled) {
  constexpr std::string_view kOpen = "<mark>";
  constexpr std::string_view kClose = "</mark>";
  const std::string text = clean_text(html);
  std::string out;
  out.reserve(text.size());
  bool bold = false;
  for (std::size_t i = 0; i < text.size();) {
    std::string_view rest = std::string_view(text).substr(i);
    if (rest.substr(0, kOpen.size()) == kOpen) {
      if (styled && !bold) out += kBold;
      bold = true;
      i += kOpen.size();
    } else if (rest.substr(0, kClose.size()) == kClose) {
      if (styled && bold) out += kReset;
      bold = false;
      i += kClose.size();
    } else if (rest.front() == '&') {
      std::size_t semicolon = rest.find(';');
      char32_t cp = semicolon != std::string_view::npos && semicolon <= 10 ? entity_value(rest.substr(1, semicolon - 1)) : 0;
      if (cp == 0) {
        out.push_back('&');
        ++i;
      } else {
        append_utf8(out, is_control(cp) ? U' ' : cp);
        i += semicolon + 1;
      }
    } else {
      out.push_back(rest.front());
      ++i;
    }
  }
  if (styled && bold) out += kReset;  // an unclosed <mark> must not bold the rest of the screen
  return out;
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\033' && i + 1 < text.size() && text[i + 1] == '[') {  // CSI ... final byte
      i += 2;
      while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7E)) ++i;
      ++i;
      continue;
    }
    char32_t cp = next_code_point(text, i);
    if (is_combining(cp)) continue;
    width += is_wide(cp) ? 2 : 1;
  }
  return width;
}

std::vector<std::string> wrap(std::string_view text, int width, std::string_view first_indent,
                              std::string_view indent) {
  std::vector<std::string> lines;
  std::string line(first_indent);
  int line_width = display_width(first_indent);
  bool line_has_word = false;
  bool bold = false;  // whether the text so far leaves bold on
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    int word_width = display_width(word);
    if (line_has_word && line_width + 1 + word_width > width) {
      // Bold is closed at the end of a line and reopened after the indent,
      // so that each line stands on its own (pagers, cut, copy and paste).
      if (bold) line += kReset;
      lines.push_back(std::move(line));
      line = std::string(indent);
      if (bold) line += kBold;
      line_width = display_width(indent);
      line_has_word = false;
    }
    if (line_has_word) {
      line.push_back(' ');
      ++line_width;
    }
    line += word;
    line_width += word_width;
    line_has_word = true;
    std::size_t on = word.rfind(kBold);
    std::size_t off = word.rfind(kReset);
    if (on != std::string_view::npos || off != std::string_view::npos) {
      bold = on != std::string_view::npos && (off == std::string_view::npos || on > off);
    }
  }
  lines.push_back(std::move(line));
  return lines;
}

std::string render_search(const Json& response, const RenderOptions& options) {
  const int width = effective_width(options);
  const bool styled = options.styled;
  std::string out;

  const Json* total = member(response, "total");
  const std::string total_text = total != nullptr ? number_text(*total) : "0";
  const Json* total_exact = member(response, "total_exact");
  const bool exact = total_exact == nullptr || !total_exact->is_boolean() || total_exact->get<bool>();
  const std::string noun = total_text == "1" ? " article" : " articles";
  out += exact ? total_text + noun + " (exact)" : "about " + total_text + noun;
  out += '\n';

  std::string suggestion = string_field(response, "suggestion");
  if (!suggestion.empty()) {
    append_lines(out, wrap("did you mean: " + styled_text(suggestion, kBold, styled), width, "", "  "));
  }
  // Date words the server read out of the query: say which days and what was searched.
  if (const Json* interpreted = member(response, "interpreted"); interpreted != nullptr && interpreted->is_object()) {
    const Json* date = member(*interpreted, "date");
    std::string from = date != nullptr && date->is_object() ? string_field(*date, "from") : "";
    std::string to = date != nullptr && date->is_object() ? string_field(*date, "to") : "";
    std::string days = from == to ? from : (from.empty() ? "..." : from) + " to " + (to.empty() ? "..." : to);
    std::string rest = string_field(*interpreted, "q");
    append_lines(out, wrap("dates: " + days + (rest.empty() ? "" : ", words: " + rest), width, "", "  "));
  }

  static const Json kNoHits = Json::array();
  const Json* hits_member = member(response, "hits");
  const Json& hits = hits_member != nullptr && hits_member->is_array() ? *hits_member : kNoHits;
  const Json* offset_member = member(response, "offset");
  const std::int64_t offset =
      offset_member != nullptr && offset_member->is_number_integer() ? offset_member->get<std::int64_t>() : 0;
  // Paging past the end is worth saying; an empty page from --limit 0 is not.
  if (hits.empty() && offset > 0) out += "(no hits at offset " + std::to_string(offset) + ")\n";

  // Ranks are right-aligned to the widest one on the page; blocks indent past them.
  const std::string last_rank = std::to_string(offset + static_cast<std::int64_t>(hits.size()));
  const std::string indent(last_rank.size() + 2, ' ');
  std::int64_t rank = offset;
  for (const Json& hit : hits) {
    ++rank;
    out += '\n';
    std::string label = std::to_string(rank) + ". ";
    label.insert(0, indent.size() - label.size(), ' ');
    const Json* title_html = member(hit, "title_html");
    std::string title = title_html != nullptr && title_html->is_string()
                            ? render_marked_html(title_html->get_ref<const std::string&>(), styled)
                            : string_field(hit, "title");
    append_lines(out, wrap(title, width, label, indent));
    if (std::string meta = meta_line(hit); !meta.empty()) append_lines(out, wrap(meta, width, indent, indent));
    if (const Json* snippet_html = member(hit, "snippet"); snippet_html != nullptr && snippet_html->is_string()) {
      std::string snippet = render_marked_html(snippet_html->get_ref<const std::string&>(), styled);
      if (!snippet.empty()) append_lines(out, wrap(snippet, width, indent, indent));
    }
    // The id (for "warta article ID") and the url share a line when they fit;
    // neither is ever broken, so that both can be copied whole.
    std::vector<std::string> where;
    if (std::string id = string_field(hit, "id"); !id.empty()) where.push_back(id);
    if (std::string url = string_field(hit, "url"); !url.empty()) {
      std::string joined = where.empty() ? url : where.back() + std::string(kSeparator) + url;
      if (where.empty() || display_width(indent) + display_width(joined) <= width) {
        where.assign(1, joined);
      } else {
        where.push_back(url);
      }
    }
    for (const std::string& line : where) out += indent + styled_text(line, kDim, styled) + '\n';
  }

  if (const Json* facets = member(response, "facets"); facets != nullptr && facets->is_object() && !facets->empty()) {
    out += '\n';
    for (const auto& [field, values] : facets->items()) {
      std::string line = clean_text(field) + ":";
      bool first = true;
      if (values.is_array()) {
        for (const Json& bucket : values) {
          std::string value = string_field(bucket, "value");
          const Json* count_member = member(bucket, "count");
          std::string count = count_member != nullptr ? number_text(*count_member) : "0";
          line += first ? " " : std::string(kSeparator);
          line += value + " " + count;
          first = false;
        }
      }
      if (first) line += " (none)";
      append_lines(out, wrap(line, width, "", "  "));
    }
  }
  return out;
}

std::string render_article(const Json& article, const RenderOptions& options) {
  const int width = effective_width(options);
  const bool styled = options.styled;
  std::string out;
  std::string title = string_field(article, "title");
  for (const std::string& line : wrap(title, width, "", "")) out += styled_text(line, kBold, styled) + '\n';
  if (std::string meta = meta_line(article); !meta.empty()) append_lines(out, wrap(meta, width, "", ""));
  if (std::string url = string_field(article, "url"); !url.empty()) out += url + '\n';
  if (std::string tags = list_field(article, "tags"); !tags.empty()) append_lines(out, wrap("tags: " + tags, width, "", "  "));
  if (std::string id = string_field(article, "id"); !id.empty()) out += styled_text("id: " + id, kDim, styled) + '\n';

  // The body keeps its paragraphs (one per line of the stored text).
  const Json* body_member = member(article, "body");
  const std::string body = body_member != nullptr && body_member->is_string() ? body_member->get<std::string>() : "";
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string paragraph = clean_text(std::string_view(body).substr(start, end - start));
    start = end + 1;
    if (paragraph.empty()) continue;
    out += '\n';
    append_lines(out, wrap(paragraph, width, "", ""));
  }
  return out;
}

int terminal_width(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long value = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && value > 0 && value < 10000) return static_cast<int>(value);
  }
  return kDefaultWidth;
}

}  // namespace warta::cli
