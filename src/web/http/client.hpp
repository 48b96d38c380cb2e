#pragma once
// Outgoing HTTP requests to other services (GOV.UK Notify), one at a time, over TLS with the server's
// certificate and name verified. Boost.Beast stays inside client.cpp, as it does inside server.cpp.
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include "web/http/http.hpp"

namespace resettle::web {

struct OutgoingRequest {
  std::string method = "POST";
  std::string url;  // https://host[:port]/path, or http:// to a loopback host (a local fake in tests)
  Headers headers;
  std::string body;
  std::chrono::seconds timeout{10};  // for the whole exchange after the name lookup: connect, TLS, request, response
};

struct ReceivedResponse {
  int status = 0;
  std::string body;
};

// The request did not get a response: no connection, a TLS or certificate failure, or the timeout.
class NoResponse : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws std::invalid_argument, saying why, unless `url` is an absolute https URL, or an http one whose
// host is loopback (127.0.0.1, ::1, localhost): nothing else may be sent in the clear.
void check_outgoing_url(std::string_view url);

// Sends the request and returns the response whatever its status. Throws std::invalid_argument as
// check_outgoing_url, and NoResponse when no response came back in time.
ReceivedResponse send_request(const OutgoingRequest& request);

}  // namespace resettle::web
