#pragma once
// The web application: every route of the pages and the JSON API, on top of the use cases.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "store/store.hpp"
#include "web/http/http.hpp"

namespace resettle::web {

struct AppOptions {
  std::filesystem::path web_root;  // repository root: src/web/templates, src/web/public, node_modules
  std::filesystem::path generated_assets;  // compiled CSS (see ./dev)
  std::filesystem::path bank_holidays;     // England and Wales bank holidays (JSON)
  std::filesystem::path licence_conditions;  // the catalogue's versions (a folder of JSON files)
  std::filesystem::path fonts;               // TrueType fonts for licence PDFs (Liberation Sans)
  std::vector<std::string> trusted_proxies{};  // peers whose X-Forwarded-For names the client
  std::uintmax_t min_free_bytes = 0;           // /health fails below this much free disk space
  std::string database{};                      // the --db the store was opened from: /health reports on it
};

AppOptions default_app_options();

// What every response carries, the server's own errors and refusals too (ServerOptions::response_headers):
// no inline script or style, no framing, no sniffing, no referrer leaks.
Headers security_headers();

class App {
 public:
  App(store::Store& store, const services::Clock& clock, const AppOptions& options);
  ~App();
  // The HttpServer handler: routes the request, maps failures to responses, marks all but assets no-store.
  Response handle(Request& request) const;
  // Every route as {method, pattern}.
  const std::vector<std::pair<std::string, std::string>>& routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace resettle::web
