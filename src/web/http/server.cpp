// The HTTP server behind http.hpp: Boost.Beast stays in this one translation unit.
// Network threads accept, parse and write asynchronously; handlers run on a separate worker
// pool because they block on the database, and hand their response back to the connection's strand.
#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
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

// Idle keep-alive connections and slow clients are dropped after this long.
constexpr auto io_timeout = std::chrono::seconds(30);
// After an error response to a request we did not read in full, we keep reading (and discarding)
// for a moment so that closing does not reset the connection before the client reads our answer.
constexpr auto lingering_close = std::chrono::seconds(2);

using BeastResponse = bhttp::response<bhttp::string_body>;

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

}  // namespace

struct HttpServer::Impl {
  class Session;

  ServerOptions options;
  Handler handler;
  asio::io_context io{options.network_threads};
  asio::strand<asio::io_context::executor_type> control{io.get_executor()};  // acceptor, signals, stop
  tcp::acceptor acceptor{control};
  asio::signal_set signals{control, SIGINT, SIGTERM};
  asio::thread_pool workers{static_cast<std::size_t>(options.worker_threads)};
  std::uint16_t bound_port = 0;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // open connections, to drain on stop

  Impl(ServerOptions server_options, Handler request_handler)
      : options(std::move(server_options)), handler(std::move(request_handler)) {}

  void listen();
  void accept();
  void begin_stop();
};

// One TCP connection: read a request, run the handler on the worker pool, write, repeat.
// Every member is touched only on the connection's strand.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ignored;
    auto remote = stream_.socket().remote_endpoint(ignored);
    if (!ignored) remote_address_ = remote.address().to_string();
  }

  ~Session() {
    std::lock_guard lock{server_.sessions_mutex};
    server_.sessions.erase(this);
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // Drains on shutdown: a connection waiting for a request closes now; a busy one after its response.
  void stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->stream_.cancel();
    });
  }

 private:
  void read_header() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    reading_ = true;
    stream_.expires_after(io_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, std::size_t) {
                               self->reading_ = false;
                               self->on_header(error);
                             });
  }

  void on_header(beast::error_code error) {
    if (error) return on_read_error(error);
    // Clients that ask before sending a body (curl does above 1 KiB) get the go-ahead.
    auto expect = parser_->get()[bhttp::field::expect];
    if (!beast::iequals(expect, "100-continue")) return read_body();
    auto continue_response = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
    bhttp::async_write(stream_, *continue_response,
                       [self = shared_from_this(), continue_response](beast::error_code write_error, std::size_t) {
                         if (write_error) return self->close();
                         self->read_body();
                       });
  }

  void read_body() {
    reading_ = true;
    stream_.expires_after(io_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->reading_ = false;
      if (error) return self->on_read_error(error);
      self->dispatch_to_worker();
    });
  }

  void on_read_error(beast::error_code error) {
    // The client left, went quiet, or we are shutting down: nothing to answer.
    if (error == bhttp::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset || !parser_->got_some())
      return close();
    send_error_and_close(status_for(error));
  }

  void dispatch_to_worker() {
    auto request = std::make_shared<Request>();
    auto& message = parser_->get();
    request->method = std::string{message.method_string()};
    request->target = std::string{message.target()};
    request->headers = headers_of(message);
    request->remote_address = remote_address_;
    if (!split_target(request->target, request->path, request->query)) return write(plain(400), *request, false);
    keep_alive_ = message.keep_alive();
    request->body = std::move(message.body());
    // Keeps the network threads running until the response is written, even while draining.
    auto work = asio::make_work_guard(server_.io);
    asio::post(server_.workers, [self = shared_from_this(), request, work = std::move(work)] {
      Response response = self->run_handler(*request);
      asio::post(self->stream_.get_executor(), [self, request, response = std::move(response)]() mutable {
        self->write(std::move(response), *request, self->keep_alive_);
      });
    });
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
    auto message = std::make_shared<BeastResponse>();
    message->result(static_cast<unsigned>(response.status));
    message->version(11);
    for (auto& [name, value] : response.headers) message->set(name, value);
    for (auto& cookie : response.cookies) message->insert(bhttp::field::set_cookie, cookie);
    // These statuses never carry a body (RFC 9110 §6.4.1).
    if (response.status == 204 || response.status == 304) response.body.clear();
    if (request.method == "HEAD") {
      // The length a GET would have sent; the router may have recorded it before dropping the body.
      if (!response.headers.contains("Content-Length")) message->content_length(response.body.size());
    } else {
      message->body() = std::move(response.body);
      message->prepare_payload();
    }
    message->keep_alive(keep_alive && !server_.stopping);
    stream_.expires_after(io_timeout);
    bhttp::async_write(stream_, *message, [self = shared_from_this(), message](beast::error_code error, std::size_t) {
      if (error || !message->keep_alive()) return self->close();
      self->read_header();
    });
  }

  void send_error_and_close(int status) {
    auto message = std::make_shared<BeastResponse>(static_cast<bhttp::status>(status), 11);
    auto response = plain(status);
    message->set(bhttp::field::content_type, response.headers["Content-Type"]);
    message->body() = std::move(response.body);
    message->keep_alive(false);
    message->prepare_payload();
    stream_.expires_after(io_timeout);
    bhttp::async_write(stream_, *message, [self = shared_from_this(), message](beast::error_code error, std::size_t) {
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

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  std::string remote_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::array<char, 4096> discard_{};
  bool keep_alive_ = false;
  bool reading_ = false;  // waiting on the client, so stop() may cancel
};

void HttpServer::Impl::listen() {
  tcp::endpoint endpoint{asio::ip::make_address(options.address), options.port};
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  bound_port = acceptor.local_endpoint().port();
}

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (stopping) return;
    if (!error) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // small responses must not wait for Nagle
      auto session = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock{sessions_mutex};
        sessions.emplace(session.get(), session);
      }
      session->start();
    }
    accept();
  });
}

// Runs on the control strand: stop accepting, then let every connection finish and close.
void HttpServer::Impl::begin_stop() {
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
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
  for (int i = 1; i < impl_->options.network_threads; ++i) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& thread : threads) thread.join();
  impl_->workers.join();
}

void HttpServer::stop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->begin_stop(); });
}

}  // namespace resettle::web
