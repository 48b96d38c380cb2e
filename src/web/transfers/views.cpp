// Transfers, handover meetings and continuity as JSON (see views.hpp).
#include "web/transfers/views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "web/responsibility/views.hpp"

namespace resettle::web {

namespace {
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
nlohmann::json date_or_null(const std::optional<Date>& date) { return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json transfer_json(const services::TransferRecord& record) {
  const auto& t = record.transfer;
  return {{"id", t.id},
          {"version", t.version},
          {"person_id", t.person_id},
          {"person_name", record.person_name},
          {"kind", entry_for(transfer_kinds(), t.kind).code},
          {"role", t.role ? nlohmann::json(role_code(*t.role)) : nlohmann::json(nullptr)},
          {"from_code", t.from_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.from_code)},
          {"to_code", t.to_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.to_code)},
          {"from_staff_id", or_null(t.from_staff_id)},
          {"to_staff_id", or_null(t.to_staff_id)},
          {"from_name", record.from_name},
          {"to_name", record.to_name},
          {"summary", t.summary},
          {"current_risks", t.current_risks},
          {"outstanding_actions", t.outstanding_actions},
          {"requested_by", t.requested_by},
          {"requested_by_name", record.requested_by_name},
          {"requested_on", to_iso(t.requested_on)},
          {"status", entry_for(transfer_statuses(), t.status).code},
          {"acknowledged_by", or_null(t.acknowledged_by)},
          {"acknowledged_by_name", record.acknowledged_by_name},
          {"acknowledged_on", date_or_null(t.acknowledged_on)},
          {"acknowledgement_note", t.acknowledgement_note},
          {"acknowledgement_overdue", record.acknowledgement_overdue},
          {"may_acknowledge", record.may_acknowledge},
          {"may_withdraw", record.may_withdraw}};
}

nlohmann::json meeting_json(const HandoverMeeting& meeting) {
  return {{"id", meeting.id},
          {"version", meeting.version},
          {"person_id", meeting.person_id},
          {"status", entry_for(meeting_statuses(), meeting.status).code},
          {"scheduled_on", to_iso(meeting.scheduled_on)},
          {"held_on", date_or_null(meeting.held_on)},
          {"pom_staff_id", or_null(meeting.pom_staff_id)},
          {"com_staff_id", or_null(meeting.com_staff_id)},
          {"person_attended", or_null(meeting.person_attended)},
          {"notes", meeting.notes},
          {"late_reason", meeting.late_reason}};
}

std::string flags_in_words(const std::vector<HandoverFlag>& flags) {
  std::string words;
  for (auto flag : flags) words += (words.empty() ? "" : "; ") + std::string{entry_for(handover_flags(), flag).label};
  return words;
}

nlohmann::json flags_json(const std::vector<HandoverFlag>& flags) {
  auto json = nlohmann::json::array();
  for (auto flag : flags) {
    const auto& entry = entry_for(handover_flags(), flag);
    json.push_back({{"code", entry.code}, {"label", entry.label}});
  }
  return json;
}

nlohmann::json handover_progress_json(const services::HandoverProgress& progress) {
  auto meetings = nlohmann::json::array();
  for (const auto& meeting : progress.meetings) meetings.push_back(meeting_json(meeting));
  const auto* dates = progress.dates ? &*progress.dates : nullptr;
  return {{"com_allocated_date", dates ? date_or_null(dates->com_allocated_date) : nlohmann::json(nullptr)},
          {"handover_date", dates ? date_or_null(dates->handover_date) : nlohmann::json(nullptr)},
          {"com_allocated", progress.com_allocated},
          {"meeting", progress.meeting ? meeting_json(*progress.meeting) : nlohmann::json(nullptr)},
          {"meetings", meetings},
          {"flags", flags_json(progress.flags)},
          {"overdue", std::find(progress.flags.begin(), progress.flags.end(), HandoverFlag::handover_overdue) !=
                          progress.flags.end()}};
}

nlohmann::json continuity_json(const ContinuityMeasure& measure) {
  auto by_role = nlohmann::json::object();
  for (const auto& [role, changes] : measure.changes_by_role) by_role[std::string{role_code(role)}] = changes;
  return {{"lead_changes", measure.lead_changes},
          {"changes_by_role", by_role},
          {"days_known", measure.days_known},
          {"changes_per_six_months", std::round(measure.changes_per_six_months * 100) / 100}};
}

nlohmann::json overdue_handover_json(const services::OverdueHandover& overdue) {
  auto json = worklist_entry_json(overdue.entry);
  json["flags"] = flags_json(overdue.flags);
  return json;
}

FieldInput transfer_request_fields() {
  return {{"kind", ""}, {"to_code", ""}, {"role", ""}, {"to_staff_id", ""},
          {"summary", ""}, {"current_risks", ""}, {"outstanding_actions", ""}};
}

std::string_view transfer_status_colour(TransferStatus status) {
  switch (status) {
    case TransferStatus::awaiting_acknowledgement: return "yellow";
    case TransferStatus::acknowledged: return "green";
    case TransferStatus::withdrawn: return "grey";
  }
  return "grey";
}

std::string continuity_text(const ContinuityMeasure& measure) {
  if (measure.changes_by_role.empty()) return staff_text("No lead practitioner allocated yet");
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f", measure.changes_per_six_months);
  return staff_text_plural("((count)) change of lead practitioner in ((days)) days: ((rate)) per six months",
                           "((count)) changes of lead practitioner in ((days)) days: ((rate)) per six months", measure.lead_changes,
                           {{"days", std::to_string(measure.days_known)}, {"rate", rate}});
}

}  // namespace resettle::web
