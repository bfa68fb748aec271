// shard_set: the shards one searchd searches as one Xapian::Database —
// local indexes (a sharded index directory counts as its shards) and remote
// shards served by xapian-tcpsrv — with the policy for a shard that is down
// and reconnection when it comes back.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace warta::searchd {

enum class ShardFailurePolicy {
  kFail,     // a search while any shard is down answers 503 naming it
  kPartial,  // a search answers from the shards that are up, saying which are
             // missing
};

struct ShardSpec {
  std::string name;  // how logs and answers name it: the path, or HOST:PORT
  std::string path;  // local shard
  std::string host;  // remote shard (port != 0)
  unsigned short port = 0;
  bool remote() const { return port != 0; }
};

struct ShardSetOptions {
  std::vector<ShardSpec> shards;
  ShardFailurePolicy on_failure = ShardFailurePolicy::kFail;
  std::chrono::milliseconds remote_timeout{10000};  // a remote shard slower than this is down
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds retry_interval{1000};  // how often a down shard is tried again
  // A local database with no documents whose spelling and synonym tables
  // stand in for those of remote shards (Xapian's remote backend carries
  // neither); empty for none.
  std::string dictionary;
};

// The shards named by --db paths (a sharded index directory stands for its
// shards, in manifest order), --remote HOST:PORT entries and a config file
// (one "db PATH" or "remote HOST:PORT" per line, # comments; relative
// paths are relative to the file). Throws std::runtime_error naming the
// bad entry (and the file and line for the config file).
std::vector<ShardSpec> shard_specs(const std::vector<std::string>& dbs, const std::vector<std::string>& remotes,
                                   const std::string& config_file);

// "host:port" -> spec; nullopt when malformed.
std::optional<ShardSpec> parse_remote(const std::string& text);

// One worker thread's connections to every shard (Xapian objects are not
// thread-safe, so each thread has its own).
class ShardConnections {
 public:
  // Opens every shard; a shard that cannot be opened is down (logged), never
  // an exception. A local shard of another schema version throws
  // warta::IndexMismatchError.
  explicit ShardConnections(const ShardSetOptions& options);

  // The shards that are up, as one database (the dictionary added when set).
  const Xapian::Database& database() const { return combined_; }
  // True when some shard is remote (up or down).
  bool has_remote() const;
  // Names the exact revision of the database() of local shards (each
  // shard's path, identity and revision): equal keys, equal documents and
  // document numbers. nullopt when some shard is remote.
  std::optional<std::string> local_revision_key() const;
  // Each local shard that is up, on its own (the dictionary left out).
  std::vector<Xapian::Database> local_databases() const;
  // Names of the shards that are down, in configuration order.
  std::vector<std::string> missing() const;
  // "name (why); name (why)" of the shards that are down; "" when none is.
  std::string describe_missing() const;
  // Throws warta::Error (kUnavailable, 503) naming them when every shard is
  // down, whatever the policy: there is nothing left to search.
  void require_any() const;
  // Under kFail, throws warta::Error (kUnavailable, 503) naming the shards
  // that are down; under kPartial does nothing.
  void require_complete() const;
  // Follows new revisions of every shard (and a local shard's stub file
  // pointing at another copy, as xapian-replicate does), and tries the shards
  // that are down again once retry_interval has passed since their last try.
  void refresh();
  // After a Xapian::NetworkError: finds the remote shards that no longer
  // answer and takes them out. Returns false when every shard still answers.
  bool recover();

 private:
  struct Shard {
    const ShardSpec* spec = nullptr;
    std::optional<Xapian::Database> db;  // nullopt: down
    std::string error;                   // why it is down
    std::chrono::steady_clock::time_point last_try;
    std::string stub;  // local shard: its stub file's identity (a replica switches copies by rewriting it)
  };
  bool connect(Shard& shard);
  void rebuild();

  const ShardSetOptions& options_;
  std::vector<Shard> shards_;
  std::optional<Xapian::Database> dictionary_;
  Xapian::Database combined_;
};

}  // namespace warta::searchd
