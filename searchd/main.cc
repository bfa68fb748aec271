// warta-searchd: options -> executor + API + HTTP server; stops cleanly on
// SIGTERM/SIGINT after in-flight requests are answered.
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include "common/index_meta.h"
#include "common/log.h"
#include "common/version.h"
#include "searchd/api_keys.h"
#include "searchd/executor.h"
#include "searchd/handlers.h"
#include "searchd/http/server.h"
#include "searchd/static_files.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;

// "127.0.0.1:8080" -> host, port. False when malformed.
bool split_listen(const std::string& listen, std::string& host, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string digits = listen.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  unsigned long value = std::stoul(digits);
  if (value > 65535) return false;
  port = static_cast<unsigned short>(value);
  return true;
}

// --web-root when given, else the page installed beside the binary
// (bin/../share/warta/web), else this build's source tree.
std::optional<std::filesystem::path> web_root(const std::string& given) {
  if (!given.empty()) return std::filesystem::path(given);
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return warta::searchd::find_web_root(
      {ec ? std::filesystem::path() : exe.parent_path().parent_path() / "share" / "warta" / "web",
       std::filesystem::path(WARTA_SOURCE_WEB_ROOT)});
}

// Anyone who can reach a non-loopback address can search and read the
// operational endpoints unless keys are on.
void warn_if_exposed(const boost::asio::ip::tcp::endpoint& endpoint, const warta::searchd::ApiKeyStore* keys) {
  if (keys != nullptr || endpoint.address().is_loopback()) return;
  spdlog::warn("listening on {}, which is not a loopback address, without --api-keys: anyone who can reach it "
               "can search, read articles, /stats and /metrics",
               warta::searchd::http::format_endpoint(endpoint));
}

// SIGHUP re-reads the API key file; a file that cannot be used leaves the
// keys in force unchanged.
void watch_hangup(boost::asio::signal_set& signals, warta::searchd::ApiKeyStore* keys) {
  signals.async_wait([&signals, keys](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (keys == nullptr) {
      spdlog::info("SIGHUP: no --api-keys file to reload");
    } else if (auto error = keys->reload()) {
      spdlog::error("SIGHUP: keeping the {} API keys in force: {}", keys->size(), *error);
    } else {
      spdlog::info("SIGHUP: reloaded {} API keys from {}", keys->size(), keys->path());
    }
    watch_hangup(signals, keys);
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warta-searchd: answers ranked, faceted searches over a Warta index (protocol v1, HTTP/JSON)."};
  std::vector<std::string> dbs;
  std::string listen = "127.0.0.1:8080";
  std::string log_level = "info";
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  unsigned io_threads = 1;
  std::size_t max_body = 1 << 20;
  std::size_t max_queue = 256;
  double time_budget = 5.0;
  std::string web_root_dir;
  std::string api_keys_path;
  std::size_t max_connections = 1024;
  unsigned request_timeout = 30;
  app.add_option("--db", dbs, "Index directory, or a sharded index directory; give several to search shards as one");
  std::vector<std::string> remotes;
  std::string shards_config;
  std::string on_shard_failure = "fail";
  double remote_timeout = 10.0;
  std::string dictionary;
  app.add_option("--remote", remotes, "A remote shard served by xapian-tcpsrv (repeatable)")->type_name("HOST:PORT");
  app.add_option("--shards-config", shards_config, "File listing shards, one \"db PATH\" or \"remote HOST:PORT\" a line")
      ->type_name("FILE");
  app.add_option("--on-shard-failure", on_shard_failure,
                 "fail: a search while a shard is down gets 503 naming it; partial: answer from the other shards")
      ->check(CLI::IsMember({"fail", "partial"}));
  app.add_option("--remote-timeout", remote_timeout, "Seconds a remote shard may take to answer before it counts as down")
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--dictionary", dictionary,
                 "A document-less index whose spelling and synonyms serve searches over remote shards "
                 "(warta-indexer writes DIR/dictionary beside the shards)");
  app.add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080, this machine only; port 0 picks a free port)");
  app.add_option("--threads", threads, "Worker threads running searches")->check(CLI::Range(1u, 256u));
  app.add_option("--io-threads", io_threads, "Threads doing network I/O")->check(CLI::Range(1u, 64u));
  app.add_option("--max-body-bytes", max_body, "Largest request body accepted (413 beyond)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  app.add_option("--max-queue", max_queue, "Searches waiting or running before 503")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  app.add_option("--time-budget", time_budget,
                 "Seconds a search may spend matching; past it counts become estimates (0 = none)")
      ->check(CLI::Range(0.0, 3600.0));
  std::size_t result_cache_mb = 64;
  app.add_option("--result-cache-mb", result_cache_mb,
                 "MiB of answers kept for repeated searches, per index revision (0 = no cache)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20));
  Xapian::doccount frequent_word_docs = 10000;
  app.add_option("--frequent-word-docs", frequent_word_docs,
                 "Words in at least this many articles are scored from document lengths held in memory "
                 "(same ranking, faster; 0 = off)")
      ->check(CLI::Range(0u, 4000000000u));
  std::string acronyms_file;
  app.add_option("--acronyms", acronyms_file,
                 "Curated acronyms (ACRONYM<TAB>long form per line, - to never expand) that override "
                 "the ones mined from the archive")
      ->type_name("FILE");
  app.add_option("--web-root", web_root_dir,
                 "Directory of the search page served at / (default: share/warta/web beside the binary, "
                 "else the source tree's web/)");
  app.add_option("--api-keys", api_keys_path,
                 "JSON file of API keys and their roles; requests then need \"Authorization: Bearer KEY\". "
                 "Re-read on SIGHUP");
  app.add_option("--max-connections", max_connections, "Open connections allowed; more get 503 and are closed")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  app.add_option("--request-timeout", request_timeout,
                 "Seconds a connection may stay idle or take to send a request before it is closed")
      ->check(CLI::Range(1u, 3600u));
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(warta::kLogLevels), std::end(warta::kLogLevels))));
  app.set_version_flag("--version", "warta-searchd " + std::string(warta::version()));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  warta::init_logging("warta-searchd", log_level, /*timestamps=*/true);

  warta::searchd::http::ServerOptions server_options;
  if (!split_listen(listen, server_options.host, server_options.port)) {
    spdlog::error("--listen {}: expected HOST:PORT, such as 127.0.0.1:8080", listen);
    return kExitUsage;
  }
  server_options.body_limit = max_body;
  server_options.max_connections = max_connections;
  server_options.idle_timeout = std::chrono::seconds(request_timeout);
  if (dbs.empty() && remotes.empty() && shards_config.empty()) {
    spdlog::error("nothing to search: give --db, --remote or --shards-config");
    return kExitUsage;
  }

  try {
    warta::searchd::ExecutorOptions executor_options{dbs, std::chrono::milliseconds(200), time_budget, {}, {}};
    executor_options.shards.shards = warta::searchd::shard_specs(dbs, remotes, shards_config);
    executor_options.shards.on_failure = on_shard_failure == "partial" ? warta::searchd::ShardFailurePolicy::kPartial
                                                                       : warta::searchd::ShardFailurePolicy::kFail;
    executor_options.shards.remote_timeout = std::chrono::milliseconds(static_cast<long>(remote_timeout * 1000));
    executor_options.shards.dictionary = dictionary;
    executor_options.result_cache_bytes = result_cache_mb << 20;
    executor_options.frequent_word_docs = frequent_word_docs;
    if (!acronyms_file.empty()) {
      executor_options.curated_acronyms = warta::read_curated_acronyms(acronyms_file);
      spdlog::info("{}: {} curated acronyms", acronyms_file, executor_options.curated_acronyms.size());
    }
    warta::searchd::Executor executor(std::move(executor_options));
    std::shared_ptr<warta::searchd::ApiKeyStore> keys;
    if (!api_keys_path.empty()) keys = std::make_shared<warta::searchd::ApiKeyStore>(api_keys_path);
    warta::searchd::Api api(executor, warta::searchd::ApiOptions{threads, max_queue, keys});
    std::optional<warta::searchd::StaticFiles> page;
    if (auto root = web_root(web_root_dir)) {
      page.emplace(*root);
      spdlog::info("serving the search page from {}", page->root().string());
    } else {
      spdlog::warn("no web root found (see --web-root): the search page is not served");
    }
    boost::asio::io_context io(static_cast<int>(io_threads));
    warta::searchd::http::HttpServer server(io, server_options, [&api, &page](auto request, auto respond) {
      if (page && warta::searchd::StaticFiles::claims(request.target)) {
        respond(page->serve(request));
      } else {
        api.handle(std::move(request), std::move(respond));
      }
    });
    server.start();
    warn_if_exposed(server.local_endpoint(), keys.get());

    boost::asio::signal_set hangup(io, SIGHUP);
    watch_hangup(hangup, keys.get());
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("signal {}: finishing in-flight requests, then stopping", signal);
      hangup.cancel();  // a pending wait would keep io.run() from returning
      server.stop();
    });

    spdlog::info("listening on {}", warta::searchd::http::format_endpoint(server.local_endpoint()));
    std::vector<std::thread> io_pool;
    for (unsigned i = 1; i < io_threads; ++i) io_pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : io_pool) t.join();
    api.stop();
    spdlog::info("stopped");
    return kExitOk;
  } catch (const warta::searchd::ApiKeyFileError& e) {
    spdlog::error("--api-keys {}", e.what());
  } catch (const warta::IndexMismatchError& e) {
    spdlog::error("{}", e.what());
  } catch (const Xapian::Error& e) {
    spdlog::error("cannot open the index: {}", e.get_description());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
  return kExitFatal;
}
