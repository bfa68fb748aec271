// handlers: the endpoints of protocol v1; every failure becomes the error
// JSON of common/error.h's table.
#include "searchd/handlers.h"

#include <chrono>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include "common/error.h"
#include "searchd/access_control.h"
#include "searchd/codec.h"
#include "searchd/date_interpretation.h"
#include "searchd/router.h"
#include "searchd/synonyms_codec.h"

namespace warta::searchd {
namespace {

using http::HttpRequest;
using http::HttpResponse;

HttpResponse json_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse error_response(const Error& error) {
  HttpResponse r = json_response(error_status(error.code()), encode_error(error));
  if (error.code() == ErrorCode::kOverloaded) r.headers.emplace_back("Retry-After", "1");
  return r;
}

SearchRequest decode_or_throw(const DecodedRequest& decoded) {
  if (decoded.error) throw *decoded.error;
  return *decoded.request;
}

}  // namespace

Api::Api(Executor& executor, ApiOptions options)
    : executor_(executor), options_(options), pool_(options.threads) {}

Api::~Api() { stop(); }

void Api::stop() {
  stopping_ = true;
  pool_.join();
}

void Api::handle(HttpRequest request, std::function<void(HttpResponse)> respond) {
  auto start = std::chrono::steady_clock::now();
  RouteMatch match = route_request(request.method, request.target);
  // Wraps `respond` with the access log line and the metrics.
  auto finish = [this, start, method = request.method, target = request.target, route = match.name,
                 respond = std::move(respond)](HttpResponse response, std::size_t hits) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.record(route, response.status, seconds);
    spdlog::info("{} {} {} {:.1f}ms hits={}", method, target, response.status, seconds * 1000, hits);
    respond(std::move(response));
  };

  if (options_.keys) {
    if (auto refusal = refuse_unauthorised(*options_.keys, request)) {
      finish(std::move(*refusal), 0);
      return;
    }
  }
  if (match.route == Route::kNotFound) {
    finish(error_response(Error(ErrorCode::kNotFound, "no such endpoint: " + request.target)), 0);
    return;
  }
  if (match.route == Route::kMethodNotAllowed) {
    HttpResponse r = error_response(Error(ErrorCode::kMethodNotAllowed,
                                          request.method + " is not allowed here; use " + match.allow));
    r.headers.emplace_back("Allow", match.allow);
    finish(std::move(r), 0);
    return;
  }
  if (stopping_ || queued_.load() >= options_.max_queue) {
    finish(error_response(Error(ErrorCode::kOverloaded, "the server is busy; try again shortly")), 0);
    return;
  }
  ++queued_;
  boost::asio::post(pool_, [this, request = std::move(request), finish = std::move(finish)]() mutable {
    std::size_t hits = 0;
    HttpResponse response;
    try {
      response = answer(request, hits);
    } catch (const Error& e) {
      response = error_response(e);
    } catch (const Xapian::Error& e) {
      spdlog::error("{} {}: {}", request.method, request.target, e.get_description());
      response = error_response(Error(ErrorCode::kInternal, "the index could not be read; see the server log"));
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", request.method, request.target, e.what());
      response = error_response(Error(ErrorCode::kInternal, "internal error; see the server log"));
    }
    --queued_;
    finish(std::move(response), hits);
  });
}

HttpResponse Api::answer(const HttpRequest& request, std::size_t& hits) {
  RouteMatch match = route_request(request.method, request.target);
  switch (match.route) {
    case Route::kSearch: {
      if (request.method == "POST" && !match.query.empty()) {
        throw Error(ErrorCode::kBadRequest, "POST /search reads its parameters from the JSON body, not the query string");
      }
      if (request.method == "POST" && request.body.empty() && request.header("content-length").empty() &&
          request.header("transfer-encoding").empty()) {
        // Without either header HTTP/1.1 gives the request no body, and
        // whatever the client sent after it reads as the next request.
        throw Error(ErrorCode::kBadRequest, "body: missing; send it with a Content-Length header (or chunked)");
      }
      SearchRequest search = decode_or_throw(request.method == "POST" ? decode_search_body(request.body)
                                                                       : decode_search_query(match.query));
      InterpretedSearch interpreted = interpret_dates(search);
      SearchResponse result = executor_.search(interpreted.request);
      result.interpreted = std::move(interpreted.interpreted);
      hits = result.hits.size();
      return json_response(200, encode_search_response(result));
    }
    case Route::kArticle: {
      if (!match.query.empty()) throw Error(ErrorCode::kBadRequest, "this endpoint takes no parameters");
      auto article = executor_.article(match.id);
      if (!article) throw Error(ErrorCode::kNotFound, "no article with id " + json_string(match.id));
      hits = 1;
      return json_response(200, *article);
    }
    case Route::kSimilar: {
      SearchRequest search = decode_or_throw(decode_search_query(match.query));
      // Likeness is the only order of a more-like-this list, and it has no
      // words of its own for dates to be read from.
      if (!search.q.empty()) throw Error(ErrorCode::kBadRequest, "q: not used by /similar");
      if (search.sort && *search.sort != SortOrder::kRelevance) {
        throw Error(ErrorCode::kBadRequest, "sort: /similar ranks by likeness only (sort=relevance)");
      }
      if (search.recency != 0) throw Error(ErrorCode::kBadRequest, "recency: not used by /similar");
      if (search.reference_date) throw Error(ErrorCode::kBadRequest, "reference_date: not used by /similar");
      auto result = executor_.similar(match.id, search);
      if (!result) throw Error(ErrorCode::kNotFound, "no article with id " + json_string(match.id));
      hits = result->hits.size();
      return json_response(200, encode_search_response(*result));
    }
    case Route::kHealth: {
      nlohmann::json body = {{"status", "ok"}, {"documents", executor_.stats().documents}};
      return json_response(200, body.dump());
    }
    case Route::kStats: {
      IndexStats s = executor_.stats();
      nlohmann::json body = {{"documents", s.documents},
                             {"revision", s.revision},
                             {"average_length", s.average_length},
                             {"queue_depth", others_queued()},
                             {"result_cache",
                              {{"hits", s.result_cache.hits},
                               {"misses", s.result_cache.misses},
                               {"entries", s.result_cache.entries},
                               {"bytes", s.result_cache.bytes}}},
                             {"frequent_word_searches", s.frequent_word_searches},
                             {"relaxed_searches", s.relaxed_searches},
                             {"relaxed_fallbacks", s.relaxed_fallbacks},
                             {"threads", options_.threads}};
      return json_response(200, body.dump());
    }
    case Route::kMetrics: {
      IndexStats s = executor_.stats();
      HttpResponse r = json_response(200, metrics_.render(others_queued(), s.documents, s.revision));
      r.content_type = "text/plain; version=0.0.4; charset=utf-8";
      return r;
    }
    case Route::kSynonyms: {
      SynonymsResult result = executor_.synonyms(decode_synonyms_term(match.query));
      hits = result.long_forms.size() + result.acronyms.size();
      return json_response(200, encode_synonyms(result));
    }
    case Route::kNotFound:
    case Route::kMethodNotAllowed:
      break;
  }
  throw Error(ErrorCode::kNotFound, "no such endpoint");
}

}  // namespace warta::searchd
