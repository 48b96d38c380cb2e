// Pages about people: caseload, person overview, timeline, add and change a person, record a sentence.
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "web/routes.hpp"

#include <algorithm>

#include "domain/release_dates/key_dates.hpp"
#include "services/people/caseload.hpp"
#include "services/people/person_overview.hpp"
#include "web/kept_pages.hpp"
#include "web/release_dates/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/plan/views.hpp"
#include "web/transfers/views.hpp"

namespace resettle::web {

namespace {

std::string place_name(const std::optional<Prison>& prison, const std::optional<ProbationDeliveryUnit>& pdu) {
  if (prison) return prison->name;
  if (pdu) return pdu->name;
  return staff_text("Not recorded");
}

View caseload_row(const PersonSummary& person, View alerts_cell) {
  auto texts = View::list();
  texts.push_back(person.prison_number.empty() ? staff_text("None") : person.prison_number);
  texts.push_back(person.crn.empty() ? staff_text("None") : person.crn);
  texts.push_back(entry_for(case_stages(), person.stage).label);
  return linked_row(person.full_name(), person_href(person.id), std::move(texts), std::move(alerts_cell));
}

std::string caseload_page(WebContext& context, const Request& request, const Caller& caller, const services::Caseload& caseload,
                          std::string search) {
  auto view = page_view(caller, staff_text("My caseload"), "/caseload");
  const auto& people = caseload.people.items;
  auto rows = View::list_with_room(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) rows.push_back(caseload_row(people[i], plan_alerts_cell(caseload.alerts[i])));
  view["people"] = {{"caption", caseload.whole_unit ? staff_text("Everyone I can see") : staff_text("People allocated to me")},
                    {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Prison number")}}, {{"text", staff_text("CRN")}}, {{"text", staff_text("Stage")}}, {{"text", staff_text("Overdue")}}}},
                    {"rows", std::move(rows)}};
  view["has_people"] = !people.empty();
  view["search"] = std::move(search);
  view["whole_unit"] = caseload.whole_unit;
  add_pagination(view, request, caseload.people.next_cursor);
  return context.templates.render_page("people/caseload", view);
}

// ?view=unit or ?view=mine; otherwise what the caller's role opens on.
services::CaseloadScope scope_param(const Request& request) {
  auto shown = request.query_param("view").value_or("");
  if (shown == "unit") return services::CaseloadScope::unit;
  if (shown == "mine") return services::CaseloadScope::own;
  return services::CaseloadScope::as_role;
}

// Everyone in the caller's unit they may see, or only their own cases, a page at a time.
Response caseload(WebContext& context, services::CaseloadMemo& memo, Request& request, const Caller& caller) {
  auto search = request.query_param("q").value_or("");
  auto caseload = services::kept_caseload_of(context.store, memo, context.clock, caller.staff, scope_param(request), search,
                                             page_request(request, 50));
  // Partner agencies have no caseload: partners open on their referrals, risk partners on the cases they
  // are named on.
  if (!caseload.data)
    return Response::redirect(is_risk_partner(caller.staff.role) ? "/iom/cases" : "/partner/referrals");
  return kept_page(*caseload.made, caller, request, "",
                   [&] { return caseload_page(context, request, caller, *caseload.data, search); });
}

View sentence_rows(const Sentence& sentence) {
  auto rows = View::list();
  auto add = [&](std::string key, std::string value) {
    if (!value.empty()) rows.push_back({{"key", std::move(key)}, {"value", std::move(value)}});
  };
  auto days = [](long count) { return count ? staff_text_plural("((count)) day", "((count)) days", count) : std::string{}; };
  add(staff_text("Type"), std::string{entry_for(sentence_types(), sentence.type).label});
  add(staff_text("Legal status"), std::string{entry_for(legal_statuses(), sentence.legal_status).label});
  if (sentence.type == SentenceType::determinate)
    add(staff_text("Release"), std::string{entry_for(release_schemes(), sentence.release_scheme).label});
  add(staff_text("Offence"), sentence.offence);
  add(staff_text("Sentence date"), to_long_date(sentence.start_date));
  add(staff_text("Length"), days(sentence.length_days.value_or(0)));
  add(staff_text("Time on remand credited"), days(sentence.remand_days));
  add(staff_text("Tagged bail credited"), days(sentence.tagged_bail_days));
  if (sentence.recall) add(staff_text("Recall"), staff_text("Recalled to custody"));
  return rows;
}

// Each current lead and deputy, and who to contact today where a deputy covers an absent lead.
View worker_rows(const std::vector<Allocation>& current, const std::vector<services::RoleContact>& contacts) {
  auto rows = View::list();
  for (const auto& allocation : current)
    rows.push_back({{"key", allocation.kind == AllocationKind::deputy
                                ? staff_text("((role)) (deputy)", {{"role", role_label(allocation.role)}})
                                : std::string{role_label(allocation.role)}},
                    {"value", staff_text("((name)) since ((date))", {{"name", allocation.staff_name}, {"date", to_long_date(allocation.from)}})}});
  for (const auto& contact : contacts)
    if (contact.deputy_covering)
      rows.push_back({{"key", staff_text("Contact now")},
                      {"value", contact.lead_away_until
                                    ? staff_text("((name)) (deputy), while the lead is away until ((date))",
                                                 {{"name", contact.contact.staff_name}, {"date", to_long_date(*contact.lead_away_until)}})
                                    : staff_text("((name)) (deputy), while the lead is away", {{"name", contact.contact.staff_name}})}});
  return rows;
}

// The allocations open to make: the prison roles only while they are in custody.
View allocation_links(std::int64_t person_id, bool in_custody) {
  auto base = person_href(person_id) + "/allocate?role=";
  auto links = View::list();
  if (in_custody)
    for (auto [role, text] : {std::pair{"pom", "Allocate a prison offender manager"}, {"key_worker", "Allocate a key worker"},
                              {"pre_release", "Allocate a pre-release worker"}, {"pom&kind=deputy", "Name a deputy prison offender manager"}})
      links.push_back({{"href", base + role}, {"text", text}});
  links.push_back({{"href", base + "com"}, {"text", staff_text("Allocate a community offender manager")}});
  links.push_back({{"href", base + "com&kind=deputy"}, {"text", staff_text("Name a deputy community offender manager")}});
  return {{"links", links}};
}

// The handover meeting and what needs attention in the handover, for the person page.
View handover_view(const services::HandoverProgress& progress, const std::string& href) {
  auto flags = View::list();
  for (const auto& flag : flags_json(progress.flags)) flags.push_back(flag["label"]);
  View view{{"flags", flags}, {"has_flags", !flags.empty()}};
  if (progress.meeting) {
    const auto& meeting = *progress.meeting;
    view["meeting"] = {{"href", href + "/handover-meeting"},
                       {"text", meeting.status == MeetingStatus::held
                                    ? (meeting.person_attended.value_or(false)
                                           ? staff_text("Held on ((date)) with the person", {{"date", to_long_date(meeting.held_on)}})
                                           : staff_text("Held on ((date)) without the person", {{"date", to_long_date(meeting.held_on)}}))
                                    : staff_text("Scheduled for ((date))", {{"date", to_long_date(meeting.scheduled_on)}})}};
  }
  if (progress.may_schedule) view["schedule_href"] = href + "/handover-meetings/new";
  return view;
}

// RoSH, tier, MAPPA and IOM, with who last set them and when: staff on the case weigh what they
// do by these, so they are on the first page, not behind a link.
View risk_rows(const services::PersonRecord& record) {
  const auto& risk = record.risk_profile;
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Risk of serious harm")},
                  {"value", risk.rosh ? std::string{entry_for(rosh_levels(), *risk.rosh).label} : staff_text("Not assessed")}});
  rows.push_back({{"key", staff_text("Tier")}, {"value", risk.tier ? std::string{entry_for(tiers(), *risk.tier).label} : staff_text("Not recorded")}});
  rows.push_back({{"key", staff_text("MAPPA")}, {"value", entry_for(mappa_levels(), risk.mappa).label}});
  rows.push_back({{"key", staff_text("Integrated Offender Management")}, {"value", risk.iom ? staff_text("Yes") : staff_text("No")}});
  if (const auto& set = record.risk_profile_set) {
    auto on = parse_iso_date(std::string_view{set->at}.substr(0, 10));
    rows.push_back({{"key", staff_text("Last set")}, {"value", on ? staff_text("((name)) on ((date))", {{"name", set->actor_name}, {"date", to_long_date(*on)}}) : set->actor_name}});
  } else {
    rows.push_back({{"key", staff_text("Last set")}, {"value", staff_text("Never recorded")}});
  }
  return rows;
}

struct ToDo {
  std::string text;
  std::string href;
  bool overdue = false;
};

// What needs doing now on the case, overdue first, each linked to where it is done.
View to_do_view(const services::PersonRecord& record, const services::PlanToDo& plan,
                const services::HandoverProgress& handover, const std::vector<services::TransferRecord>& transfers,
                const services::ReleaseSummary& release) {
  auto href = person_href(record.person.id);
  std::vector<ToDo> items;
  for (const auto& action : release.post_release_actions)
    items.push_back({staff_text("Still to do after release: ((item))", {{"item", entry_for(checklist_item_kinds(), action.kind).label}}),
                     href + "/checklist"});
  if (!release.gaps.empty())
    items.push_back({staff_text_plural("Release day: ((count)) thing not in place or not recorded",
                                       "Release day: ((count)) things not in place or not recorded", static_cast<long>(release.gaps.size())),
                     href + "/release-day"});
  if (record.sentences.empty()) items.push_back({staff_text("Record their sentence"), href + "/sentences/new"});
  if (plan.screening_due)
    items.push_back({staff_text("Record the reception screening, due by ((date))", {{"date", to_long_date(*plan.screening_due)}}), href + "/needs/new",
                     plan.screening_overdue});
  if (plan.alerts.overdue_actions > 0)
    items.push_back({staff_text_plural("((count)) overdue action in the resettlement plan",
                                       "((count)) overdue actions in the resettlement plan", plan.alerts.overdue_actions),
                     href + "/plan", true});
  if (plan.alerts.overdue_checklist_items > 0)
    items.push_back({staff_text_plural("((count)) overdue pre-release checklist item",
                                       "((count)) overdue pre-release checklist items", plan.alerts.overdue_checklist_items),
                     href + "/checklist", true});
  for (auto flag : handover.flags)
    items.push_back({std::string{entry_for(handover_flags(), flag).label},
                     handover.meeting ? href + "/handover-meeting" : href + "/handover-meetings/new", true});  // each flag is a date passed
  for (const auto& transfer : transfers)
    if (transfer.transfer.status == TransferStatus::awaiting_acknowledgement && transfer.acknowledgement_overdue)
      items.push_back({staff_text("Transfer to ((place)) not yet acknowledged", {{"place", transfer.to_name}}),
                       "/transfers/" + std::to_string(transfer.transfer.id), true});
  std::stable_partition(items.begin(), items.end(), [](const ToDo& item) { return item.overdue; });
  auto list = View::list();
  for (const auto& item : items) list.push_back({{"text", item.text}, {"href", item.href}, {"overdue", item.overdue}});
  return list;
}

View transfers_view(const std::vector<services::TransferRecord>& records) {
  auto awaiting = View::list();
  for (const auto& record : records) {
    if (record.transfer.status != TransferStatus::awaiting_acknowledgement) continue;
    awaiting.push_back({{"href", "/transfers/" + std::to_string(record.transfer.id)},
                        {"text", staff_text("To ((place)), requested ((date))",
                                           {{"place", record.to_name}, {"date", to_long_date(record.transfer.requested_on)}})},
                        {"overdue", record.acknowledgement_overdue}});
  }
  return awaiting;
}

// The licence's status in words for the person page: which version, its status, and any warning.
std::string licence_status_text(const services::LicenceOverview& overview) {
  std::string text = staff_text("No licence started");
  if (!overview.licences.empty()) {
    const auto& latest = overview.licences.front();
    text = staff_text("Licence ((number)): ((status))",
                      {{"number", std::to_string(latest.number)}, {"status", entry_for(licence_statuses(), latest.status).label}});
  }
  if (overview.warning != LicenceWarning::none) text += ". " + std::string{entry_for(licence_warnings(), overview.warning).label};
  return text;
}

// The day they leave, the GOV.UK way: decided (by whom), or due with the earlier day the rules propose;
// a link to decide it for those who may, when there is an earlier day to choose.
View day_of_release_view(const services::ReleaseDay& release_day, std::int64_t person_id, bool may_decide) {
  const auto& adjustment = release_day.adjustment;
  View view{{"day", to_long_date(release_day.day)}};
  if (may_decide)
    view["decide_href"] = person_href(person_id) + "/day-of-release";
  if (const auto& decision = release_day.decision) {
    auto choice = std::string{entry_for(release_day_choices(), decision->choice).label};
    auto due = to_long_date(adjustment.due_date);
    view["decided"] = decision->requested_by_name.empty()
                          ? staff_text("((choice)), decided by ((name)); due ((date))",
                                       {{"choice", choice}, {"name", decision->decided_by_name}, {"date", due}})
                          : staff_text("((choice)), decided by ((name)) at the request of ((requester)); due ((date))",
                                       {{"choice", choice}, {"name", decision->decided_by_name},
                                        {"requester", decision->requested_by_name}, {"date", due}});
  } else if (auto earlier = adjustment.presumed_date ? adjustment.presumed_date : adjustment.proposed_date) {
    view["proposed"] = staff_text("((flag)). Proposed ((date))",
                                  {{"flag", entry_for(release_day_flags(), adjustment.flag).label}, {"date", to_long_date(*earlier)}});
  }
  return view;
}

Response person_overview(WebContext& context, Request& request, const Caller& caller) {
  auto overview = services::person_overview(context.store, context.clock, context.bank_holidays, caller.staff,
                                            id_param(request, "id"));
  const auto& record = overview.record;
  const auto& person = record.person;
  const auto& responsibility = overview.responsibility;
  auto view = page_view(caller, person.full_name(), "");
  view["person"] = {{"id", person.id}, {"name", person.full_name()}, {"href", person_href(person.id)}};
  view["limited_access"] = record.limited_access;
  view["manages_access"] = overview.may_manage_access;
  view["audits_access"] = overview.may_see_access_history;
  view["identity"] = {{"rows",
                       {{{"key", staff_text("Prison number")}, {"value", person.prison_number.empty() ? staff_text("None") : person.prison_number}},
                        {{"key", staff_text("CRN")}, {"value", person.crn.empty() ? staff_text("None") : person.crn}},
                        {{"key", staff_text("Date of birth")}, {"value", to_long_date(person.date_of_birth)}},
                        {{"key", staff_text("Stage")}, {"value", entry_for(case_stages(), person.stage).label}},
                        {{"key", staff_text("Prison")}, {"value", record.prison ? record.prison->name : staff_text("Not in custody")}},
                        {{"key", staff_text("Probation delivery unit")}, {"value", record.pdu ? record.pdu->name : staff_text("Not recorded")}},
                        {{"key", staff_text("Communication needs")},
                         {"value", person.communication_needs.empty() ? staff_text("None recorded") : person.communication_needs}}}}};
  if (!record.sentences.empty()) {
    const auto& current = record.sentences.front();
    view["sentence"] = {{"rows", sentence_rows(current)}};
    view["key_dates"] = key_date_rows(responsibility.assessment.calculation);
    view["has_key_dates"] = !view["key_dates"].empty();
  }
  view["booking_href"] = person_href(person.id) + "/booking";
  view["workers"] = {{"rows", worker_rows(record.current_allocations, overview.contacts)}};
  view["has_workers"] = !record.current_allocations.empty();
  if (overview.may_allocate) view["allocation_links"] = allocation_links(person.id, overview.in_custody);
  view["may_see_equality_facts"] = overview.may_see_equality_facts;
  view["location"] = place_name(record.prison, record.pdu);
  view["responsibility"] = responsibility_json(responsibility);
  if (responsibility.release_day)
    view["day_of_release"] = day_of_release_view(*responsibility.release_day, person.id, overview.may_decide_release_day);
  view["continuity"] = continuity_text(overview.continuity);
  view["handover"] = handover_view(overview.handover, person_href(person.id));
  view["awaiting_transfers"] = transfers_view(overview.transfers);
  view["risk"] = {{"rows", risk_rows(record)}};
  const auto& release = overview.release;
  if (release.release_day)
    view["released"] = staff_text("((date)) at ((time)) from ((place))", {{"date", to_long_date(release.release_day->release.released_on)},
                                                                       {"time", release.release_day->release.released_at},
                                                                       {"place", release.released_from}});
  view["to_do"] = to_do_view(record, overview.plan, overview.handover, overview.transfers, release);
  view["has_to_do"] = !view["to_do"].empty();
  view["licence"] = licence_status_text(overview.licence);
  return render_page(context, 200, "people/person", view);
}

Response timeline(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto timeline = services::person_timeline(context.store, caller.staff, person_id, page_request(request, 50));
  const auto& events = timeline.events;
  auto view = page_view(caller, staff_text("Timeline: ((name))", {{"name", timeline.person.full_name()}}), "");
  view["person"] = {{"name", timeline.person.full_name()}, {"href", person_href(person_id)}};
  auto entries = View::list();
  for (const auto& event : events.items)
    entries.push_back({{"summary", event.summary}, {"actor", event.actor_name}, {"at", event.at},
                       {"date", to_long_date(parse_iso_date(std::string_view{event.at}.substr(0, 10)))}, {"time", event.at.substr(11, 5)}, {"reason", event.reason}});
  view["events"] = entries;
  view["has_events"] = !entries.empty();
  add_pagination(view, request, events.next_cursor);
  return render_page(context, 200, "people/timeline", view);
}

}  // namespace

void add_people_routes(Router& router, WebContext& context) {
  router.get("/", [](Request&) { return Response::redirect("/caseload"); });
  // Each kept page holds up to 50 people (names, numbers, stage, plan alerts), a few kilobytes, and the
  // page rendered for its viewer's session or two (18-25 kilobytes each on the national data set): some
  // 50 MB when full with one session a viewer.
  auto caseloads = std::make_shared<services::CaseloadMemo>(2000);
  router.get("/caseload", page(context, [&context, caseloads](Request& r, const Caller& c) {
    return caseload(context, *caseloads, r, c);
  }));
  router.get("/people/{id}", page(context, [&](Request& r, const Caller& c) { return person_overview(context, r, c); }));
  router.get("/people/{id}/timeline", page(context, [&](Request& r, const Caller& c) { return timeline(context, r, c); }));
  add_person_forms(router, context);
  add_people_api(router, context);
}

}  // namespace resettle::web
