// http_client: a minimal blocking HTTP/1.1 client for tests (one request per
// connection, Connection: close).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace warta::test {

struct HttpReply {
  int status = 0;  // 0 when the connection failed
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string header(const std::string& name) const;
};

// Sends `method target` to 127.0.0.1:port with `body` and extra header lines
// ("Name: value"), waits for the whole reply.
HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::string& body = {}, const std::vector<std::string>& headers = {});

// Sends raw bytes and returns everything the server answers until it closes.
std::string raw_exchange(int port, const std::string& bytes);

}  // namespace warta::test
