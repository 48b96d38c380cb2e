// MAPPA pages: the person's MAPPA record (category and level, next meeting due, meetings, actions,
// referrals), the forms that record a decision, a referral and a meeting, one meeting with its
// held and action forms, one action with its status form, and the MAPPA worklist.
#include <memory>

#include "domain/catalogue.hpp"
#include "services/mappa/mappa.hpp"
#include "services/worklist_page.hpp"
#include "web/failures.hpp"
#include "web/mappa/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string mappa_href(std::int64_t person_id) { return person_href(person_id) + "/mappa"; }
std::string meeting_href(std::int64_t id) { return "/mappa/meetings/" + std::to_string(id); }
std::string action_href(std::int64_t id) { return "/mappa/actions/" + std::to_string(id); }

// How many attendee rows the meeting forms offer (the API takes up to max_attendees).
constexpr int attendee_rows = 6;

std::string owner_text(const MappaAction& action) {
  auto agency = std::string{entry_for(agencies(), action.owner_agency).label};
  return action.owner_name.empty() ? agency : staff_text("((agency)): ((name))", {{"agency", agency}, {"name", action.owner_name}});
}

View action_status_cell(const MappaAction& action, Date today) {
  if (action_overdue(action, today)) return {{"tag", {{"text", staff_text("Overdue")}, {"colour", "red"}}}};
  auto colour = action.status == MappaActionStatus::done ? "green" : action.status == MappaActionStatus::open ? "blue" : "grey";
  return {{"tag", {{"text", entry_for(mappa_action_statuses(), action.status).label}, {"colour", colour}}}};
}

View actions_table(const std::vector<MappaAction>& actions, Date today) {
  auto rows = View::list();
  for (const auto& action : actions)
    rows.push_back(linked_row(action.description, action_href(action.id), {owner_text(action), to_long_date(action.due_on)},
                              action_status_cell(action, today)));
  return {{"caption", staff_text("Actions, soonest due first")},
          {"head", {{{"text", staff_text("Action")}}, {{"text", staff_text("Owner")}}, {{"text", staff_text("Due")}}, {{"text", staff_text("Status")}}}},
          {"rows", rows}};
}

View section(std::string heading, View table, bool empty, std::string none) {
  View view{{"heading", std::move(heading)}};
  if (empty) view["none"] = std::move(none);
  else view["table"] = std::move(table);
  return view;
}

std::string named(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
  auto found = names.find(id);
  return found == names.end() ? "" : found->second;
}

View next_meeting_row(const services::PersonMappa& page) {
  if (!page.next_meeting) return {{"key", staff_text("Next meeting due")}, {"value", staff_text("No panel meetings: not managed at level 2 or 3")}};
  const auto& due = *page.next_meeting;
  auto date = to_long_date(due.due);
  auto reason = std::string{entry_for(meeting_due_reasons(), due.reason).label};
  auto text = due.due < page.today ? staff_text("((date)) (((reason))): overdue", {{"date", date}, {"reason", reason}})
                                   : staff_text("((date)) (((reason)))", {{"date", date}, {"reason", reason}});
  return {{"key", staff_text("Next meeting due")}, {"value", text}};
}

// --- The person's MAPPA record --------------------------------------------------------------------

Response mappa_page(WebContext& context, const Caller& caller, std::int64_t person_id) {
  auto page = services::mappa_of(context.store, context.clock, caller.staff, person_id);
  auto view = page_view(caller, staff_text("MAPPA"), "");
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["heading"] = staff_text("MAPPA");
  auto rows = View::list();
  if (page.decisions.empty()) {
    rows.push_back({{"key", staff_text("Category and level")}, {"value", staff_text("Not managed under MAPPA")}});
  } else {
    const auto& current = page.decisions.front();
    rows.push_back({{"key", staff_text("Category")}, {"value", entry_for(mappa_categories(), current.category).label}});
    rows.push_back({{"key", staff_text("Level")}, {"value", entry_for(mappa_decision_levels(), current.level).label}});
    rows.push_back({{"key", staff_text("Decided")}, {"value", staff_text("((date)) by ((name))", {{"date", to_long_date(current.decided_on)}, {"name", current.decided_by}})}});
  }
  rows.push_back(next_meeting_row(page));
  view["summary"] = {{"rows", rows}};
  auto buttons = View::list();
  if (page.may_change) {
    buttons.push_back({{"text", staff_text("Record category and level")}, {"href", mappa_href(person_id) + "/decision"}});
    buttons.push_back({{"text", staff_text("Refer to a panel")}, {"href", mappa_href(person_id) + "/referral"}});
    buttons.push_back({{"text", staff_text("Record a meeting")}, {"href", mappa_href(person_id) + "/meetings/new"}});
  }
  view["has_buttons"] = page.may_change;
  view["buttons"] = buttons;

  auto meetings = View::list();
  for (const auto& meeting : page.meetings)
    meetings.push_back(linked_row(to_long_date(meeting.meeting_on), meeting_href(meeting.id),
                                  {std::string{entry_for(mappa_meeting_kinds(), meeting.kind).label},
                                   std::to_string(meeting.attendees.size())},
                                  std::string{entry_for(mappa_meeting_statuses(), meeting.status).label}));
  auto referrals = View::list();
  for (const auto& referral : page.referrals)
    referrals.push_back({{"texts", View::list({to_long_date(referral.referred_on),
                                               staff_text("Level ((level))", {{"level", entry_for(mappa_decision_levels(), referral.level).code}}),
                                               referral.reason, named(page.staff_names, referral.referred_by)})}});
  auto decisions = View::list();
  for (const auto& decision : page.decisions)
    decisions.push_back({{"texts", View::list({to_long_date(decision.decided_on),
                                               std::string{entry_for(mappa_categories(), decision.category).code},
                                               std::string{entry_for(mappa_decision_levels(), decision.level).code},
                                               decision.decided_by, decision.reason})}});
  auto sections = View::list();
  sections.push_back(section(staff_text("Meetings"),
                             {{"caption", staff_text("Meetings, latest first")},
                              {"head", {{{"text", staff_text("Date")}}, {{"text", staff_text("Kind")}}, {{"text", staff_text("Attendees")}}, {{"text", staff_text("Status")}}}},
                              {"rows", meetings}},
                             page.meetings.empty(), staff_text("No meeting has been recorded.")));
  sections.push_back(section(staff_text("Risk management plan"), actions_table(page.actions, page.today), page.actions.empty(),
                             staff_text("No action has been recorded.")));
  sections.push_back(section(staff_text("Referrals to a panel"),
                             {{"caption", staff_text("Referrals, newest first")},
                              {"head", {{{"text", staff_text("Referred")}}, {{"text", staff_text("Level asked for")}}, {{"text", staff_text("Why")}}, {{"text", staff_text("By")}}}},
                              {"rows", referrals}},
                             page.referrals.empty(), staff_text("No referral has been made.")));
  sections.push_back(section(staff_text("Decisions"),
                             {{"caption", staff_text("Category and level decisions, newest first")},
                              {"head", {{{"text", staff_text("Decided")}}, {{"text", staff_text("Category")}}, {{"text", staff_text("Level")}}, {{"text", staff_text("Who decided")}},
                                        {{"text", staff_text("Why")}}}},
                              {"rows", decisions}},
                             page.decisions.empty(), staff_text("No decision has been recorded.")));
  view["sections"] = sections;
  return render_page(context, 200, "mappa/record", view);
}

// --- The forms that add to it ---------------------------------------------------------------------

// The accounts an attendee row may name, so that being at the meeting opens the case's shared view to them.
View account_options(std::span<const StaffMember> accounts, const std::string& chosen) {
  auto options = View::list();
  for (const auto& account : accounts) {
    auto id = std::to_string(account.id);
    options.push_back({{"value", id}, {"text", account_choice_text(account)}, {"selected", chosen == id}});
  }
  return with_blank_option(options, staff_text("No account: named in words"));
}

// Adds the attendee rows to a form's fields.
void add_attendee_fields(View& fields, const FormState& form, std::span<const StaffMember> accounts) {
  for (int number = 1; number <= attendee_rows; ++number) {
    auto agency = attendee_field(number, "agency"), name = attendee_field(number, "name");
    auto account = attendee_field(number, "staff_id");
    auto number_text = std::to_string(number);
    fields.push_back({{"select", form_field(form, agency, staff_text("Attendee ((number)): agency", {{"number", number_text}}),
                                            {{"options", with_blank_option(coded_options(agencies(), value_of(form, agency), "selected"),
                                                                           staff_text("Choose an agency"))}})}});
    fields.push_back({{"text_input", form_field(form, name, staff_text("Attendee ((number)): name", {{"number", number_text}}))}});
    if (!accounts.empty())
      fields.push_back({{"select", form_field(form, account, staff_text("Attendee ((number)): account (optional)", {{"number", number_text}}),
                                              {{"hint", staff_text("Police, social care and MAPPA coordinator accounts see the case's shared view")},
                                               {"options", account_options(accounts, value_of(form, account))}})}});
  }
}

View decision_fields(const FormState& form, const services::PersonMappa&) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "category", staff_text("Category"),
                                          {{"legend", staff_text("MAPPA category")},
                                           {"items", coded_options(mappa_categories(), value_of(form, "category"), "checked")}})}});
  fields.push_back({{"radios", form_field(form, "level", staff_text("Level"),
                                          {{"legend", staff_text("MAPPA level")},
                                           {"items", coded_options(mappa_decision_levels(), value_of(form, "level"), "checked")}})}});
  fields.push_back({{"date_input", date_form_field(form, "decided_on", staff_text("Date decided"))}});
  fields.push_back({{"text_input", form_field(form, "decided_by", staff_text("Who decided"),
                                              {{"hint", staff_text("For example, the level 2 panel and its chair")}})}});
  fields.push_back({{"textarea", form_field(form, "reason", staff_text("Why (optional)"), {{"rows", 3}})}});
  return fields;
}

View referral_fields(const FormState& form, const services::PersonMappa&) {
  auto levels = View::list();
  for (auto level : {MappaLevel::level_2, MappaLevel::level_3}) {
    const auto& entry = entry_for(mappa_decision_levels(), level);
    levels.push_back({{"value", entry.code}, {"text", entry.label}, {"checked", value_of(form, "level") == entry.code}});
  }
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "level", staff_text("Level"), {{"legend", staff_text("Which panel?")}, {"items", levels}})}});
  fields.push_back({{"textarea", form_field(form, "reason", staff_text("Why refer now"), {{"rows", 4}})}});
  fields.push_back({{"date_input", date_form_field(form, "referred_on", staff_text("Date referred"))}});
  return fields;
}

View meeting_fields(const FormState& form, const services::PersonMappa& page) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "kind", staff_text("Kind"),
                                          {{"legend", staff_text("What kind of meeting?")},
                                           {"items", coded_options(mappa_meeting_kinds(), value_of(form, "kind"), "checked")}})}});
  fields.push_back({{"date_input", date_form_field(form, "meeting_on", staff_text("Meeting date"))}});
  auto held = View::list();
  held.push_back({{"value", "false"}, {"text", staff_text("Planned")}, {"checked", value_of(form, "held") != "true"}});
  held.push_back({{"value", "true"}, {"text", staff_text("Held")}, {"checked", value_of(form, "held") == "true"}});
  fields.push_back({{"radios", form_field(form, "held", staff_text("Held"), {{"legend", staff_text("Has it been held?")}, {"inline", true}, {"items", held}})}});
  add_attendee_fields(fields, form, page.attendee_accounts);
  fields.push_back({{"textarea", form_field(form, "notes", staff_text("Notes (optional)"), {{"rows", 3}})}});
  return fields;
}

struct PersonForm {
  std::string path;     // under the person's MAPPA page
  std::string heading;
  std::string submit;
  View (*fields)(const FormState&, const services::PersonMappa&);
};

const PersonForm decision_form{"/decision", "Record category and level", "Record the decision", decision_fields};
const PersonForm referral_form{"/referral", "Refer to a MAPPA panel", "Record the referral", referral_fields};
const PersonForm meeting_form{"/meetings", "Record a MAPPA meeting", "Record the meeting", meeting_fields};

Response person_form(WebContext& context, const Caller& caller, std::int64_t person_id, const PersonForm& shown,
                     const FormState& form) {
  auto page = services::mappa_of(context.store, context.clock, caller.staff, person_id);
  if (!page.may_change) throw Forbidden("partner agencies do not record MAPPA");
  auto view = page_view(caller, shown.heading, "");
  add_errors(view, form);
  view["person"] = {{"name", page.person.full_name()}, {"href", mappa_href(person_id)}};
  view["heading"] = shown.heading;
  view["action"] = mappa_href(person_id) + shown.path;
  view["submit"] = shown.submit;
  view["fields"] = shown.fields(form, page);
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

template <typename Step>
Response submit_person_form(WebContext& context, Request& request, const Caller& caller, const PersonForm& shown, Step step) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] { step(context.store, context.clock, caller.staff, person_id, form.values); });
  if (form.errors.empty()) return Response::redirect(mappa_href(person_id));
  return person_form(context, caller, person_id, shown, form);
}

// --- One meeting, one action ----------------------------------------------------------------------

View held_form(const FormState& form, const MappaMeeting& meeting, std::span<const StaffMember> accounts) {
  auto fields = View::list();
  add_attendee_fields(fields, form, accounts);
  fields.push_back({{"textarea", form_field(form, "notes", staff_text("Notes (optional)"), {{"rows", 3}})}});
  return {{"heading", staff_text("Record that it was held")},
          {"intro", staff_text("Name who attended, or leave the rows empty to keep those already recorded.")},
          {"action", meeting_href(meeting.id) + "/held"}, {"version", meeting.version},
          {"fields", fields}, {"submit", staff_text("Record as held")}};
}

// "Condition 3: <its wording>", for the condition of the person's latest licence with this key.
std::string condition_text(const WebContext& context, const Licence& licence, int key) {
  for (const auto& condition : licence.conditions)
    if (condition.key == key)
      return staff_text("Condition ((key)): ((wording))",
                        {{"key", std::to_string(key)},
                         {"wording", render(condition, context.licence_conditions.version(licence.policy_version)).wording}});
  return staff_text("Condition ((key)) (no longer on the licence)", {{"key", std::to_string(key)}});
}

std::string objective_text(const services::LinkTargets& targets, std::int64_t id) {
  for (const auto& objective : targets.objectives)
    if (objective.id == id) return objective.goal;
  return staff_text("An objective no longer on the plan");
}

// An action that needs a licence condition names it, or the plan's objective before there is a
// licence: the form offers the one the person has (a licence's conditions once there is one).
View link_field(const WebContext& context, const FormState& form, const services::LinkTargets& targets) {
  auto options = View::list();
  if (targets.licence) {
    for (const auto& condition : targets.licence->conditions) {
      auto key = std::to_string(condition.key);
      options.push_back({{"value", key}, {"text", condition_text(context, *targets.licence, condition.key)},
                         {"selected", value_of(form, "condition_key") == key}});
    }
    return {{"select", form_field(form, "condition_key", staff_text("Licence condition it needs (optional)"),
                                  {{"options", with_blank_option(options, staff_text("None"))}})}};
  }
  for (const auto& objective : targets.objectives) {
    auto id = std::to_string(objective.id);
    options.push_back({{"value", id}, {"text", objective.goal}, {"selected", value_of(form, "objective_id") == id}});
  }
  return {{"select", form_field(form, "objective_id", staff_text("Plan objective it needs, until there is a licence (optional)"),
                                {{"options", with_blank_option(options, staff_text("None"))}})}};
}

View action_form(const WebContext& context, const FormState& form, const MappaMeeting& meeting,
                 const services::LinkTargets& targets) {
  auto fields = View::list();
  fields.push_back({{"textarea", form_field(form, "description", staff_text("What is to be done"), {{"rows", 3}})}});
  fields.push_back({{"select", form_field(form, "owner_agency", staff_text("Owner's agency"),
                                          {{"options", with_blank_option(coded_options(agencies(), value_of(form, "owner_agency"), "selected"),
                                                                         staff_text("Choose an agency"))}})}});
  fields.push_back({{"text_input", form_field(form, "owner_name", staff_text("Owner's name (optional)"))}});
  fields.push_back({{"date_input", date_form_field(form, "due_on", staff_text("Due by"))}});
  fields.push_back(link_field(context, form, targets));
  return {{"heading", staff_text("Add an action to the risk management plan")}, {"action", meeting_href(meeting.id) + "/actions"},
          {"fields", fields}, {"submit", staff_text("Add the action")}};
}

Response meeting_page(WebContext& context, const Caller& caller, std::int64_t id, const FormState& form,
                      std::string_view submitted) {
  auto record = services::find_mappa_meeting(context.store, context.clock, caller.staff, id);
  const auto& meeting = record.meeting;
  auto view = page_view(caller, staff_text("MAPPA meeting"), "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", mappa_href(record.person.id)}};
  view["heading"] = std::string{entry_for(mappa_meeting_kinds(), meeting.kind).label} + ", " + to_long_date(meeting.meeting_on);
  view["tag"] = {{"text", entry_for(mappa_meeting_statuses(), meeting.status).label},
                 {"colour", meeting.status == MappaMeetingStatus::held ? "green" : "blue"}};
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Recorded by")}, {"value", record.recorded_by_name}});
  if (!meeting.notes.empty()) rows.push_back({{"key", staff_text("Notes")}, {"value", meeting.notes}});
  view["summary"] = {{"rows", rows}};
  auto attendees = View::list();
  for (const auto& attendee : meeting.attendees)
    attendees.push_back({{"texts", View::list({std::string{entry_for(agencies(), attendee.agency).label}, attendee.name})}});
  auto sections = View::list();
  sections.push_back(section(staff_text("Attendees"),
                             {{"caption", staff_text("Who attended")}, {"head", {{{"text", staff_text("Agency")}}, {{"text", staff_text("Name")}}}}, {"rows", attendees}},
                             meeting.attendees.empty(), staff_text("Nobody is recorded yet.")));
  sections.push_back(section(staff_text("Actions"), actions_table(record.actions, record.today), record.actions.empty(),
                             staff_text("No action has been set at this meeting.")));
  view["sections"] = sections;
  auto forms = View::list();
  if (record.may_change && meeting.status == MappaMeetingStatus::planned)
    forms.push_back(held_form(submitted == "held" ? form : FormState{}, meeting, record.attendee_accounts));
  if (record.may_change)
    forms.push_back(action_form(context, submitted == "action" ? form : FormState{}, meeting, record.link_targets));
  view["forms"] = forms;
  return render_page(context, form.errors.empty() ? 200 : 422, "mappa/record", view);
}

Response action_page(WebContext& context, const Caller& caller, std::int64_t id, const FormState& form) {
  auto record = services::find_mappa_action(context.store, context.clock, caller.staff, id);
  const auto& action = record.action;
  auto view = page_view(caller, staff_text("MAPPA action"), "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", mappa_href(record.person.id)}};
  view["heading"] = staff_text("Risk management action");
  view["tag"] = action_status_cell(action, context.clock.today())["tag"];
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Action")}, {"value", action.description}});
  rows.push_back({{"key", staff_text("Owner")}, {"value", owner_text(action)}});
  rows.push_back({{"key", staff_text("Due")}, {"value", to_long_date(action.due_on)}});
  rows.push_back({{"key", staff_text("Set at")}, {"value", staff_text("Meeting")}, {"action", {{"href", meeting_href(action.meeting_id)}, {"text", staff_text("View")},
                                                                       {"hidden_text", staff_text("the meeting")}}}});
  const auto& targets = record.link_targets;
  if (action.condition_key && targets.licence)
    rows.push_back({{"key", staff_text("Licence condition")}, {"value", condition_text(context, *targets.licence, *action.condition_key)},
                    {"action", {{"href", person_href(record.person.id) + "/licence"}, {"text", staff_text("View")}, {"hidden_text", staff_text("the licence")}}}});
  if (action.objective_id)
    rows.push_back({{"key", staff_text("Plan objective")}, {"value", objective_text(targets, *action.objective_id)},
                    {"action", {{"href", person_href(record.person.id) + "/plan"}, {"text", staff_text("View")}, {"hidden_text", staff_text("the plan")}}}});
  view["summary"] = {{"rows", rows}};
  if (record.may_change) {
    auto fields = View::list();
    auto chosen = form.values.empty() ? std::string{entry_for(mappa_action_statuses(), action.status).code} : value_of(form, "status");
    fields.push_back({{"radios", form_field(form, "status", staff_text("Status"),
                                            {{"legend", staff_text("Status")}, {"items", coded_options(mappa_action_statuses(), chosen, "checked")}})}});
    view["forms"] = View::list({View{{"heading", staff_text("Change its status")}, {"action", action_href(id) + "/status"},
                                     {"version", action.version}, {"fields", fields}, {"submit", staff_text("Save the status")}}});
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "mappa/record", view);
}

// --- The worklist ---------------------------------------------------------------------------------

Response worklist_page(WebContext& context, services::MappaWorklistMemo& memo, Request& request, const Caller& caller) {
  auto page = services::kept_mappa_worklist(context.store, memo, context.clock, caller.staff, worklist_request(request));
  auto places = services::place_names(context.store);
  auto rows = View::list_with_room(page->items.size());
  for (const auto& item : page->items) {
    const auto& row = item.row;
    const auto& code = row.prison_code.empty() ? row.pdu_code : row.prison_code;
    auto place = places.find(code);
    std::string meeting = staff_text("Not due");
    if (item.meeting_due) {
      auto due = to_long_date(item.meeting_due->due);
      auto reason = entry_for(meeting_due_reasons(), item.meeting_due->reason).label;
      meeting = item.meeting_overdue ? staff_text("((date)) (overdue), ((reason))", {{"date", due}, {"reason", reason}})
                                     : staff_text("((date)), ((reason))", {{"date", due}, {"reason", reason}});
    }
    rows.push_back(linked_row(row.person.full_name(), mappa_href(row.person.id),
                              {row.person.prison_number.empty() ? row.person.crn : row.person.prison_number,
                               place == places.end() ? code : place->second,
                               row.facts.level == MappaLevel::none ? staff_text("None") : std::string{entry_for(mappa_levels(), row.facts.level).code},
                               meeting, std::to_string(row.actions_overdue)},
                              std::to_string(row.requests_overdue)));
  }
  auto view = page_view(caller, staff_text("MAPPA and information sharing worklist"), "/worklists");
  view["back_link"] = {{"href", "/worklists"}, {"text", staff_text("Worklists")}};
  view["prison_code"] = request.query_param("prison_code").value_or("");
  view["pdu_code"] = request.query_param("pdu_code").value_or("");
  view["table"] = {{"caption", staff_text("Meetings due, actions and requests overdue")},
                   {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Number")}}, {{"text", staff_text("Prison or PDU")}}, {{"text", staff_text("MAPPA level")}},
                             {{"text", staff_text("Next meeting")}}, {{"text", staff_text("Actions overdue")}}, {{"text", staff_text("Requests overdue")}}}},
                   {"rows", std::move(rows)},
                   {"empty", page->items.empty()}};
  add_pagination(view, request, page->next_cursor);
  return render_page(context, 200, "mappa/worklist", view);
}

}  // namespace

void add_mappa_routes(Router& router, WebContext& context) {
  auto on = [&](auto handler) { return page(context, handler); };
  router.get("/people/{id}/mappa", on([&](Request& r, const Caller& c) { return mappa_page(context, c, id_param(r, "id")); }));
  router.get("/people/{id}/mappa/decision", on([&](Request& r, const Caller& c) {
               return person_form(context, c, id_param(r, "id"), decision_form, {});
             }));
  router.post("/people/{id}/mappa/decision", on([&](Request& r, const Caller& c) {
                return submit_person_form(context, r, c, decision_form, &services::record_mappa_decision);
              }));
  router.get("/people/{id}/mappa/referral", on([&](Request& r, const Caller& c) {
               return person_form(context, c, id_param(r, "id"), referral_form, {});
             }));
  router.post("/people/{id}/mappa/referral", on([&](Request& r, const Caller& c) {
                return submit_person_form(context, r, c, referral_form, &services::refer_to_mappa_panel);
              }));
  router.get("/people/{id}/mappa/meetings/new", on([&](Request& r, const Caller& c) {
               return person_form(context, c, id_param(r, "id"), meeting_form, {});
             }));
  router.post("/people/{id}/mappa/meetings", on([&](Request& r, const Caller& c) {
                return submit_person_form(context, r, c, meeting_form, &services::record_mappa_meeting);
              }));
  router.get("/mappa/meetings/{id}", on([&](Request& r, const Caller& c) {
               return meeting_page(context, c, id_param(r, "id"), {}, "");
             }));
  router.post("/mappa/meetings/{id}/held", on([&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto form = submitted_form(r);
                auto version = take_submitted_version(form.values);
                form.errors = errors_from([&] {
                  services::mark_mappa_meeting_held(context.store, context.clock, c.staff, id, form.values, version);
                });
                if (form.errors.empty()) return Response::redirect(meeting_href(id));
                return meeting_page(context, c, id, form, "held");
              }));
  router.post("/mappa/meetings/{id}/actions", on([&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto form = submitted_form(r);
                form.errors = errors_from([&] { services::add_mappa_action(context.store, c.staff, id, form.values); });
                if (form.errors.empty()) return Response::redirect(meeting_href(id));
                return meeting_page(context, c, id, form, "action");
              }));
  router.get("/mappa/actions/{id}", on([&](Request& r, const Caller& c) { return action_page(context, c, id_param(r, "id"), {}); }));
  router.post("/mappa/actions/{id}/status", on([&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto form = submitted_form(r);
                auto version = take_submitted_version(form.values);
                form.errors = errors_from([&] { services::change_mappa_action(context.store, c.staff, id, form.values, version); });
                if (form.errors.empty()) return Response::redirect(action_href(id));
                return action_page(context, c, id, form);
              }));
  auto worklist_memo = std::make_shared<services::MappaWorklistMemo>(2000);
  router.get("/worklists/mappa", on([&context, worklist_memo](Request& r, const Caller& c) {
               return worklist_page(context, *worklist_memo, r, c);
             }));
  add_information_sharing_routes(router, context);
  add_iom_routes(router, context);
  add_mappa_api(router, context);
}

}  // namespace resettle::web
