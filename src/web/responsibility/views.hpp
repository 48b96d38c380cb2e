#pragma once
// Views of who leads a case and its worklist rows, shared by the pages and the JSON API.
#include <nlohmann/json.hpp>

#include "services/responsibility/responsibility.hpp"
#include "web/http/http.hpp"

namespace resettle::web {

// { responsibility, responsibility_label, reason, reason_label, pom_type, com_allocated_date,
//   handover_date, release_date, release_day? { flag, flag_label, due_date, proposed_date, presumed_date,
//   bank_holidays_known, day_of_release, decided_date?, decision? } }
nlohmann::json responsibility_json(const services::CaseResponsibility& responsibility);
// { id, release_date, decided_date, choice, choice_label, decided_by { id, name }, decided_at, requested_by? { id, name } }
nlohmann::json release_day_decision_json(const ReleaseDayDecision& decision);
nlohmann::json worklist_entry_json(const store::WorklistEntry& entry);
// The unit (prison_code, pdu_code) and page (cursor, limit) a worklist request asks for.
services::WorklistRequest worklist_request(const Request& request);

}  // namespace resettle::web
