// The HTTP server behind http.hpp: Boost.Beast stays in this one translation unit.
// A pool of threads runs the connections: each reads a request, runs the handler and starts the write
// on the same thread, so a request never waits for another thread to wake. A handler blocked on the
// database holds only its own thread: the others go on accepting, reading and writing.
// It guards itself: limits on open connections (in all and per client address) answered with a quick
// 503, a way out when file descriptors run out, and timeouts on idle and slow clients.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/http/http.hpp"

namespace resettle::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Reading a request's body and writing a response each get this long.
constexpr auto io_timeout = std::chrono::seconds(30);
// A refused connection has this long to send its request (and hear the 503) before it is closed.
constexpr auto refusal_wait = std::chrono::seconds(1);
// Refused connections waiting to be answered; beyond this many a new one is closed unanswered, so
// that refusing cannot itself use up the descriptors.
constexpr std::size_t most_refusals = 64;
// When descriptors ran out and none could be freed, accepting waits this long before trying again.
constexpr auto accept_pause = std::chrono::milliseconds(100);
// After an error response to a request we did not read in full, we keep reading (and discarding)
// for a moment so that closing does not reset the connection before the client reads our answer.
constexpr auto lingering_close = std::chrono::seconds(2);

int status_for(const beast::error_code& error) {
  if (error == bhttp::error::body_limit) return 413;
  if (error == bhttp::error::header_limit) return 431;
  return 400;
}

Headers headers_of(const bhttp::fields& fields) {
  Headers headers;
  for (const auto& field : fields) {
    std::string name{field.name_string()};
    auto [existing, inserted] = headers.try_emplace(name, field.value());
    // Repeated fields fold into one (RFC 9110 §5.3); cookies have their own separator.
    if (!inserted) existing->second.append(beast::iequals(name, "Cookie") ? "; " : ", ").append(field.value());
  }
  return headers;
}

// A line break in a header would let a handler's output (say, a redirect built from user input)
// smuggle in further headers: response splitting.
bool safe_headers(const Headers& headers) {
  constexpr std::string_view breaks{"\r\n\0", 3};
  for (const auto& [name, value] : headers)
    if (name.empty() || name.find_first_of(breaks) != std::string::npos || name.find(':') != std::string::npos ||
        value.find_first_of(breaks) != std::string::npos)
      return false;
  return true;
}

// A response with no handler involved: errors found while reading the request.
Response plain(int status) {
  return Response::text(status, std::string{bhttp::obsolete_reason(static_cast<bhttp::status>(status))});
}

// The 503 of a connection refused for the limits; clients may try again in a moment.
Response refusal() {
  auto response = plain(503);
  response.headers["Retry-After"] = "1";
  return response;
}

// Writes the status line and headers of `response` into `out`: the headers every response carries
// (unless the handler set its own), the handler's, the length and, when the connection ends, "close".
// Written straight from our Response rather than through Beast's message and serializer: for a small
// response, building and walking those cost about as much as the rest of the request.
void write_head(std::string& out, const Response& response, const Headers& common, bool head_request, bool keep_alive) {
  auto add = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  out.assign("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
  out.append(reason.data(), reason.size()).append("\r\n");
  for (const auto& [name, value] : common)
    if (!response.headers.contains(name)) add(name, value);
  // On HEAD the router may have recorded the length a GET would send before dropping the body.
  bool length_given = head_request && response.headers.contains("Content-Length");
  for (const auto& [name, value] : response.headers)
    if ((length_given || !beast::iequals(name, "Content-Length")) && !beast::iequals(name, "Connection") &&
        !beast::iequals(name, "Transfer-Encoding"))
      add(name, value);
  for (const auto& cookie : response.cookies) add("Set-Cookie", cookie);
  // 204 and 304 never carry a body, nor say how long one would be (RFC 9110 §6.4.1, §8.6).
  if (!length_given && response.status != 204 && response.status != 304)
    add("Content-Length", std::to_string(response.body.size()));
  if (!keep_alive) add("Connection", "close");
  out.append("\r\n");
}

}  // namespace

struct HttpServer::Impl {
  class Session;

  ServerOptions options;
  Handler handler;
  asio::io_context io{options.worker_threads};
  asio::strand<asio::io_context::executor_type> control{io.get_executor()};  // acceptor, signals, stop
  tcp::acceptor acceptor{control};
  asio::signal_set signals{control, SIGINT, SIGTERM};
  asio::steady_timer accept_retry{control};
  std::uint16_t bound_port = 0;
  std::atomic<bool> stopping{false};
  // Held open so that when descriptors run out one can be freed to answer a waiting client 503.
  int reserve_descriptor = -1;
  std::string refusal_bytes;  // that 503 as sent

  std::mutex sessions_mutex;  // guards the members below
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // open connections, to drain on stop
  std::size_t admitted = 0;  // connections being served: what max_connections limits
  std::size_t refused = 0;   // connections waiting for their 503
  std::unordered_map<std::string, std::size_t> admitted_from;  // per client address

  Impl(ServerOptions server_options, Handler request_handler)
      : options(std::move(server_options)), handler(std::move(request_handler)) {}
  ~Impl() {
    if (reserve_descriptor >= 0) ::close(reserve_descriptor);
  }

  enum class Admission { served, refused, dropped };
  Admission admit(const std::string& address);
  void release(const std::string& address, bool was_refused);

  void listen();
  void accept();
  void open_session(tcp::socket socket);
  void refuse_without_descriptors();
  void begin_stop();
};

// One TCP connection: read a request, run the handler, write, repeat.
// Every member is touched only on the connection's strand.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  // A refused session reads one request only to answer it 503.
  Session(tcp::socket socket, HttpServer::Impl& server, std::string remote_address, bool refused)
      : stream_(std::move(socket)), server_(server), remote_address_(std::move(remote_address)), refused_(refused) {}

  ~Session() {
    std::lock_guard lock{server_.sessions_mutex};
    server_.sessions.erase(this);
    server_.release(remote_address_, refused_);
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->await_request(); });
  }

  // Drains on shutdown: a connection waiting for a request closes now; a busy one after its response.
  void stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->stream_.cancel();
    });
  }

 private:
  // Between requests the idle timeout runs until the next request's first bytes arrive; then the
  // header timeout, so a client sending its headers a byte at a time cannot hold the connection.
  void await_request() {
    if (server_.stopping) return close();
    if (buffer_.size() > 0) return parse_buffered();
    reading_ = true;
    stream_.expires_after(refused_ ? refusal_wait : server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                              self->reading_ = false;
                              if (error) return self->close();
                              self->buffer_.commit(bytes);
                              self->parse_buffered();
                            });
  }

  // Starts a request with what has arrived: a whole GET usually comes in one read, and is then
  // handled at once, without another trip through the event loop.
  void parse_buffered() {
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->eager(true);
    beast::error_code error;
    while (buffer_.size() > 0 && !parser_->is_done() && !error) {
      auto used = parser_->put(buffer_.data(), error);
      buffer_.consume(used);
      if (used == 0 && !error) break;
    }
    if (error == bhttp::error::need_more) error = {};
    if (error) return on_read_error(error);
    if (parser_->is_header_done()) return on_header({});
    read_header();
  }

  void read_header() {
    if (server_.stopping) return close();
    reading_ = true;
    stream_.expires_after(refused_ ? refusal_wait : server_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, std::size_t) {
                               self->reading_ = false;
                               self->on_header(error);
                             });
  }

  void on_header(beast::error_code error) {
    if (error) return on_read_error(error);
    if (refused_) return send_error_and_close(refusal());
    // Clients that ask before sending a body (curl does above 1 KiB) get the go-ahead.
    auto expect = parser_->get()[bhttp::field::expect];
    if (parser_->is_done() || !beast::iequals(expect, "100-continue")) return read_body();
    static constexpr std::string_view go_ahead = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(go_ahead), [self = shared_from_this()](beast::error_code write_error, std::size_t) {
      if (write_error) return self->close();
      self->read_body();
    });
  }

  void read_body() {
    if (parser_->is_done()) return handle_request();
    reading_ = true;
    stream_.expires_after(io_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->reading_ = false;
      if (error) return self->on_read_error(error);
      self->handle_request();
    });
  }

  void on_read_error(beast::error_code error) {
    // The client left, went quiet, or we are shutting down: nothing to answer.
    if (error == bhttp::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset || !parser_->got_some())
      return close();
    send_error_and_close(plain(status_for(error)));
  }

  void handle_request() {
    Request request;
    auto& message = parser_->get();
    request.method = std::string{message.method_string()};
    request.target = std::string{message.target()};
    request.headers = headers_of(message);
    request.remote_address = remote_address_;
    // RFC 9112 §3.2: exactly one Host; a request without one is refused, whatever its version.
    if (message.count(bhttp::field::host) != 1)
      return write(Response::text(400, "A request needs exactly one Host header."), request, false);
    if (!split_target(request.target, request.path, request.query)) return write(plain(400), request, false);
    request.body = std::move(message.body());
    write(run_handler(request), request, message.keep_alive());
  }

  Response run_handler(Request& request) {
    try {
      return server_.handler(request);
    } catch (const std::exception& failure) {
      std::cerr << "handler failed for " << request.method << ' ' << request.path << ": " << failure.what() << '\n';
    } catch (...) {
      std::cerr << "handler failed for " << request.method << ' ' << request.path << '\n';
    }
    return plain(500);
  }

  void write(Response response, const Request& request, bool keep_alive) {
    bool safe_cookies = std::ranges::all_of(response.cookies, [](const std::string& cookie) {
      return cookie.find_first_of(std::string_view{"\r\n\0", 3}) == std::string::npos;
    });
    if (response.status < 200 || response.status > 599 || !safe_headers(response.headers) || !safe_cookies) {
      std::cerr << "unsendable response for " << request.method << ' ' << request.path << '\n';
      response = plain(500);
    }
    keep_alive = keep_alive && !server_.stopping;
    bool head_request = request.method == "HEAD";
    write_head(head_, response, server_.options.response_headers, head_request, keep_alive);
    body_ = head_request || response.status == 204 || response.status == 304 ? std::string{} : std::move(response.body);
    stream_.expires_after(io_timeout);
    asio::async_write(stream_, std::array{asio::buffer(head_), asio::buffer(body_)},
                      [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                        if (error || !keep_alive) return self->close();
                        self->await_request();
                      });
  }

  void send_error_and_close(Response response) {
    write_head(head_, response, server_.options.response_headers, false, false);
    body_ = std::move(response.body);
    stream_.expires_after(io_timeout);
    asio::async_write(stream_, std::array{asio::buffer(head_), asio::buffer(body_)},
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->close();
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->stream_.expires_after(lingering_close);
      self->discard_until_closed();
    });
  }

  void discard_until_closed() {
    reading_ = true;
    stream_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->reading_ = false;
      if (error) return self->close();
      self->discard_until_closed();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  static constexpr std::size_t first_read_bytes = 4096;

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  std::string remote_address_;
  bool refused_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_, body_;  // the response being written
  std::array<char, 4096> discard_{};
  bool reading_ = false;  // waiting on the client, so stop() may cancel
};

// Whether a new connection from `address` is served, refused with a 503, or closed unanswered.
HttpServer::Impl::Admission HttpServer::Impl::admit(const std::string& address) {
  std::lock_guard lock{sessions_mutex};
  auto from_address = admitted_from.find(address);
  std::size_t already = from_address == admitted_from.end() ? 0 : from_address->second;
  if (admitted < options.max_connections && already < options.max_connections_per_address) {
    ++admitted;
    ++admitted_from[address];
    return Admission::served;
  }
  if (refused < most_refusals) {
    ++refused;
    return Admission::refused;
  }
  return Admission::dropped;
}

// With sessions_mutex held: a connection admitted or refused by admit() has closed.
void HttpServer::Impl::release(const std::string& address, bool was_refused) {
  if (was_refused) {
    --refused;
    return;
  }
  --admitted;
  auto from_address = admitted_from.find(address);
  if (--from_address->second == 0) admitted_from.erase(from_address);
}

void HttpServer::Impl::listen() {
  tcp::endpoint endpoint{asio::ip::make_address(options.address), options.port};
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  acceptor.non_blocking(true);  // refuse_without_descriptors() accepts synchronously and must not wait
  bound_port = acceptor.local_endpoint().port();
  reserve_descriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  auto response = refusal();
  write_head(refusal_bytes, response, options.response_headers, false, false);
  refusal_bytes += response.body;
}

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (stopping) return;
    if (error == asio::error::no_descriptors || error.value() == ENFILE) return refuse_without_descriptors();
    if (!error) open_session(std::move(socket));
    accept();
  });
}

void HttpServer::Impl::open_session(tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);  // small responses must not wait for Nagle
  auto remote = socket.remote_endpoint(ignored);
  std::string address = ignored ? std::string{} : remote.address().to_string();
  auto admission = admit(address);
  if (admission == Admission::dropped) return;  // closed unanswered: too many are already waiting for a 503
  auto session = std::make_shared<Session>(std::move(socket), *this, std::move(address), admission == Admission::refused);
  {
    std::lock_guard lock{sessions_mutex};
    sessions.emplace(session.get(), session);
  }
  session->start();
}

// Out of file descriptors, every accept fails at once, whether a client is queued or not (Linux takes
// the descriptor before it looks for a connection): a busy loop that answers no one. Instead free the
// reserve descriptor, take the client, answer 503 and close, then take the reserve back. When no
// client was queued, wait until one is before accepting again; when the reserve cannot be had, wait a
// moment.
void HttpServer::Impl::refuse_without_descriptors() {
  bool none_queued = false;
  if (reserve_descriptor >= 0) {
    ::close(reserve_descriptor);
    beast::error_code error;
    tcp::socket socket{io};
    acceptor.accept(socket, error);
    none_queued = error == asio::error::would_block;
    if (!error) {
      socket.non_blocking(true, error);
      socket.write_some(asio::buffer(refusal_bytes), error);
      socket.shutdown(tcp::socket::shutdown_send, error);
      // What the client has sent already is read, so closing does not reset the connection under the 503.
      std::array<char, 4096> discard{};
      socket.read_some(asio::buffer(discard), error);
      socket.close(error);
    }
    reserve_descriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  }
  if (reserve_descriptor >= 0 && none_queued) {
    acceptor.async_wait(tcp::acceptor::wait_read, [this](beast::error_code error) {
      if (!error && !stopping) accept();
    });
    return;
  }
  if (reserve_descriptor >= 0) return accept();
  accept_retry.expires_after(accept_pause);
  accept_retry.async_wait([this](beast::error_code error) {
    if (!error && !stopping) accept();
  });
}

// Runs on the control strand: stop accepting, then let every connection finish and close.
void HttpServer::Impl::begin_stop() {
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  signals.cancel(ignored);
  std::vector<std::shared_ptr<Session>> open;
  {
    // Collected first: a session that closes meanwhile removes itself under the same lock.
    std::lock_guard lock{sessions_mutex};
    for (auto& [raw, weak] : sessions)
      if (auto session = weak.lock()) open.push_back(std::move(session));
  }
  for (auto& session : open) session->stop();
}

std::size_t default_max_connections() {
  constexpr std::size_t margin = 128, fewest = 16, most = 10'000;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return most;
  auto open_files = static_cast<std::size_t>(limit.rlim_cur);
  return std::clamp(open_files > margin ? open_files - margin : fewest, fewest, most);
}

int default_worker_threads() {
  constexpr int fewest = 2, most = 8;
  return std::clamp(2 * static_cast<int>(std::thread::hardware_concurrency()), fewest, most);
}

HttpServer::HttpServer(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {
  impl_->listen();
}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::run() {
  asio::post(impl_->control, [impl = impl_.get()] {
    if (impl->stopping) return;
    impl->signals.async_wait([impl](beast::error_code error, int) {
      if (!error) impl->begin_stop();
    });
    impl->accept();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.worker_threads; ++i) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& thread : threads) thread.join();
}

void HttpServer::stop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->begin_stop(); });
}

}  // namespace resettle::web
