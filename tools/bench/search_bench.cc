// warta-bench-search: search latency and throughput of warta-searchd over HTTP beside in-process Xapian (the Executor) on the same queries.
//
// For every mode (plain top 10, or top 10 with all facets), concurrency and
// target (http: POST /search on keep-alive connections, one per client
// thread; inproc: warta::searchd::Executor::search on the same decoded
// requests, no HTTP), it runs one warm-up pass of the query set, then a timed
// pass, and prints p50/p95/p99 latency, throughput, errors and the
// HTTP/in-process throughput ratio. It prints numbers, never pass/fail: it
// exits 0 when the runs completed (errors are counted, not fatal), 1 when a
// target could not be set up, 2 on usage errors.
//
//   warta-bench-search --queries ../shared/peers/queries/id-news.jsonl --db INDEX
//       --start-searchd build/searchd/warta-searchd --json search.json
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/error.h"
#include "common/version.h"
#include "searchd/codec.h"
#include "searchd/executor.h"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kKeptErrors = 5;  // error messages kept per cell

const char* const kAllFacets[] = {"source", "section", "author", "location", "lang", "tag", "year", "month"};
const char* const kModes[] = {"plain", "facets"};

// ---- query set -------------------------------------------------------------

struct Query {
  std::string id;
  std::string kind;
  std::string body[2];  // POST /search body per mode (kModes order)
  std::optional<warta::searchd::SearchRequest> request[2];  // the same, decoded once
  std::string decode_error[2];
};

// One record of the peers' query set -> the protocol v1 body the peers'
// warta adapter sends (source, section, date from/to), without highlighting.
std::string make_body(const json& record, bool facets) {
  json filters = json::object();
  const json f = record.value("filters", json::object());
  if (f.contains("source")) filters["source"] = json::array({f["source"]});
  if (f.contains("section")) filters["section"] = json::array({f["section"]});
  if (f.contains("date_from") || f.contains("date_to")) {
    json date = json::object();
    if (f.contains("date_from")) date["from"] = f["date_from"];
    if (f.contains("date_to")) date["to"] = f["date_to"];
    filters["date"] = date;
  }
  json body = {{"q", record.value("q", "")}, {"filters", filters}, {"limit", 10},       {"offset", 0},
               {"sort", "relevance"},        {"highlight", false}, {"facets", json::array()}};
  if (facets) {
    for (const char* name : kAllFacets) body["facets"].push_back(name);
  }
  return body.dump();
}

std::vector<Query> load_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<Query> queries;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("q")) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": not a query record {\"id\", \"q\", ...}");
    }
    Query q;
    q.id = record.value("id", std::to_string(number));
    q.kind = record.value("kind", "");
    for (int mode = 0; mode < 2; ++mode) {
      q.body[mode] = make_body(record, mode == 1);
      warta::searchd::DecodedRequest decoded = warta::searchd::decode_search_body(q.body[mode]);
      if (decoded.request) {
        q.request[mode] = std::move(decoded.request);
      } else {
        q.decode_error[mode] = decoded.error ? decoded.error->what() : "undecodable";
      }
    }
    queries.push_back(std::move(q));
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries");
  return queries;
}

// ---- machine ---------------------------------------------------------------

std::vector<double> load_average() {
  double l[3] = {0, 0, 0};
  if (getloadavg(l, 3) != 3) return {};
  return {l[0], l[1], l[2]};
}

std::string format_load(const std::vector<double>& l) {
  if (l.size() != 3) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f/%.2f/%.2f", l[0], l[1], l[2]);
  return buf;
}

std::string first_line_starting(const char* path, const std::string& prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

json machine_info() {
  json m;
  m["cpus"] = std::thread::hardware_concurrency();
  std::string model = first_line_starting("/proc/cpuinfo", "model name");
  if (auto colon = model.find(':'); colon != std::string::npos) m["cpu_model"] = model.substr(colon + 2);
  std::string mem = first_line_starting("/proc/meminfo", "MemTotal:");
  if (!mem.empty()) m["mem_total_bytes"] = std::stoull(mem.substr(9)) * 1024;
  utsname u{};
  if (uname(&u) == 0) m["kernel"] = u.release;
  return m;
}

std::string git_commit() {
  std::string out;
  if (FILE* p = popen("git rev-parse --short HEAD 2>/dev/null", "r")) {
    char buf[128];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    if (pclose(p) != 0) out.clear();
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (out.empty()) return "unknown";
  if (FILE* p = popen("git status --porcelain --untracked-files=no 2>/dev/null", "r")) {
    char buf[256];
    bool dirty = std::fgets(buf, sizeof buf, p) != nullptr;
    pclose(p);
    if (dirty) out += " (with uncommitted changes)";
  }
  return out;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

double self_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

// CPU seconds all processes spent busy so far (every core, from /proc/stat):
// with this process's and searchd's own, it tells what else ran meanwhile.
std::optional<double> machine_busy_seconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  if (!(in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || cpu != "cpu") {
    return std::nullopt;
  }
  return static_cast<double>(user + nice + system + irq + softirq + steal) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// user+sys CPU seconds of a process, from /proc/PID/stat; nullopt when gone.
std::optional<double> process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  auto paren = stat.rfind(')');  // the command name may hold spaces
  if (paren == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {  // field 3 is the state
    if (i == 14) utime = std::stoull(field);
    if (i == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// ---- the searchd we start ourselves ---------------------------------------

// The searchd to stop when this process is interrupted (0: none).
volatile sig_atomic_t g_searchd_pid = 0;

extern "C" void on_interrupt(int signal) {
  // Only async-signal-safe calls: stop the child, then leave at once.
  if (g_searchd_pid > 0) kill(static_cast<pid_t>(g_searchd_pid), SIGTERM);
  _exit(128 + signal);
}

struct Searchd {
  pid_t pid = -1;
  std::string host;
  std::string port;
};

// Starts `binary --db DB... --listen 127.0.0.1:0 EXTRA...` with stdout and
// stderr to `log_path`, and waits for its "listening on HOST:PORT" line.
// Throws std::runtime_error when it exits or stays silent for 60 s.
Searchd start_searchd(const std::string& binary, const std::vector<std::string>& dbs,
                      const std::vector<std::string>& extra, const std::string& log_path) {
  std::vector<std::string> args = {binary};
  for (const auto& db : dbs) {
    args.push_back("--db");
    args.push_back(db);
  }
  args.push_back("--listen");
  args.push_back("127.0.0.1:0");
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  Searchd s;
  int rc = posix_spawn(&s.pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error(binary + ": cannot start: " + std::strerror(rc));

  const std::string marker = "listening on ";
  auto deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline) {
    std::ifstream log(log_path);
    std::string line;
    while (std::getline(log, line)) {
      auto at = line.find(marker);
      if (at == std::string::npos) continue;
      std::string endpoint = line.substr(at + marker.size());
      endpoint = endpoint.substr(0, endpoint.find_first_of(" \t\r"));
      auto colon = endpoint.rfind(':');
      if (colon == std::string::npos) break;
      s.host = endpoint.substr(0, colon);
      s.port = endpoint.substr(colon + 1);
      if (s.host.size() > 2 && s.host.front() == '[') s.host = s.host.substr(1, s.host.size() - 2);
      return s;
    }
    int status = 0;
    if (waitpid(s.pid, &status, WNOHANG) == s.pid) {
      throw std::runtime_error(binary + " exited before listening (status " + std::to_string(status) +
                               "); see " + log_path);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(s.pid, SIGTERM);
  throw std::runtime_error(binary + ": no \"listening on\" line within 60 s; see " + log_path);
}

// SIGTERM, then SIGKILL after 30 s; returns the exit status text.
std::string stop_searchd(pid_t pid) {
  kill(pid, SIGTERM);
  auto deadline = Clock::now() + std::chrono::seconds(30);
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                               : "signal " + std::to_string(WTERMSIG(status));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return "killed after 30 s";
}

// ---- HTTP client -----------------------------------------------------------

// One keep-alive connection; reconnects after an error or a close.
class HttpClient {
 public:
  HttpClient(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {
    host_header_ = (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_) + ":" + port_;
  }

  // POSTs `body` to /search. Returns the status (0 when the connection failed,
  // `error` then says why); the response body goes to `response`.
  int post(const std::string& body, std::string& response, std::string& error) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      beast::error_code ec;
      if (!socket_.is_open()) {
        connect(ec);
        if (ec) {
          error = "connect: " + ec.message();
          return 0;
        }
      }
      bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/search", 11};
      req.set(bhttp::field::host, host_header_);
      req.set(bhttp::field::content_type, "application/json");
      req.keep_alive(true);
      req.body() = body;
      req.prepare_payload();
      bhttp::write(socket_, req, ec);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64u << 20);
      if (!ec) bhttp::read(socket_, buffer_, parser, ec);
      if (ec) {
        close();
        // A keep-alive connection the server closed while idle: retry once,
        // on a fresh connection. Anything else is an error.
        if (attempt == 0 && (ec == bhttp::error::end_of_stream || ec == net::error::connection_reset ||
                             ec == net::error::broken_pipe)) {
          continue;
        }
        error = "http: " + ec.message();
        return 0;
      }
      auto res = parser.release();
      if (!res.keep_alive()) close();
      response = std::move(res.body());
      return static_cast<int>(res.result_int());
    }
    error = "http: connection closed twice";
    return 0;
  }

  void connect(beast::error_code& ec) {
    tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(host_, port_, ec);
    if (ec) return;
    net::connect(socket_, endpoints, ec);
    if (!ec) socket_.set_option(tcp::no_delay(true), ec);
    buffer_.clear();
  }

  void close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  std::string host_, port_, host_header_;
  net::io_context io_;
  tcp::socket socket_{io_};
  beast::flat_buffer buffer_;
};

// ---- one cell: target x mode x concurrency ---------------------------------

struct Limits {
  std::size_t fixed_queries = 0;  // 0: whole passes until min_queries or min_seconds
  std::size_t min_queries = 2000;
  double min_seconds = 10;
  double max_seconds = 60;
  std::size_t warmup_passes = 1;
};

// Hands out query numbers to the client threads. Timed passes stop at a pass
// boundary (so every query of the set counts equally) once min_queries or
// min_seconds is reached, or anywhere at max_seconds.
class Dispenser {
 public:
  Dispenser(std::size_t set_size, const Limits& limits, bool warmup)
      : set_size_(set_size), limits_(limits), warmup_(warmup) {}

  // Starts the clock of a timed pass.
  void start() { start_ = Clock::now(); }

  std::optional<std::size_t> take() {
    std::lock_guard lock(mutex_);
    if (stop_) return std::nullopt;
    if (warmup_) {
      if (next_ >= set_size_ * limits_.warmup_passes) stop_ = true;
    } else {
      double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
      if (elapsed >= limits_.max_seconds) {
        stop_ = capped_ = true;
      } else if (limits_.fixed_queries > 0) {
        stop_ = next_ >= limits_.fixed_queries;
      } else if (next_ > 0 && next_ % set_size_ == 0) {
        stop_ = next_ >= limits_.min_queries || elapsed >= limits_.min_seconds;
      }
    }
    if (stop_) return std::nullopt;
    return next_++;
  }

  bool capped() const { return capped_; }

 private:
  std::mutex mutex_;
  std::size_t set_size_;
  Limits limits_;
  bool warmup_;
  Clock::time_point start_ = Clock::now();
  std::size_t next_ = 0;
  bool stop_ = false;
  bool capped_ = false;
};

struct Sample {
  std::size_t query = 0;  // index in the query set
  double ms = 0;
  bool ok = false;
  bool exact = true;
};

struct Cell {
  std::string target, mode;
  int concurrency = 0;
  std::size_t queries = 0, ok = 0, errors = 0;
  std::size_t warmup_errors = 0;  // not in `errors`
  std::size_t inexact = 0;        // answers with total_exact false (time budget)
  double seconds = 0, qps = 0;
  bool capped = false;
  double p50 = 0, p95 = 0, p99 = 0, mean = 0, max = 0, min = 0;
  double client_cpu = 0;
  std::optional<double> server_cpu;
  std::optional<double> other_cpu;  // every other process on the machine
  std::vector<double> load_before, load_after;
  std::vector<std::string> error_samples;
  std::vector<Sample> samples;
  std::string started_at;
};

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// The outcome of one query: ok, and the total hits when asked for.
struct Outcome {
  bool ok = false;
  bool exact = true;  // total_exact: false when the time budget cut the count
  std::int64_t total = -1;
  std::string error;
};

class Runner {
 public:
  Runner(const std::vector<Query>& queries, const Limits& limits) : queries_(queries), limits_(limits) {}

  void set_http(std::string host, std::string port) {
    host_ = std::move(host);
    port_ = std::move(port);
  }
  void set_executor(warta::searchd::Executor* executor) { executor_ = executor; }
  void set_server_pid(pid_t pid) { server_pid_ = pid; }

  // Hit totals of the first warm-up pass per target and mode, for the
  // agreement check between HTTP and in-process.
  std::map<std::string, std::vector<std::int64_t>> totals;

  Cell run(const std::string& target, int mode, int concurrency) {
    Cell cell;
    cell.target = target;
    cell.mode = kModes[mode];
    cell.concurrency = concurrency;
    cell.started_at = now_iso();
    std::string key = target + "/" + cell.mode;
    bool record_totals = !totals.contains(key);
    std::vector<std::int64_t> first_totals(queries_.size(), -1);

    Dispenser warm(queries_.size(), limits_, true);
    Dispenser timed(queries_.size(), limits_, false);
    std::barrier sync(concurrency + 1);
    std::vector<std::vector<Sample>> per_thread(static_cast<std::size_t>(concurrency));
    std::vector<Clock::time_point> ends(static_cast<std::size_t>(concurrency));
    std::mutex errors_mutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < concurrency; ++t) {
      threads.emplace_back([&, t] {
        auto slot = static_cast<std::size_t>(t);
        std::unique_ptr<HttpClient> client;
        if (target == "http") client = std::make_unique<HttpClient>(host_, port_);
        auto one = [&](std::size_t i, bool warming, bool want_total) {
          const Query& q = queries_[i % queries_.size()];
          Outcome out = target == "http" ? via_http(*client, q, mode, want_total) : in_process(q, mode, want_total);
          if (!out.ok) {
            std::lock_guard lock(errors_mutex);
            if (warming) ++cell.warmup_errors;
            if (cell.error_samples.size() < kKeptErrors) {
              cell.error_samples.push_back((warming ? "warm-up " : "") + q.id + ": " + out.error);
            }
          }
          return out;
        };
        sync.arrive_and_wait();  // warm-up
        while (auto i = warm.take()) {
          Outcome out = one(*i, true, record_totals && *i < queries_.size());
          if (record_totals && *i < queries_.size()) first_totals[*i] = out.total;
        }
        sync.arrive_and_wait();  // warm-up done
        sync.arrive_and_wait();  // timed pass
        std::vector<Sample>& mine = per_thread[slot];
        while (auto i = timed.take()) {
          auto t0 = Clock::now();
          Outcome out = one(*i, false, false);
          double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
          mine.push_back({*i % queries_.size(), ms, out.ok, out.exact});
        }
        ends[slot] = Clock::now();
      });
    }
    cell.load_before = load_average();
    sync.arrive_and_wait();  // warm-up starts
    sync.arrive_and_wait();  // warm-up done
    double cpu0 = self_cpu_seconds();
    std::optional<double> server0 = server_pid_ > 0 ? process_cpu_seconds(server_pid_) : std::nullopt;
    std::optional<double> busy0 = machine_busy_seconds();
    auto start = Clock::now();
    timed.start();
    sync.arrive_and_wait();  // the timed pass starts
    for (auto& th : threads) th.join();
    auto end = *std::max_element(ends.begin(), ends.end());
    cell.client_cpu = self_cpu_seconds() - cpu0;
    if (server0) {
      if (auto server1 = process_cpu_seconds(server_pid_)) cell.server_cpu = *server1 - *server0;
    }
    // Unknown when the HTTP target is a server we did not start.
    if (auto busy1 = machine_busy_seconds(); busy0 && busy1 && (target == "inproc" || cell.server_cpu)) {
      cell.other_cpu = std::max(0.0, *busy1 - *busy0 - cell.client_cpu - cell.server_cpu.value_or(0));
    }
    cell.load_after = load_average();
    if (record_totals) totals[key] = std::move(first_totals);

    cell.seconds = std::chrono::duration<double>(end - start).count();
    cell.capped = timed.capped();
    std::vector<double> ms;
    for (auto& v : per_thread) {
      for (const Sample& s : v) {
        ++cell.queries;
        if (s.ok) {
          ++cell.ok;
          if (!s.exact) ++cell.inexact;
          ms.push_back(s.ms);
        } else {
          ++cell.errors;
        }
      }
      cell.samples.insert(cell.samples.end(), v.begin(), v.end());
    }
    std::sort(ms.begin(), ms.end());
    cell.p50 = percentile(ms, 0.50);
    cell.p95 = percentile(ms, 0.95);
    cell.p99 = percentile(ms, 0.99);
    if (!ms.empty()) {
      cell.min = ms.front();
      cell.max = ms.back();
      double sum = 0;
      for (double x : ms) sum += x;
      cell.mean = sum / static_cast<double>(ms.size());
    }
    cell.qps = cell.seconds > 0 ? static_cast<double>(cell.ok) / cell.seconds : 0;
    return cell;
  }

 private:
  Outcome via_http(HttpClient& client, const Query& q, int mode, bool want_total) {
    Outcome out;
    std::string response;
    int status = client.post(q.body[mode], response, out.error);
    out.ok = status == 200;
    // Cheaper than parsing every response; the encoder writes compact JSON.
    if (out.ok) out.exact = response.find("\"total_exact\":false") == std::string::npos;
    if (status != 200 && status != 0) out.error = "HTTP " + std::to_string(status) + " " + response.substr(0, 200);
    if (out.ok && want_total) {
      json r = json::parse(response, nullptr, false);
      if (r.is_object() && r.contains("total") && r["total"].is_number()) out.total = r["total"].get<std::int64_t>();
    }
    return out;
  }

  Outcome in_process(const Query& q, int mode, bool want_total) {
    Outcome out;
    if (!q.request[mode]) {
      out.error = "400 " + q.decode_error[mode];
      return out;
    }
    try {
      warta::searchd::SearchResponse r = executor_->search(*q.request[mode]);
      out.ok = true;
      out.exact = r.total_exact;
      if (want_total) out.total = static_cast<std::int64_t>(r.total);
    } catch (const warta::Error& e) {
      out.error = std::string(warta::error_slug(e.code())) + ": " + e.what();
    } catch (const Xapian::Error& e) {
      out.error = "xapian: " + e.get_description();
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    return out;
  }

  const std::vector<Query>& queries_;
  Limits limits_;
  std::string host_, port_;
  warta::searchd::Executor* executor_ = nullptr;
  pid_t server_pid_ = -1;
};

// ---- report ----------------------------------------------------------------

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string pad(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return s;
  return left ? s + std::string(width - s.size(), ' ') : std::string(width - s.size(), ' ') + s;
}

const std::vector<std::size_t> kWidths = {7, 5, 7, 8, 7, 9, 9, 9, 9, 9, 18, 16, 16};

std::string row(const std::vector<std::string>& cols) {
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) out += "  ";
    out += pad(cols[i], kWidths[i], i < 3);
  }
  return out;
}

std::string header() {
  return row({"mode", "conc", "target", "queries", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "q/s",
              "CPU s cli/srv/oth", "load before", "load after"});
}

std::string cell_row(const Cell& c) {
  std::string cpu = fixed(c.client_cpu, 1) + "/" + (c.server_cpu ? fixed(*c.server_cpu, 1) : "-") + "/" +
                    (c.other_cpu ? fixed(*c.other_cpu, 1) : "-");
  return row({c.mode, std::to_string(c.concurrency), c.target, std::to_string(c.queries) + (c.capped ? "*" : ""),
              std::to_string(c.errors), fixed(c.p50, 2), fixed(c.p95, 2), fixed(c.p99, 2), fixed(c.max, 1),
              fixed(c.qps, 1), cpu, format_load(c.load_before), format_load(c.load_after)});
}

json cell_json(const Cell& c, const std::vector<Query>& queries) {
  json j = {{"target", c.target},
            {"mode", c.mode},
            {"concurrency", c.concurrency},
            {"started_at", c.started_at},
            {"queries", c.queries},
            {"ok", c.ok},
            {"errors", c.errors},
            {"warmup_errors", c.warmup_errors},
            {"inexact_totals", c.inexact},
            {"error_samples", c.error_samples},
            {"seconds", c.seconds},
            {"capped_by_seconds", c.capped},
            {"qps", c.qps},
            {"latency_ms", {{"p50", c.p50}, {"p95", c.p95}, {"p99", c.p99}, {"mean", c.mean}, {"min", c.min},
                            {"max", c.max}}},
            {"client_cpu_seconds", c.client_cpu},
            {"server_cpu_seconds", c.server_cpu ? json(*c.server_cpu) : json(nullptr)},
            {"other_cpu_seconds", c.other_cpu ? json(*c.other_cpu) : json(nullptr)},
            {"load_before", c.load_before},
            {"load_after", c.load_after}};
  std::map<std::string, std::vector<double>> by_kind;
  json raw = json::array();
  for (const Sample& s : c.samples) {
    if (s.ok) by_kind[queries[s.query].kind].push_back(s.ms);
    raw.push_back({queries[s.query].id, std::round(s.ms * 1000) / 1000, s.ok});
  }
  json kinds = json::object();
  for (auto& [kind, ms] : by_kind) {
    std::sort(ms.begin(), ms.end());
    kinds[kind.empty() ? "-" : kind] = {{"n", ms.size()},
                                        {"p50", percentile(ms, 0.5)},
                                        {"p95", percentile(ms, 0.95)},
                                        {"p99", percentile(ms, 0.99)}};
  }
  j["latency_ms_by_kind"] = kinds;
  j["samples"] = raw;  // [query id, ms, ok] in completion order per client thread
  return j;
}

// "http://127.0.0.1:8080" -> host, port.
bool parse_server(std::string url, std::string& host, std::string& port) {
  if (url.rfind("http://", 0) == 0) url = url.substr(7);
  while (!url.empty() && url.back() == '/') url.pop_back();
  auto colon = url.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == url.size()) return false;
  host = url.substr(0, colon);
  port = url.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return port.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warta-bench-search: search latency and throughput, warta-searchd over HTTP beside in-process "
               "Xapian (the Executor), on a query set in the peers' JSONL format."};
  std::string queries_path, server, searchd_binary, json_path, searchd_log, searchd_extra;
  std::vector<std::string> dbs, searchd_args;
  std::vector<std::string> targets = {"http", "inproc"};
  std::vector<std::string> modes = {"plain", "facets"};
  std::vector<int> concurrency = {1, 4, 16, 64};
  Limits limits;
  double time_budget = 5.0;
  app.add_option("--queries", queries_path, "Query set, JSONL records {id, kind, q, terms, op, filters}")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--db", dbs, "Index directory (repeat for shards): for in-process runs and --start-searchd");
  app.add_option("--server", server, "A running warta-searchd, http://HOST:PORT");
  app.add_option("--start-searchd", searchd_binary,
                 "Start this warta-searchd on --db, listening on 127.0.0.1:0; stopped with SIGTERM at the end");
  app.add_option("--searchd-args", searchd_extra, "Extra arguments for --start-searchd, e.g. \"--threads 4\"");
  app.add_option("--searchd-log", searchd_log, "Where the started searchd logs (default: a temporary file, removed)");
  app.add_option("--targets", targets, "http, inproc or both")->delimiter(',')->check(CLI::IsMember({"http", "inproc"}));
  app.add_option("--modes", modes, "plain (top 10, no facets), facets (top 10 + all 8 facets) or both")
      ->delimiter(',')
      ->check(CLI::IsMember({"plain", "facets"}));
  app.add_option("--concurrency", concurrency, "Client threads per run, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 1024));
  app.add_option("-n,--count", limits.fixed_queries, "Queries per timed run (default: whole passes of the set "
                                                     "until --min-queries or --min-seconds)");
  app.add_option("--min-queries", limits.min_queries, "Timed runs stop at the end of a pass once this many ran");
  app.add_option("--min-seconds", limits.min_seconds, "... or once this many seconds passed");
  app.add_option("--seconds", limits.max_seconds, "Upper bound of a timed run, even mid-pass (marked *)")
      ->check(CLI::PositiveNumber);
  app.add_option("--warmup-passes", limits.warmup_passes, "Untimed passes of the query set before each run");
  app.add_option("--time-budget", time_budget,
                 "Matching budget per search in seconds, for the in-process Executor and passed to the searchd "
                 "started (default 5, searchd's)")
      ->check(CLI::Range(0.0, 3600.0));
  app.add_option("--json", json_path, "Write every raw figure to this file");
  app.set_version_flag("--version", "warta-bench-search " + std::string(warta::version()));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  {
    std::istringstream words(searchd_extra);
    for (std::string w; words >> w;) searchd_args.push_back(w);
  }
  bool want_http = std::find(targets.begin(), targets.end(), "http") != targets.end();
  bool want_inproc = std::find(targets.begin(), targets.end(), "inproc") != targets.end();
  if (want_http && server.empty() && searchd_binary.empty()) {
    std::cerr << "warta-bench-search: the http target needs --server URL or --start-searchd PATH\n";
    return kExitUsage;
  }
  if (!server.empty() && !searchd_binary.empty()) {
    std::cerr << "warta-bench-search: give --server or --start-searchd, not both\n";
    return kExitUsage;
  }
  if ((want_inproc || !searchd_binary.empty()) && dbs.empty()) {
    std::cerr << "warta-bench-search: in-process runs and --start-searchd need --db DIR\n";
    return kExitUsage;
  }

  std::vector<Query> queries;
  try {
    queries = load_queries(queries_path);
  } catch (const std::exception& e) {
    std::cerr << "warta-bench-search: " << e.what() << "\n";
    return kExitUsage;
  }
  std::map<std::string, int> kinds;
  for (const auto& q : queries) ++kinds[q.kind];

  json machine = machine_info();
  std::string commit = git_commit();
  std::cout << "search_bench  " << now_iso() << "  commit " << commit << "\n"
            << "machine: " << machine.value("cpus", 0u) << " CPUs, " << machine.value("cpu_model", "?") << ", "
            << fixed(static_cast<double>(machine.value("mem_total_bytes", 0ull)) / (1 << 30), 1) << " GiB RAM, kernel "
            << machine.value("kernel", "?") << "\n"
            << "queries: " << queries_path << " (" << queries.size() << ";";
  for (const auto& [kind, n] : kinds) std::cout << " " << (kind.empty() ? "-" : kind) << " " << n;
  std::cout << ")\n";

  Runner runner(queries, limits);
  std::unique_ptr<warta::searchd::Executor> executor;
  std::optional<Searchd> started;
  bool remove_log = false;
  json searchd_info = nullptr;
  int exit_code = kExitOk;
  std::vector<Cell> cells;
  try {
    if (want_inproc) {
      executor = std::make_unique<warta::searchd::Executor>(
          warta::searchd::ExecutorOptions{dbs, std::chrono::milliseconds(200), time_budget, {}, {}});
      runner.set_executor(executor.get());
      std::cout << "in-process: warta::searchd::Executor on";
      for (const auto& db : dbs) std::cout << " " << db;
      std::cout << " (" << executor->stats().documents << " documents)\n";
    }
    if (want_http) {
      std::string host, port;
      if (!searchd_binary.empty()) {
        if (searchd_log.empty()) {
          char tmpl[] = "/tmp/warta-bench-searchd-XXXXXX";
          int fd = mkstemp(tmpl);
          if (fd < 0) throw std::runtime_error("cannot create a temporary log file");
          close(fd);
          searchd_log = tmpl;
          remove_log = true;
        }
        searchd_args.insert(searchd_args.begin(), {"--time-budget", fixed(time_budget, 3)});
        started = start_searchd(searchd_binary, dbs, searchd_args, searchd_log);
        host = started->host;
        port = started->port;
        runner.set_server_pid(started->pid);
        g_searchd_pid = started->pid;
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);
        std::cout << "http: started " << searchd_binary << " (pid " << started->pid << ") on " << host << ":" << port;
        for (const auto& a : searchd_args) std::cout << " " << a;
        std::cout << ", log " << searchd_log << (remove_log ? " (removed at the end)" : "") << "\n";
        searchd_info = {{"binary", searchd_binary}, {"args", searchd_args}, {"pid", started->pid}};
      } else if (!parse_server(server, host, port)) {
        std::cerr << "warta-bench-search: --server " << server << ": expected http://HOST:PORT\n";
        return kExitUsage;
      } else {
        std::cout << "http: " << host << ":" << port << "\n";
        searchd_info = {{"server", server}};
      }
      runner.set_http(host, port);
    }
    std::cout << "timed runs: "
              << (limits.fixed_queries ? std::to_string(limits.fixed_queries) + " queries"
                                       : "whole passes until " + std::to_string(limits.min_queries) + " queries or " +
                                             fixed(limits.min_seconds, 0) + " s")
              << ", at most " << fixed(limits.max_seconds, 0) << " s; " << limits.warmup_passes
              << " warm-up pass(es) before each\n"
              << "load average now: " << format_load(load_average()) << "\n\n"
              << header() << "\n";

    for (const std::string& mode_name : modes) {
      int mode = mode_name == "plain" ? 0 : 1;
      for (std::size_t ci = 0; ci < concurrency.size(); ++ci) {
        // Alternate which target goes first: the machine's noise drifts.
        std::vector<std::string> order;
        if (want_http) order.push_back("http");
        if (want_inproc) order.push_back("inproc");
        if (ci % 2 == 1) std::reverse(order.begin(), order.end());
        for (const std::string& target : order) {
          std::cout << "# " << mode_name << " c=" << concurrency[ci] << " " << target << ": load before "
                    << format_load(load_average()) << std::endl;
          Cell cell = runner.run(target, mode, concurrency[ci]);
          std::cout << cell_row(cell) << std::endl;
          for (const auto& e : cell.error_samples) std::cout << "    error: " << e << "\n";
          // Without facets counts are estimates anyway; with them, only the
          // time budget makes them so.
          if (mode == 1 && cell.inexact > 0) {
            std::cout << "    " << cell.inexact << " answers with total_exact false: the time budget ran out\n";
          }
          cells.push_back(std::move(cell));
        }
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "warta-bench-search: " << e.what() << "\n";
    exit_code = kExitFatal;
  }
  if (started) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::string how = stop_searchd(started->pid);
    std::cout << "searchd (pid " << started->pid << ") stopped: " << how << "\n";
    searchd_info["stopped"] = how;
    if (remove_log) std::remove(searchd_log.c_str());
  }
  if (cells.empty()) return exit_code;

  // Summary.
  std::cout << "\n" << std::string(100, '=') << "\n"
            << "Search benchmark, commit " << commit << ", " << now_iso() << ", " << machine.value("cpus", 0u)
            << " CPUs; " << queries.size() << " queries from " << queries_path << "\n\n"
            << header() << "\n";
  for (const Cell& c : cells) std::cout << cell_row(c) << "\n";
  std::cout << "(* = stopped by --seconds before the end of a pass. CPU s during the timed run: this process / "
               "the searchd it started / every other process; the load averages count this benchmark's threads too)\n";

  json ratios = json::array();
  if (want_http && want_inproc) {
    std::cout << "\nthroughput, HTTP / in-process\n"
              << pad("mode", 7, true) << "  " << pad("conc", 5) << "  " << pad("http q/s", 9) << "  "
              << pad("inproc q/s", 10) << "  " << pad("ratio", 6) << "\n";
    for (const std::string& mode : modes) {
      for (int c : concurrency) {
        const Cell* h = nullptr;
        const Cell* p = nullptr;
        for (const Cell& cell : cells) {
          if (cell.mode == mode && cell.concurrency == c) (cell.target == "http" ? h : p) = &cell;
        }
        if (!h || !p) continue;
        double ratio = p->qps > 0 ? h->qps / p->qps : 0;
        std::cout << pad(mode, 7, true) << "  " << pad(std::to_string(c), 5) << "  " << pad(fixed(h->qps, 1), 9)
                  << "  " << pad(fixed(p->qps, 1), 10) << "  " << pad(fixed(ratio, 2), 6) << "\n";
        ratios.push_back({{"mode", mode}, {"concurrency", c}, {"http_qps", h->qps}, {"inproc_qps", p->qps},
                          {"ratio", ratio}});
      }
    }
  }
  json agreement = json::object();
  for (const std::string& mode : modes) {
    auto h = runner.totals.find("http/" + mode);
    auto p = runner.totals.find("inproc/" + mode);
    if (h == runner.totals.end() || p == runner.totals.end()) continue;
    std::size_t same = 0;
    std::vector<std::string> differ;
    for (std::size_t i = 0; i < queries.size(); ++i) {
      if (h->second[i] == p->second[i] && h->second[i] >= 0) {
        ++same;
      } else if (differ.size() < 10) {
        differ.push_back(queries[i].id);
      }
    }
    std::cout << "hit totals, " << mode << ": HTTP and in-process agree on " << same << " of " << queries.size()
              << " queries" << (differ.empty() ? "" : " (first differing: ") ;
    for (std::size_t i = 0; i < differ.size(); ++i) std::cout << (i ? " " : "") << differ[i];
    std::cout << (differ.empty() ? "" : ")") << "\n";
    agreement[mode] = {{"same", same}, {"of", queries.size()}, {"differing", differ}};
  }

  if (!json_path.empty()) {
    json out = {{"tool", "warta-bench-search"},
                {"version", warta::version()},
                {"date", now_iso()},
                {"commit", commit},
                {"machine", machine},
                {"queries_file", queries_path},
                {"queries", queries.size()},
                {"query_kinds", kinds},
                {"dbs", dbs},
                {"time_budget_seconds", time_budget},
                {"searchd", searchd_info},
                {"limits", {{"count", limits.fixed_queries}, {"min_queries", limits.min_queries},
                            {"min_seconds", limits.min_seconds}, {"max_seconds", limits.max_seconds},
                            {"warmup_passes", limits.warmup_passes}}},
                {"bodies", {{"plain", queries.front().body[0]}, {"facets", queries.front().body[1]}}},
                {"cells", json::array()},
                {"ratios", ratios},
                {"hit_total_agreement", agreement}};
    for (const Cell& c : cells) out["cells"].push_back(cell_json(c, queries));
    std::ofstream f(json_path);
    f << out.dump(1) << "\n";
    if (!f) {
      std::cerr << "warta-bench-search: " << json_path << ": cannot write\n";
      return kExitFatal;
    }
    std::cout << "raw figures written to " << json_path << "\n";
  }
  return exit_code;
}
