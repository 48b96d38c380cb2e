// Drives HttpServer over real sockets with a tiny blocking client, so the test sees exactly
// the bytes a browser would.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <stdexcept>
#include <algorithm>
#include <thread>
#include <vector>

#include "web/http/http.hpp"

namespace resettle::web {
namespace {

using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

class Client {
 public:
  // `from` is the client's own loopback address: 127.0.0.2 is another client machine to the server.
  explicit Client(std::uint16_t port, const char* from = nullptr) : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (socket_ < 0) throw std::runtime_error("socket failed");
    timeval timeout{5, 0};  // a broken server fails the test instead of hanging it
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (from) {
      sockaddr_in source{};
      source.sin_family = AF_INET;
      ::inet_pton(AF_INET, from, &source.sin_addr);
      if (::bind(socket_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) throw std::runtime_error("bind failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("connect failed");
  }
  ~Client() { ::close(socket_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      auto sent = ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) throw std::runtime_error("send failed");
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  // Reads one response; a response to HEAD announces a length but carries no body.
  RawResponse receive(bool head = false) {
    auto header_end = fill_until("\r\n\r\n");
    std::string_view head_text{buffer_.data(), header_end};
    RawResponse response;
    response.status = std::stoi(std::string{head_text.substr(9, 3)});
    auto line_start = head_text.find("\r\n") + 2;
    while (line_start < head_text.size()) {
      auto line_end = head_text.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head_text.size();
      auto line = head_text.substr(line_start, line_end - line_start);
      auto colon = line.find(':');
      response.headers[std::string{line.substr(0, colon)}] = std::string{line.substr(colon + 2)};
      line_start = line_end + 2;
    }
    buffer_.erase(0, header_end + 4);
    auto length = response.headers.find("Content-Length");
    std::size_t body_size = head || length == response.headers.end() ? 0 : std::stoul(length->second);
    while (buffer_.size() < body_size) read_more();
    response.body = buffer_.substr(0, body_size);
    buffer_.erase(0, body_size);
    return response;
  }

  RawResponse request(std::string_view bytes, bool head = false) {
    send(bytes);
    return receive(head);
  }

  // True when the server has closed its side: nothing left to read.
  bool closed_by_server() {
    if (!buffer_.empty()) return false;
    char byte;
    auto received = ::recv(socket_, &byte, 1, 0);
    return received == 0 || (received < 0 && errno == ECONNRESET);
  }

 private:
  std::size_t fill_until(std::string_view marker) {
    while (true) {
      if (auto found = buffer_.find(marker); found != std::string::npos) return found;
      read_more();
    }
  }

  void read_more() {
    char chunk[4096];
    auto received = ::recv(socket_, chunk, sizeof chunk, 0);
    if (received <= 0) throw std::runtime_error("connection closed or timed out");
    buffer_.append(chunk, static_cast<std::size_t>(received));
  }

  int socket_;
  std::string buffer_;
};

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string{target} + " HTTP/1.1\r\nHost: localhost\r\n" + std::string{extra_headers} + "\r\n";
}

std::string post(std::string_view target, std::string_view body) {
  return "POST " + std::string{target} + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string{body};
}

// Describes the request it was given, so tests can check what the server filled in.
Response describe(Request& request) {
  if (request.path == "/throw") throw std::runtime_error("secret database detail");
  if (request.path == "/bad-status") return Response::text(0, "no such status");
  if (request.path == "/split") return Response::redirect("/x\r\nSet-Cookie: session=stolen");
  if (request.path == "/no-content") return Response::text(204, "ignored");
  std::string description = request.method + " " + request.path;
  for (const auto& [name, value] : request.query) description += " " + name + "=" + value;
  if (auto tag = request.header("x-tag")) description += " tag=" + std::string{*tag};
  if (auto cookies = request.header("cookie")) description += " cookies=" + std::string{*cookies};
  if (!request.body.empty()) description += " body=" + request.body;
  auto response = Response::text(200, description);
  response.headers["X-Remote"] = request.remote_address;
  response.headers["X-Target"] = request.target;
  return response;
}

ServerOptions test_options() {
  ServerOptions options;
  options.port = 0;
  options.worker_threads = 4;
  options.max_body_bytes = 1024;
  return options;
}

// A server running on its own thread for the length of a test.
class RunningServer {
 public:
  explicit RunningServer(Handler handler = describe, ServerOptions options = test_options())
      : server_(std::move(options), std::move(handler)) {
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() const { return server_.port(); }
  HttpServer& server() { return server_; }
  void join() { thread_.join(); }

 private:
  HttpServer server_;
  std::thread thread_;
};

TEST(HttpServerTest, WorkersDefaultToTwiceTheHardwareThreadsWithinTheDatabasePool) {
  int hardware = static_cast<int>(std::thread::hardware_concurrency());
  int workers = default_worker_threads();
  EXPECT_GE(workers, 2);
  EXPECT_LE(workers, 8);
  EXPECT_EQ(workers, hardware >= 4 ? 8 : std::max(2, 2 * hardware));  // 0 when the machine cannot say
  EXPECT_EQ(ServerOptions{}.worker_threads, workers);
}

TEST(HttpServerTest, PortZeroBindsAFreePort) {
  RunningServer first;
  RunningServer second;
  EXPECT_NE(first.port(), 0);
  EXPECT_NE(first.port(), second.port());
}

TEST(HttpServerTest, AnswersAGet) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/people/Jo%20Smith?tab=plan&q=a+b"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET /people/Jo Smith tab=plan q=a b");
  EXPECT_EQ(response.headers["Content-Type"], "text/plain; charset=utf-8");
  EXPECT_EQ(response.headers["X-Remote"], "127.0.0.1");
  EXPECT_EQ(response.headers["X-Target"], "/people/Jo%20Smith?tab=plan&q=a+b");
}

TEST(HttpServerTest, LeaksNoVersionOrDate) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/"));
  EXPECT_FALSE(response.headers.contains("Server"));
  EXPECT_FALSE(response.headers.contains("Date"));
}

TEST(HttpServerTest, KeepsTheConnectionAliveBetweenRequests) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request(get("/first")).body, "GET /first");
  EXPECT_EQ(client.request(get("/second")).body, "GET /second");
  EXPECT_EQ(client.request(post("/third", "x")).body, "POST /third body=x");
}

TEST(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  RunningServer running;
  Client client{running.port()};
  client.send(get("/one") + get("/two"));
  EXPECT_EQ(client.receive().body, "GET /one");
  EXPECT_EQ(client.receive().body, "GET /two");
}

TEST(HttpServerTest, ClosesWhenTheClientAsks) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/", "Connection: close\r\n"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers["Connection"], "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServerTest, Http10ClosesByDefault) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request("GET /old HTTP/1.0\r\nHost: localhost\r\n\r\n").body, "GET /old");
  EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServerTest, PassesThePostBody) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(post("/people", "given_name=Jo&family_name=Smith"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "POST /people body=given_name=Jo&family_name=Smith");
}

TEST(HttpServerTest, ReadsChunkedBodies) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(
      "POST /chunks HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(response.body, "POST /chunks body=hello world");
}

TEST(HttpServerTest, SendsContinueWhenAsked) {
  RunningServer running;
  Client client{running.port()};
  client.send("POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.receive().status, 100);
  EXPECT_EQ(client.request("abc").body, "POST /form body=abc");
}

TEST(HttpServerTest, FoldsRepeatedHeaders) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/", "X-Tag: a\r\nx-tag: b\r\nCookie: s=1\r\nCookie: t=2\r\n"));
  EXPECT_EQ(response.body, "GET / tag=a, b cookies=s=1; t=2");
}

TEST(HttpServerTest, HeadSendsNoBody) {
  RunningServer running;
  Client client{running.port()};
  auto head = client.request("HEAD /people HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["Content-Length"], std::to_string(std::string{"HEAD /people"}.size()));
  // Had a body been sent, it would be read as the start of this next response.
  EXPECT_EQ(client.request(get("/next")).body, "GET /next");
}

TEST(HttpServerTest, NoContentHasNoBody) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/no-content"));
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(client.request(get("/next")).body, "GET /next");
}

TEST(HttpServerTest, RejectsAnOversizedBodyByLength) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(post("/people", std::string(2000, 'x')));
  EXPECT_EQ(response.status, 413);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServerTest, RejectsAnOversizedChunkedBody) {
  RunningServer running;
  Client client{running.port()};
  std::string chunk(600, 'x');
  auto response = client.request("POST /people HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" +
                                  chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(response.status, 413);
}

TEST(HttpServerTest, AcceptsABodyAtTheLimit) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request(post("/people", std::string(1024, 'x'))).status, 200);
}

TEST(HttpServerTest, RejectsAMalformedTarget) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request(get("/people/%zz")).status, 400);
  Client dots{running.port()};
  EXPECT_EQ(dots.request(get("/assets/../secrets")).status, 400);
}

TEST(HttpServerTest, RejectsAMalformedRequest) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServerTest, RejectsOversizedHeaders) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/", "X-Tag: " + std::string(20000, 'a') + "\r\n"));
  EXPECT_EQ(response.status, 431);
}

TEST(HttpServerTest, AThrowingHandlerGivesA500WithoutDetail) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/throw"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  // The connection and the server carry on.
  EXPECT_EQ(client.request(get("/after")).body, "GET /after");
}

TEST(HttpServerTest, AnImpossibleStatusBecomesA500) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request(get("/bad-status")).status, 500);
}

TEST(HttpServerTest, AHeaderWithALineBreakBecomesA500) {
  RunningServer running;
  Client client{running.port()};
  auto response = client.request(get("/split"));
  EXPECT_EQ(response.status, 500);
  EXPECT_FALSE(response.headers.contains("Set-Cookie"));
  EXPECT_FALSE(response.headers.contains("Location"));
}

TEST(HttpServerTest, ServesConcurrentClients) {
  RunningServer running;
  constexpr int clients = 8;
  constexpr int requests_each = 25;
  std::atomic<int> correct{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      Client client{running.port()};
      for (int r = 0; r < requests_each; ++r) {
        auto path = "/client/" + std::to_string(c) + "/" + std::to_string(r);
        if (client.request(get(path)).body == "GET " + path) ++correct;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(correct, clients * requests_each);
}

TEST(HttpServerTest, HandlersRunConcurrently) {
  // Two handlers that each wait for the other can only finish if they run at the same time.
  std::atomic<int> arrived{0};
  RunningServer running([&](Request&) {
    ++arrived;
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (arrived < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    return Response::text(arrived >= 2 ? 200 : 503, "");
  });
  Client first{running.port()};
  Client second{running.port()};
  first.send(get("/"));
  second.send(get("/"));
  EXPECT_EQ(first.receive().status, 200);
  EXPECT_EQ(second.receive().status, 200);
}

TEST(HttpServerTest, AHandlerThatBlocksHoldsUpNoOtherConnection) {
  std::atomic<bool> release{false};
  RunningServer running([&](Request& request) {
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (request.path == "/blocked" && !release && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    return Response::text(200, request.path);
  });
  // Three of the four threads wait on the database; the fourth still accepts, reads and answers.
  std::vector<std::unique_ptr<Client>> blocked;
  for (int i = 0; i < 3; ++i) {
    blocked.push_back(std::make_unique<Client>(running.port()));
    blocked.back()->send(get("/blocked"));
  }
  std::this_thread::sleep_for(100ms);
  for (int i = 0; i < 5; ++i) {
    Client other{running.port()};
    EXPECT_EQ(other.request(get("/other")).body, "/other");
  }
  release = true;
  for (auto& client : blocked) EXPECT_EQ(client->receive().body, "/blocked");
}

TEST(HttpServerTest, StopClosesIdleConnectionsWithoutWaitingForTheirTimeout) {
  auto running = std::make_unique<RunningServer>();
  Client idle{running->port()};
  EXPECT_EQ(idle.request(get("/")).status, 200);
  Client silent{running->port()};  // connected, never sends
  std::this_thread::sleep_for(50ms);
  auto started = std::chrono::steady_clock::now();
  running->server().stop();
  running->join();
  // Well under the 30 s read timeout: the drain did not wait for these clients.
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_TRUE(silent.closed_by_server());
}

TEST(HttpServerTest, StopLetsARequestInProgressFinish) {
  std::atomic<bool> entered{false};
  RunningServer running([&](Request&) {
    entered = true;
    std::this_thread::sleep_for(200ms);
    return Response::text(200, "finished");
  });
  Client client{running.port()};
  client.send(get("/slow"));
  while (!entered) std::this_thread::sleep_for(1ms);
  running.server().stop();
  auto response = client.receive();
  EXPECT_EQ(response.body, "finished");
  EXPECT_EQ(response.headers["Connection"], "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST(HttpServerTest, SigtermStopsTheServer) {
  RunningServer running;
  Client client{running.port()};
  EXPECT_EQ(client.request(get("/")).status, 200);
  std::raise(SIGTERM);
  running.join();
  EXPECT_TRUE(client.closed_by_server());
}

ServerOptions with_headers() {
  auto options = test_options();
  options.response_headers = {{"X-Frame-Options", "DENY"}, {"X-Content-Type-Options", "nosniff"}};
  return options;
}

TEST(HttpServerTest, EveryResponseCarriesTheServersHeaders) {
  RunningServer running{describe, with_headers()};
  auto check = [&](std::string_view request, int status) {
    Client client{running.port()};
    auto response = client.request(request);
    EXPECT_EQ(response.status, status) << request.substr(0, 40);
    EXPECT_EQ(response.headers["X-Frame-Options"], "DENY") << status;
    EXPECT_EQ(response.headers["X-Content-Type-Options"], "nosniff") << status;
  };
  check(get("/"), 200);
  check(get("/throw"), 500);
  check(get("/bad-status"), 500);
  check(post("/people", std::string(2000, 'x')), 413);
  check(get("/", "X-Tag: " + std::string(20000, 'a') + "\r\n"), 431);
  check("NOT HTTP AT ALL\r\n\r\n", 400);
  check("GET / HTTP/1.1\r\n\r\n", 400);
}

TEST(HttpServerTest, AHandlersOwnHeaderWinsOverTheServers) {
  RunningServer running{[](Request&) {
                          auto response = Response::text(200, "framed");
                          response.headers["X-Frame-Options"] = "SAMEORIGIN";
                          return response;
                        },
                        with_headers()};
  Client client{running.port()};
  auto response = client.request(get("/"));
  EXPECT_EQ(response.headers["X-Frame-Options"], "SAMEORIGIN");
  EXPECT_EQ(response.headers["X-Content-Type-Options"], "nosniff");
}

TEST(HttpServerTest, ARequestNeedsExactlyOneHost) {
  RunningServer running;
  for (std::string_view request : {"GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.0\r\n\r\n",
                                   "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"}) {
    Client client{running.port()};
    auto response = client.request(request);
    EXPECT_EQ(response.status, 400) << request;
    EXPECT_NE(response.body.find("Host"), std::string::npos);
    EXPECT_TRUE(client.closed_by_server());
  }
}

// Polls until `request` on a new connection gets `status`: a closed connection is counted off a
// moment after the client closes it.
int status_soon(std::uint16_t port, int status, const char* from = nullptr) {
  int last = 0;
  for (int attempt = 0; attempt < 100 && last != status; ++attempt) {
    if (attempt) std::this_thread::sleep_for(20ms);
    Client client{port, from};
    last = client.request(get("/")).status;
  }
  return last;
}

TEST(HttpServerTest, ConnectionsBeyondTheLimitAreAnswered503AtOnce) {
  auto options = test_options();
  options.max_connections = 2;
  RunningServer running{describe, options};
  auto first = std::make_unique<Client>(running.port());
  Client second{running.port()};
  EXPECT_EQ(first->request(get("/")).status, 200);
  EXPECT_EQ(second.request(get("/")).status, 200);
  Client third{running.port()};
  auto started = std::chrono::steady_clock::now();
  auto refused = third.request(get("/"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["Retry-After"], "1");
  EXPECT_TRUE(third.closed_by_server());
  first.reset();  // a place comes free
  EXPECT_EQ(status_soon(running.port(), 200), 200);
}

TEST(HttpServerTest, OneAddressCannotTakeEveryConnection) {
  auto options = test_options();
  options.max_connections_per_address = 2;
  RunningServer running{describe, options};
  Client first{running.port(), "127.0.0.2"};
  Client second{running.port(), "127.0.0.2"};
  EXPECT_EQ(first.request(get("/")).status, 200);
  EXPECT_EQ(second.request(get("/")).status, 200);
  Client third{running.port(), "127.0.0.2"};
  EXPECT_EQ(third.request(get("/")).status, 503);
  Client elsewhere{running.port(), "127.0.0.1"};
  EXPECT_EQ(elsewhere.request(get("/")).status, 200);
}

TEST(HttpServerTest, AnIdleConnectionIsClosedAfterTheIdleTimeout) {
  auto options = test_options();
  options.idle_timeout = 200ms;
  RunningServer running{describe, options};
  Client client{running.port()};
  EXPECT_EQ(client.request(get("/")).status, 200);
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);  // not the 5 s the client would wait
}

TEST(HttpServerTest, HeadersSentSlowlyAreCutOffByTheHeaderTimeout) {
  auto options = test_options();
  options.header_timeout = 300ms;
  RunningServer running{describe, options};
  Client client{running.port()};
  client.send("GET / HTTP/1.1\r\n");
  auto started = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(100ms);
  client.send("X-Tag: a\r\n");  // still trickling: the idle timeout alone would keep waiting
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(HttpServerTest, DefaultConnectionLimitLeavesRoomUnderTheOpenFileLimit) {
  auto limit = default_max_connections();
  EXPECT_GE(limit, 16u);
  EXPECT_LE(limit, 10'000u);
  EXPECT_EQ(ServerOptions{}.max_connections, limit);
}

TEST(HttpServerTest, StopBeforeRunReturnsAtOnce) {
  HttpServer server{test_options(), describe};
  server.stop();
  server.run();
  SUCCEED();
}

}  // namespace
}  // namespace resettle::web
