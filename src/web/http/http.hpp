#pragma once
// Our small HTTP interface. Boost.Beast stays inside server.cpp (it is slow to compile);
// everything else in the web layer sees only these types.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace resettle::web {

struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;
// Decoded query or form parameters in order; a name may repeat.
using Params = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;     // "GET", "POST", ...
  std::string target;     // as received: path and query
  std::string path;       // percent-decoded path without the query
  Params query;           // decoded query parameters
  Headers headers;
  std::string body;
  // The client's address: the peer's, or when the peer is a trusted proxy, the address it forwarded
  // (App::handle resolves it, see client_address); the sign-in limits and access log use it.
  std::string remote_address;
  std::map<std::string, std::string> path_params;  // filled by the router: {id} -> "42"

  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  Params form() const;  // application/x-www-form-urlencoded body, decoded ('+' is a space)
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  std::vector<std::string> cookies{};  // each sent as a Set-Cookie header of its own

  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response redirect(std::string location, int status = 303);
};

using Handler = std::function<Response(Request&)>;

// Twice the machine's hardware threads, and at most 8 (the database pool's connections). Handlers
// mostly compute over pages SQLite has cached, so more only take turns on the same cores: on 2 cores,
// 8 workers served the caseload 16-70% slower than 4.
int default_worker_threads();

// Open connections a server allows by default: what the process may open, less a margin for the
// database, logs and the connections being refused.
std::size_t default_max_connections();

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;       // 0 picks a free port; port() tells which
  // Threads that serve the connections: accept, read, run the handler and write. A handler blocked on
  // the database holds its own thread only, so there are more of them than cores.
  int worker_threads = default_worker_threads();
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  // Beyond either limit a new connection is answered 503 at once and closed, so that a few clients
  // holding connections open cannot make the server unreachable for everyone else.
  std::size_t max_connections = default_max_connections();
  std::size_t max_connections_per_address = 256;
  std::chrono::milliseconds header_timeout{10'000};  // from a request's first byte to the end of its headers
  std::chrono::milliseconds idle_timeout{30'000};    // a kept-alive connection waiting for its next request
  Headers response_headers;  // sent on every response, the server's own errors and refusals included
};

// HTTP/1.1 server with keep-alive. Handlers run on the worker threads; a handler that throws
// gives a 500 with no detail leaked to the client.
class HttpServer {
 public:
  HttpServer(ServerOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;  // the bound port, after construction
  void run();                  // blocks until stop() or SIGINT/SIGTERM
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace resettle::web

namespace resettle::web {
// The address a request came from: `peer`, unless `peer` is one of `trusted_proxies` and forwarded
// X-Forwarded-For, when it is the nearest address in that list that is not itself a trusted proxy
// (addresses further left may be made up by the client). A malformed forwarded address is ignored.
std::string client_address(const std::string& peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<std::string>& trusted_proxies);
// Splits a request target into its decoded path and query; false when the target is malformed.
bool split_target(std::string_view target, std::string& path, Params& query);
}  // namespace resettle::web
