// The web application: every capability's routes, security headers (see app.hpp).
#include "web/app.hpp"

#include <fstream>
#include <sstream>

#include "services/key_dates_batch.hpp"
#include "web/routes.hpp"
#include "web/http/problem.hpp"
#include "web/http/static_files.hpp"
#include "source_tree.hpp"

namespace resettle::web {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file{path, std::ios::binary};
  if (!file) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every response: no inline script or style, no framing, no sniffing, no referrer leaks.
void add_security_headers(Response& response, bool is_asset) {
  response.headers["Content-Security-Policy"] =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
      "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  response.headers["X-Content-Type-Options"] = "nosniff";
  response.headers["X-Frame-Options"] = "DENY";
  response.headers["Referrer-Policy"] = "no-referrer";
  response.headers["Cross-Origin-Opener-Policy"] = "same-origin";
  response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
  if (!is_asset && !response.headers.contains("Cache-Control")) response.headers["Cache-Control"] = "no-store";
}

}  // namespace

AppOptions default_app_options() {
  std::filesystem::path root = source_tree();
  return {root, root / "build" / "assets", root / "data" / "bank-holidays-england-and-wales.json"};
}

struct App::Impl {
  Impl(store::Store& store, const services::Clock& clock, const AppOptions& options)
      : templates(options.web_root / "src" / "web" / "templates"),
        bank_holidays(services::load_bank_holidays(options.bank_holidays.string())),
        context{store, clock, templates, bank_holidays},
        assets({options.generated_assets, options.web_root / "src" / "web" / "public",
                options.web_root / "node_modules" / "govuk-frontend" / "dist" / "govuk",
                options.web_root / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets",
                options.web_root / "node_modules" / "@ministryofjustice" / "frontend" / "moj",
                options.web_root / "node_modules" / "@ministryofjustice" / "frontend" / "moj" / "assets"}),
        openapi(read_file(options.web_root / "src" / "web" / "openapi.json")) {
    add_sign_in_routes(router, context);
    add_people_routes(router, context);
    add_referrals_routes(router, context);
    add_plan_routes(router, context);
    add_responsibility_routes(router, context);
    add_allocation_routes(router, context);
    add_staff_routes(router, context);
    add_limited_access_routes(router, context);
    add_transfers_routes(router, context);
    router.get("/assets/*", [this](Request& request) { return assets.serve(request); });
    router.get("/health", [this](Request&) {
      return Response::text(200, nlohmann::json{{"status", "ok"}, {"schema_version", context.store.schema_version()}}.dump(),
                            "application/json");
    });
    router.get("/api/v1/openapi.json", [this](Request&) { return Response::text(200, openapi, "application/json"); });
    router.set_not_found([this](Request& request) {
      if (request.path.starts_with("/api/")) return problem(404, "Not found", "There is no such resource.");
      return error_page(context, nullptr, 404, "Page not found", "If you typed the web address, check it is correct.");
    });
  }

  Templates templates;
  BankHolidays bank_holidays;
  WebContext context;
  StaticFiles assets;
  std::string openapi;
  Router router;
};

App::App(store::Store& store, const services::Clock& clock, const AppOptions& options)
    : impl_(std::make_unique<Impl>(store, clock, options)) {}

App::~App() = default;

Response App::handle(Request& request) const {
  auto shared_reads = impl_->context.store.share_reads();  // one snapshot for the whole request
  auto response = impl_->router.handle(request);
  add_security_headers(response, request.path.starts_with("/assets/"));
  return response;
}

}  // namespace resettle::web
