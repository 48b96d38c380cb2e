// The JSON shapes of MAPPA and information sharing (see views.hpp).
#include "web/mappa/views.hpp"

#include "domain/catalogue.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"

namespace resettle::web {

namespace {
nlohmann::json date_or_null(const std::optional<Date>& date) { return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr); }

nlohmann::json meeting_due_json(const std::optional<MeetingDue>& due, Date today) {
  if (!due) return nullptr;
  return {{"due_on", to_iso(due->due)}, {"reason", entry_for(meeting_due_reasons(), due->reason).code},
          {"overdue", due->due < today}};
}

template <typename T, typename ToJson>
nlohmann::json list_json(const std::vector<T>& items, ToJson to_json) {
  auto list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}
}  // namespace

std::string account_choice_text(const StaffMember& account) {
  return account.display_name + " (" + std::string{role_label(account.role)} +
         (account.organisation.empty() ? "" : ", " + account.organisation) + ")";
}

nlohmann::json mappa_decision_json(const MappaDecision& d) {
  return {{"id", d.id},
          {"person_id", d.person_id},
          {"category", entry_for(mappa_categories(), d.category).code},
          {"level", entry_for(mappa_decision_levels(), d.level).code},
          {"decided_on", to_iso(d.decided_on)},
          {"decided_by", d.decided_by},
          {"reason", d.reason},
          {"recorded_by", d.recorded_by}};
}

nlohmann::json mappa_referral_json(const MappaReferral& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"level", entry_for(mappa_decision_levels(), r.level).code},
          {"reason", r.reason},
          {"referred_on", to_iso(r.referred_on)},
          {"referred_by", r.referred_by}};
}

nlohmann::json mappa_meeting_json(const MappaMeeting& m) {
  auto attendees = nlohmann::json::array();
  for (const auto& attendee : m.attendees)
    attendees.push_back({{"agency", entry_for(agencies(), attendee.agency).code},
                         {"name", attendee.name},
                         {"staff_id", attendee.staff_id ? nlohmann::json(*attendee.staff_id) : nlohmann::json(nullptr)}});
  return {{"id", m.id},
          {"version", m.version},
          {"person_id", m.person_id},
          {"kind", entry_for(mappa_meeting_kinds(), m.kind).code},
          {"meeting_on", to_iso(m.meeting_on)},
          {"status", entry_for(mappa_meeting_statuses(), m.status).code},
          {"attendees", attendees},
          {"notes", m.notes},
          {"recorded_by", m.recorded_by}};
}

View needed_by_view(const std::vector<MappaAction>& actions) {
  auto list = View::list();
  for (const auto& action : actions)
    list.push_back({{"text", staff_text("((action)), due ((date))", {{"action", action.description}, {"date", to_long_date(action.due_on)}})},
                    {"href", "/mappa/actions/" + std::to_string(action.id)}});
  return list;
}

nlohmann::json mappa_action_json(const MappaAction& a, Date today) {
  return {{"id", a.id},
          {"version", a.version},
          {"meeting_id", a.meeting_id},
          {"person_id", a.person_id},
          {"description", a.description},
          {"owner_agency", entry_for(agencies(), a.owner_agency).code},
          {"owner_name", a.owner_name},
          {"due_on", to_iso(a.due_on)},
          {"status", entry_for(mappa_action_statuses(), a.status).code},
          {"overdue", action_overdue(a, today)},
          {"condition_key", a.condition_key ? nlohmann::json(*a.condition_key) : nlohmann::json(nullptr)},
          {"objective_id", a.objective_id ? nlohmann::json(*a.objective_id) : nlohmann::json(nullptr)}};
}

nlohmann::json person_mappa_json(const services::PersonMappa& page) {
  const auto* current = page.decisions.empty() ? nullptr : &page.decisions.front();
  return {{"person_id", page.person.id},
          {"category", current ? nlohmann::json(entry_for(mappa_categories(), current->category).code) : nlohmann::json(nullptr)},
          {"level", current ? nlohmann::json(entry_for(mappa_decision_levels(), current->level).code) : nlohmann::json(nullptr)},
          {"next_meeting", meeting_due_json(page.next_meeting, page.today)},
          {"decisions", list_json(page.decisions, mappa_decision_json)},
          {"referrals", list_json(page.referrals, mappa_referral_json)},
          {"meetings", list_json(page.meetings, mappa_meeting_json)},
          {"actions", list_json(page.actions, [&](const MappaAction& a) { return mappa_action_json(a, page.today); })}};
}

nlohmann::json mappa_meeting_record_json(const services::MappaMeetingRecord& record) {
  auto json = mappa_meeting_json(record.meeting);
  json["actions"] = list_json(record.actions, [&](const MappaAction& a) { return mappa_action_json(a, record.today); });
  return json;
}

nlohmann::json mappa_worklist_item_json(const services::MappaWorklistItem& item) {
  const auto& row = item.row;
  bool managed = row.facts.level != MappaLevel::none;
  return {{"person_id", row.person.id},
          {"name", row.person.full_name()},
          {"prison_number", row.person.prison_number},
          {"crn", row.person.crn},
          {"prison_code", row.prison_code},
          {"pdu_code", row.pdu_code},
          {"level", managed ? nlohmann::json(entry_for(mappa_levels(), row.facts.level).code) : nlohmann::json(nullptr)},
          {"meeting_due_on", item.meeting_due ? nlohmann::json(to_iso(item.meeting_due->due)) : nlohmann::json(nullptr)},
          {"meeting_reason", item.meeting_due ? nlohmann::json(entry_for(meeting_due_reasons(), item.meeting_due->reason).code)
                                              : nlohmann::json(nullptr)},
          {"meeting_overdue", item.meeting_overdue},
          {"actions_overdue", row.actions_overdue},
          {"requests_overdue", row.requests_overdue}};
}

nlohmann::json sharing_record_json(const SharingRecord& r, Date today) {
  return {{"id", r.id},
          {"version", r.version},
          {"person_id", r.person_id},
          {"kind", entry_for(sharing_kinds(), r.kind).code},
          {"agency", entry_for(agencies(), r.agency).code},
          {"subject", r.subject},
          {"lawful_basis", r.lawful_basis ? nlohmann::json(entry_for(lawful_bases(), *r.lawful_basis).code) : nlohmann::json(nullptr)},
          {"approved_by", r.approved_by},
          {"sent_on", to_iso(r.sent_on)},
          {"due_by", date_or_null(r.due_by)},
          {"answer", r.answer},
          {"answered_on", date_or_null(r.answered_on)},
          {"recorded_by", r.recorded_by},
          {"overdue", sharing_overdue(r, today)}};
}

nlohmann::json person_sharing_json(const services::PersonSharing& page) {
  return {{"person_id", page.person.id},
          {"records", list_json(page.records, [&](const SharingRecord& r) { return sharing_record_json(r, page.today); })}};
}

FieldInput mappa_body_fields(const Request& request, const FieldInput& allowed) {
  auto body = parse_body(request);
  if (!body.is_object()) throw ValidationFailed("body", "must be a JSON object");
  auto attendees = body.find("attendees");
  if (attendees == body.end()) return fields_from_json(body, allowed);
  constexpr std::string_view shape = "must be a list of {agency, name, staff_id}: agency text, name text or "
                                     "absent for an account, staff_id an account's id or absent";
  if (!attendees->is_array()) throw ValidationFailed("attendees", std::string{shape});
  if (attendees->size() > static_cast<std::size_t>(max_attendees))
    throw ValidationFailed("attendees", "must list at most " + std::to_string(max_attendees) + " people");
  int number = 0;
  for (const auto& attendee : *attendees) {
    ++number;
    auto name = attendee.is_object() ? attendee.value("name", nlohmann::json()) : nlohmann::json();
    auto staff_id = attendee.is_object() ? attendee.value("staff_id", nlohmann::json()) : nlohmann::json();
    if (!attendee.is_object() || !attendee.value("agency", nlohmann::json()).is_string() ||
        !(name.is_string() || name.is_null()) || !(staff_id.is_number_integer() || staff_id.is_null()))
      throw ValidationFailed("attendees", std::string{shape});
    body[attendee_field(number, "agency")] = attendee["agency"];
    if (name.is_string()) body[attendee_field(number, "name")] = name;
    if (!staff_id.is_null()) body[attendee_field(number, "staff_id")] = staff_id;
  }
  body.erase("attendees");
  auto with_attendees = allowed;
  for (int n = 1; n <= max_attendees; ++n)
    for (auto part : {"agency", "name", "staff_id"}) with_attendees[attendee_field(n, part)] = "";
  return fields_from_json(body, with_attendees);
}

}  // namespace resettle::web
