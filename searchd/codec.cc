// codec: decodes protocol v1 searches from POST bodies and GET query strings, and encodes responses and errors.
#include "searchd/codec.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/dates.h"
#include "common/schema.h"
#include "common/utf8.h"
#include "searchd/query_string.h"

namespace warta::searchd {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// A problem found while decoding: the message of a 400, or nothing.
using Problem = std::optional<std::string>;

// ---------------------------------------------------------------------------
// Words shared by both decoders, so GET and POST say the same things.

// A caller's text repeated in a message is cut short, so a 1 MiB key does not
// make a 1 MiB error.
constexpr std::size_t kMaxEcho = 64;

std::string cut_utf8(std::string_view s) {
  if (s.size() <= kMaxEcho) return std::string(s);
  std::size_t cut = kMaxEcho;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The caller's text as a JSON string literal: "colour".
std::string quote(std::string_view s) { return dump(json(cut_utf8(s))); }

// A JSON value as a message shows it after "got ".
std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return quote(value.get_ref<const std::string&>());
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    default:
      return dump(value);  // numbers (always finite here), true, false, null
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Filterable fields are those with an exact-value term: all but title.
const schema::FieldSpec* find_filter_field(std::string_view name) {
  const schema::FieldSpec* field = schema::find_field(name);
  return field != nullptr && !field->exact_prefix.empty() ? field : nullptr;
}

const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : schema::fields()) {
      if (!f.exact_prefix.empty()) out.emplace_back(f.name);
    }
    return out;
  }();
  return names;
}

// Facets are the fields with a facet slot, then the two date histograms.
const std::vector<std::string>& facet_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : schema::fields()) {
      if (f.facet_slot) out.emplace_back(f.name);
    }
    out.emplace_back("year");
    out.emplace_back("month");
    return out;
  }();
  return names;
}

bool is_facet(std::string_view name) {
  for (const auto& known : facet_names()) {
    if (known == name) return true;
  }
  return false;
}

std::string unknown_facet(const std::string& path, std::string_view name) {
  return path + ": unknown facet " + quote(name) + "; known: " + join(facet_names());
}

std::string range_problem(const std::string& path, int lo, int hi, const std::string& shown) {
  return path + ": must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
         ", got " + shown;
}

std::string integer_problem(const std::string& path, int lo, int hi, const std::string& shown) {
  return path + ": expected an integer between " + std::to_string(lo) + " and " +
         std::to_string(hi) + ", got " + shown;
}

std::string date_problem(const std::string& path, const std::string& shown) {
  return path + ": expected a date YYYY-MM-DD, got " + shown;
}

std::string sort_problem(const std::string& shown) {
  return "sort: expected one of relevance, newest, oldest, got " + shown;
}

std::string highlight_problem(const std::string& shown) {
  return "highlight: expected true or false, got " + shown;
}

std::string collapse_problem(const std::string& shown) {
  return "collapse: expected true or false, got " + shown;
}

std::string recency_type_problem(const std::string& shown) {
  return "recency: expected a number >= 0, got " + shown;
}

std::string recency_range_problem(const std::string& shown) {
  return "recency: must be a number >= 0, got " + shown;
}

std::string interpret_dates_problem(const std::string& shown) {
  return "interpret_dates: expected true or false, got " + shown;
}

// Only the plain calendar day: a date-time would hide which day is meant.
bool is_plain_date(std::string_view text) {
  return text.size() == 10 && parse_iso_date(text).has_value();
}

std::optional<SortOrder> parse_sort(std::string_view text) {
  if (text == "relevance") return SortOrder::kRelevance;
  if (text == "newest") return SortOrder::kNewest;
  if (text == "oldest") return SortOrder::kOldest;
  return std::nullopt;
}

// A search being decoded; finish() gives it its canonical form.
struct Draft {
  std::string q;
  std::map<std::string, std::vector<std::string>, std::less<>> filters;  // field -> values
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::vector<FacetRequest> facets;
  std::optional<SortOrder> sort;
  int offset = 0;
  int limit = kDefaultLimit;
  bool highlight = true;
  double recency = 0;
  bool interpret_dates = true;
  std::optional<std::string> reference_date;
  bool collapse = false;
};

// Filters go in schema field order, empty values dropped and repeats removed,
// so that a GET and a POST of one search (whose orders differ) compare equal.
SearchRequest finish(Draft&& d) {
  SearchRequest r;
  r.q = std::move(d.q);
  for (const auto& spec : schema::fields()) {
    auto it = d.filters.find(spec.name);
    if (it == d.filters.end()) continue;
    FieldFilter filter{std::string(spec.name), {}};
    std::set<std::string_view> seen;
    for (const auto& value : it->second) {
      if (!value.empty() && seen.insert(value).second) filter.values.push_back(value);
    }
    if (!filter.values.empty()) r.filters.push_back(std::move(filter));
  }
  if (d.from || d.to) r.date = DateRange{std::move(d.from), std::move(d.to)};
  r.facets = std::move(d.facets);
  r.sort = d.sort;
  r.offset = d.offset;
  r.limit = d.limit;
  r.highlight = d.highlight;
  r.recency = d.recency;
  r.interpret_dates = d.interpret_dates;
  r.reference_date = std::move(d.reference_date);
  r.collapse = d.collapse;
  return r;
}

Problem add_facet(Draft& d, const std::string& path, FacetRequest facet) {
  for (const auto& have : d.facets) {
    if (have.field == facet.field) return path + ": duplicate facet " + quote(facet.field);
  }
  d.facets.push_back(std::move(facet));
  return std::nullopt;
}

DecodedRequest bad_request(const std::string& message) {
  return {std::nullopt, warta::Error(warta::ErrorCode::kBadRequest, message)};
}

DecodedRequest outcome(Problem problem, Draft&& d) {
  if (problem) return bad_request(*problem);
  return {finish(std::move(d)), std::nullopt};
}

// ---------------------------------------------------------------------------
// The JSON reader: nlohmann's SAX parser (iterative) feeding a DOM builder
// that refuses deep nesting and duplicate keys, so no body can exhaust the
// stack or hide a second value for a field.

class BoundedBuilder {
 public:
  json root;
  Problem problem;

  bool null() { return put(json(nullptr)); }
  bool boolean(bool value) { return put(json(value)); }
  bool number_integer(json::number_integer_t value) { return put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
  bool number_float(json::number_float_t value, const std::string&) { return put(json(value)); }
  bool string(std::string& value) { return put(json(std::move(value))); }
  bool binary(json::binary_t&) { return false; }  // not produced by the JSON reader

  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }

  bool key(std::string& name) {
    Frame& top = stack_.back();
    top.key = name;
    if (top.node->contains(name)) {
      problem = path_of_next() + ": duplicate key; give each field once";
      return false;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& e) {
    constexpr int kNumberOverflow = 406;  // nlohmann: a number beyond a double
    if (e.id == kNumberOverflow) {
      problem = path_of_next() + ": number out of range, got " + cut_utf8(token);
      return false;
    }
    // nlohmann counts the offending byte from 1; messages count from 0.
    std::string what = e.what();
    std::size_t at = what.find("column ");
    at = at == std::string::npos ? std::string::npos : what.find(": ", at);
    std::string detail = at == std::string::npos ? what : what.substr(at + 2);
    std::size_t dash = detail.find(" - ");
    if (detail.rfind("syntax error", 0) == 0 && dash != std::string::npos) {
      detail = detail.substr(dash + 3);
    }
    problem = "body: invalid JSON at byte " + std::to_string(position > 0 ? position - 1 : 0) +
              ": " + detail;
    return false;
  }

 private:
  struct Frame {
    json* node;
    std::string key;  // objects: the key whose value comes next
  };
  std::vector<Frame> stack_;

  // The path of the value about to be added: "filters.date.from", "facets[2]".
  std::string path_of_next() const {
    if (stack_.empty()) return "body";
    std::string path;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      if (f.node->is_object()) {
        if (!path.empty()) path += '.';
        path += cut_utf8(f.key);
      } else {
        // Below the top, the open child is the array's last element.
        std::size_t index = f.node->size() - (i + 1 < stack_.size() ? 1 : 0);
        path += "[" + std::to_string(index) + "]";
      }
    }
    return path;
  }

  json* attach(json&& value) {
    if (stack_.empty()) {
      root = std::move(value);
      return &root;
    }
    Frame& top = stack_.back();
    if (top.node->is_array()) {
      top.node->push_back(std::move(value));
      return &top.node->back();
    }
    // std::map nodes stay put, and the child is complete before a sibling is added.
    return &((*top.node)[top.key] = std::move(value));
  }

  bool put(json&& value) { return attach(std::move(value)) != nullptr; }

  bool open(json&& container) {
    if (stack_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      problem = "body: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;
    }
    json* node = attach(std::move(container));
    stack_.push_back({node, {}});
    return true;
  }
};

// ---------------------------------------------------------------------------
// POST: one function per field of the body.

Problem read_int(const json& v, const std::string& path, int lo, int hi, int& out) {
  if (v.is_number_unsigned()) {
    auto n = v.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(hi) || (lo > 0 && n < static_cast<std::uint64_t>(lo))) {
      return range_problem(path, lo, hi, std::to_string(n));
    }
    out = static_cast<int>(n);
    return std::nullopt;
  }
  if (v.is_number_integer()) {
    auto n = v.get<std::int64_t>();
    if (n < lo || n > hi) return range_problem(path, lo, hi, std::to_string(n));
    out = static_cast<int>(n);
    return std::nullopt;
  }
  return integer_problem(path, lo, hi, describe(v));
}

Problem read_values(const json& v, const std::string& path, std::vector<std::string>& out) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
    return std::nullopt;
  }
  if (!v.is_array()) return path + ": expected an array of strings, got " + describe(v);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return path + "[" + std::to_string(i) + "]: expected a string, got " + describe(v[i]);
    }
    out.push_back(v[i].get<std::string>());
  }
  return std::nullopt;
}

Problem read_date(const json& v, Draft& d) {
  const std::string path = "filters.date";
  if (v.is_null()) return std::nullopt;
  if (!v.is_object()) {
    return path + ": expected an object {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}, got " +
           describe(v);
  }
  for (const auto& [key, bound] : v.items()) {
    std::optional<std::string>* slot = key == "from" ? &d.from : key == "to" ? &d.to : nullptr;
    if (slot == nullptr) return path + "." + cut_utf8(key) + ": unknown key; known: from, to";
    if (bound.is_null()) continue;
    if (!bound.is_string()) return date_problem(path + "." + key, describe(bound));
    const auto& text = bound.get_ref<const std::string&>();
    if (text.empty()) continue;  // an empty form field: no bound
    if (!is_plain_date(text)) return date_problem(path + "." + key, quote(text));
    *slot = text;
  }
  if (d.from && d.to && *d.from > *d.to) {
    return path + ": from " + *d.from + " is after to " + *d.to;
  }
  return std::nullopt;
}

Problem read_filters(const json& v, Draft& d) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_object()) {
    return "filters: expected an object such as {\"source\": [\"...\"]}, got " + describe(v);
  }
  for (const auto& [key, values] : v.items()) {
    std::string path = "filters." + cut_utf8(key);
    if (key == "date") {
      if (auto p = read_date(values, d)) return p;
    } else if (find_filter_field(key) != nullptr) {
      if (auto p = read_values(values, path, d.filters[key])) return p;
    } else if (schema::find_field(key) != nullptr) {
      return path + ": not a filter; search it with " + key + ":words in q";
    } else {
      return path + ": unknown filter; known: " + join(filter_names()) + ", date";
    }
  }
  return std::nullopt;
}

Problem read_facet_object(const json& v, const std::string& path, FacetRequest& facet) {
  for (const auto& [key, value] : v.items()) {
    if (key != "field" && key != "size") {
      return path + "." + cut_utf8(key) + ": unknown key; known: field, size";
    }
  }
  auto field = v.find("field");
  if (field == v.end() || field->is_null()) return path + ".field: missing; expected a facet name";
  if (!field->is_string()) return path + ".field: expected a facet name, got " + describe(*field);
  facet.field = field->get<std::string>();
  if (!is_facet(facet.field)) return unknown_facet(path + ".field", facet.field);
  auto size = v.find("size");
  if (size != v.end() && !size->is_null()) {
    int n = 0;
    if (auto p = read_int(*size, path + ".size", 1, kMaxFacetSize, n)) return p;
    facet.size = n;
  }
  return std::nullopt;
}

Problem read_facets(const json& v, Draft& d) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_array()) return "facets: expected an array of facet names, got " + describe(v);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& item = v[i];
    std::string path = "facets[" + std::to_string(i) + "]";
    FacetRequest facet;
    if (item.is_string()) {
      facet.field = item.get<std::string>();
      if (!is_facet(facet.field)) return unknown_facet(path, facet.field);
    } else if (item.is_object()) {
      if (auto p = read_facet_object(item, path, facet)) return p;
    } else {
      return path + ": expected a facet name or {\"field\": name, \"size\": n}, got " +
             describe(item);
    }
    if (auto p = add_facet(d, path, std::move(facet))) return p;
  }
  return std::nullopt;
}

Problem read_body_field(const std::string& key, const json& v, Draft& d) {
  if (key == "filters") return read_filters(v, d);
  if (key == "facets") return read_facets(v, d);
  if (v.is_null()) return std::nullopt;  // null is the same as leaving a field out
  if (key == "q") {
    if (!v.is_string()) return "q: expected a string, got " + describe(v);
    d.q = v.get<std::string>();
  } else if (key == "sort") {
    auto sort = v.is_string() ? parse_sort(v.get_ref<const std::string&>()) : std::nullopt;
    if (!sort) return sort_problem(describe(v));
    d.sort = sort;
  } else if (key == "offset") {
    return read_int(v, "offset", 0, kMaxOffset, d.offset);
  } else if (key == "limit") {
    return read_int(v, "limit", 0, kMaxLimit, d.limit);
  } else if (key == "highlight") {
    if (!v.is_boolean()) return highlight_problem(describe(v));
    d.highlight = v.get<bool>();
  } else if (key == "recency") {
    if (!v.is_number()) return recency_type_problem(describe(v));
    double r = v.get<double>();
    if (!(r >= 0)) return recency_range_problem(describe(v));
    d.recency = r;
  } else if (key == "interpret_dates") {
    if (!v.is_boolean()) return interpret_dates_problem(describe(v));
    d.interpret_dates = v.get<bool>();
  } else if (key == "reference_date") {
    if (!v.is_string()) return date_problem("reference_date", describe(v));
    const auto& text = v.get_ref<const std::string&>();
    if (!is_plain_date(text)) return date_problem("reference_date", quote(text));
    d.reference_date = text;
  } else if (key == "collapse") {
    if (!v.is_boolean()) return collapse_problem(describe(v));
    d.collapse = v.get<bool>();
  } else {
    return "unknown field " + quote(key) +
           "; known: q, filters, facets, sort, offset, limit, highlight, recency, interpret_dates, "
           "reference_date, collapse";
  }
  return std::nullopt;
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// ---------------------------------------------------------------------------
// GET: text parameters, read with the same rules and words as the body.

std::optional<int> parse_int_text(std::string_view text, const std::string& path, int lo, int hi,
                                  Problem& problem) {
  std::string_view digits = text.substr(text.starts_with('-') ? 1 : 0);
  bool integer = !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
  if (!integer) {
    problem = integer_problem(path, lo, hi, quote(text));
    return std::nullopt;
  }
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < lo || n > hi) {
    problem = range_problem(path, lo, hi, cut_utf8(text));
    return std::nullopt;
  }
  return static_cast<int>(n);
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "source,month:12": comma separated names, each optionally "name:size".
Problem read_facets_text(std::string_view text, Draft& d) {
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = trim_spaces(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    std::size_t colon = item.find(':');
    FacetRequest facet{std::string(trim_spaces(item.substr(0, colon))), std::nullopt};
    if (!is_facet(facet.field)) return unknown_facet("facets", facet.field);
    if (colon != std::string_view::npos) {
      Problem problem;
      auto size = parse_int_text(trim_spaces(item.substr(colon + 1)),
                                 "facets: size of " + quote(facet.field), 1, kMaxFacetSize, problem);
      if (!size) return problem;
      facet.size = size;
    }
    if (auto p = add_facet(d, "facets", std::move(facet))) return p;
  }
  return std::nullopt;
}

const std::vector<std::string>& query_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out{"q"};
    for (const auto& name : filter_names()) out.push_back(name);
    for (const char* name :
         {"from", "to", "facets", "sort", "offset", "limit", "highlight", "recency", "interpret_dates",
          "reference_date", "collapse"}) {
      out.emplace_back(name);
    }
    return out;
  }();
  return names;
}

// One scalar parameter with a non-empty value.
Problem read_scalar(const std::string& name, const std::string& value, Draft& d) {
  Problem problem;
  if (name == "q") {
    d.q = value;
  } else if (name == "from" || name == "to") {
    if (!is_plain_date(value)) return date_problem(name, quote(value));
    (name == "from" ? d.from : d.to) = value;
  } else if (name == "sort") {
    d.sort = parse_sort(value);
    if (!d.sort) return sort_problem(quote(value));
  } else if (name == "offset") {
    auto n = parse_int_text(value, name, 0, kMaxOffset, problem);
    if (n) d.offset = *n;
  } else if (name == "limit") {
    auto n = parse_int_text(value, name, 0, kMaxLimit, problem);
    if (n) d.limit = *n;
  } else if (name == "highlight") {
    if (value == "true" || value == "1") {
      d.highlight = true;
    } else if (value == "false" || value == "0") {
      d.highlight = false;
    } else {
      return highlight_problem(quote(value));
    }
  } else if (name == "recency") {
    double r = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), r);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(r)) {
      return recency_type_problem(quote(value));
    }
    if (!(r >= 0)) return recency_range_problem(cut_utf8(value));
    d.recency = r;
  } else if (name == "interpret_dates") {
    if (value == "true" || value == "1") {
      d.interpret_dates = true;
    } else if (value == "false" || value == "0") {
      d.interpret_dates = false;
    } else {
      return interpret_dates_problem(quote(value));
    }
  } else if (name == "reference_date") {
    if (!is_plain_date(value)) return date_problem(name, quote(value));
    d.reference_date = value;
  } else if (name == "collapse") {
    if (value == "true" || value == "1") {
      d.collapse = true;
    } else if (value == "false" || value == "0") {
      d.collapse = false;
    } else {
      return collapse_problem(quote(value));
    }
  }
  return problem;
}

Problem read_query(const std::vector<QueryParam>& params, Draft& d) {
  std::set<std::string_view> seen;
  for (const auto& [name, value] : params) {
    if (find_filter_field(name) != nullptr) {
      d.filters[name].push_back(value);
      continue;
    }
    if (name == "facets") {
      if (auto p = read_facets_text(value, d)) return p;
      continue;
    }
    bool known = false;
    for (const auto& k : query_names()) known = known || k == name;
    if (!known) return "unknown parameter " + quote(name) + "; known: " + join(query_names());
    if (!seen.insert(name).second) return name + ": given more than once; give it once";
    if (value.empty()) continue;  // an empty form field: not given
    if (auto p = read_scalar(name, value, d)) return p;
  }
  if (d.from && d.to && *d.from > *d.to) return "from: " + *d.from + " is after to " + *d.to;
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Responses.

// Non-finite numbers would print as null where clients expect a number.
double finite_or_zero(double x) { return std::isfinite(x) ? x : 0.0; }

void put_optional(ordered_json& out, const char* name, const std::optional<std::string>& value) {
  if (value && !value->empty()) out[name] = *value;
}

}  // namespace

DecodedRequest decode_search_body(std::string_view body) {
  std::size_t first = 0;
  while (first < body.size() && is_json_space(body[first])) ++first;
  if (first == body.size()) return bad_request("body: expected a JSON object");
  if (auto at = find_invalid_utf8(body)) {
    return bad_request("body: invalid UTF-8 at byte " + std::to_string(*at));
  }
  BoundedBuilder builder;
  if (!json::sax_parse(body, &builder)) {
    return bad_request(builder.problem.value_or("body: invalid JSON"));
  }
  if (!builder.root.is_object()) {
    return bad_request("body: expected a JSON object, got " + describe(builder.root));
  }
  Draft d;
  for (const auto& [key, value] : builder.root.items()) {
    if (auto p = read_body_field(key, value, d)) return bad_request(*p);
  }
  return outcome(std::nullopt, std::move(d));
}

DecodedRequest decode_search_query(std::string_view query_string) {
  ParsedQueryString parsed = parse_query_string(query_string);
  if (parsed.error) return {std::nullopt, std::move(parsed.error)};
  Draft d;
  Problem problem = read_query(parsed.params, d);
  return outcome(std::move(problem), std::move(d));
}

std::string encode_search_response(const SearchResponse& response) {
  ordered_json out;
  out["total"] = response.total;
  out["total_exact"] = response.total_exact;
  // Microseconds are the last digit worth reading.
  out["took_ms"] = finite_or_zero(std::round(response.took_ms * 1000.0) / 1000.0);
  out["offset"] = response.offset;
  ordered_json hits = ordered_json::array();
  for (const Hit& h : response.hits) {
    ordered_json hit;
    hit["id"] = h.id;
    hit["title"] = h.title;
    put_optional(hit, "url", h.url);
    put_optional(hit, "source", h.source);
    put_optional(hit, "published_at", h.published_at);
    put_optional(hit, "section", h.section);
    if (!h.authors.empty()) hit["authors"] = h.authors;
    put_optional(hit, "location", h.location);
    put_optional(hit, "lang", h.lang);
    hit["score"] = finite_or_zero(h.score);
    hit["title_html"] = h.title_html;
    hit["snippet"] = h.snippet;
    if (h.duplicates) {
      ordered_json duplicates;
      duplicates["count"] = h.duplicates->count;
      duplicates["ids"] = h.duplicates->ids;
      hit["duplicates"] = std::move(duplicates);
    }
    hits.push_back(std::move(hit));
  }
  out["hits"] = std::move(hits);
  ordered_json facets = ordered_json::object();
  for (const auto& [field, counts] : response.facets) {
    ordered_json values = ordered_json::array();
    for (const FacetCount& c : counts) {
      ordered_json entry;
      entry["value"] = c.value;
      entry["count"] = c.count;
      values.push_back(std::move(entry));
    }
    facets[field] = std::move(values);
  }
  out["facets"] = std::move(facets);
  if (response.suggestion && !response.suggestion->empty()) {
    out["suggestion"] = *response.suggestion;
  } else {
    out["suggestion"] = nullptr;
  }
  if (response.interpreted) {
    ordered_json date = ordered_json::object();
    if (response.interpreted->date_from) date["from"] = *response.interpreted->date_from;
    if (response.interpreted->date_to) date["to"] = *response.interpreted->date_to;
    ordered_json interpreted;
    interpreted["date"] = std::move(date);
    interpreted["q"] = response.interpreted->q;
    out["interpreted"] = std::move(interpreted);
  }
  if (!response.missing_shards.empty()) {
    out["partial"] = true;
    out["missing_shards"] = response.missing_shards;
  }
  return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string json_string(std::string_view text) { return dump(json(std::string(text))); }

std::string encode_error(const warta::Error& error) {
  ordered_json inner;
  inner["code"] = std::string(error_slug(error.code()));
  inner["message"] = error.what();
  ordered_json out;
  out["error"] = std::move(inner);
  return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace warta::searchd
