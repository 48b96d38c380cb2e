#include "web/app.hpp"

#include <fstream>
#include <sstream>

#include "services/key_dates_batch.hpp"
#include "web/pages.hpp"
#include "web/problem.hpp"
#include "web/static_files.hpp"
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

}  // namespace

Headers security_headers() {
  return {{"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
           "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}};
}

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
    add_sign_in_pages(router, context);
    add_people_pages(router, context);
    add_person_forms(router, context);
    add_people_api(router, context);
    add_referral_pages(router, context);
    add_directory_api(router, context);
    add_plan_api(router, context);
    add_plan_pages(router, context);
    add_responsibility_routes(router, context);
    add_allocation_routes(router, context);
    add_staff_pages(router, context);
    add_limited_access_routes(router, context);
    add_transfer_pages(router, context);
    add_transfer_api(router, context);
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

const std::vector<std::pair<std::string, std::string>>& App::routes() const { return impl_->router.routes(); }

Response App::handle(Request& request) const {
  auto shared_reads = impl_->context.store.share_reads();  // one snapshot for the whole request
  auto response = impl_->router.handle(request);
  // The router's own 405 is plain text; an API client reads problem+json for every error.
  if (response.status == 405 && request.path.starts_with("/api/")) {
    auto allow = response.headers["Allow"];
    response = problem(405, "Method not allowed", "This resource answers " + allow + ".");
    response.headers["Allow"] = allow;
  }
  // Pages and API answers hold personal data: no cache keeps them. Assets say how long they keep.
  if (!request.path.starts_with("/assets/") && !response.headers.contains("Cache-Control"))
    response.headers["Cache-Control"] = "no-store";
  return response;
}

}  // namespace resettle::web
