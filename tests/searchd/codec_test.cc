// codec_test: protocol v1 request decoding (POST and GET) and response/error encoding.
#include "searchd/codec.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace warta::searchd {
namespace {

using json = nlohmann::json;

// "ok" for a request, else the exact error JSON a client would get.
std::string outcome_of(const DecodedRequest& d) {
  EXPECT_NE(d.request.has_value(), d.error.has_value()) << "exactly one must be set";
  if (d.error) {
    EXPECT_EQ(d.error->code(), ErrorCode::kBadRequest);
    return encode_error(*d.error);
  }
  return "ok";
}

std::string bad(const std::string& message) {
  return json{{"error", {{"code", "bad_request"}, {"message", message}}}}.dump();
}

SearchRequest with_defaults() { return SearchRequest{}; }

TEST(DecodeSearchBody, TheDesignExample) {
  auto d = decode_search_body(R"({"q": "humas kemendagri",
 "filters": {"source": ["dialeksis.com"], "section": ["Nasional"], "author": [], "location": [],
             "lang": ["id"], "tag": [], "date": {"from": "2022-01-01", "to": "2022-12-31"}},
 "facets": ["source", "section", "author", "location", "lang", "tag", "year", "month"],
 "sort": "relevance", "offset": 0, "limit": 10, "highlight": true})");
  ASSERT_EQ(outcome_of(d), "ok");
  SearchRequest want;
  want.q = "humas kemendagri";
  want.filters = {{"source", {"dialeksis.com"}}, {"section", {"Nasional"}}, {"lang", {"id"}}};
  want.date = DateRange{"2022-01-01", "2022-12-31"};
  for (const char* f : {"source", "section", "author", "location", "lang", "tag", "year", "month"}) {
    want.facets.push_back({f, std::nullopt});
  }
  want.sort = SortOrder::kRelevance;
  want.offset = 0;
  want.limit = 10;
  want.highlight = true;
  EXPECT_EQ(*d.request, want);
}

TEST(DecodeSearchBody, BodiesToRequests) {
  struct Case {
    const char* body;
    SearchRequest want;
  };
  auto make = [](auto&& edit) {
    SearchRequest r = with_defaults();
    edit(r);
    return r;
  };
  const Case cases[] = {
      {"{}", with_defaults()},
      {" \n{ }\t", with_defaults()},
      {R"({"q": ""})", with_defaults()},
      // null is the same as leaving a field out
      {R"({"q": null, "filters": null, "facets": null, "sort": null, "offset": null,
           "limit": null, "highlight": null, "recency": null})",
       with_defaults()},
      {R"({"filters": {"source": null, "date": null}})", with_defaults()},
      {R"({"filters": {"date": {}}})", with_defaults()},
      {R"({"filters": {"date": {"from": null, "to": ""}}})", with_defaults()},
      {R"({"filters": {"author": [], "tag": [""]}})", with_defaults()},
      {R"({"facets": []})", with_defaults()},
      {R"({"q": "banjir jakarta"})", make([](auto& r) { r.q = "banjir jakarta"; })},
      {R"({"q": "a\u0000b \u00e9"})", make([](auto& r) { r.q = std::string("a\0b \xc3\xa9", 6); })},
      // a single string is a one-value list
      {R"({"filters": {"source": "kompas.com"}})",
       make([](auto& r) { r.filters = {{"source", {"kompas.com"}}}; })},
      // filters come out in schema order, whatever the body's order; repeats go
      {R"({"filters": {"tag": ["b", "a", "b"], "lang": "id", "author": ["X"], "source": ["s"]}})",
       make([](auto& r) {
         r.filters = {{"source", {"s"}}, {"author", {"X"}}, {"lang", {"id"}}, {"tag", {"b", "a"}}};
       })},
      {R"({"filters": {"location": ["Bogor", "Jakarta"], "section": ["Nasional"]}})",
       make([](auto& r) {
         r.filters = {{"section", {"Nasional"}}, {"location", {"Bogor", "Jakarta"}}};
       })},
      {R"({"filters": {"date": {"from": "2022-03-01"}}})",
       make([](auto& r) { r.date = DateRange{"2022-03-01", std::nullopt}; })},
      {R"({"filters": {"date": {"to": "2024-02-29"}}})",
       make([](auto& r) { r.date = DateRange{std::nullopt, "2024-02-29"}; })},
      {R"({"filters": {"date": {"from": "2022-03-30", "to": "2022-03-30"}}})",
       make([](auto& r) { r.date = DateRange{"2022-03-30", "2022-03-30"}; })},
      {R"({"facets": ["month", {"field": "source", "size": 20}, {"field": "year", "size": null},
                      {"field": "tag", "size": 1000}, {"field": "lang", "size": 1}]})",
       make([](auto& r) {
         r.facets = {{"month", std::nullopt}, {"source", 20}, {"year", std::nullopt},
                     {"tag", 1000}, {"lang", 1}};
       })},
      {R"({"sort": "newest"})", make([](auto& r) { r.sort = SortOrder::kNewest; })},
      {R"({"sort": "oldest"})", make([](auto& r) { r.sort = SortOrder::kOldest; })},
      {R"({"sort": "relevance"})", make([](auto& r) { r.sort = SortOrder::kRelevance; })},
      {R"({"offset": 10000, "limit": 100})", make([](auto& r) {
         r.offset = 10000;
         r.limit = 100;
       })},
      {R"({"offset": 0, "limit": 0})", make([](auto& r) { r.limit = 0; })},
      {R"({"offset": -0})", with_defaults()},
      {R"({"highlight": false})", make([](auto& r) { r.highlight = false; })},
      {R"({"recency": 0.5})", make([](auto& r) { r.recency = 0.5; })},
      {R"({"recency": 2})", make([](auto& r) { r.recency = 2; })},
      {R"({"recency": 0})", with_defaults()},
      {R"({"interpret_dates": false})", make([](auto& r) { r.interpret_dates = false; })},
      {R"({"reference_date": "2024-05-01"})", make([](auto& r) { r.reference_date = "2024-05-01"; })},
      {R"({"reference_date": null, "interpret_dates": null})", with_defaults()},
      {R"({"collapse": true})", make([](auto& r) { r.collapse = true; })},
      {R"({"collapse": false})", with_defaults()},
      // a UTF-8 byte order mark is skipped
      {"\xEF\xBB\xBF{\"limit\": 3}", make([](auto& r) { r.limit = 3; })},
  };
  for (const auto& c : cases) {
    auto d = decode_search_body(c.body);
    ASSERT_EQ(outcome_of(d), "ok") << c.body;
    EXPECT_EQ(*d.request, c.want) << c.body;
  }
}

TEST(DecodeSearchBody, ErrorsNameThePathAndWhatWasExpected) {
  const std::string facets_known = "; known: source, section, author, location, lang, tag, year, month";
  const std::string fields_known =
      "; known: q, filters, facets, sort, offset, limit, highlight, recency, interpret_dates, reference_date, "
      "collapse";
  const std::string filters_known = "; known: source, section, author, location, lang, tag, date";
  struct Case {
    std::string body;
    std::string error;
  };
  const Case cases[] = {
      // the body as a whole
      {"", bad("body: expected a JSON object")},
      {" \r\n\t ", bad("body: expected a JSON object")},
      {"[]", bad("body: expected a JSON object, got an array")},
      {R"("q")", bad(R"(body: expected a JSON object, got "q")")},
      {"null", bad("body: expected a JSON object, got null")},
      {"42", bad("body: expected a JSON object, got 42")},
      {R"({"q": "a",})",
       bad("body: invalid JSON at byte 10: unexpected '}'; expected string literal")},
      {R"({"a":})", bad("body: invalid JSON at byte 5: unexpected '}'; expected '[', '{', or a literal")},
      {R"({"a":)", bad("body: invalid JSON at byte 5: unexpected end of input; expected '[', '{', or a literal")},
      {"{} {}", bad("body: invalid JSON at byte 3: unexpected '{'; expected end of input")},
      {"{'q': 1}", bad("body: invalid JSON at byte 1: invalid literal; last read: '{''; expected string literal")},
      {R"({"q": "a)", bad("body: invalid JSON at byte 8: invalid string: missing closing quote; last read: '\"a'")},
      {R"({"q": "\ud800"})",
       bad("body: invalid JSON at byte 13: invalid string: surrogate U+D800..U+DBFF must be "
           "followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'")},
      {R"({"q": "a", "q": "b"})", bad("q: duplicate key; give each field once")},
      {R"({"filters": {"source": "a", "source": "b"}})",
       bad("filters.source: duplicate key; give each field once")},
      // invalid UTF-8, by byte offset
      {"{\"q\": \"\xff\"}", bad("body: invalid UTF-8 at byte 7")},
      {"{\"q\": \"ok\xc3\x28\"}", bad("body: invalid UTF-8 at byte 9")},
      {"{\"q\": \"\xed\xa0\x80\"}", bad("body: invalid UTF-8 at byte 7")},  // a surrogate
      {"{\"q\": \"\xc0\xaf\"}", bad("body: invalid UTF-8 at byte 7")},      // overlong '/'
      {"\xff{}", bad("body: invalid UTF-8 at byte 0")},
      // unknown fields
      {R"({"foo": 1})", bad(R"(unknown field "foo")" + fields_known)},
      {R"({"Q": "x"})", bad(R"(unknown field "Q")" + fields_known)},
      {R"({"size": 10})", bad(R"(unknown field "size")" + fields_known)},
      {R"({"": 1})", bad(R"(unknown field "")" + fields_known)},
      {R"({")" + std::string(100, 'k') + R"(": 1})",
       bad("unknown field \"" + std::string(64, 'k') + "...\"" + fields_known)},
      // q
      {R"({"q": 1})", bad("q: expected a string, got 1")},
      {R"({"q": ["a"]})", bad("q: expected a string, got an array")},
      // filters
      {R"({"filters": []})", bad(R"(filters: expected an object such as {"source": ["..."]}, got an array)")},
      {R"({"filters": "source"})", bad(R"(filters: expected an object such as {"source": ["..."]}, got "source")")},
      {R"({"filters": {"bogus": ["x"]}})", bad("filters.bogus: unknown filter" + filters_known)},
      {R"({"filters": {"sources": ["x"]}})", bad("filters.sources: unknown filter" + filters_known)},
      {R"({"filters": {"title": ["x"]}})", bad("filters.title: not a filter; search it with title:words in q")},
      {R"({"filters": {"source": 1}})", bad("filters.source: expected an array of strings, got 1")},
      {R"({"filters": {"source": {"a": 1}}})", bad("filters.source: expected an array of strings, got an object")},
      {R"({"filters": {"tag": ["a", 2]}})", bad("filters.tag[1]: expected a string, got 2")},
      {R"({"filters": {"tag": ["a", null]}})", bad("filters.tag[1]: expected a string, got null")},
      {R"({"filters": {"author": [["a"]]}})", bad("filters.author[0]: expected a string, got an array")},
      // dates
      {R"({"filters": {"date": {"from": "2022-13-01"}}})",
       bad(R"(filters.date.from: expected a date YYYY-MM-DD, got "2022-13-01")")},
      {R"({"filters": {"date": {"to": "2022-02-30"}}})",
       bad(R"(filters.date.to: expected a date YYYY-MM-DD, got "2022-02-30")")},
      {R"({"filters": {"date": {"to": "2022-3-1"}}})",
       bad(R"(filters.date.to: expected a date YYYY-MM-DD, got "2022-3-1")")},
      {R"({"filters": {"date": {"from": "2022-03-30T10:00:00Z"}}})",
       bad(R"(filters.date.from: expected a date YYYY-MM-DD, got "2022-03-30T10:00:00Z")")},
      {R"({"filters": {"date": {"from": 20220101}}})",
       bad("filters.date.from: expected a date YYYY-MM-DD, got 20220101")},
      {R"({"filters": {"date": {"since": "2022-01-01"}}})",
       bad("filters.date.since: unknown key; known: from, to")},
      {R"({"filters": {"date": "2022"}})",
       bad(R"(filters.date: expected an object {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}, got "2022")")},
      {R"({"filters": {"date": {"from": "2022-12-31", "to": "2022-01-01"}}})",
       bad("filters.date: from 2022-12-31 is after to 2022-01-01")},
      // facets
      {R"({"facets": ["source", "section", "colour"]})", bad(R"(facets[2]: unknown facet "colour")" + facets_known)},
      {R"({"facets": ["title"]})", bad(R"(facets[0]: unknown facet "title")" + facets_known)},
      {R"({"facets": ["Source"]})", bad(R"(facets[0]: unknown facet "Source")" + facets_known)},
      {R"({"facets": "source"})", bad(R"(facets: expected an array of facet names, got "source")")},
      {R"({"facets": [3]})", bad(R"(facets[0]: expected a facet name or {"field": name, "size": n}, got 3)")},
      {R"({"facets": ["source", "month", "source"]})", bad(R"(facets[2]: duplicate facet "source")")},
      {R"({"facets": ["source", {"field": "source", "size": 5}]})", bad(R"(facets[1]: duplicate facet "source")")},
      {R"({"facets": [{"size": 5}]})", bad("facets[0].field: missing; expected a facet name")},
      {R"({"facets": [{"field": 5}]})", bad("facets[0].field: expected a facet name, got 5")},
      {R"({"facets": [{"field": "colour"}]})", bad(R"(facets[0].field: unknown facet "colour")" + facets_known)},
      {R"({"facets": [{"field": "source", "sort": "count"}]})", bad("facets[0].sort: unknown key; known: field, size")},
      {R"({"facets": [{"field": "source", "size": 0}]})", bad("facets[0].size: must be between 1 and 1000, got 0")},
      {R"({"facets": [{"field": "source", "size": 1001}]})", bad("facets[0].size: must be between 1 and 1000, got 1001")},
      {R"({"facets": [{"field": "source", "size": -5}]})", bad("facets[0].size: must be between 1 and 1000, got -5")},
      {R"({"facets": [{"field": "source", "size": "20"}]})",
       bad(R"(facets[0].size: expected an integer between 1 and 1000, got "20")")},
      {R"({"facets": [{"field": "source", "size": 2.5}]})",
       bad("facets[0].size: expected an integer between 1 and 1000, got 2.5")},
      // sort
      {R"({"sort": "date"})", bad(R"(sort: expected one of relevance, newest, oldest, got "date")")},
      {R"({"sort": "Newest"})", bad(R"(sort: expected one of relevance, newest, oldest, got "Newest")")},
      {R"({"sort": 1})", bad("sort: expected one of relevance, newest, oldest, got 1")},
      // limit and offset: out of range is a 400, never clamped
      {R"({"limit": 500})", bad("limit: must be between 0 and 100, got 500")},
      {R"({"limit": 101})", bad("limit: must be between 0 and 100, got 101")},
      {R"({"limit": -1})", bad("limit: must be between 0 and 100, got -1")},
      {R"({"limit": 18446744073709551615})", bad("limit: must be between 0 and 100, got 18446744073709551615")},
      {R"({"limit": -9223372036854775808})", bad("limit: must be between 0 and 100, got -9223372036854775808")},
      {R"({"limit": 1.5})", bad("limit: expected an integer between 0 and 100, got 1.5")},
      {R"({"limit": 10.0})", bad("limit: expected an integer between 0 and 100, got 10.0")},
      {R"({"limit": "10"})", bad(R"(limit: expected an integer between 0 and 100, got "10")")},
      {R"({"limit": true})", bad("limit: expected an integer between 0 and 100, got true")},
      {R"({"limit": [10]})", bad("limit: expected an integer between 0 and 100, got an array")},
      {R"({"limit": 1e300})", bad("limit: expected an integer between 0 and 100, got 1e+300")},
      {R"({"limit": 99999999999999999999999})",
       bad("limit: expected an integer between 0 and 100, got 9.999999999999999e+22")},
      {R"({"limit": 1e400})", bad("limit: number out of range, got 1e400")},
      {R"({"filters": {"x": [{"a": [1, -1e999]}]}})", bad("filters.x[0].a[1]: number out of range, got -1e999")},
      {R"({"offset": 10001})", bad("offset: must be between 0 and 10000, got 10001")},
      {R"({"offset": -1})", bad("offset: must be between 0 and 10000, got -1")},
      {R"({"offset": 4294967296})", bad("offset: must be between 0 and 10000, got 4294967296")},
      {R"({"offset": "0"})", bad(R"(offset: expected an integer between 0 and 10000, got "0")")},
      // highlight and recency
      {R"({"highlight": "true"})", bad(R"(highlight: expected true or false, got "true")")},
      {R"({"highlight": 1})", bad("highlight: expected true or false, got 1")},
      {R"({"recency": "0.5"})", bad(R"(recency: expected a number >= 0, got "0.5")")},
      {R"({"recency": -0.5})", bad("recency: must be a number >= 0, got -0.5")},
      {R"({"recency": -1})", bad("recency: must be a number >= 0, got -1")},
      {R"({"interpret_dates": "no"})", bad(R"(interpret_dates: expected true or false, got "no")")},
      {R"({"reference_date": "2024-02-30"})",
       bad(R"(reference_date: expected a date YYYY-MM-DD, got "2024-02-30")")},
      {R"({"reference_date": "kemarin"})", bad(R"(reference_date: expected a date YYYY-MM-DD, got "kemarin")")},
      {R"({"reference_date": 20240501})", bad("reference_date: expected a date YYYY-MM-DD, got 20240501")},
      {R"({"collapse": 1})", bad("collapse: expected true or false, got 1")},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(outcome_of(decode_search_body(c.body)), c.error) << c.body;
  }
}

std::string nested(std::size_t depth, const std::string& open, const std::string& inner,
                   const std::string& close) {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) s += open;
  s += inner;
  for (std::size_t i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(DecodeSearchBody, DeepNestingIsA400NotACrash) {
  const std::string too_deep = bad("body: JSON nested deeper than 64 levels");
  EXPECT_EQ(outcome_of(decode_search_body(nested(10000, "[", "", "]"))), too_deep);
  EXPECT_EQ(outcome_of(decode_search_body(nested(10000, "{\"q\":", "1", "}"))), too_deep);
  EXPECT_EQ(outcome_of(decode_search_body(nested(100000, "[", "", ""))), too_deep);  // unclosed
  EXPECT_EQ(outcome_of(decode_search_body("{\"filters\": " + nested(9999, "[", "", "]") + "}")),
            too_deep);
  // 64 levels are parsed (and then refused for what they say, not for depth)
  EXPECT_EQ(outcome_of(decode_search_body(nested(64, "{\"a\":", "1", "}"))),
            bad("unknown field \"a\"; known: q, filters, facets, sort, offset, limit, highlight, "
                "recency, interpret_dates, reference_date, collapse"));
  EXPECT_EQ(outcome_of(decode_search_body(nested(65, "{\"a\":", "1", "}"))), too_deep);
  EXPECT_EQ(outcome_of(decode_search_body(R"({"filters": {"date": {"from": "2022-01-01"}}})")),
            "ok");
}

TEST(DecodeSearchBody, LargeButFlatBodiesDecode) {
  std::string values;
  for (int i = 0; i < 20000; ++i) values += (i ? ",\"v" : "\"v") + std::to_string(i) + "\"";
  auto d = decode_search_body(R"({"filters": {"tag": [)" + values + "]}}");
  ASSERT_EQ(outcome_of(d), "ok");
  ASSERT_EQ(d.request->filters.size(), 1u);
  EXPECT_EQ(d.request->filters[0].values.size(), 20000u);
}

// Mutated bodies: whatever the bytes, the decoder answers with exactly one outcome.
TEST(DecodeSearchBody, MutatedBodiesNeverCrash) {
  const std::string seed =
      R"({"q": "humas", "filters": {"source": ["a"], "date": {"from": "2022-01-01"}},
          "facets": ["source", {"field": "month", "size": 3}], "sort": "newest",
          "offset": 0, "limit": 10, "highlight": true, "recency": 0.5})";
  const std::string alphabet = "{}[]\":,0123456789-+.eE \\u\xff\xc3tfn";
  std::mt19937 rng(20240601);
  for (int round = 0; round < 3000; ++round) {
    std::string body = seed;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % body.size();
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          body[at] = c;
          break;
        case 1:
          body.insert(body.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          body.erase(at, 1);
          break;
      }
    }
    auto d = decode_search_body(body);
    ASSERT_NE(d.request.has_value(), d.error.has_value()) << body;
    if (d.error) {
      EXPECT_TRUE(json::accept(encode_error(*d.error))) << body;
    }
  }
}

TEST(DecodeSearchQuery, SameSearchByGetAndPostDecodesEqual) {
  struct Case {
    const char* query;
    const char* body;
  };
  const Case cases[] = {
      {"", "{}"},
      {"q=humas+kemendagri", R"({"q": "humas kemendagri"})"},
      {"q=humas%20kemendagri&limit=10&offset=0", R"({"q": "humas kemendagri", "limit": 10, "offset": 0})"},
      {"q=%22dana+desa%22+-korupsi&sort=newest&highlight=false",
       R"({"q": "\"dana desa\" -korupsi", "sort": "newest", "highlight": false})"},
      {"q=banjir&source=dialeksis.com&source=kompas.com&from=2022-01-01&to=2022-12-31"
       "&facets=source,month&sort=newest&offset=20&limit=10",
       R"({"q": "banjir", "filters": {"source": ["dialeksis.com", "kompas.com"],
           "date": {"from": "2022-01-01", "to": "2022-12-31"}},
           "facets": ["source", "month"], "sort": "newest", "offset": 20, "limit": 10})"},
      // parameter order and interleaving do not matter
      {"lang=id&tag=humas&source=a&lang=en&section=Nasional",
       R"({"filters": {"section": "Nasional", "source": ["a"], "tag": ["humas"], "lang": ["id", "en"]}})"},
      {"author=Budi+Santoso&location=Banda%20Aceh",
       R"({"filters": {"location": ["Banda Aceh"], "author": ["Budi Santoso"]}})"},
      {"facets=source:20,month,year:5", R"({"facets": [{"field": "source", "size": 20}, "month",
                                                          {"field": "year", "size": 5}]})"},
      {"facets=source&facets=tag:3", R"({"facets": ["source", {"field": "tag", "size": 3}]})"},
      {"facets=", R"({"facets": []})"},
      {"facets=+source+,+month+:+2+,", R"({"facets": ["source", {"field": "month", "size": 2}]})"},
      {"to=2022-03-30", R"({"filters": {"date": {"to": "2022-03-30"}}})"},
      {"from=&to=&source=&limit=", "{}"},
      {"recency=0.5&highlight=0", R"({"recency": 0.5, "highlight": false})"},
      {"collapse=true", R"({"collapse": true})"},
      {"collapse=0", R"({"collapse": false})"},
      {"recency=1e-3&highlight=true", R"({"recency": 1e-3, "highlight": true})"},
      {"interpret_dates=false&reference_date=2024-05-01",
       R"({"interpret_dates": false, "reference_date": "2024-05-01"})"},
      {"interpret_dates=1&reference_date=", R"({"interpret_dates": true})"},
      {"q=caf%C3%A9&tag=%E2%9C%93", "{\"q\": \"caf\\u00e9\", \"filters\": {\"tag\": \"\xe2\x9c\x93\"}}"},
      {"q=a%26b%3Dc%2B", R"({"q": "a&b=c+"})"},
      {"q", "{}"},
  };
  for (const auto& c : cases) {
    auto get = decode_search_query(c.query);
    auto post = decode_search_body(c.body);
    ASSERT_EQ(outcome_of(get), "ok") << c.query;
    ASSERT_EQ(outcome_of(post), "ok") << c.body;
    EXPECT_EQ(*get.request, *post.request) << c.query;
  }
}

TEST(DecodeSearchQuery, ErrorsNameTheParameter) {
  const std::string params_known =
      "; known: q, source, section, author, location, lang, tag, from, to, facets, sort, offset, "
      "limit, highlight, recency, interpret_dates, reference_date, collapse";
  const std::string facets_known = "; known: source, section, author, location, lang, tag, year, month";
  struct Case {
    std::string query;
    std::string error;
  };
  const Case cases[] = {
      {"foo=1", bad(R"(unknown parameter "foo")" + params_known)},
      {"title=x", bad(R"(unknown parameter "title")" + params_known)},
      {"date=2022-01-01", bad(R"(unknown parameter "date")" + params_known)},
      {"Q=x", bad(R"(unknown parameter "Q")" + params_known)},
      {"q=%zz", bad(R"(q: malformed percent escape "%zz"; write a literal '%' as %25)")},
      {"source=50%", bad(R"(source: malformed percent escape "%"; write a literal '%' as %25)")},
      {"%zz=1", bad(R"(query string: malformed percent escape "%zz" in a parameter name; write a literal '%' as %25)")},
      {"q=%ff", bad("q: invalid UTF-8 at byte 0 of the decoded value")},
      {"q=limit&limit=1&limit=2", bad("limit: given more than once; give it once")},
      {"q=a&q=b", bad("q: given more than once; give it once")},
      {"sort=newest&sort=", bad("sort: given more than once; give it once")},
      {"from=2022-01-01&from=2022-02-01", bad("from: given more than once; give it once")},
      {"limit=500", bad("limit: must be between 0 and 100, got 500")},
      {"limit=-1", bad("limit: must be between 0 and 100, got -1")},
      {"limit=99999999999999999999", bad("limit: must be between 0 and 100, got 99999999999999999999")},
      {"limit=1.5", bad(R"(limit: expected an integer between 0 and 100, got "1.5")")},
      {"limit=ten", bad(R"(limit: expected an integer between 0 and 100, got "ten")")},
      {"limit=%2B5", bad(R"(limit: expected an integer between 0 and 100, got "+5")")},
      {"limit=+5", bad(R"(limit: expected an integer between 0 and 100, got " 5")")},
      {"limit=-", bad(R"(limit: expected an integer between 0 and 100, got "-")")},
      {"limit=1e3", bad(R"(limit: expected an integer between 0 and 100, got "1e3")")},
      {"offset=10001", bad("offset: must be between 0 and 10000, got 10001")},
      {"offset=%2010", bad(R"(offset: expected an integer between 0 and 10000, got " 10")")},
      {"from=2022-13-01", bad(R"(from: expected a date YYYY-MM-DD, got "2022-13-01")")},
      {"to=yesterday", bad(R"(to: expected a date YYYY-MM-DD, got "yesterday")")},
      {"from=2022-12-31&to=2022-01-01", bad("from: 2022-12-31 is after to 2022-01-01")},
      {"facets=source,colour", bad(R"(facets: unknown facet "colour")" + facets_known)},
      {"facets=source,source:5", bad(R"(facets: duplicate facet "source")")},
      {"facets=source&facets=source", bad(R"(facets: duplicate facet "source")")},
      {"facets=source:0", bad(R"(facets: size of "source": must be between 1 and 1000, got 0)")},
      {"facets=source:1001", bad(R"(facets: size of "source": must be between 1 and 1000, got 1001)")},
      {"facets=source:x", bad(R"(facets: size of "source": expected an integer between 1 and 1000, got "x")")},
      {"facets=source:", bad(R"(facets: size of "source": expected an integer between 1 and 1000, got "")")},
      {"sort=date", bad(R"(sort: expected one of relevance, newest, oldest, got "date")")},
      {"highlight=yes", bad(R"(highlight: expected true or false, got "yes")")},
      {"recency=-1", bad("recency: must be a number >= 0, got -1")},
      {"interpret_dates=yes", bad(R"(interpret_dates: expected true or false, got "yes")")},
      {"reference_date=2024-5-1", bad(R"(reference_date: expected a date YYYY-MM-DD, got "2024-5-1")")},
      {"reference_date=2024-05-01T10:00", bad(R"(reference_date: expected a date YYYY-MM-DD, got "2024-05-01T10:00")")},
      {"recency=abc", bad(R"(recency: expected a number >= 0, got "abc")")},
      {"recency=inf", bad(R"(recency: expected a number >= 0, got "inf")")},
      {"recency=nan", bad(R"(recency: expected a number >= 0, got "nan")")},
      {"collapse=yes", bad(R"(collapse: expected true or false, got "yes")")},
      {"recency=1e999", bad(R"(recency: expected a number >= 0, got "1e999")")},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(outcome_of(decode_search_query(c.query)), c.error) << c.query;
  }
}

TEST(DecodeSearchQuery, MessagesMatchTheBodyForTheSameMistake) {
  const std::pair<const char*, const char*> pairs[] = {
      {"limit=500", R"({"limit": 500})"},
      {"offset=-1", R"({"offset": -1})"},
      {"sort=date", R"({"sort": "date"})"},
      {"highlight=yes", R"({"highlight": "yes"})"},
      {"recency=-1", R"({"recency": -1})"},
  };
  for (const auto& [query, body] : pairs) {
    EXPECT_EQ(outcome_of(decode_search_query(query)), outcome_of(decode_search_body(body))) << query;
  }
}

SearchResponse sample_response() {
  SearchResponse r;
  r.total = 1234;
  r.total_exact = true;
  r.took_ms = 4.1;
  r.offset = 10;
  Hit full;
  full.id = "dialeksis-2022-03-30-humas";
  full.title = "Humas Kemendagri";
  full.url = "https://dialeksis.com/x";
  full.source = "dialeksis.com";
  full.published_at = "2022-03-30";
  full.section = "Nasional";
  full.authors = {"PK", "AB"};
  full.location = "Bogor";
  full.lang = "id";
  full.score = 12.5;
  full.title_html = "<mark>Humas</mark> Kemendagri";
  full.snippet = "... <mark>humas</mark> ...";
  Hit bare;
  bare.id = "b";
  bare.title = "Bare";
  bare.score = 1;
  bare.title_html = "Bare";
  bare.snippet = "";
  r.hits = {full, bare};
  // deliberately not alphabetical: the order given is kept
  r.facets = {{"source", {{"dialeksis.com", 12}, {"kompas.com", 3}}},
              {"month", {{"2022-03", 40}, {"2022-04", 2}}},
              {"author", {}}};
  return r;
}

TEST(EncodeSearchResponse, HasTheDesignShape) {
  json out = json::parse(encode_search_response(sample_response()));
  EXPECT_EQ(out["total"], 1234);
  EXPECT_EQ(out["total_exact"], true);
  EXPECT_DOUBLE_EQ(out["took_ms"].get<double>(), 4.1);
  EXPECT_EQ(out["offset"], 10);
  EXPECT_TRUE(out["suggestion"].is_null());
  ASSERT_TRUE(out.contains("suggestion"));
  ASSERT_EQ(out["hits"].size(), 2u);

  const json& full = out["hits"][0];
  EXPECT_EQ(full, json::parse(R"({"id": "dialeksis-2022-03-30-humas", "title": "Humas Kemendagri",
      "url": "https://dialeksis.com/x", "source": "dialeksis.com", "published_at": "2022-03-30",
      "section": "Nasional", "authors": ["PK", "AB"], "location": "Bogor", "lang": "id",
      "score": 12.5, "title_html": "<mark>Humas</mark> Kemendagri",
      "snippet": "... <mark>humas</mark> ..."})"));

  const json& bare = out["hits"][1];
  EXPECT_EQ(bare, json::parse(R"({"id": "b", "title": "Bare", "score": 1.0, "title_html": "Bare",
      "snippet": ""})"));
  for (const char* absent : {"url", "source", "published_at", "section", "authors", "location", "lang"}) {
    EXPECT_FALSE(bare.contains(absent)) << absent;
  }

  EXPECT_EQ(out["facets"]["source"], json::parse(R"([{"value": "dialeksis.com", "count": 12},
      {"value": "kompas.com", "count": 3}])"));
  EXPECT_EQ(out["facets"]["author"], json::array());
}

TEST(EncodeSearchResponse, KeepsProtocolOrderOfKeysAndFacets) {
  std::string text = encode_search_response(sample_response());
  auto ordered = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : ordered.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"total", "total_exact", "took_ms", "offset", "hits",
                                            "facets", "suggestion"}));
  keys.clear();
  for (const auto& [k, v] : ordered["hits"][0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "title", "url", "source", "published_at",
                                            "section", "authors", "location", "lang", "score",
                                            "title_html", "snippet"}));
  keys.clear();
  for (const auto& [k, v] : ordered["facets"].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"source", "month", "author"}));
  keys.clear();
  for (const auto& [k, v] : ordered["facets"]["month"][0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"value", "count"}));
  EXPECT_EQ(ordered["facets"]["month"][1]["value"], "2022-04");
}

TEST(EncodeSearchResponse, EmptyResponseAndSuggestion) {
  SearchResponse r;
  r.suggestion = "kemendagri";
  r.total_exact = false;
  EXPECT_EQ(encode_search_response(r),
            R"({"total":0,"total_exact":false,"took_ms":0.0,"offset":0,"hits":[],"facets":{},)"
            R"("suggestion":"kemendagri"})");
  r.suggestion = "";
  EXPECT_TRUE(json::parse(encode_search_response(r))["suggestion"].is_null());
  EXPECT_FALSE(json::parse(encode_search_response(r)).contains("interpreted"));
}

TEST(EncodeSearchResponse, InterpretedDatesComeLastWithOpenEndsLeftOut) {
  SearchResponse r;
  r.interpreted = Interpreted{"2024-04-30", "2024-04-30", "banjir"};
  EXPECT_EQ(encode_search_response(r),
            R"({"total":0,"total_exact":true,"took_ms":0.0,"offset":0,"hits":[],"facets":{},)"
            R"("suggestion":null,"interpreted":{"date":{"from":"2024-04-30","to":"2024-04-30"},"q":"banjir"}})");
  r.interpreted = Interpreted{"2020-01-01", std::nullopt, ""};
  EXPECT_EQ(json::parse(encode_search_response(r))["interpreted"],
            json::parse(R"({"date": {"from": "2020-01-01"}, "q": ""})"));
}

TEST(EncodeSearchResponse, AlwaysValidUtf8AndNumbers) {
  SearchResponse r;
  Hit h;
  h.id = "x";
  h.title = "bad \xff byte";
  h.snippet = "cut \xe2\x82";
  h.source = "";  // present but empty: the article lacks it
  h.score = std::numeric_limits<double>::quiet_NaN();
  r.hits = {h};
  r.took_ms = 1.23456789;
  r.facets = {{"tag", {{"\xc3", 1}}}};
  std::string text = encode_search_response(r);
  json out;
  ASSERT_NO_THROW(out = json::parse(text)) << text;
  EXPECT_EQ(out["hits"][0]["title"], "bad \xef\xbf\xbd byte");
  EXPECT_EQ(out["hits"][0]["score"], 0.0);
  EXPECT_FALSE(out["hits"][0].contains("source"));
  EXPECT_DOUBLE_EQ(out["took_ms"].get<double>(), 1.235);
  EXPECT_EQ(out["facets"]["tag"][0]["value"], "\xef\xbf\xbd");
}

TEST(EncodeError, IsTheProtocolShape) {
  EXPECT_EQ(encode_error(Error(ErrorCode::kBadRequest, "limit: must be between 0 and 100, got 500")),
            R"({"error":{"code":"bad_request","message":"limit: must be between 0 and 100, got 500"}})");
  EXPECT_EQ(encode_error(Error(ErrorCode::kPayloadTooLarge, "body: over 1 MiB")),
            R"({"error":{"code":"payload_too_large","message":"body: over 1 MiB"}})");
  EXPECT_EQ(encode_error(Error(ErrorCode::kNotFound, "say \"hi\"\n\xff")),
            "{\"error\":{\"code\":\"not_found\",\"message\":\"say \\\"hi\\\"\\n\xef\xbf\xbd\"}}");
}

}  // namespace
}  // namespace warta::searchd
