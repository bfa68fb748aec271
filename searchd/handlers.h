// handlers: decode -> build -> execute -> encode for each endpoint, on a
// worker pool so that I/O threads never run Xapian.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

#include <boost/asio/thread_pool.hpp>

#include "searchd/api_keys.h"
#include "searchd/executor.h"
#include "searchd/http/http_message.h"
#include "searchd/metrics.h"

namespace warta::searchd {

struct ApiOptions {
  unsigned threads = 2;         // worker threads running searches
  std::size_t max_queue = 256;  // searches waiting or running; more get 503
  std::shared_ptr<const ApiKeyStore> keys;  // null: no API keys, every route open
};

class Api {
 public:
  Api(Executor& executor, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // The transport's RequestHandler: answers 401/403 (when keys are on) and
  // 404/405 at once, everything else on the worker pool (503 with
  // Retry-After when the queue is full).
  void handle(http::HttpRequest request, std::function<void(http::HttpResponse)> respond);

  // Waits for the queued work to finish; no new work is accepted after.
  void stop();

 private:
  http::HttpResponse answer(const http::HttpRequest& request, std::size_t& hits);
  // The queue's depth as /stats and /metrics report it: without the
  // request asking, which is on the queue itself.
  std::size_t others_queued() const {
    std::size_t queued = queued_.load();
    return queued > 0 ? queued - 1 : 0;
  }

  Executor& executor_;
  ApiOptions options_;
  Metrics metrics_;
  boost::asio::thread_pool pool_;
  std::atomic<std::size_t> queued_{0};
  std::atomic<bool> stopping_{false};
};

}  // namespace warta::searchd
