// Outgoing HTTP requests (see client.hpp): one connection per request, driven to the end on a private
// io_context, with one deadline for the whole exchange.
#include "web/http/client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace resettle::web {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

struct Target {
  bool tls = true;
  std::string host;
  std::string port;
  std::string path_and_query;
};

bool loopback(const boost::urls::url_view& url) {
  switch (url.host_type()) {
    case boost::urls::host_type::ipv4: return url.host_ipv4_address().is_loopback();
    case boost::urls::host_type::ipv6: return url.host_ipv6_address().is_loopback();
    case boost::urls::host_type::name: return url.host() == "localhost";
    default: return false;
  }
}

Target target_of(std::string_view text) {
  auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed || parsed->host().empty()) throw std::invalid_argument("not an absolute URL: " + std::string{text});
  const auto& url = *parsed;
  Target target;
  if (url.scheme_id() == boost::urls::scheme::http) {
    if (!loopback(url)) throw std::invalid_argument("only https may be used, except to this machine: " + std::string{text});
    target.tls = false;
  } else if (url.scheme_id() != boost::urls::scheme::https) {
    throw std::invalid_argument("not an https URL: " + std::string{text});
  }
  target.host = url.host_type() == boost::urls::host_type::ipv6 ? url.host_ipv6_address().to_string() : url.host();
  target.port = url.has_port() ? std::string{url.port()} : (target.tls ? "443" : "80");
  target.path_and_query = url.encoded_target().empty() ? "/" : std::string{url.encoded_target()};
  return target;
}

template <class Stream>
asio::awaitable<ReceivedResponse> write_and_read(Stream& stream, const http::request<http::string_body>& request) {
  co_await http::async_write(stream, request, asio::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  co_await http::async_read(stream, buffer, response, asio::use_awaitable);
  co_return ReceivedResponse{static_cast<int>(response.result_int()), std::move(response.body())};
}

asio::awaitable<ReceivedResponse> connect_and_exchange(Target target, http::request<http::string_body> request,
                                                      std::chrono::seconds timeout, ssl::context& tls) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver{executor};
  auto endpoints = co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
  if (!target.tls) {
    beast::tcp_stream stream{executor};
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    co_return co_await write_and_read(stream, request);
  }
  beast::ssl_stream<beast::tcp_stream> stream{executor, tls};
  // SNI, so a shared front end presents this host's certificate, and the certificate must name it.
  if (!SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str()))
    throw NoResponse("could not set the TLS server name " + target.host);
  stream.set_verify_callback(ssl::host_name_verification(target.host));
  beast::get_lowest_layer(stream).expires_after(timeout);  // one deadline for every step below
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
  co_return co_await write_and_read(stream, request);
}

}  // namespace

void check_outgoing_url(std::string_view url) { target_of(url); }

ReceivedResponse send_request(const OutgoingRequest& request) {
  auto target = target_of(request.url);
  http::request<http::string_body> message{http::string_to_verb(request.method), target.path_and_query, 11};
  message.set(http::field::host, target.host);
  message.set(http::field::user_agent, "resettle");
  for (const auto& [name, value] : request.headers) message.set(name, value);
  message.body() = request.body;
  message.prepare_payload();

  ssl::context tls{ssl::context::tls_client};
  tls.set_default_verify_paths();
  tls.set_verify_mode(ssl::verify_peer);
  asio::io_context io;
  auto response = asio::co_spawn(io, connect_and_exchange(target, std::move(message), request.timeout, tls), asio::use_future);
  io.run();
  try {
    return response.get();
  } catch (const boost::system::system_error& failure) {
    throw NoResponse("no response from " + target.host + ": " + failure.code().message());
  }
}

}  // namespace resettle::web
