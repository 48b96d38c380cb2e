// The limit of the stack under the wrk scenarios (bench/wrk_national.sh): Boost.Beast alone, one
// thread per core by default (--threads N), answering every request on its keep-alive connection with
// an empty 200. No handler, no request or response of ours: what is left between it and
// bench/empty_response_server.cpp is the cost of our server core.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// One connection: read a request, write an empty 200, repeat until the client closes.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(tcp::socket socket) : stream_(std::move(socket)) {}

  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->close();
      self->write();
    });
  }

 private:
  void write() {
    response_ = {http::status::ok, request_.version()};
    response_.set(http::field::content_type, "text/html; charset=utf-8");
    response_.keep_alive(request_.keep_alive());
    response_.prepare_payload();
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error || !self->response_.keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::empty_body> response_;
};

void accept(tcp::acceptor& acceptor, asio::io_context& io) {
  acceptor.async_accept(asio::make_strand(io), [&acceptor, &io](beast::error_code error, tcp::socket socket) {
    if (!error) {
      socket.set_option(tcp::no_delay(true), error);
      std::make_shared<Connection>(std::move(socket))->read();
    }
    accept(acceptor, io);
  });
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view name{argv[i]};
    if (name == "--port") port = std::atoi(argv[i + 1]);
    else if (name == "--threads") threads = std::atoi(argv[i + 1]);
    else {
      std::cerr << "usage: bare_beast_server [--port N] [--threads N]\n";
      return 2;
    }
  }
  asio::io_context io{threads};
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), static_cast<asio::ip::port_type>(port)}};
  std::cout << "Serving empty responses with bare Beast on http://127.0.0.1:" << acceptor.local_endpoint().port()
            << std::endl;
  accept(acceptor, io);
  std::vector<std::thread> others;
  for (int i = 1; i < threads; ++i) others.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& thread : others) thread.join();
  return 0;
}
