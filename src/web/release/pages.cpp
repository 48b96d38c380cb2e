// The release day page: before release, the form that records the release with what is in place
// (prefilled from the pre-release checklist); after, the record, its gaps and the checklist's
// post-release actions, and the form that changes what is in place.
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/release/releases.hpp"
#include "web/failures.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string release_day_href(std::int64_t person_id) { return person_href(person_id) + "/release-day"; }

// Radios from a code table with a last choice for "not known yet" (an empty value: not recorded).
template <typename E>
View radios_field(const FormState& form, const std::string& name, std::string legend, std::span<const Coded<E>> list) {
  auto selected = form.values.contains(name) ? form.values.at(name) : std::string{};
  auto items = coded_options(list, selected, "checked");
  items.push_back({{"value", ""}, {"text", staff_text("Not known yet")}, {"checked", selected.empty()}});
  return form_field(form, name, legend, {{"legend", legend}, {"items", std::move(items)}});
}

View provision_fields(const FormState& form) {
  auto fields = View::list();
  for (const auto& provision : release_provisions()) {
    auto code = std::string{provision.code};
    fields.push_back({{"status", radios_field(form, code, std::string{provision.label}, provision_statuses())},
                      {"detail", form_field(form, code + "_detail", staff_text("Details of ((provision)) (optional)", {{"provision", provision.label}}))}});
  }
  return fields;
}

View form_fields(WebContext& context, const FormState& form, bool with_release) {
  View fields{{"tonight", radios_field(form, "tonight", staff_text("Where they stay tonight"), first_night_accommodations())},
              {"address", form_field(form, "address", staff_text("Address for tonight"), {{"hint", staff_text("Not needed for no fixed abode")}})},
              {"provisions", provision_fields(form)},
              {"medication_days", form_field(form, "medication_days", staff_text("Days of medication supplied"),
                                             {{"hint", staff_text("When medication is in place")}, {"width", "govuk-input--width-3"}})}};
  if (!with_release) return fields;
  auto prison = form.values.contains("prison_code") ? form.values.at("prison_code") : std::string{};
  auto prisons = View::list();
  for (const auto& place : services::list_places(context.store).prisons)
    prisons.push_back({{"value", place.code}, {"text", place.name}, {"selected", place.code == prison}});
  fields["released_on"] = date_form_field(form, "released_on", staff_text("Date of release"));
  fields["released_at"] = form_field(form, "released_at", staff_text("Time of release"),
                                     {{"hint", staff_text("On the 24-hour clock, for example 09:30")}, {"width", "govuk-input--width-5"}});
  fields["prison_code"] = form_field(form, "prison_code", staff_text("Released from"),
                                     {{"options", with_blank_option(std::move(prisons), staff_text("Choose the prison"))}});
  return fields;
}

std::string provision_text(const ReleaseDayArrangements& arrangements, ReleaseProvision provision) {
  auto found = arrangements.provisions.find(provision);
  if (found == arrangements.provisions.end()) return staff_text("Not recorded");
  auto text = std::string{entry_for(provision_statuses(), found->second.status).label};
  if (provision == ReleaseProvision::medication && arrangements.medication_days && found->second.status == ProvisionStatus::in_place)
    text = staff_text_plural("((status)): ((count)) day", "((status)): ((count)) days", *arrangements.medication_days, {{"status", text}});
  return found->second.detail.empty() ? text : staff_text("((status)) (((detail)))", {{"status", text}, {"detail", found->second.detail}});
}

View record_rows(const services::ReleaseSummary& summary) {
  const auto& record = *summary.release_day;
  const auto& arrangements = record.arrangements;
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Released")},
                  {"value", staff_text("((date)) at ((time)) from ((place))", {{"date", to_long_date(record.release.released_on)},
                                                                               {"time", record.release.released_at},
                                                                               {"place", summary.released_from}})}});
  auto tonight = arrangements.tonight ? std::string{entry_for(first_night_accommodations(), *arrangements.tonight).label}
                                      : std::string{staff_text("Not recorded")};
  rows.push_back({{"key", staff_text("Tonight")}, {"value", arrangements.address.empty() ? tonight : tonight + ": " + arrangements.address}});
  for (const auto& provision : release_provisions())
    rows.push_back({{"key", provision.label}, {"value", provision_text(arrangements, provision.value)}});
  return rows;
}

View gap_list(const std::vector<ReleaseDayGap>& gaps) {
  auto list = View::list();
  for (const auto& gap : gaps) list.push_back({{"text", gap.text}, {"href", "#" + gap.field}});
  return list;
}

// The page from a view already read; `form` is the form as submitted (with its errors) or as it opens.
Response release_day_page(WebContext& context, const Caller& caller, const services::ReleaseDayView& day,
                          const FormState& form, std::string success = {}) {
  const auto& person = day.person;
  auto person_id = person.id;
  auto view = page_view(caller, staff_text("Release day: ((name))", {{"name", person.full_name()}}), "");
  add_errors(view, form);
  if (!success.empty()) view["success"] = std::move(success);
  view["person"] = {{"name", person.full_name()}, {"href", person_href(person_id)}};
  view["checklist_href"] = person_href(person_id) + "/checklist";
  const auto& summary = day.summary;
  bool released = summary.release_day.has_value();
  view["gaps"] = gap_list(released ? summary.gaps : day.form_gaps);
  view["has_gaps"] = !view["gaps"].empty();
  if (released) {
    view["record"] = {{"rows", record_rows(summary)}};
    auto actions = View::list();
    for (const auto& item : summary.post_release_actions)
      actions.push_back({{"text", std::string{entry_for(checklist_item_kinds(), item.kind).label}}, {"due", to_long_date(item.due)}});
    view["post_release_actions"] = actions;
    view["has_post_release_actions"] = !actions.empty();
  }
  if (day.may_record && (released || day.releasable)) {
    view["form"] = {{"action", released ? release_day_href(person_id) : person_href(person_id) + "/release"},
                    {"release", !released},
                    {"version", released ? summary.release_day->version : 0},
                    {"button", released ? staff_text("Save the release day record") : staff_text("Record the release")},
                    {"fields", form_fields(context, form, !released)}};
  }
  view["not_releasable"] = !released && !day.releasable;
  view["stage"] = entry_for(case_stages(), person.stage).label;
  return render_page(context, form.errors.empty() ? 200 : 422, "release/release_day", view);
}

Response release_day_page(WebContext& context, const Caller& caller, std::int64_t person_id) {
  auto day = services::view_release_day(context.store, context.clock, caller.staff, person_id);
  return release_day_page(context, caller, day, FormState{day.form, {}});
}

// The form again with its errors, when a change was refused.
Response refused_form(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  return release_day_page(context, caller, services::view_release_day(context.store, context.clock, caller.staff, person_id), form);
}

// Recording the release answers with the page as the release left it, rather than a redirect: prison
// staff who record it no longer see the person once released.
Response record_release(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  take_submitted_version(form.values);
  std::optional<services::ReleaseDayView> released;
  form.errors = errors_from([&] { released = services::record_release(context.store, context.clock, caller.staff, person_id, form.values); },
                            "released_on");
  if (!released) return refused_form(context, caller, person_id, form);
  return release_day_page(context, caller, *released, FormState{released->form, {}},
                          "Released: the case is now with their community offender manager");
}

Response update_release_day(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] {
    services::update_release_day(context.store, context.clock, caller.staff, person_id, form.values, version);
  }, "tonight");
  if (form.errors.empty()) return Response::redirect(release_day_href(person_id));
  return refused_form(context, caller, person_id, form);
}

}  // namespace

void add_release_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/release-day", page(context, [&](Request& r, const Caller& c) {
    return release_day_page(context, c, id_param(r, "id"));
  }));
  router.post("/people/{id}/release", page(context, [&](Request& r, const Caller& c) { return record_release(context, r, c); }));
  router.post("/people/{id}/release-day", page(context, [&](Request& r, const Caller& c) { return update_release_day(context, r, c); }));
  add_release_api(router, context);
}

}  // namespace resettle::web
