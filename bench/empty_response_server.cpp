// Our own HTTP server, with the same threads as `resettle serve`, answering every request with an
// empty 200: the server core's own limit, between the bare Beast limit (bench/bare_beast_server.cpp)
// and the pages. bench/wrk_national.sh reports each against the others, measured in the same run.
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "web/http/http.hpp"

int main(int argc, char** argv) {
  resettle::web::ServerOptions options;
  options.port = 0;
  std::string body;  // --body-bytes: a fixed body as long as a page, to see what moving the bytes costs
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view name{argv[i]};
    if (name == "--port") options.port = static_cast<std::uint16_t>(std::atoi(argv[i + 1]));
    else if (name == "--workers") options.worker_threads = std::atoi(argv[i + 1]);
    else if (name == "--body-bytes") body.assign(static_cast<std::size_t>(std::atoi(argv[i + 1])), 'x');
    else {
      std::cerr << "usage: empty_response_server [--port N] [--workers N] [--body-bytes N]\n";
      return 2;
    }
  }
  resettle::web::HttpServer server{options, [&body](resettle::web::Request&) {
                                     return resettle::web::Response::text(200, body, "text/html; charset=utf-8");
                                   }};
  std::cout << "Serving empty responses on http://" << options.address << ":" << server.port() << std::endl;
  server.run();
  return 0;
}
