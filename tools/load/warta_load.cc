// warta-load: a closed-loop HTTP load generator for warta-searchd: N
// keep-alive connections each send the next request of a query file as soon
// as the previous answer arrives, for a fixed time; it reports requests,
// statuses, failed connections and latency percentiles.
//
// The query file has one JSON object per line: {"get": "/search?q=..."} sends
// a GET, {"post": "/search", "body": {...}} a POST, and any other object is
// sent as the body of POST /search. Lines starting with '#' are skipped.
//
//   warta-load --port 8080 --queries tools/load/queries.jsonl --connections 64 --duration 60
//
// Exit 0 when the run completed (errors are counted in the report, the caller
// judges them), 1 when nothing could be sent, 2 on usage errors.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "common/version.h"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Query {
  bhttp::verb method = bhttp::verb::post;
  std::string target;
  std::string body;
};

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the query file");
  std::vector<Query> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected a JSON object");
    }
    Query q;
    if (j.contains("get")) {
      q.method = bhttp::verb::get;
      q.target = j["get"].get<std::string>();
    } else if (j.contains("post")) {
      q.target = j["post"].get<std::string>();
      q.body = j.value("body", json::object()).dump();
    } else {
      q.target = "/search";
      q.body = j.dump();
    }
    queries.push_back(std::move(q));
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries");
  return queries;
}

// What one connection saw; merged at the end (one I/O thread, no locks).
struct Tally {
  std::vector<std::uint32_t> latencies_us;
  std::map<unsigned, std::uint64_t> statuses;
  std::uint64_t connect_failures = 0;  // could not connect at all
  std::uint64_t io_errors = 0;         // a request lost mid-way (reset, EOF, timeout)
  std::uint64_t reconnects = 0;        // the server closed after an answer
};

struct Settings {
  tcp::endpoint endpoint;
  std::string host_header;
  std::string authorization;
  std::chrono::seconds request_timeout{30};
  Clock::time_point deadline;
};

// One keep-alive connection sending requests back to back.
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(net::io_context& io, const Settings& settings, const std::vector<Query>& queries, std::size_t first,
         Tally& tally)
      : stream_(io), settings_(settings), queries_(queries), next_(first), tally_(tally) {}

  void start() { connect(); }

 private:
  void connect() {
    if (Clock::now() >= settings_.deadline) return;
    stream_.expires_after(settings_.request_timeout);
    stream_.async_connect(settings_.endpoint, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        ++self->tally_.connect_failures;
        return;  // a refused connection stays a failure; do not hammer
      }
      self->send();
    });
  }

  void send() {
    if (Clock::now() >= settings_.deadline) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    const Query& q = queries_[next_++ % queries_.size()];
    request_ = {};
    request_.method(q.method);
    request_.target(q.target);
    request_.version(11);
    request_.set(bhttp::field::host, settings_.host_header);
    request_.set(bhttp::field::user_agent, "warta-load");
    if (!settings_.authorization.empty()) request_.set(bhttp::field::authorization, settings_.authorization);
    if (q.method == bhttp::verb::post) {
      request_.set(bhttp::field::content_type, "application/json");
      request_.body() = q.body;
    }
    request_.prepare_payload();
    started_ = Clock::now();
    stream_.expires_after(settings_.request_timeout);
    bhttp::async_write(stream_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail();
      self->receive();
    });
  }

  void receive() {
    response_.emplace();
    response_->body_limit(64 * 1024 * 1024);
    bhttp::async_read(stream_, buffer_, *response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail();
      self->done();
    });
  }

  void done() {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    tally_.latencies_us.push_back(static_cast<std::uint32_t>(std::min<long long>(us, UINT32_MAX)));
    const auto& message = response_->get();
    ++tally_.statuses[message.result_int()];
    if (!message.keep_alive()) {
      ++tally_.reconnects;
      beast::error_code ignored;
      stream_.socket().close(ignored);
      buffer_.clear();
      connect();
      return;
    }
    send();
  }

  void fail() {
    ++tally_.io_errors;
    beast::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.clear();
    connect();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const Settings& settings_;
  const std::vector<Query>& queries_;
  std::size_t next_;
  Tally& tally_;
  bhttp::request<bhttp::string_body> request_;
  std::optional<bhttp::response_parser<bhttp::string_body>> response_;
  Clock::time_point started_;
};

double percentile_ms(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto at = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warta-load: closed-loop HTTP load against warta-searchd; prints requests, statuses, "
               "failed connections and latency percentiles."};
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string queries_path;
  unsigned connections = 64;
  double duration = 60;
  std::string api_key;
  std::string json_path;
  app.add_option("--host", host, "Numeric address of warta-searchd");
  app.add_option("--port", port, "Port of warta-searchd")->required();
  app.add_option("--queries", queries_path, "Query file (JSON Lines; see the header of warta_load.cc)")->required();
  app.add_option("--connections", connections, "Keep-alive connections, each one request at a time")
      ->check(CLI::Range(1u, 10000u));
  app.add_option("--duration", duration, "Seconds to run")->check(CLI::Range(0.1, 86400.0));
  app.add_option("--api-key", api_key, "Sent as Authorization: Bearer KEY");
  app.add_option("--json", json_path, "Also write the report as JSON to this file ('-' = stdout only JSON)");
  app.set_version_flag("--version", "warta-load " + std::string(warta::version()));
  CLI11_PARSE(app, argc, argv);

  std::vector<Query> queries;
  Settings settings;
  try {
    queries = read_queries(queries_path);
    settings.endpoint = tcp::endpoint(net::ip::make_address(host), port);
  } catch (const std::exception& e) {
    std::cerr << "warta-load: " << e.what() << "\n";
    return 2;
  }
  settings.host_header = host + ":" + std::to_string(port);
  if (!api_key.empty()) settings.authorization = "Bearer " + api_key;

  net::io_context io(1);
  std::vector<Tally> tallies(connections);
  const auto start = Clock::now();
  settings.deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  for (unsigned c = 0; c < connections; ++c) {
    // Each connection starts at another place in the query file, so that the
    // mix is the same at every moment of the run.
    auto client = std::make_shared<Client>(io, settings, queries, c * 7919u % queries.size(), tallies[c]);
    client->start();
  }
  io.run();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  Tally total;
  for (auto& t : tallies) {
    total.latencies_us.insert(total.latencies_us.end(), t.latencies_us.begin(), t.latencies_us.end());
    for (auto [status, n] : t.statuses) total.statuses[status] += n;
    total.connect_failures += t.connect_failures;
    total.io_errors += t.io_errors;
    total.reconnects += t.reconnects;
  }
  std::sort(total.latencies_us.begin(), total.latencies_us.end());
  std::uint64_t server_errors = 0;
  json statuses = json::object();
  for (auto [status, n] : total.statuses) {
    statuses[std::to_string(status)] = n;
    if (status >= 500) server_errors += n;
  }
  const auto requests = total.latencies_us.size();
  json report = {{"connections", connections},
                 {"duration_s", elapsed},
                 {"requests", requests},
                 {"requests_per_s", elapsed > 0 ? static_cast<double>(requests) / elapsed : 0.0},
                 {"statuses", statuses},
                 {"server_errors", server_errors},
                 {"failed_connections", total.connect_failures},
                 {"io_errors", total.io_errors},
                 {"reconnects", total.reconnects},
                 {"latency_ms",
                  {{"p50", percentile_ms(total.latencies_us, 0.50)},
                   {"p90", percentile_ms(total.latencies_us, 0.90)},
                   {"p99", percentile_ms(total.latencies_us, 0.99)},
                   {"max", total.latencies_us.empty() ? 0.0 : total.latencies_us.back() / 1000.0}}}};

  if (json_path == "-") {
    std::cout << report.dump() << "\n";
  } else {
    std::printf("connections %u, %.1f s: %zu requests (%.0f/s)\n", connections, elapsed, requests,
                report["requests_per_s"].get<double>());
    std::printf("statuses %s; 5xx %llu; failed connections %llu; I/O errors %llu; reconnects %llu\n",
                statuses.dump().c_str(), static_cast<unsigned long long>(server_errors),
                static_cast<unsigned long long>(total.connect_failures),
                static_cast<unsigned long long>(total.io_errors), static_cast<unsigned long long>(total.reconnects));
    std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", report["latency_ms"]["p50"].get<double>(),
                report["latency_ms"]["p90"].get<double>(), report["latency_ms"]["p99"].get<double>(),
                report["latency_ms"]["max"].get<double>());
    if (!json_path.empty()) {
      std::ofstream out(json_path);
      out << report.dump(2) << "\n";
    }
  }
  return requests == 0 ? 1 : 0;
}
