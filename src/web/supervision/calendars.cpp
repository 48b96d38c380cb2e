// Appointments in people's own calendars: an appointment's iCalendar file, the private feeds of an
// officer's diary and of a person's appointments (made, shown once and stopped, on pages and in the
// API), and the feed itself, which a calendar app fetches with no sign-in.
#include "domain/catalogue.hpp"
#include "services/supervision/calendars.hpp"
#include "services/accounts/passwords.hpp"
#include "web/api_support.hpp"
#include "web/routes.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

constexpr std::string_view calendar_type = "text/calendar; charset=utf-8";
constexpr std::string_view feed_suffix = ".ics";

std::string feed_path(const std::string& token) { return "/calendars/" + token + std::string{feed_suffix}; }

// Where a calendar app finds the feed: this server as the request reached it, always over HTTPS (as
// its cookies are Secure, it is only ever served that way).
std::string feed_url(const Request& request, const std::string& token) {
  return "https://" + std::string{request.header("Host").value_or("localhost")} + feed_path(token);
}

services::CalendarReader reader_param(const Request& request) {
  auto reader = request.query_param("for").value_or("");
  if (reader.empty() || reader == "officer") return services::CalendarReader::officer;
  if (reader == "person") return services::CalendarReader::person;
  throw ValidationFailed("for", staff_text("must be officer or person"));
}

}  // namespace

Response calendar_file(std::string calendar, const std::string& filename) {
  auto response = Response::text(200, std::move(calendar), std::string{calendar_type});
  response.headers["Content-Disposition"] = "attachment; filename=\"" + filename + "\"";
  return response;
}

namespace {

Response appointment_file(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto calendar = services::appointment_calendar(context.store, context.clock, caller.staff, id, reader_param(request));
  return calendar_file(std::move(calendar), "appointment-" + std::to_string(id) + ".ics");
}

// A feed's address is its only key: unknown and revoked tokens answer alike, and no cache keeps it.
Response feed(WebContext& context, Request& request) {
  const auto& segment = request.path_params.at("token");
  Response response;
  try {
    if (!segment.ends_with(feed_suffix)) throw NotFound("no such calendar");
    auto token = segment.substr(0, segment.size() - feed_suffix.size());
    // The access log names where the feed was read from and which feed (a short digest, as for sessions).
    store::OriginScope origin{{request.remote_address, "calendar feed " + services::sha256_hex(token).substr(0, 16)}};
    response = Response::text(200, services::feed_calendar(context.store, context.clock, token), std::string{calendar_type});
  } catch (const NotFound&) {
    response = error_page(context, nullptr, 404, staff_text("Page not found"), staff_text("If you typed the web address, check it is correct."));
  }
  response.headers["Cache-Control"] = "private, no-store";
  return response;
}

// The page that shows a new feed's address, once.
Response feed_created(WebContext& context, const Caller& caller, const Request& request, const services::IssuedFeed& issued,
                      std::string whose, std::string back_href, std::string back_text) {
  auto view = page_view(caller, staff_text("Your calendar feed"), issued.feed.staff_id ? "/diary" : "");
  view["heading"] = staff_text("Calendar feed made");
  view["whose"] = std::move(whose);
  view["url"] = feed_url(request, issued.token);
  view["back"] = {{"href", std::move(back_href)}, {"text", std::move(back_text)}};
  return render_page(context, 200, "supervision/calendar_feed_created", view);
}

std::int64_t submitted_feed_id(const Request& request) {
  auto form = submitted_form(request);
  auto id = value_of(form, "feed_id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("no such calendar feed");
  return std::stoll(id);
}

nlohmann::json feed_json(const store::CalendarFeed& feed) {
  auto owner = feed.staff_id ? nlohmann::json{{"staff_id", *feed.staff_id}} : nlohmann::json{{"person_id", *feed.person_id}};
  return {{"id", feed.id},
          {"owner", owner},
          {"created_by", feed.created_by},
          {"created_at", feed.created_at},
          {"revoked_by", feed.revoked_by ? nlohmann::json(*feed.revoked_by) : nlohmann::json(nullptr)},
          {"revoked_at", feed.revoked_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(feed.revoked_at)}};
}

// A new feed in the API: the only answer that holds its token and address.
Response issued_json(const Request& request, const services::IssuedFeed& issued) {
  auto body = feed_json(issued.feed);
  body["token"] = issued.token;
  body["url"] = feed_url(request, issued.token);
  body["path"] = feed_path(issued.token);
  return json_response(201, body);
}

void add_calendar_pages(Router& router, WebContext& context) {
  auto& store = context.store;
  const auto& clock = context.clock;
  router.get("/appointments/{id}/calendar.ics",
             page(context, [&](Request& r, const Caller& c) { return appointment_file(context, r, c); }));
  router.get("/calendars/{token}", [&](Request& r) { return feed(context, r); });
  router.post("/diary/calendar-feed", page(context, [&](Request& r, const Caller& c) {
                return feed_created(context, c, r, services::create_diary_feed(store, clock, c.staff), "your diary",
                                    "/diary", "Back to your diary");
              }));
  router.post("/diary/calendar-feed/revoke", page(context, [&](Request& r, const Caller& c) {
                services::revoke_feed(store, clock, c.staff, submitted_feed_id(r));
                return Response::redirect("/diary");
              }));
  router.post("/people/{id}/calendar-feed", page(context, [&](Request& r, const Caller& c) {
                auto person_id = id_param(r, "id");
                return feed_created(context, c, r, services::create_person_feed(store, clock, c.staff, person_id),
                                    "this person's appointments", person_href(person_id) + "/appointments",
                                    "Back to their appointments");
              }));
  router.post("/people/{id}/calendar-feed/revoke", page(context, [&](Request& r, const Caller& c) {
                auto back = person_href(id_param(r, "id")) + "/appointments";
                services::revoke_feed(store, clock, c.staff, submitted_feed_id(r));
                return Response::redirect(back);
              }));
}

void add_calendar_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;
  route("GET", "/api/v1/appointments/{id}/calendar",
        [&](Request& request, const Caller& caller) { return appointment_file(context, request, caller); });
  route("GET", "/api/v1/diary/calendar-feed", [&](Request&, const Caller& caller) {
    auto current = services::diary_feed(store, caller.staff);
    if (!current) throw NotFound("you have no calendar feed");
    return json_response(200, feed_json(*current));
  });
  route("POST", "/api/v1/diary/calendar-feed", [&](Request& request, const Caller& caller) {
    return issued_json(request, services::create_diary_feed(store, clock, caller.staff));
  });
  route("POST", "/api/v1/people/{id}/calendar-feed", [&](Request& request, const Caller& caller) {
    return issued_json(request, services::create_person_feed(store, clock, caller.staff, id_param(request, "id")));
  });
  route("POST", "/api/v1/calendar-feeds/{id}/revoke", [&](Request& request, const Caller& caller) {
    return json_response(200, feed_json(services::revoke_feed(store, clock, caller.staff, id_param(request, "id"))));
  });
}

}  // namespace

void add_calendar_routes(Router& router, WebContext& context) {
  add_calendar_pages(router, context);
  add_calendar_api(router, context);
}

}  // namespace resettle::web
