// shard_manifest: reading and writing DIR/warta-shards.json and DIR/XAPIANDB.
#include "common/shard_manifest.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace warta {
namespace {

constexpr int kManifestFormat = 1;

void write_atomically(const std::string& path, const std::string& content) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::remove(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
  }
}

}  // namespace

std::string hash_shard_name(unsigned k, unsigned count) {
  std::string digits = std::to_string(k);
  std::size_t width = std::max<std::size_t>(2, std::to_string(count - 1).size());
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return "shard-" + digits;
}

std::string year_shard_name(const std::string& year) { return year.empty() ? kUndatedShard : "shard-" + year; }

const char* shard_by_name(ShardBy by) { return by == ShardBy::kHash ? "hash" : "year"; }

std::optional<ShardBy> shard_by_from_name(const std::string& name) {
  if (name == "hash") return ShardBy::kHash;
  if (name == "year") return ShardBy::kYear;
  return std::nullopt;
}

bool is_sharded_index(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path(dir) / kShardManifestFile, ec);
}

ShardManifest read_shard_manifest(const std::string& dir) {
  std::string path = (std::filesystem::path(dir) / kShardManifestFile).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read shard manifest " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  auto bad = [&](const std::string& what) { return std::runtime_error("shard manifest " + path + ": " + what); };
  if (!json.is_object()) throw bad("not a JSON object");
  if (json.value("format", 0) != kManifestFormat) throw bad("unknown format (expected \"format\": 1)");
  ShardManifest manifest;
  auto by = json.find("shard_by");
  if (by == json.end() || !by->is_string() || !shard_by_from_name(by->get<std::string>())) {
    throw bad("\"shard_by\" must be \"hash\" or \"year\"");
  }
  manifest.shard_by = *shard_by_from_name(by->get<std::string>());
  auto shards = json.find("shards");
  if (shards == json.end() || !shards->is_array() || shards->empty()) throw bad("\"shards\" must list the shards");
  for (const auto& name : *shards) {
    if (!name.is_string() || name.get<std::string>().empty() ||
        name.get<std::string>().find('/') != std::string::npos) {
      throw bad("\"shards\" must hold directory names");
    }
    manifest.shards.push_back(name.get<std::string>());
  }
  return manifest;
}

void write_shard_manifest(const std::string& dir, const ShardManifest& manifest) {
  nlohmann::json json = {
      {"format", kManifestFormat}, {"shard_by", shard_by_name(manifest.shard_by)}, {"shards", manifest.shards}};
  std::string stub = "# Xapian stub: the shards of this Warta index, searched as one.\n";
  for (const std::string& shard : manifest.shards) stub += "auto " + shard + "\n";
  write_atomically((std::filesystem::path(dir) / kShardStubFile).string(), stub);
  write_atomically((std::filesystem::path(dir) / kShardManifestFile).string(), json.dump(2) + "\n");
}

}  // namespace warta
