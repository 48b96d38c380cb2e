// Licence use cases: each reads, changes and journals a licence in one transaction.
#include "services/licence/licences.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "domain/catalogue.hpp"
#include "domain/people/custody.hpp"
#include "domain/errors.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "services/release/release_day.hpp"

namespace resettle::services {

namespace {

void require_drafter(const StaffMember& actor) {
  if (!may_draft_licence(actor.role)) throw Forbidden("only the community offender manager or a manager drafts and varies licences");
}

std::string licence_name(const Licence& licence) { return "Licence " + std::to_string(licence.number); }

// The licence, if this member of staff may see its person; refusals are audited.
Licence require_licence(store::Transaction& tx, const StaffMember& actor, std::int64_t licence_id) {
  auto licence = tx.licences().find(licence_id);
  if (!licence) throw NotFound("licence " + std::to_string(licence_id) + " not found");
  require_visible_person(tx, actor, licence->person_id, "licence");
  return *licence;
}

struct Journalled {
  std::string kind;  // after "licence."
  std::string summary;
  std::string reason;
  nlohmann::json data = nlohmann::json::object();
};

void journal(store::Transaction& tx, const StaffMember& actor, const Licence& licence, Journalled entry) {
  entry.data["number"] = licence.number;
  entry.data["status"] = entry_for(licence_statuses(), licence.status).code;
  entry.data["policy_version"] = licence.policy_version;
  tx.journal().append({actor.id, licence.person_id, "licence." + entry.kind, "licence", licence.id,
                       std::move(entry.summary), std::move(entry.reason), std::move(entry.data)});
}

// Reads the licence at `expected_version`, applies `change` (which says what to journal), and
// writes both in one transaction.
template <typename Change>
Licence change_licence(store::Store& store, const StaffMember& actor, std::int64_t licence_id,
                       std::int64_t expected_version, Change change) {
  auto tx = store.begin_write();
  auto licence = require_licence(*tx, actor, licence_id);
  if (licence.version != expected_version)
    throw StaleVersion("licence " + std::to_string(licence_id) + " has changed since it was read");
  Journalled entry = change(*tx, licence);
  tx->licences().update(licence, expected_version);
  licence.version = expected_version + 1;
  journal(*tx, actor, licence, std::move(entry));
  tx->commit();
  return licence;
}

nlohmann::json condition_data(const LicenceCondition& condition) {
  nlohmann::json data = {{"key", condition.key}, {"code", condition.code}, {"values", condition.values}};
  if (condition.purpose) data["purpose"] = entry_for(condition_purposes(), *condition.purpose).code;
  return data;
}

bool is_current(const Licence& licence) { return licence.status != LicenceStatus::inactive; }

// What a variation changes from the licence it varies; empty for the licence at release.
std::vector<ConditionChange> changes_made(store::Transaction& tx, const Licence& licence) {
  if (!licence.is_variation()) return {};
  auto varied = tx.licences().find(*licence.varies);
  return varied ? changes_between(*varied, licence) : std::vector<ConditionChange>{};
}

// Activates the approved licence from the day of release and says what to journal.
Journalled activated(Licence& licence, Date released_on) {
  activate(licence, released_on);
  return {"activated", licence_name(licence) + " in force from release on " + to_iso(released_on), "", {}};
}

}  // namespace

ConditionCatalogues load_condition_catalogues(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const auto& file : files) {
    std::ifstream in{file};
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  return ConditionCatalogues::from_json(texts);
}

LicenceOverview licence_overview(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                 const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "licence");
  auto tx = store.begin_read();
  LicenceOverview overview;
  overview.person = record.person;
  overview.licences = tx->licences().for_person(person_id);
  if (auto release_day = release_day_of(*tx, record, holidays, clock.today())) overview.release_date = release_day->day;
  std::optional<LicenceStatus> latest;
  if (!overview.licences.empty()) latest = overview.licences.front().status;
  if (overview.release_date) {
    overview.deadlines = licence_deadlines(*overview.release_date, holidays);
    if (held_in_custody(record.person.stage))
      overview.warning = licence_warning(latest, *overview.release_date, clock.today(), holidays);
  }
  overview.induction = booked_induction(*tx, person_id);
  overview.may_book_induction = may_book_appointments(actor.role) && record.person.stage == CaseStage::in_custody;
  bool may_draft = may_draft_licence(actor.role);
  overview.may_start = may_draft && (overview.licences.empty() || !is_current(overview.licences.front()));
  if (!overview.licences.empty()) {
    const auto& newest = overview.licences.front();
    overview.actions = licence_actions(newest, may_draft, may_decide_licence(actor.role));
    overview.changes = changes_made(*tx, newest);
    overview.flagged_for_approval = !flagged_for_approval(newest).empty();
    overview.person_says = condition_standings(tx->licences().responses(newest.id));
    for (auto& action : tx->mappa().actions_for(person_id))
      if (action.condition_key) overview.mappa_actions[*action.condition_key].push_back(std::move(action));
  }
  return overview;
}

LicenceRecord find_licence(store::Store& store, const StaffMember& actor, std::int64_t licence_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto licence = require_licence(*tx, actor, licence_id);
  tx->access_log().record(actor.id, licence.person_id, "licence", true);
  LicenceRecord record{licence, *tx->people().find(licence.person_id), changes_made(*tx, licence)};
  tx->commit();
  return record;
}

Licence start_licence(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                      const StaffMember& actor, std::int64_t person_id) {
  require_drafter(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "licence");
  auto existing = tx->licences().for_person(person_id);
  if (!existing.empty() && is_current(existing.front()))
    throw Conflict(staff_text("((name)) already has Licence ((number)) (((status))): change or vary it instead",
                              {{"name", person.full_name()}, {"number", std::to_string(existing.front().number)},
                               {"status", entry_for(licence_statuses(), existing.front().status).label}}));
  Licence licence = draft_licence(person_id, catalogues.in_force_on(clock.today()), actor.id);
  licence.number = existing.empty() ? 1 : existing.front().number + 1;
  licence.id = tx->licences().insert(licence);
  licence.version = 1;
  journal(*tx, actor, licence,
          {"drafted", licence_name(licence) + " drafted under the " + licence.policy_version + " licence conditions policy", "", {}});
  tx->commit();
  return licence;
}

Licence add_licence_condition(store::Store& store, const Clock&, const ConditionCatalogues& catalogues,
                              const StaffMember& actor, std::int64_t licence_id, const FieldInput& input,
                              std::int64_t expected_version) {
  require_drafter(actor);
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction&, Licence& licence) {
    auto condition = read_condition(input, catalogues.version(licence.policy_version));
    add_condition(licence, std::move(condition));
    const auto& added = licence.conditions.back();
    return Journalled{"condition_added", "Condition added to " + licence_name(licence) + ": " + added.code,
                      added.reason, {{"condition", condition_data(added)}}};
  });
}

Licence change_licence_condition(store::Store& store, const Clock&, const ConditionCatalogues& catalogues,
                                 const StaffMember& actor, std::int64_t licence_id, int key, const FieldInput& input,
                                 std::int64_t expected_version) {
  require_drafter(actor);
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction&, Licence& licence) {
    auto before = std::find_if(licence.conditions.begin(), licence.conditions.end(),
                               [&](const auto& c) { return c.key == key; });
    nlohmann::json was = before == licence.conditions.end() ? nlohmann::json{} : condition_data(*before);
    replace_condition(licence, key, read_condition(input, catalogues.version(licence.policy_version)));
    const auto& changed = *std::find_if(licence.conditions.begin(), licence.conditions.end(),
                                        [&](const auto& c) { return c.key == key; });
    return Journalled{"condition_changed", "Condition changed on " + licence_name(licence) + ": " + changed.code,
                      changed.reason, {{"before", was}, {"after", condition_data(changed)}}};
  });
}

Licence remove_licence_condition(store::Store& store, const Clock&, const StaffMember& actor, std::int64_t licence_id,
                                 int key, std::int64_t expected_version) {
  require_drafter(actor);
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction&, Licence& licence) {
    auto found = std::find_if(licence.conditions.begin(), licence.conditions.end(),
                              [&](const auto& c) { return c.key == key; });
    nlohmann::json was = found == licence.conditions.end() ? nlohmann::json{} : condition_data(*found);
    remove_condition(licence, key);
    return Journalled{"condition_removed",
                      "Condition removed from " + licence_name(licence) + ": " + was.value("code", ""), "",
                      {{"condition", was}}};
  });
}

Licence submit_licence(store::Store& store, const Clock&, const StaffMember& actor, std::int64_t licence_id,
                       const FieldInput& input, std::int64_t expected_version) {
  require_drafter(actor);
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction& tx, Licence& licence) {
    std::optional<Licence> varied;
    if (licence.is_variation()) {
      varied = tx.licences().find(*licence.varies);
      licence.variation = read_variation_record(input);
    }
    submit(licence, varied ? &*varied : nullptr);
    nlohmann::json data = {{"flagged_for_approval", flagged_for_approval(licence).size()}};
    if (varied) {
      nlohmann::json changes = nlohmann::json::array();
      for (const auto& change : changes_between(*varied, licence))
        changes.push_back({{"change", entry_for(change_kinds(), change.kind).code}, {"key", change.key},
                           {"code", change.code}, {"reason", licence.variation.reasons.at(change.key)}});
      data["changes"] = changes;
      data["senior_probation_officer_discussed"] = licence.variation.senior_probation_officer_discussed;
      data["victim_liaison_officer_consulted"] = licence.variation.victim_liaison_officer_consulted;
    }
    return Journalled{"submitted", licence_name(licence) + " sent to a manager for approval", "", std::move(data)};
  });
}

Licence decide_licence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id,
                       const FieldInput& input, std::int64_t expected_version) {
  if (!may_decide_licence(actor.role)) throw Forbidden("only a manager approves or returns a licence");
  FieldReader reader{input};
  static constexpr Coded<bool> decisions[] = {{true, "approve", "Approve"}, {false, "return", "Return to the COM"}};
  auto approving = reader.code<bool>("decision", Need::required, decisions);
  auto reason = reader.text("return_reason", Need::optional, 2000);
  reader.throw_if_failed();
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction& tx, Licence& licence) {
    if (!*approving) {
      return_licence(licence, actor.id, reason);
      return Journalled{"returned", licence_name(licence) + " returned to the COM", reason, {}};
    }
    approve(licence, actor.id, clock.today());
    if (licence.is_variation()) {
      auto varied = tx.licences().find(*licence.varies);
      if (!varied) throw NotFound("the licence this variation varies is missing");
      std::int64_t version = varied->version;
      deactivate(*varied, clock.today());
      tx.licences().update(*varied, version);
      journal(tx, actor, *varied, {"replaced", licence_name(*varied) + " replaced by " + licence_name(licence), "", {}});
      return Journalled{"approved", licence_name(licence) + " (a variation) approved and in force", "", {}};
    }
    return Journalled{"approved", licence_name(licence) + " approved", "", {}};
  });
}

Licence activate_licence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id,
                         const FieldInput& input, std::int64_t expected_version) {
  require_drafter(actor);
  FieldReader reader{input};
  auto released_on = reader.past_date("released_on", Need::required, clock.today());
  reader.throw_if_failed();
  return change_licence(store, actor, licence_id, expected_version,
                        [&](store::Transaction&, Licence& licence) { return activated(licence, *released_on); });
}

void activate_at_release(store::Transaction& tx, const StaffMember& actor, Licence& licence, Date released_on) {
  auto version = licence.version;
  auto entry = activated(licence, released_on);
  tx.licences().update(licence, version);
  licence.version = version + 1;
  journal(tx, actor, licence, std::move(entry));
}

void revoke_active_licence(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, Date revoked_on) {
  for (auto& licence : tx.licences().for_person(person_id)) {
    if (licence.status != LicenceStatus::active) continue;
    auto version = licence.version;
    deactivate(licence, revoked_on);
    tx.licences().update(licence, version);
    journal(tx, actor, licence, {"revoked", licence_name(licence) + " revoked by the decision to recall", "", {}});
  }
}

Licence start_variation(store::Store& store, const Clock&, const StaffMember& actor, std::int64_t licence_id) {
  require_drafter(actor);
  auto tx = store.begin_write();
  auto active = require_licence(*tx, actor, licence_id);
  auto latest = tx->licences().for_person(active.person_id);
  if (!latest.empty() && latest.front().id != active.id)
    throw Conflict(staff_text("Licence ((number)) is already being drafted: finish that variation first",
                              {{"number", std::to_string(latest.front().number)}}));
  Licence variation = draft_variation(active, actor.id);
  variation.id = tx->licences().insert(variation);
  variation.version = 1;
  journal(*tx, actor, variation, {"variation_drafted", licence_name(variation) + " drafted to vary " + licence_name(active), "", {}});
  tx->commit();
  return variation;
}

Licence record_condition_understanding(store::Store& store, const Clock& clock, const StaffMember& actor,
                                       std::int64_t licence_id, int key, const FieldInput& input,
                                       std::int64_t expected_version) {
  require_drafter(actor);
  auto understanding = read_understanding(input, clock.today());
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction&, Licence& licence) {
    record_understanding(licence, key, understanding);
    return Journalled{"condition_explained",
                      "Condition " + std::to_string(key) + " of " + licence_name(licence) + " gone through: understood " +
                          std::string{entry_for(understood_answers(), understanding.understood).code},
                      understanding.notes,
                      {{"key", key}, {"understood", entry_for(understood_answers(), understanding.understood).code}}};
  });
}

Licence record_acknowledgement(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t licence_id, std::int64_t expected_version) {
  require_drafter(actor);
  return change_licence(store, actor, licence_id, expected_version, [&](store::Transaction&, Licence& licence) {
    acknowledge(licence, clock.today());
    return Journalled{"acknowledged", licence_name(licence) + " gone through in full and acknowledged by the person", "", {}};
  });
}

store::Page<LicenceWorklistRow> licences_due(store::Store& store, const BankHolidays& holidays,
                                             const StaffMember& actor, Date today, const WorklistRequest& request) {
  return audited(store, actor, "worklist", read_licences_due(store, holidays, actor, today, request));
}

store::Page<LicenceWorklistRow> read_licences_due(store::Store& store, const BankHolidays& holidays,
                                                  const StaffMember& actor, Date today, const WorklistRequest& request) {
  auto rows = read_worklist_rows(store, actor, DatedWorklist::licences_due, today, 0, request);
  show_days_of_release(store, holidays, rows.items);  // the licence is due by the day they leave
  std::vector<std::int64_t> ids;
  ids.reserve(rows.items.size());
  for (const auto& row : rows.items) ids.push_back(row.person.id);
  auto statuses = store.begin_read()->licences().latest_statuses(ids);
  store::Page<LicenceWorklistRow> page{{}, std::move(rows.next_cursor)};
  page.items.reserve(rows.items.size());
  for (auto& row : rows.items) {
    std::optional<LicenceStatus> status;
    if (auto found = statuses.find(row.person.id); found != statuses.end()) status = found->second;
    auto warning = row.date ? licence_warning(status, *row.date, today, holidays) : LicenceWarning::none;
    page.items.push_back({std::move(row), status, warning});
  }
  return page;
}

}  // namespace resettle::services
