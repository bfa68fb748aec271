// shard_set: expanding shard lists, opening shards one by one, and keeping
// the combined database to the shards that answer.
#include "searchd/shard_set.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "common/error.h"
#include "common/index_meta.h"
#include "common/shard_manifest.h"

namespace warta::searchd {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void add_local(const std::string& path, std::vector<ShardSpec>& specs) {
  if (is_sharded_index(path)) {
    for (const std::string& shard : read_shard_manifest(path).shards) {
      std::string shard_path = (fs::path(path) / shard).string();
      specs.push_back(ShardSpec{shard_path, shard_path, {}, 0});
    }
    return;
  }
  specs.push_back(ShardSpec{path, path, {}, 0});
}

// Identifies the stub file of a database directory ("" when it has none):
// inode, size and modification time, which change when it is rewritten.
std::string stub_identity(const std::string& path) {
  struct stat st {};
  std::string stub = (fs::path(path) / "XAPIANDB").string();
  if (::stat(stub.c_str(), &st) != 0) return {};
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

std::optional<ShardSpec> parse_remote(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string digits = text.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  unsigned long port = std::stoul(digits);
  if (port == 0 || port > 65535) return std::nullopt;
  return ShardSpec{text, {}, host, static_cast<unsigned short>(port)};
}

std::vector<ShardSpec> shard_specs(const std::vector<std::string>& dbs, const std::vector<std::string>& remotes,
                                   const std::string& config_file) {
  std::vector<ShardSpec> specs;
  for (const std::string& db : dbs) add_local(db, specs);
  for (const std::string& remote : remotes) {
    auto spec = parse_remote(remote);
    if (!spec) throw std::runtime_error("--remote " + remote + ": expected HOST:PORT, such as 10.0.0.2:7001");
    specs.push_back(*spec);
  }
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    if (!in) throw std::runtime_error("--shards-config " + config_file + ": cannot read");
    fs::path base = fs::path(config_file).parent_path();
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::istringstream words(line);
      std::string kind, value, extra;
      words >> kind;
      if (kind.empty() || kind[0] == '#') continue;
      words >> value >> extra;
      std::string where = config_file + ":" + std::to_string(number) + ": ";
      if (value.empty() || !extra.empty()) {
        throw std::runtime_error(where + "expected \"db PATH\" or \"remote HOST:PORT\"");
      }
      if (kind == "db") {
        add_local(fs::path(value).is_absolute() ? value : (base / value).string(), specs);
      } else if (kind == "remote") {
        auto spec = parse_remote(value);
        if (!spec) throw std::runtime_error(where + "remote " + value + ": expected HOST:PORT");
        specs.push_back(*spec);
      } else {
        throw std::runtime_error(where + "unknown entry \"" + kind + "\" (expected db or remote)");
      }
    }
  }
  return specs;
}

ShardConnections::ShardConnections(const ShardSetOptions& options) : options_(options) {
  shards_.resize(options_.shards.size());
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    shards_[i].spec = &options_.shards[i];
    connect(shards_[i]);
  }
  if (!options_.dictionary.empty()) dictionary_ = Xapian::Database(options_.dictionary);
  rebuild();
}

bool ShardConnections::connect(Shard& shard) {
  shard.last_try = Clock::now();
  const ShardSpec& spec = *shard.spec;
  try {
    Xapian::Database db = spec.remote() ? Xapian::Remote::open(spec.host, spec.port,
                                                               static_cast<unsigned>(options_.remote_timeout.count()),
                                                               static_cast<unsigned>(options_.connect_timeout.count()))
                                        : Xapian::Database(spec.path);
    check_index_schema(db, spec.name);
    shard.db = std::move(db);
    if (!shard.error.empty()) spdlog::info("shard {} is back", spec.name);
    shard.error.clear();
    return true;
  } catch (const Xapian::Error& e) {
    if (shard.error.empty()) spdlog::warn("shard {} is down: {}", spec.name, e.get_description());
    shard.error = e.get_msg();
    shard.db.reset();
    return false;
  }
}

void ShardConnections::rebuild() {
  combined_ = Xapian::Database();
  for (const Shard& shard : shards_) {
    if (shard.db) combined_.add_database(*shard.db);
  }
  if (dictionary_) combined_.add_database(*dictionary_);
}

std::optional<std::string> ShardConnections::local_revision_key() const {
  if (has_remote()) return std::nullopt;
  std::string key;
  auto add = [&](const std::string& name, const Xapian::Database& db) {
    key += name + '\t' + db.get_uuid() + '\t' + std::to_string(db.get_revision()) + '\n';
  };
  for (const Shard& shard : shards_) {
    if (shard.db) add(shard.spec->name, *shard.db);
  }
  if (dictionary_) add("dictionary", *dictionary_);
  return key;
}

std::vector<Xapian::Database> ShardConnections::local_databases() const {
  std::vector<Xapian::Database> databases;
  for (const Shard& shard : shards_) {
    if (shard.db && !shard.spec->remote()) databases.push_back(*shard.db);
  }
  return databases;
}

bool ShardConnections::has_remote() const {
  for (const Shard& shard : shards_) {
    if (shard.spec->remote()) return true;
  }
  return false;
}

std::vector<std::string> ShardConnections::missing() const {
  std::vector<std::string> names;
  for (const Shard& shard : shards_) {
    if (!shard.db) names.push_back(shard.spec->name);
  }
  return names;
}

std::string ShardConnections::describe_missing() const {
  std::string down;
  for (const Shard& shard : shards_) {
    if (shard.db) continue;
    if (!down.empty()) down += "; ";
    down += shard.spec->name + " (" + shard.error + ")";
  }
  return down;
}

void ShardConnections::require_any() const {
  if (missing().size() < shards_.size()) return;
  throw Error(ErrorCode::kUnavailable, "every shard is down: " + describe_missing());
}

void ShardConnections::require_complete() const {
  if (options_.on_failure != ShardFailurePolicy::kFail) return;
  std::string down = describe_missing();
  if (!down.empty()) throw Error(ErrorCode::kUnavailable, "shard unavailable: " + down);
}

void ShardConnections::refresh() {
  bool changed = false;
  for (Shard& shard : shards_) {
    if (shard.db && !shard.spec->remote() && stub_identity(shard.spec->path) != shard.stub) {
      // A replica now lives in its other copy: reopen() would stay in the old one.
      changed = connect(shard) || changed;
    } else if (shard.db) {
      try {
        shard.db->reopen();
      } catch (const Xapian::Error& e) {
        if (!shard.spec->remote()) throw;
        // A server that restarted dropped this connection: a new one may work
        // at once.
        spdlog::info("shard {}: connection lost ({}); reconnecting", shard.spec->name, e.get_msg());
        shard.error.clear();
        connect(shard);
        changed = true;
      }
    } else if (Clock::now() - shard.last_try >= options_.retry_interval) {
      changed = connect(shard) || changed;
    }
  }
  if (changed) rebuild();
}

bool ShardConnections::recover() {
  bool changed = false;
  for (Shard& shard : shards_) {
    if (!shard.db || !shard.spec->remote()) continue;
    try {
      shard.db->keep_alive();
    } catch (const Xapian::Error& e) {
      spdlog::info("shard {}: connection lost ({}); reconnecting", shard.spec->name, e.get_msg());
      shard.error.clear();
      connect(shard);
      changed = true;
    }
  }
  if (changed) rebuild();
  return changed;
}

}  // namespace warta::searchd
