// Who may see a case: the exclusion and restriction lists, as pages for managers and
// administrators on the person's record and as JSON API resources.
#include <algorithm>

#include "domain/catalogue.hpp"
#include "services/limited_access/limited_access.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

std::string lists_href(std::int64_t id) { return person_href(id) + "/limited-access"; }

nlohmann::json entry_json(const LimitedAccessEntry& entry) {
  return {{"id", entry.id},
          {"list", entry_for(access_lists(), entry.list).code},
          {"staff_id", entry.staff_id},
          {"username", entry.staff_username},
          {"staff_name", entry.staff_name},
          {"reason", entry.reason},
          {"added_by", entry.added_by},
          {"added_by_name", entry.added_by_name},
          {"added_at", entry.added_at}};
}

nlohmann::json entries_json(std::int64_t person_id, const std::vector<LimitedAccessEntry>& entries) {
  auto items = nlohmann::json::array();
  for (const auto& entry : entries) items.push_back(entry_json(entry));
  return {{"person_id", person_id}, {"limited", !entries.empty()}, {"entries", items}};
}

// One list's rows: who, why, added by whom and when, and a link to end the entry unless ending
// it would lock the actor out.
View list_table(const services::LimitedAccessView& view, AccessList list, const StaffMember& actor,
                          std::string caption) {
  auto rows = View::list();
  for (const auto& entry : view.entries) {
    if (entry.list != list) continue;
    auto end = would_lock_out(entry, view.entries, actor.id)
                   ? View{{"text", staff_text("Another member of staff on the list can take you off it")}}
                   : View{{"text", staff_text("End")},
                                    {"href", lists_href(view.person.id) + "/" + std::to_string(entry.id) + "/end"}};
    rows.push_back({{"cells",
                     {{{"text", entry.staff_name + " (" + entry.staff_username + ")"}, {"header", true}},
                      {{"text", entry.reason}},
                      {{"text", entry.added_by_name + ", " + entry.added_at.substr(0, 10)}},
                      end}}});
  }
  if (rows.empty()) return nullptr;
  return {{"caption", std::move(caption)},
          {"head", {{{"text", staff_text("Member of staff")}}, {{"text", staff_text("Reason")}}, {{"text", staff_text("Added by")}}, {{"text", staff_text("Action")}}}},
          {"rows", rows}};
}

Response lists_page(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form) {
  auto lists = services::view_limited_access(context.store, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Who may see ((name))", {{"name", lists.person.full_name()}}), "");
  add_errors(view, form);
  view["person"] = {{"name", lists.person.full_name()}, {"href", person_href(person_id)}};
  view["action"] = lists_href(person_id);
  view["limited"] = !lists.entries.empty();
  view["exclusions"] = list_table(lists, AccessList::exclusion, caller.staff, "Excluded from this case");
  view["restrictions"] = list_table(lists, AccessList::restriction, caller.staff, "Only these staff may see this case");
  auto refused = View::list();
  for (const auto& attempt : lists.refused)
    refused.push_back({{"cells", {{{"text", attempt.at.substr(0, 10) + " " + attempt.at.substr(11, 5)}},
                                  {{"text", attempt.staff_name}},
                                  {{"text", attempt.what}}}}});
  if (!refused.empty())
    view["refused"] = {{"caption", staff_text("Refused attempts to see this case")},
                       {"head", {{{"text", staff_text("When (UTC)")}}, {{"text", staff_text("Member of staff")}}, {{"text", staff_text("What they tried")}}}},
                       {"rows", refused}};
  auto list_items = coded_options(access_lists(), form.values["list"], "checked");
  list_items[0]["text"] = staff_text("Exclude them: they must not see this case");
  list_items[1]["text"] = staff_text("Add them to the restriction list: only staff on it may see this case");
  view["fields"] = {
      {"list", form_field(form, "list", staff_text("List"), {{"legend", staff_text("Which list")}, {"items", list_items}})},
      {"username", form_field(form, "username", staff_text("Username of the member of staff"),
                              {{"width", "govuk-input--width-20"}, {"spellcheck_off", true}})},
      {"reason", form_field(form, "reason", staff_text("Reason"), {{"hint", staff_text("Why their access is limited, for the case record")}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "limited_access/limited_access", view);
}

Response end_page(WebContext& context, const Caller& caller, std::int64_t person_id, std::int64_t entry_id,
                  const FormState& form) {
  auto lists = services::view_limited_access(context.store, caller.staff, person_id);
  auto entry = std::find_if(lists.entries.begin(), lists.entries.end(),
                            [&](const LimitedAccessEntry& e) { return e.id == entry_id; });
  if (entry == lists.entries.end()) throw NotFound("no such current entry");
  bool exclusion = entry->list == AccessList::exclusion;
  auto title = exclusion ? staff_text("End ((name))'s exclusion", {{"name", entry->staff_name}})
                         : staff_text("Take ((name)) off the restriction list", {{"name", entry->staff_name}});
  auto view = page_view(caller, title, "");
  add_errors(view, form);
  view["heading"] = title;
  view["person"] = {{"name", lists.person.full_name()}, {"href", lists_href(person_id)}};
  view["action"] = lists_href(person_id) + "/" + std::to_string(entry_id) + "/end";
  view["consequence"] = exclusion ? staff_text("((name)) will be able to see this case again if it is in their prison, "
                                               "probation delivery unit or caseload.", {{"name", entry->staff_name}})
                                  : staff_text("((name)) will no longer see this case while it has a restriction list.",
                                               {{"name", entry->staff_name}});
  view["fields"] = {{"reason", form_field(form, "reason", staff_text("Reason"), {{"hint", staff_text("Why this entry is no longer needed")}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "limited_access/limited_access_end", view);
}

void add_pages(Router& router, WebContext& context) {
  router.get("/people/{id}/limited-access", page(context, [&](Request& r, const Caller& c) {
               return lists_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/limited-access", page(context, [&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto form = submitted_form(r);
                form.errors = errors_from([&] { services::add_limited_access(context.store, c.staff, id, form.values); });
                if (form.errors.empty()) return Response::redirect(lists_href(id));
                return lists_page(context, c, id, std::move(form));
              }));
  router.get("/people/{id}/limited-access/{entry}/end", page(context, [&](Request& r, const Caller& c) {
               return end_page(context, c, id_param(r, "id"), id_param(r, "entry"), {});
             }));
  router.post("/people/{id}/limited-access/{entry}/end", page(context, [&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto entry = id_param(r, "entry");
                auto form = submitted_form(r);
                form.errors = errors_from([&] { services::end_limited_access(context.store, c.staff, id, entry, form.values); });
                if (form.errors.empty()) return Response::redirect(lists_href(id));
                return end_page(context, c, id, entry, form);
              }));
}

// Every member but these is a bad field (see fields_from_json).
const FieldInput entry_fields{{"list", ""}, {"username", ""}, {"reason", ""}};
const FieldInput end_fields{{"reason", ""}};

void add_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/limited-access", [&](Request& request, const Caller& caller) {
    auto lists = services::view_limited_access(context.store, caller.staff, id_param(request, "id"));
    auto body = entries_json(lists.person.id, lists.entries);
    body["refused_attempts"] = nlohmann::json::array();
    for (const auto& attempt : lists.refused)
      body["refused_attempts"].push_back(
          {{"at", attempt.at}, {"staff_id", attempt.staff_id}, {"staff_name", attempt.staff_name}, {"what", attempt.what}});
    return json_response(200, body);
  });
  route("POST", "/api/v1/people/{id}/limited-access", [&](Request& request, const Caller& caller) {
    auto id = id_param(request, "id");
    auto fields = fields_from_json(parse_body(request), entry_fields);
    return json_response(201, entries_json(id, services::add_limited_access(context.store, caller.staff, id, fields)));
  });
  route("POST", "/api/v1/people/{id}/limited-access/{entry}/end", [&](Request& request, const Caller& caller) {
    auto id = id_param(request, "id");
    auto fields = fields_from_json(parse_body(request), end_fields);
    return json_response(
        200, entries_json(id, services::end_limited_access(context.store, caller.staff, id, id_param(request, "entry"), fields)));
  });
}

}  // namespace

void add_limited_access_routes(Router& router, WebContext& context) {
  add_pages(router, context);
  add_api(router, context);
}

}  // namespace resettle::web
