#pragma once
// JSON shapes of transfers, handover meetings, handover progress and continuity, for the API and
// (where the words are the same) for pages.
#include <nlohmann/json.hpp>

#include "services/allocation/continuity.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/transfers/transfers.hpp"

namespace resettle::web {

nlohmann::json transfer_json(const services::TransferRecord& record);
nlohmann::json meeting_json(const HandoverMeeting& meeting);
nlohmann::json flags_json(const std::vector<HandoverFlag>& flags);  // [ { code, label } ]
std::string flags_in_words(const std::vector<HandoverFlag>& flags);  // the labels, joined by "; "
nlohmann::json handover_progress_json(const services::HandoverProgress& progress);
nlohmann::json continuity_json(const ContinuityMeasure& measure);
nlohmann::json overdue_handover_json(const services::OverdueHandover& overdue);

// The fields a request body may carry.
FieldInput transfer_request_fields();

std::string_view transfer_status_colour(TransferStatus status);
std::string continuity_text(const ContinuityMeasure& measure);  // "2 changes of lead practitioner in 14 months ..."

}  // namespace resettle::web
