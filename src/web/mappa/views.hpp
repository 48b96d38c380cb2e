#pragma once
// The JSON shapes of MAPPA and information sharing: decisions, referrals, meetings, actions, the
// person's MAPPA record, the worklist's items and sharing records; and reading an API body whose
// attendees come as a list.
#include <nlohmann/json.hpp>

#include "services/mappa/information_sharing.hpp"
#include "services/mappa/mappa.hpp"
#include "web/http/http.hpp"
#include "web/http/view.hpp"

namespace resettle::web {

nlohmann::json mappa_decision_json(const MappaDecision& decision);
nlohmann::json mappa_referral_json(const MappaReferral& referral);
nlohmann::json mappa_meeting_json(const MappaMeeting& meeting);
nlohmann::json mappa_action_json(const MappaAction& action, Date today);  // with whether it is overdue today
nlohmann::json person_mappa_json(const services::PersonMappa& page);
nlohmann::json mappa_meeting_record_json(const services::MappaMeetingRecord& record);
nlohmann::json mappa_worklist_item_json(const services::MappaWorklistItem& item);
nlohmann::json sharing_record_json(const SharingRecord& record, Date today);  // with whether it is overdue today
nlohmann::json person_sharing_json(const services::PersonSharing& page);

// A JSON body as form fields (fields_from_json), its `attendees` list ([{agency, name}]) written into
// the numbered attendee fields. ValidationFailed on "attendees" for more than max_attendees or an
// item that is not an object of text; on other fields as fields_from_json.
FieldInput mappa_body_fields(const Request& request, const FieldInput& allowed);

// A risk partner's account as a choice in a form's list (a meeting's attendee, a case's co-worker):
// "DC Rees (Police officer (IOM and public protection), West Yorkshire Police)".
std::string account_choice_text(const StaffMember& account);

// The mappa/needed_by partial's list: the MAPPA actions that need a licence condition or plan
// objective (`needing`: by condition key or objective id), each linked to its page; empty when none.
View needed_by_view(const std::vector<MappaAction>& actions);
template <typename Key>
View needed_by_view(const std::map<Key, std::vector<MappaAction>>& needing, Key key) {
  auto found = needing.find(key);
  return needed_by_view(found == needing.end() ? std::vector<MappaAction>{} : found->second);
}

}  // namespace resettle::web
