// The release use cases (see releases.hpp).
#include "services/release/releases.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/licence/licences.hpp"
#include "services/responsibility/responsibility.hpp"

namespace resettle::services {

namespace {

void require_recorder(const StaffMember& actor) {
  if (!may_record_release(actor.role))
    throw Forbidden("only the pre-release team, the community offender manager or a manager records a release");
}

nlohmann::json codes_of(const std::vector<ChecklistItemKind>& kinds) {
  auto codes = nlohmann::json::array();
  for (auto kind : kinds) codes.push_back(entry_for(checklist_item_kinds(), kind).code);
  return codes;
}

nlohmann::json gap_fields(const ReleaseDayArrangements& arrangements) {
  auto fields = nlohmann::json::array();
  for (const auto& gap : release_day_gaps(arrangements)) fields.push_back(gap.field);
  return fields;
}

// Stores the first-night snapshot and journals it as any recorded snapshot is.
void record_snapshot(store::Transaction& tx, const StaffMember& actor, OutcomeSnapshot snapshot) {
  snapshot.id = tx.outcome_snapshots().insert(snapshot);
  tx.journal().append({actor.id, snapshot.person_id, "outcomes.recorded", "outcome_snapshot", snapshot.id,
                       "Outcomes recorded: " + std::string{entry_for(milestones(), snapshot.milestone).label} +
                           ", from the release day record",
                       "", outcome_snapshot_fields(snapshot)});
}

// The POM and key worker step back on the day of release; their allocations stay on the record.
nlohmann::json end_prison_allocations(store::Transaction& tx, std::int64_t person_id, Date released_on) {
  auto ended = nlohmann::json::array();
  for (const auto& allocation : tx.allocations().current_for_person(person_id)) {
    if (!ends_at_release(allocation)) continue;
    // An allocation recorded as starting after the day of release (recorded late) ends the day it began.
    tx.allocations().end(allocation.id, std::max(allocation.from, released_on));
    ended.push_back({{"allocation_id", allocation.id}, {"role", role_code(allocation.role)}, {"staff_name", allocation.staff_name}});
  }
  return ended;
}

nlohmann::json close_pre_release_checklist(store::Transaction& tx, const ReleaseDayRecord& record) {
  auto checklist = tx.checklists().for_person(record.person_id);
  if (!checklist || checklist->closed_on) return nullptr;
  auto version = checklist->version;
  auto closure = close_checklist(*checklist, in_place_checklist_items(record.arrangements), record.release.released_on);
  tx.checklists().update(*checklist, version);
  return {{"done", codes_of(closure.done)}, {"not_done", codes_of(closure.not_done)}};
}

nlohmann::json activate_approved_licence(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                                         Date released_on) {
  auto licences = tx.licences().for_person(person_id);
  if (licences.empty() || licences.front().status != LicenceStatus::approved) return nullptr;
  activate_at_release(tx, actor, licences.front(), released_on);
  return licences.front().number;
}

std::string com_of(store::Transaction& tx, std::int64_t person_id) {
  for (const auto& allocation : tx.allocations().current_for_person(person_id))
    if (allocation.role == Role::com && allocation.kind == AllocationKind::lead) return allocation.staff_name;
  return {};
}

std::string prison_name(store::Transaction& tx, const std::string& code) {
  auto prison = tx.places().find_prison(code);
  return prison ? prison->name : code;
}

}  // namespace

namespace {
ReleaseSummary summary_in(store::Transaction& tx, std::int64_t person_id) {
  ReleaseSummary summary;
  summary.release_day = tx.release_days().latest_for_person(person_id);
  if (!summary.release_day) return summary;
  summary.released_from = prison_name(tx, summary.release_day->release.prison_code);
  summary.gaps = release_day_gaps(summary.release_day->arrangements);
  if (auto checklist = tx.checklists().for_person(person_id)) summary.post_release_actions = post_release_actions(*checklist);
  return summary;
}

// The page's view of a person's release day, read inside `tx`.
ReleaseDayView view_in(store::Transaction& tx, const Clock& clock, const StaffMember& actor, Person person) {
  ReleaseDayView view{std::move(person), {}, {}, {}, false, may_record_release(actor.role)};
  view.summary = summary_in(tx, view.person.id);
  view.releasable = view.person.stage == CaseStage::in_custody;
  if (view.summary.release_day) {
    view.form = arrangements_fields(view.summary.release_day->arrangements);
  } else {
    view.form = prefilled_arrangements(tx.checklists().for_person(view.person.id));
    view.form["prison_code"] = view.person.prison_code;
    view.form["released_on"] = to_iso(clock.today());
  }
  FieldReader reader{view.form};  // the form as it stands, read leniently: its gaps, not its errors
  view.form_gaps = release_day_gaps(read_arrangements(reader));
  return view;
}
}  // namespace

ReleaseSummary release_summary(store::Store& store, std::int64_t person_id) {
  return summary_in(*store.begin_read(), person_id);
}

ReleaseDayView view_release_day(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  auto person = view_person(store, actor, person_id, "release day").person;
  return view_in(*store.begin_read(), clock, actor, std::move(person));
}

ReleaseDayView record_release(store::Store& store, const Clock& clock, const StaffMember& actor,
                              std::int64_t person_id, const FieldInput& input) {
  require_recorder(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "release");
  auto fields = overlay_fields(prefilled_arrangements(tx->checklists().for_person(person_id)), input);
  auto record = read_release_day_record(fields, clock.today());
  require_releasable(person, record.release);
  if (!tx->places().find_prison(record.release.prison_code))
    throw ValidationFailed("prison_code", staff_text("is not a prison on Resettle"));
  record.person_id = person_id;
  record.recorded_by = actor.id;

  tx->people().update(released_person(person), person.version);
  const auto& on = record.release.released_on;
  nlohmann::json data = {{"released_on", to_iso(on)},
                         {"released_at", record.release.released_at},
                         {"prison_code", record.release.prison_code},
                         {"ended_allocations", end_prison_allocations(*tx, person_id, on)},
                         {"checklist", close_pre_release_checklist(*tx, record)},
                         {"licence_activated", activate_approved_licence(*tx, actor, person_id, on)},
                         {"community_offender_manager", com_of(*tx, person_id)},
                         {"gaps", gap_fields(record.arrangements)}};
  record.id = tx->release_days().insert(record);
  record.version = 1;
  tx->journal().append({actor.id, person_id, "person.released", "release_day_record", record.id,
                        "Released from " + prison_name(*tx, record.release.prison_code) + " on " + to_long_date(on) +
                            " at " + record.release.released_at,
                        "", std::move(data)});
  if (auto snapshot = first_night_snapshot(record)) record_snapshot(*tx, actor, std::move(*snapshot));
  refresh_case_dates(*tx, person_id, clock.today());
  auto view = view_in(*tx, clock, actor, *tx->people().find(person_id));
  tx->commit();
  return view;
}

ReleaseDayRecord update_release_day(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input, std::int64_t expected_version) {
  require_recorder(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "release day");
  auto before = tx->release_days().latest_for_person(person_id);
  if (!before) throw Conflict(person.full_name() + " has no release recorded: record the release first");
  if (before->version != expected_version) throw StaleVersion("the release day record has changed since it was read");
  auto after = *before;
  after.arrangements = read_release_day_arrangements(overlay_fields(arrangements_fields(before->arrangements), input));
  if (after.arrangements == before->arrangements) return *before;
  tx->release_days().update(after, expected_version);
  after.version = expected_version + 1;

  nlohmann::json marked = nullptr;
  if (auto checklist = tx->checklists().for_person(person_id); checklist && checklist->closed_on) {
    auto version = checklist->version;
    auto done = mark_in_place(*checklist, in_place_checklist_items(after.arrangements), clock.today());
    if (!done.empty()) tx->checklists().update(*checklist, version);
    marked = codes_of(done);
  }
  auto gaps = release_day_gaps(after.arrangements);
  tx->journal().append({actor.id, person_id, "release_day.updated", "release_day_record", after.id,
                        "Release day record changed: " + std::to_string(gaps.size()) + " gap" + (gaps.size() == 1 ? "" : "s") + " left",
                        "", {{"gaps", gap_fields(after.arrangements)}, {"post_release_actions_done", marked}}});
  auto snapshot = first_night_snapshot(after);
  auto earlier = first_night_snapshot(*before);
  if (snapshot && (!earlier || earlier->outcomes != snapshot->outcomes)) record_snapshot(*tx, actor, std::move(*snapshot));
  tx->commit();
  return after;
}

}  // namespace resettle::services
