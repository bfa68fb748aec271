// parse_news_xml: NITF and NewsML-G2 read with pugixml, elements matched by local name.
#include "indexer/parse_news_xml.h"

#include <algorithm>
#include <initializer_list>
#include <span>

#include <pugixml.hpp>

#include "common/dates.h"
#include "common/schema.h"
#include "common/text_clean.h"
#include "common/utf8.h"
#include "indexer/stable_id.h"

namespace warta::indexer {
namespace {

using pugi::xml_node;

constexpr std::string_view kNarNamespace = "http://iptc.org/std/nar/2006-10-01/";
constexpr std::size_t kSniffBytes = 8192;
// Tree walks stop this deep: deeper markup is not news text, and the limit
// keeps hostile nesting from exhausting the stack.
constexpr int kMaxDepth = 256;

// ---------------------------------------------------------------- strings

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view s) { return trim(s).empty(); }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

// The code of a QCode ("nprov:KBC" -> "KBC"); a value without a scheme alias is its own code.
std::string_view qcode_code(std::string_view qcode) {
  auto colon = qcode.find(':');
  return colon == std::string_view::npos ? qcode : qcode.substr(colon + 1);
}

// --------------------------------------------------------------- elements

std::string_view local_name(xml_node node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool named(xml_node node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node) == name;
}

xml_node child(xml_node parent, std::string_view name) {
  for (xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (named(c, name)) return c;
  }
  return {};
}

std::vector<xml_node> children(xml_node parent, std::string_view name) {
  std::vector<xml_node> out;
  for (xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (named(c, name)) out.push_back(c);
  }
  return out;
}

xml_node path(xml_node node, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (!node) break;
    node = child(node, name);
  }
  return node;
}

xml_node descendant(xml_node node, std::string_view name, int depth = 0) {
  if (depth > kMaxDepth) return {};
  for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c) == name) return c;
    if (xml_node d = descendant(c, name, depth + 1)) return d;
  }
  return {};
}

std::string_view attr(xml_node node, const char* name) { return node.attribute(name).value(); }

// ------------------------------------------------------------------- text

// Named entities of the NITF and XHTML DTDs that exporters leave unexpanded;
// pugixml keeps a reference it does not know as written ("&nbsp;").
struct Entity {
  std::string_view name;
  std::string_view utf8;
};
constexpr Entity kEntities[] = {
    {"nbsp", "\xc2\xa0"},        {"ndash", "\xe2\x80\x93"},  {"mdash", "\xe2\x80\x94"},
    {"hellip", "\xe2\x80\xa6"},  {"lsquo", "\xe2\x80\x98"},  {"rsquo", "\xe2\x80\x99"},
    {"ldquo", "\xe2\x80\x9c"},   {"rdquo", "\xe2\x80\x9d"},  {"laquo", "\xc2\xab"},
    {"raquo", "\xc2\xbb"},       {"bull", "\xe2\x80\xa2"},   {"middot", "\xc2\xb7"},
    {"copy", "\xc2\xa9"},        {"reg", "\xc2\xae"},        {"trade", "\xe2\x84\xa2"},
    {"deg", "\xc2\xb0"},         {"eacute", "\xc3\xa9"},     {"egrave", "\xc3\xa8"},
    {"aacute", "\xc3\xa1"},      {"iacute", "\xc3\xad"},     {"oacute", "\xc3\xb3"},
    {"uacute", "\xc3\xba"},      {"ntilde", "\xc3\xb1"},     {"uuml", "\xc3\xbc"},
    {"ouml", "\xc3\xb6"},        {"auml", "\xc3\xa4"},       {"ccedil", "\xc3\xa7"},
};

// Appends character data. Outside <pre>, line ends and tabs are layout of
// the XML file, not of the text: they become spaces (clean-up collapses runs).
void append_chars(std::string& out, std::string_view text, bool keep_breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '&') {
      std::size_t semi = text.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 8) {
        std::string_view name = text.substr(i + 1, semi - i - 1);
        auto it = std::find_if(std::begin(kEntities), std::end(kEntities),
                               [name](const Entity& e) { return e.name == name; });
        if (it != std::end(kEntities)) {
          out.append(it->utf8);
          i = semi;
          continue;
        }
      }
    }
    if (!keep_breaks && (c == '\n' || c == '\r' || c == '\t')) c = ' ';
    out.push_back(c);
  }
}

bool in(std::string_view name, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// Elements whose text is never article text.
bool skipped(std::string_view name) {
  return in(name, {"media", "table", "nitf-table", "custom-table", "note", "head", "script", "style",
                   "figure", "img", "object", "iframe", "noscript", "nav", "svg", "math", "form",
                   "button", "select", "textarea", "audio", "video"});
}

// Elements that hold one paragraph.
bool leaf_block(std::string_view name) {
  return in(name, {"p", "hl1", "hl2", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd",
                   "address", "tagline"});
}

// Elements that hold blocks; a paragraph never runs across their edges.
bool container(std::string_view name) {
  return in(name, {"body", "body.content", "block", "bq", "div", "blockquote", "section", "article",
                   "main", "ul", "ol", "dl", "fn", "header", "footer", "aside", "html", "inlineXML"});
}

// Inline elements (NITF enriched text, XHTML phrasing content).
bool inline_element(std::string_view name) {
  return in(name, {"a", "em", "strong", "b", "i", "u", "s", "span", "q", "sub", "sup", "small", "big",
                   "mark", "abbr", "cite", "code", "kbd", "var", "time", "dfn", "ins", "del", "person",
                   "org", "location", "city", "state", "region", "country", "sublocation", "chron",
                   "money", "num", "event", "function", "object.title", "virtloc", "classifier",
                   "copyrite", "copyrite.holder", "copyrite.year", "lang", "pronounce", "frac", "numer",
                   "denom", "frac-sep", "alt-code", "name.given", "name.family", "postaddr", "ruby",
                   "rb", "rt", "rp", "font"});
}

// All text below `node`; `<br/>` and block edges become '\n'. Elements
// named in `exclude` are left out with their content.
void append_text(xml_node node, std::string& out, bool keep_breaks, std::span<const std::string_view> exclude,
                 int depth) {
  if (depth > kMaxDepth) return;
  for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      append_chars(out, c.value(), keep_breaks);
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    std::string_view name = local_name(c);
    if (name == "br") {
      out.push_back('\n');
      continue;
    }
    if (skipped(name) || std::find(exclude.begin(), exclude.end(), name) != exclude.end()) continue;
    bool block = leaf_block(name) || container(name);
    if (block) out.push_back('\n');
    append_text(c, out, keep_breaks || name == "pre", exclude, depth + 1);
    if (block) out.push_back('\n');
  }
}

// The text of a metadata element on one clean line ("" for a null node).
std::string line_text(xml_node node, std::span<const std::string_view> exclude = {}) {
  if (!node) return {};
  std::string raw;
  append_text(node, raw, false, exclude, 0);
  return clean_line(raw);
}

std::string attr_line(xml_node node, const char* name) { return clean_line(attr(node, name)); }

// Splits the content of a container into paragraphs (see the header).
void collect_blocks(xml_node node, std::vector<std::string>& paragraphs, int depth) {
  if (depth > kMaxDepth) return;
  std::string loose;  // text sitting directly in the container
  auto flush = [&] {
    if (!blank(loose)) paragraphs.push_back(loose);
    loose.clear();
  };
  for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      append_chars(loose, c.value(), false);
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    std::string_view name = local_name(c);
    if (name == "br") {
      loose.push_back('\n');
    } else if (skipped(name)) {
      continue;
    } else if (leaf_block(name)) {
      flush();
      std::string text;
      append_text(c, text, name == "pre", {}, depth + 1);
      paragraphs.push_back(std::move(text));
    } else if (inline_element(name)) {
      append_text(c, loose, false, {}, depth + 1);
    } else {
      flush();
      collect_blocks(c, paragraphs, depth + 1);
    }
  }
  flush();
}

std::string join_lines(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) {
    if (blank(p)) continue;
    if (!out.empty()) out.push_back('\n');
    out.append(p);
  }
  return out;
}

std::string nitf_body_text(xml_node body) {
  std::vector<std::string> paragraphs;
  for (xml_node content : children(body, "body.content")) collect_blocks(content, paragraphs, 0);
  return join_lines(paragraphs);
}

// Plain text: blank lines separate paragraphs when the text has any (lines
// inside one are hard wraps); otherwise every line is a paragraph.
std::string plain_text_body(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line;
    append_chars(line, text.substr(start, end - start), false);
    lines.push_back(std::move(line));
    start = end + 1;
  }
  bool has_blank_line = false;
  bool seen_text = false;
  for (const auto& l : lines) {
    if (!blank(l)) seen_text = true;
    else if (seen_text) has_blank_line = true;
  }
  if (!has_blank_line) return join_lines(lines);
  std::vector<std::string> paragraphs(1);
  for (const auto& l : lines) {
    if (blank(l)) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      if (!paragraphs.back().empty()) paragraphs.back().push_back(' ');
      paragraphs.back().append(l);
    }
  }
  return join_lines(paragraphs);
}

// --------------------------------------------------------------- fields

// The primary subtag of a language tag, lowercased ("id-ID" -> "id").
std::optional<std::string> language_value(std::string_view tag) {
  tag = trim(tag);
  std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  if (primary.size() < 2 || primary.size() > 8) return std::nullopt;
  if (!std::all_of(primary.begin(), primary.end(), is_alpha)) return std::nullopt;
  std::string code = lower(primary);
  if (code == "und") return std::nullopt;
  return code;
}

// The language in effect at `node`: its own or an ancestor's xml:lang (or
// the older plain `lang` attribute).
std::optional<std::string> language_in_effect(xml_node node) {
  for (; node; node = node.parent()) {
    for (const char* name : {"xml:lang", "lang"}) {
      std::string_view value = attr(node, name);
      if (!blank(value)) return language_value(value);
    }
  }
  return std::nullopt;
}

bool is_domain(std::string_view s) {
  if (s.empty() || s.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  std::string_view last;
  while (start <= s.size()) {
    std::size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) return false;
    for (char c : label) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
    }
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
}

std::string strip_www(std::string host) { return host.rfind("www.", 0) == 0 ? host.substr(4) : host; }

// The host of an http(s) URL, lowercased, without "www.", user or port.
std::optional<std::string> url_host(std::string_view url) {
  std::size_t skip = starts_with_ci(url, "http://") ? 7 : starts_with_ci(url, "https://") ? 8 : 0;
  if (skip == 0) return std::nullopt;
  std::string_view host = url.substr(skip);
  host = host.substr(0, host.find_first_of("/?#"));
  if (auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  if (host.empty()) return std::nullopt;
  return strip_www(lower(host));
}

// See "source" in the header.
std::optional<std::string> source_value(std::string_view raw) {
  std::string value = clean_line(raw);
  if (value.empty()) return std::nullopt;
  if (auto host = url_host(value)) return host;
  if (is_domain(value)) return strip_www(lower(value));
  return value;
}

std::optional<std::string> url_value(std::string_view raw) {
  std::string value = clean_line(raw);
  if (!starts_with_ci(value, "http://") && !starts_with_ci(value, "https://")) return std::nullopt;
  if (value.find(' ') != std::string::npos) return std::nullopt;
  return value;
}

// Names in a byline: "Oleh Andi dan Rina" -> {"Andi", "Rina"}.
std::vector<std::string> authors_from_byline(std::string_view raw) {
  std::string text = clean_line(raw);
  for (std::string_view prefix : {"by", "oleh", "penulis"}) {
    if (starts_with_ci(text, prefix) &&
        (text.size() == prefix.size() || text[prefix.size()] == ' ' || text[prefix.size()] == ':')) {
      text.erase(0, prefix.size());
      break;
    }
  }
  std::string folded = lower(text);  // ASCII only: byte offsets stay the same
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t cut = std::string::npos;
    std::size_t len = 0;
    for (std::string_view sep : {" and ", " dan ", " & ", ";"}) {
      std::size_t at = folded.find(sep, start);
      if (at < cut) {
        cut = at;
        len = sep.size();
      }
    }
    std::string_view piece = std::string_view(text).substr(start, cut == std::string::npos ? cut : cut - start);
    auto punct = [](char c) { return is_space(c) || c == ',' || c == ';' || c == ':' || c == '-'; };
    while (!piece.empty() && punct(piece.front())) piece.remove_prefix(1);
    while (!piece.empty() && punct(piece.back())) piece.remove_suffix(1);
    if (!piece.empty()) names.emplace_back(piece);
    if (cut == std::string::npos) break;
    start = cut + len;
  }
  return names;
}

// The place at the head of a dateline: "LABUAN BAJO, April 1 -" -> "LABUAN BAJO".
std::optional<std::string> dateline_place(std::string_view raw) {
  std::string text = clean_line(raw);
  std::size_t cut = text.size();
  for (std::string_view sep : {",", "(", " -", " \xe2\x80\x93", " \xe2\x80\x94"}) {
    cut = std::min(cut, text.find(sep));
  }
  std::string place = clean_line(std::string_view(text).substr(0, cut));
  if (place.empty()) return std::nullopt;
  return place;
}

std::optional<std::string> nonempty(std::string value) {
  if (value.empty()) return std::nullopt;
  return value;
}

// The authors of NITF bylines: <person> elements, else the text.
std::vector<std::string> nitf_authors(xml_node body_head) {
  static constexpr std::string_view kNotNames[] = {"byttl", "virtloc"};
  std::vector<std::string> authors;
  for (xml_node byline : children(body_head, "byline")) {
    std::vector<xml_node> people;
    for (xml_node c = byline.first_child(); c; c = c.next_sibling()) {
      if (named(c, "person")) people.push_back(c);
    }
    if (!people.empty()) {
      for (xml_node p : people) {
        if (std::string name = line_text(p); !name.empty()) authors.push_back(std::move(name));
      }
    } else {
      for (auto& name : authors_from_byline(line_text(byline, kNotNames))) authors.push_back(std::move(name));
    }
  }
  return authors;
}

std::optional<std::string> nitf_location(xml_node dateline) {
  if (!dateline) return std::nullopt;
  if (xml_node location = descendant(dateline, "location")) {
    if (xml_node city = descendant(location, "city")) {
      if (auto v = nonempty(line_text(city))) return v;
    }
    return nonempty(line_text(location));
  }
  if (xml_node city = descendant(dateline, "city")) return nonempty(line_text(city));
  static constexpr std::string_view kNotPlace[] = {"story.date"};
  return dateline_place(line_text(dateline, kNotPlace));
}

// ------------------------------------------------------------ documents

struct Loaded {
  pugi::xml_document doc;
  std::string error;  // set when the document cannot be used
};

std::string declared_encoding(const pugi::xml_document& doc) {
  for (xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_declaration) return lower(attr(n, "encoding"));
  }
  return {};
}

// XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*. Only such a name is
// repeated in a reject reason, which must stay UTF-8 to be reported.
bool is_encoding_name(std::string_view name) {
  auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (name.empty() || name.size() > 40 || !ascii_letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return ascii_letter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

void load(std::string_view xml, Loaded& out) {
  constexpr unsigned kOptions = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_declaration;
  pugi::xml_parse_result result = out.doc.load_buffer(xml.data(), xml.size(), kOptions, pugi::encoding_auto);
  if (!result) {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    out.error = "invalid XML at byte " + std::to_string(offset + 1);
    if (result.encoding == pugi::encoding_utf8 && offset <= xml.size()) {
      auto line = std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
      out.error += " (line " + std::to_string(line) + ")";
    }
    out.error += std::string(": ") + result.description();
    return;
  }
  // pugixml does not check UTF-8; an undeclared Windows-1252 file lands here.
  if (result.encoding == pugi::encoding_utf8) {
    if (auto bad = find_invalid_utf8(xml)) {
      out.error = "invalid UTF-8 at byte " + std::to_string(*bad + 1);
      std::string declared = declared_encoding(out.doc);
      if (!declared.empty() && declared != "utf-8" && declared != "utf8") {
        out.error += is_encoding_name(declared)
                         ? " (declared encoding \"" + declared +
                               "\" is not supported: use UTF-8, UTF-16, UTF-32 or ISO-8859-1)"
                         : std::string(" (the declared encoding is not an encoding name)");
      }
    }
  }
}

std::vector<ParsedRecord> one_reject(std::string reason) {
  ParsedRecord r;
  r.reject_reason = std::move(reason);
  return {std::move(r)};
}

ParsedRecord reject(const std::string& label, const std::string& reason) {
  ParsedRecord r;
  r.reject_reason = label + ": " + reason;
  return r;
}

// Sets published_at from the first candidate present; an unreadable one
// rejects the item rather than silently falling back to a later date.
struct DateCandidate {
  std::string value;
  std::string where;
};
std::optional<std::string> apply_date(Article& a, const std::vector<DateCandidate>& candidates) {
  for (const auto& c : candidates) {
    if (blank(c.value)) continue;
    auto normal = normalise_news_date(c.value);
    if (!normal) return c.where + " \"" + std::string(trim(c.value)) + "\" is not an ISO 8601 date";
    a.published_at = *normal;
    a.published = parse_iso_date(*normal);
    return std::nullopt;
  }
  return std::nullopt;
}

// Cleans, gives an id when the item has none, and checks the id as the JSON
// reader does.
ParsedRecord finish(Article a, const std::string& label) {
  if (std::string error = clean_article(a); !error.empty()) return reject(label, error);
  a.id = std::string(trim(a.id));
  if (a.id.empty()) a.id = stable_id(a);
  if (a.id.size() > schema::kMaxIdBytes) {
    return reject(label, "field \"id\": longer than " + std::to_string(schema::kMaxIdBytes) + " bytes");
  }
  for (char c : a.id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return reject(label, "field \"id\": contains a control character");
    }
  }
  ParsedRecord r;
  r.article = std::move(a);
  return r;
}

// --------------------------------------------------------------- NITF

ParsedRecord nitf_record(xml_node nitf, const std::string& label) {
  xml_node head = child(nitf, "head");
  xml_node body = child(nitf, "body");
  xml_node body_head = child(body, "body.head");
  xml_node docdata = child(head, "docdata");
  std::vector<xml_node> pubdata = children(head, "pubdata");
  auto first_pubdata = [&pubdata](const char* name) -> std::string {
    for (xml_node p : pubdata) {
      if (std::string v = attr_line(p, name); !v.empty()) return v;
    }
    return {};
  };

  Article a;
  a.title = line_text(path(body_head, {"hedline", "hl1"}));
  if (a.title.empty()) a.title = line_text(child(head, "title"));
  if (a.title.empty()) return reject(label, "no headline (head/title or body.head/hedline/hl1)");
  a.body = nitf_body_text(body);
  if (blank(a.body)) return reject(label, "no body text (body/body.content)");

  a.id = attr(child(docdata, "doc-id"), "id-string");
  if (auto error = apply_date(a, {{std::string(attr(child(docdata, "date.issue"), "norm")),
                                   "head/docdata/date.issue@norm"},
                                  {first_pubdata("date.publication"), "head/pubdata@date.publication"}})) {
    return reject(label, *error);
  }
  a.authors = nitf_authors(body_head);
  a.location = nitf_location(child(body_head, "dateline"));

  for (xml_node keyword : children(child(docdata, "key-list"), "keyword")) {
    std::string key = attr_line(keyword, "key");
    if (key.empty()) key = line_text(keyword);
    if (!key.empty()) a.tags.push_back(std::move(key));
  }
  for (xml_node subject : children(child(head, "tobject"), "tobject.subject")) {
    for (const char* level : {"tobject.subject.type", "tobject.subject.matter", "tobject.subject.detail"}) {
      if (std::string v = attr_line(subject, level); !v.empty()) a.tags.push_back(std::move(v));
    }
  }

  a.source = source_value(first_pubdata("name"));
  if (!a.source) a.source = source_value(attr(child(docdata, "doc.copyright"), "holder"));
  a.section = nonempty(first_pubdata("position.section"));

  for (xml_node meta : children(head, "meta")) {
    std::string name = lower(trim(attr(meta, "name")));
    if (name == "url" || name == "canonical" || name == "og:url") {
      if ((a.url = url_value(attr(meta, "content")))) break;
    }
  }
  if (!a.url) a.url = url_value(first_pubdata("ex-ref"));

  xml_node content = child(body, "body.content");
  a.lang = language_in_effect(content ? content : body);
  if (!a.lang) a.lang = language_value(attr(nitf, "baselang"));
  if (!a.lang) a.lang = language_in_effect(head);
  return finish(std::move(a), label);
}

// ---------------------------------------------------------- NewsML-G2

bool lang_matches(xml_node node, const std::optional<std::string>& lang) {
  std::string_view own = attr(node, "xml:lang");
  return blank(own) || language_value(own) == lang;
}

// A concept's name: the first <name> in the item's language (or with none).
std::string pick_name(xml_node owner, const std::optional<std::string>& lang) {
  std::string fallback;
  for (xml_node name : children(owner, "name")) {
    std::string text = line_text(name);
    if (text.empty()) continue;
    if (lang_matches(name, lang)) return text;
    if (fallback.empty()) fallback = std::move(text);
  }
  return fallback;
}

struct G2Content {
  std::string body;
  xml_node nitf;  // inline NITF, for fallbacks
  std::optional<std::string> lang;
  std::optional<std::string> remote_url;
};

G2Content g2_content(xml_node content_set) {
  G2Content out;
  for (xml_node c = content_set.first_child(); c; c = c.next_sibling()) {
    if (named(c, "remoteContent")) {
      if (!out.remote_url && starts_with_ci(trim(attr(c, "contenttype")), "text/html")) {
        out.remote_url = url_value(attr(c, "href"));
      }
      continue;
    }
    std::string text;
    xml_node root;
    if (named(c, "inlineXML")) {
      for (xml_node r = c.first_child(); r; r = r.next_sibling()) {
        if (r.type() == pugi::node_element) {
          root = r;
          break;
        }
      }
      std::vector<std::string> paragraphs;
      if (root && local_name(root) == "nitf") {
        text = nitf_body_text(child(root, "body"));
      } else if (root && local_name(root) == "html") {
        xml_node html_body = child(root, "body");
        collect_blocks(html_body ? html_body : root, paragraphs, 0);
        text = join_lines(paragraphs);
      } else {
        collect_blocks(c, paragraphs, 0);
        text = join_lines(paragraphs);
      }
    } else if (named(c, "inlineData")) {
      text = plain_text_body(c.text().get());
    } else {
      continue;
    }
    if (blank(text)) continue;
    out.body = std::move(text);
    if (root && local_name(root) == "nitf") out.nitf = root;
    out.lang = language_value(attr(c, "xml:lang"));
    if (!out.lang && root) out.lang = language_value(attr(root, "xml:lang"));
    if (!out.lang && root) out.lang = language_value(attr(root, "lang"));
    break;
  }
  return out;
}

ParsedRecord g2_record(xml_node item, const std::string& label) {
  xml_node item_meta = child(item, "itemMeta");
  xml_node content_meta = child(item, "contentMeta");

  std::string_view item_class = trim(attr(child(item_meta, "itemClass"), "qcode"));
  if (in(lower(qcode_code(item_class)), {"picture", "graphic", "audio", "video"})) {
    return reject(label, "not a text item (itemClass " + std::string(item_class) + ")");
  }
  G2Content content = g2_content(child(item, "contentSet"));

  Article a;
  std::string_view declared_lang = attr(child(content_meta, "language"), "tag");
  a.lang = blank(declared_lang) ? language_in_effect(item) : language_value(declared_lang);
  if (!a.lang) a.lang = content.lang;

  int best = -1;
  for (xml_node headline : children(content_meta, "headline")) {
    std::string text = line_text(headline);
    if (text.empty()) continue;
    std::string_view role = trim(attr(headline, "role"));
    int score = (role.empty() || lower(qcode_code(role)) == "main" ? 2 : 0) + (lang_matches(headline, a.lang) ? 1 : 0);
    if (score > best) {
      best = score;
      a.title = std::move(text);
    }
  }
  if (a.title.empty()) a.title = line_text(child(item_meta, "title"));
  if (a.title.empty() && content.nitf) {
    a.title = line_text(path(content.nitf, {"body", "body.head", "hedline", "hl1"}));
  }
  if (a.title.empty()) return reject(label, "no headline (contentMeta/headline or itemMeta/title)");
  a.body = std::move(content.body);
  if (blank(a.body)) return reject(label, "no body text (contentSet/inlineXML or inlineData)");

  a.id = attr(item, "guid");
  if (auto error = apply_date(a, {{line_text(child(item_meta, "firstCreated")), "itemMeta/firstCreated"},
                                  {line_text(child(content_meta, "contentCreated")), "contentMeta/contentCreated"},
                                  {line_text(child(item_meta, "versionCreated")), "itemMeta/versionCreated"}})) {
    return reject(label, *error);
  }

  for (xml_node creator : children(content_meta, "creator")) {
    std::string name = pick_name(creator, a.lang);
    if (name.empty()) name = attr_line(creator, "literal");
    if (!name.empty()) a.authors.push_back(std::move(name));
  }
  if (a.authors.empty()) {
    for (xml_node by : children(content_meta, "by")) {
      for (auto& name : authors_from_byline(line_text(by))) a.authors.push_back(std::move(name));
    }
  }
  if (a.authors.empty() && content.nitf) a.authors = nitf_authors(path(content.nitf, {"body", "body.head"}));

  for (xml_node located : children(content_meta, "located")) {
    std::string name = pick_name(located, a.lang);
    if (name.empty()) name = attr_line(located, "literal");
    if ((a.location = nonempty(std::move(name)))) break;
  }
  if (!a.location) a.location = dateline_place(line_text(child(content_meta, "dateline")));
  if (!a.location && content.nitf) {
    a.location = nitf_location(path(content.nitf, {"body", "body.head", "dateline"}));
  }

  std::vector<xml_node> asserts = children(item, "assert");
  for (xml_node subject : children(content_meta, "subject")) {
    std::string name = pick_name(subject, a.lang);
    std::string_view qcode = trim(attr(subject, "qcode"));
    for (std::size_t i = 0; name.empty() && !qcode.empty() && i < asserts.size(); ++i) {
      if (trim(attr(asserts[i], "qcode")) == qcode) name = pick_name(asserts[i], a.lang);
    }
    if (!name.empty()) a.tags.push_back(std::move(name));
  }
  for (xml_node keyword : children(content_meta, "keyword")) {
    if (std::string k = line_text(keyword); !k.empty()) a.tags.push_back(std::move(k));
  }

  xml_node provider = child(item_meta, "provider");
  std::string provider_name = pick_name(provider, a.lang);
  if (provider_name.empty()) provider_name = attr_line(provider, "literal");
  if (provider_name.empty()) provider_name = clean_line(qcode_code(trim(attr(provider, "qcode"))));
  if (provider_name.empty()) provider_name = url_host(trim(attr(provider, "uri"))).value_or("");
  a.source = source_value(provider_name);

  for (xml_node link : children(item_meta, "link")) {
    if (lower(qcode_code(trim(attr(link, "rel")))) == "canonical") {
      if ((a.url = url_value(attr(link, "href")))) break;
    }
  }
  if (!a.url) a.url = content.remote_url;
  return finish(std::move(a), label);
}

void find_news_items(xml_node node, std::vector<xml_node>& items, int depth) {
  if (depth > kMaxDepth) return;
  for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c) == "newsItem") items.push_back(c);
    else find_news_items(c, items, depth + 1);
  }
}

enum class Want { kNitf, kNewsMlG2, kEither };

std::vector<ParsedRecord> parse_document(std::string_view xml, Want want) {
  Loaded loaded;
  load(xml, loaded);
  if (!loaded.error.empty()) return one_reject(std::move(loaded.error));
  xml_node root = loaded.doc.document_element();
  std::string_view name = local_name(root);

  if (name == "nitf" && want != Want::kNewsMlG2) return {nitf_record(root, "NITF")};
  if (name == "newsItem" && want != Want::kNitf) return {g2_record(root, "NewsML-G2")};
  if (name == "newsMessage" && want != Want::kNitf) {
    std::vector<xml_node> items;
    find_news_items(root, items, 0);
    if (items.empty()) return one_reject("NewsML-G2: newsMessage carries no newsItem");
    std::vector<ParsedRecord> records;
    records.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      records.push_back(g2_record(items[i], "NewsML-G2 newsItem " + std::to_string(i + 1)));
    }
    return records;
  }
  const char* kind = want == Want::kNitf       ? "a NITF document"
                     : want == Want::kNewsMlG2 ? "a NewsML-G2 newsItem or newsMessage"
                                               : "a NITF or NewsML-G2 document";
  return one_reject(std::string("not ") + kind + " (root element <" + root.name() + ">)");
}

// ------------------------------------------------------------- sniffing

bool name_char(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == ':' || c == '-' || c == '.'; }

// The value of attribute `wanted` in the start tag at `pos` (after its name).
std::optional<std::string_view> start_tag_attribute(std::string_view s, std::size_t pos, std::string_view wanted) {
  while (pos < s.size()) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] == '>' || s[pos] == '/') return std::nullopt;
    std::size_t name_start = pos;
    while (pos < s.size() && name_char(s[pos])) ++pos;
    std::string_view name = s.substr(name_start, pos - name_start);
    if (name.empty()) return std::nullopt;
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] != '=') return std::nullopt;
    ++pos;
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size() || (s[pos] != '"' && s[pos] != '\'')) return std::nullopt;
    char quote = s[pos++];
    std::size_t end = s.find(quote, pos);
    if (end == std::string_view::npos) return std::nullopt;
    if (name == wanted) return s.substr(pos, end - pos);
    pos = end + 1;
  }
  return std::nullopt;
}

// The end of a DOCTYPE declaration starting at `pos`, past any internal subset.
std::size_t doctype_end(std::string_view s, std::size_t pos) {
  char quote = 0;
  int brackets = 0;
  for (; pos < s.size(); ++pos) {
    char c = s[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return pos + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

XmlNewsFormat sniff_news_xml(std::string_view bytes) {
  // UTF-16: markup is ASCII, so keeping one byte of each unit is enough.
  std::string head;
  std::size_t limit = std::min(bytes.size(), 2 * kSniffBytes);
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xff\xfe" || bytes.substr(0, 2) == "\xfe\xff")) {
    bool little = bytes[0] == '\xff';
    for (std::size_t i = 2; i + 1 < limit; i += 2) {
      char lo = bytes[little ? i : i + 1];
      char hi = bytes[little ? i + 1 : i];
      head.push_back(hi == 0 ? lo : '?');
    }
  } else {
    head.assign(bytes.substr(0, kSniffBytes));
    if (head.rfind("\xef\xbb\xbf", 0) == 0) head.erase(0, 3);
  }
  std::string_view s = head;
  std::size_t pos = 0;
  while (true) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] != '<') return XmlNewsFormat::kUnknown;
    std::string_view rest = s.substr(pos);
    std::size_t end = std::string_view::npos;
    if (rest.rfind("<?", 0) == 0) {
      end = s.find("?>", pos);
      if (end != std::string_view::npos) end += 2;
    } else if (rest.rfind("<!--", 0) == 0) {
      end = s.find("-->", pos);
      if (end != std::string_view::npos) end += 3;
    } else if (rest.rfind("<!DOCTYPE", 0) == 0) {
      end = doctype_end(s, pos);
    } else {
      break;
    }
    if (end == std::string_view::npos) return XmlNewsFormat::kUnknown;
    pos = end;
  }
  std::size_t name_start = ++pos;
  while (pos < s.size() && name_char(s[pos])) ++pos;
  std::string_view qname = s.substr(name_start, pos - name_start);
  std::size_t colon = qname.find(':');
  std::string_view prefix = colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
  std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
  if (local == "nitf") return XmlNewsFormat::kNitf;
  if (local == "newsItem" || local == "newsMessage") {
    std::string xmlns = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    if (start_tag_attribute(s, pos, xmlns) == kNarNamespace) return XmlNewsFormat::kNewsMlG2;
  }
  return XmlNewsFormat::kUnknown;
}

std::vector<ParsedRecord> parse_nitf(std::string_view xml, const std::string& /*origin*/) {
  return parse_document(xml, Want::kNitf);
}

std::vector<ParsedRecord> parse_newsml_g2(std::string_view xml, const std::string& /*origin*/) {
  return parse_document(xml, Want::kNewsMlG2);
}

std::vector<ParsedRecord> parse_news_xml(std::string_view xml, const std::string& /*origin*/) {
  return parse_document(xml, Want::kEither);
}

std::optional<std::string> normalise_news_date(std::string_view text) {
  std::string_view s = trim(text);
  if (auto date = parse_iso_date(s)) return format_iso_date(*date);

  // ISO 8601 basic form: YYYYMMDD[[T]hhmm[ss[.fraction]]][zone].
  auto all_digits = [](std::string_view v) { return !v.empty() && std::all_of(v.begin(), v.end(), is_digit); };
  if (s.size() < 8 || !all_digits(s.substr(0, 8))) return std::nullopt;
  std::string day = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" + std::string(s.substr(6, 2));
  std::size_t pos = 8;
  bool has_t = pos < s.size() && s[pos] == 'T';
  if (has_t) ++pos;
  std::size_t time_start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  std::string_view digits = s.substr(time_start, pos - time_start);
  if (digits.size() != 0 && digits.size() != 4 && digits.size() != 6) return std::nullopt;
  if (digits.empty() && has_t) return std::nullopt;
  std::string time;
  if (!digits.empty()) {
    time = std::string(digits.substr(0, 2)) + ":" + std::string(digits.substr(2, 2));
    if (digits.size() == 6) time += ":" + std::string(digits.substr(4, 2));
  }
  if (digits.size() == 6 && pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    std::size_t frac_start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos == frac_start) return std::nullopt;
    time += "." + std::string(s.substr(frac_start, pos - frac_start));
  }
  std::string zone;
  if (pos < s.size()) {
    std::string_view z = s.substr(pos);
    if (z == "Z") {
      zone = "Z";
    } else if (z[0] == '+' || z[0] == '-') {
      std::string_view off = z.substr(1);
      bool hh = off.size() == 2 && all_digits(off);
      bool hhmm = off.size() == 4 && all_digits(off);
      bool hh_mm = off.size() == 5 && off[2] == ':' && all_digits(off.substr(0, 2)) && all_digits(off.substr(3));
      if (hh || hh_mm) zone = std::string(z);
      else if (hhmm) zone = std::string(1, z[0]) + std::string(off.substr(0, 2)) + ":" + std::string(off.substr(2));
      else return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  // NITF writes 000000 when no time is known; an offset alone says nothing.
  bool midnight = digits == "0000" || digits == "000000";
  std::string iso = day;
  if (!digits.empty() && !(midnight && time.find('.') == std::string::npos)) iso += "T" + time + zone;
  auto date = parse_iso_date(iso);
  if (!date) return std::nullopt;
  // A zone must still be well-formed even when the time is dropped.
  if (!zone.empty() && !parse_iso_date(day + "T00:00" + zone)) return std::nullopt;
  return format_iso_date(*date);
}

}  // namespace warta::indexer
