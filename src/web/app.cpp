// The web application: every capability's routes, security headers (see app.hpp).
#include "web/app.hpp"

#include <fstream>
#include <sstream>

#include "domain/catalogue.hpp"
#include "services/health.hpp"
#include "services/release_dates/key_dates_batch.hpp"
#include "services/licence/licences.hpp"
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
  return {root, root / "build" / "assets", root / "data" / "bank-holidays-england-and-wales.json",
          root / "data" / "licence-conditions", "/usr/share/fonts/truetype/liberation2", {},
          services::default_min_free_bytes};
}

struct App::Impl {
  Impl(store::Store& store, const services::Clock& clock, const AppOptions& options)
      : templates(options.web_root / "src" / "web" / "templates",
                  [](std::string_view english) { return translated(english, Language::en); }),
        bank_holidays(services::load_bank_holidays(options.bank_holidays.string())),
        licence_conditions(services::load_condition_catalogues(options.licence_conditions)),
        context{store, clock, templates, bank_holidays, licence_conditions, options.fonts},
        assets({options.generated_assets, options.web_root / "src" / "web" / "public",
                options.web_root / "node_modules" / "govuk-frontend" / "dist" / "govuk",
                options.web_root / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets",
                options.web_root / "node_modules" / "@ministryofjustice" / "frontend" / "moj",
                options.web_root / "node_modules" / "@ministryofjustice" / "frontend" / "moj" / "assets"}),
        openapi(read_file(options.web_root / "src" / "web" / "openapi.json")),
        trusted_proxies(options.trusted_proxies),
        min_free_bytes(options.min_free_bytes),
        replication_lag(options.database) {
    add_sign_in_routes(router, context);
    add_people_routes(router, context);
    add_referrals_routes(router, context);
    add_plan_routes(router, context);
    add_responsibility_routes(router, context);
    add_allocation_routes(router, context);
    add_staff_routes(router, context);
    add_limited_access_routes(router, context);
    add_transfers_routes(router, context);
    add_licence_routes(router, context);
    add_release_routes(router, context);
    add_accounts_routes(router, context);
    add_audit_routes(router, context);
    add_supervision_routes(router, context);
    add_recall_routes(router, context);
    add_person_view_routes(router, context);
    add_mappa_routes(router, context);
    add_insight_routes(router, context);
    add_release_dates_routes(router, context);
    router.get("/assets/*", [this](Request& request) { return assets.serve(request); });
    router.get("/health", [this](Request&) {
      auto health = services::check_health(context.store, context.clock, min_free_bytes, replication_lag);
      return Response::text(health.ok() ? 200 : 503,
                            nlohmann::json{{"status", health.ok() ? "ok" : "failing"},
                                           {"store", health.store},
                                           {"schema_version", health.schema_version},
                                           {"replication_lag_seconds", health.replication_lag_seconds
                                                                           ? nlohmann::json(*health.replication_lag_seconds)
                                                                           : nlohmann::json(nullptr)},
                                           {"database_writable", health.database_writable},
                                           {"free_disk_bytes", health.free_bytes},
                                           {"min_free_disk_bytes", health.min_free_bytes}}
                                .dump(),
                            "application/json");
    });
    router.get("/api/v1/openapi.json", [this](Request&) { return Response::text(200, openapi, "application/json"); });
    router.set_not_found([this](Request& request) {
      if (request.path.starts_with("/api/")) return problem(404, "Not found", "There is no such resource.");
      return error_page(context, nullptr, 404, staff_text("Page not found"), staff_text("If you typed the web address, check it is correct."));
    });
  }

  Templates templates;
  BankHolidays bank_holidays;
  ConditionCatalogues licence_conditions;
  WebContext context;
  StaticFiles assets;
  std::string openapi;
  std::vector<std::string> trusted_proxies;
  std::uintmax_t min_free_bytes;
  store::ReplicationLag replication_lag;  // of the --db the store was opened from
  Router router;
};

App::App(store::Store& store, const services::Clock& clock, const AppOptions& options)
    : impl_(std::make_unique<Impl>(store, clock, options)) {}

App::~App() = default;

const std::vector<std::pair<std::string, std::string>>& App::routes() const { return impl_->router.routes(); }

Response App::handle(Request& request) const {
  request.remote_address = client_address(request.remote_address, request.header("X-Forwarded-For"), impl_->trusted_proxies);
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
