// MAPPA, for both stores: decisions, referrals, meetings (attendees as a JSON array of {agency, name} and, for
// one named by account, staff_id),
// actions, and the worklist's candidates (see mappa_repositories.hpp).
#include "store/shared/risk_sharing_repositories.hpp"

#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view decision_columns =
    "id, person_id, category, level, decided_on, decided_by, reason, recorded_by";
constexpr std::string_view meeting_columns = "id, person_id, version, kind, meeting_on, status, attendees, notes, recorded_by";
constexpr std::string_view action_columns =
    "id, meeting_id, person_id, version, description, owner_agency, owner_name, due_on, status, condition_key, objective_id";

std::string attendees_text(const std::vector<Attendee>& attendees) {
  auto json = nlohmann::json::array();
  for (const auto& attendee : attendees) {
    nlohmann::json item{{"agency", entry_for(agencies(), attendee.agency).code}, {"name", attendee.name}};
    if (attendee.staff_id) item["staff_id"] = *attendee.staff_id;
    json.push_back(std::move(item));
  }
  return json.dump();
}

template <typename Db>
std::vector<Attendee> attendees_from(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) throw typename Sql<Db>::Error("mappa_meeting attendees that are not a JSON array");
  std::vector<Attendee> attendees;
  for (const auto& item : json) {
    auto agency = parse_code(agencies(), item.value("agency", ""));
    if (!agency) throw typename Sql<Db>::Error("unknown agency '" + item.value("agency", "") + "' in the mappa_meeting table");
    auto staff_id = item.find("staff_id");
    attendees.push_back({*agency, item.value("name", ""),
                         staff_id == item.end() ? std::nullopt : std::optional<std::int64_t>(staff_id->get<std::int64_t>())});
  }
  return attendees;
}

template <typename Db>
MappaDecision decision_from(const StatementOf<Db>& row) {
  return {row.integer(0),
          row.integer(1),
          stored_code<Db>(row, 2, mappa_categories(), "mappa_decision"),
          stored_code<Db>(row, 3, mappa_decision_levels(), "mappa_decision"),
          row.date(4).value_or(Date{}),
          row.text(5),
          row.text(6),
          row.integer(7)};
}

template <typename Db>
MappaMeeting meeting_from(const StatementOf<Db>& row) {
  return {row.integer(0),
          row.integer(1),
          row.integer(2),
          stored_code<Db>(row, 3, mappa_meeting_kinds(), "mappa_meeting"),
          row.date(4).value_or(Date{}),
          stored_code<Db>(row, 5, mappa_meeting_statuses(), "mappa_meeting"),
          attendees_from<Db>(row.text_view(6)),
          row.text(7),
          row.integer(8)};
}

// A licence condition's key: an int in the licence, stored in an integer column.
template <typename Db>
std::optional<int> condition_key_from(const StatementOf<Db>& row, int column) {
  auto key = row.optional_integer(column);
  if (!key) return std::nullopt;
  return static_cast<int>(*key);
}

std::optional<std::int64_t> stored_key(const std::optional<int>& key) {
  if (!key) return std::nullopt;
  return *key;
}

template <typename Db>
MappaAction action_from(const StatementOf<Db>& row) {
  return {row.integer(0),
          row.integer(1),
          row.integer(2),
          row.integer(3),
          row.text(4),
          stored_code<Db>(row, 5, agencies(), "mappa_action"),
          row.text(6),
          row.date(7).value_or(Date{}),
          stored_code<Db>(row, 8, mappa_action_statuses(), "mappa_action"),
          condition_key_from<Db>(row, 9),
          row.optional_integer(10)};
}

// The people of a scope: for no unit (an administrator), everyone with something MAPPA or shared
// recorded; else the unit's prison and PDU and the member of staff's own cases.
std::string scoped_people(const WorklistScope& scope) {
  // The unit's parameters, NULL here, are still named: PostgreSQL must know the type of each one bound.
  if (!scope.within)
    return "SELECT person_id FROM (SELECT person_id FROM mappa_decision "
           "UNION SELECT person_id FROM mappa_action WHERE status = 'open' "
           "UNION SELECT person_id FROM information_sharing WHERE answered_on IS NULL) recorded "
           "WHERE CAST(?2 AS text) IS NULL AND CAST(?3 AS text) IS NULL AND CAST(?4 AS bigint) IS NULL";
  // Only a unit's people with something of MAPPA on record can be candidates: case dates flag them,
  // so a PDU's page reads its few hundred such people by index, not each of its thousands.
  return "SELECT person_id FROM case_dates WHERE prison_code = ?2 AND mappa_on_record = 1 "
         "UNION SELECT person_id FROM case_dates WHERE pdu_code = ?3 AND mappa_on_record = 1 "
         "UNION SELECT e.person_id FROM caseload_entry e JOIN case_dates d ON d.person_id = e.person_id "
         "WHERE e.staff_id = ?4 AND d.mappa_on_record = 1";
}

}  // namespace

template <Database Db>
std::int64_t Mappa<Db>::insert_decision(const MappaDecision& d) {
  return inserted_id(
      db_.prepare("INSERT INTO mappa_decision (person_id, category, level, decided_on, decided_by, reason, recorded_by) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(d.person_id, entry_for(mappa_categories(), d.category).code, entry_for(mappa_decision_levels(), d.level).code,
                d.decided_on, d.decided_by, d.reason, d.recorded_by));
}

template <Database Db>
std::vector<MappaDecision> Mappa<Db>::decisions_for(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{decision_columns} +
                              " FROM mappa_decision WHERE person_id = ? ORDER BY decided_on DESC, id DESC")
                      .bind(person_id),
                  decision_from<Db>);
}

template <Database Db>
std::int64_t Mappa<Db>::insert_referral(const MappaReferral& r) {
  return inserted_id(
      db_.prepare("INSERT INTO mappa_referral (person_id, level, reason, referred_on, referred_by) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id")
          .bind(r.person_id, entry_for(mappa_decision_levels(), r.level).code, r.reason, r.referred_on, r.referred_by));
}

template <Database Db>
std::vector<MappaReferral> Mappa<Db>::referrals_for(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT id, person_id, level, reason, referred_on, referred_by FROM mappa_referral "
                          "WHERE person_id = ? ORDER BY referred_on DESC, id DESC");
  row.bind(person_id);
  std::vector<MappaReferral> referrals;
  while (row.step())
    referrals.push_back({row.integer(0), row.integer(1), stored_code<Db>(row, 2, mappa_decision_levels(), "mappa_referral"),
                         row.text(3), row.date(4).value_or(Date{}), row.integer(5)});
  return referrals;
}

template <Database Db>
std::int64_t Mappa<Db>::insert_meeting(const MappaMeeting& m) {
  return inserted_id(
      db_.prepare("INSERT INTO mappa_meeting (person_id, kind, meeting_on, status, attendees, notes, recorded_by) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(m.person_id, entry_for(mappa_meeting_kinds(), m.kind).code, m.meeting_on,
                entry_for(mappa_meeting_statuses(), m.status).code, attendees_text(m.attendees), m.notes, m.recorded_by));
}

template <Database Db>
std::optional<MappaMeeting> Mappa<Db>::find_meeting(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{meeting_columns} + " FROM mappa_meeting WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return meeting_from<Db>(row);
}

template <Database Db>
void Mappa<Db>::update_meeting(const MappaMeeting& m, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE mappa_meeting SET status = ?, attendees = ?, notes = ?, version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(entry_for(mappa_meeting_statuses(), m.status).code, attendees_text(m.attendees), m.notes, m.id,
                 expected_version);
  statement.run();
  require_changed(statement, "MAPPA meeting", m.id);
}

template <Database Db>
std::vector<MappaMeeting> Mappa<Db>::meetings_for(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{meeting_columns} +
                              " FROM mappa_meeting WHERE person_id = ? ORDER BY meeting_on DESC, id DESC")
                      .bind(person_id),
                  meeting_from<Db>);
}

// Reads the index of accounts named at meetings (migration 47, kept by triggers), not every meeting's JSON.
template <Database Db>
std::vector<std::int64_t> Mappa<Db>::attended_cases(std::int64_t staff_id) {
  return read_all(
      db_.prepare("SELECT DISTINCT person_id FROM mappa_attendee_account WHERE staff_id = ? ORDER BY person_id")
          .bind(staff_id),
      [](const auto& row) { return row.integer(0); });
}

template <Database Db>
std::int64_t Mappa<Db>::insert_action(const MappaAction& a) {
  return inserted_id(
      db_.prepare("INSERT INTO mappa_action (meeting_id, person_id, description, owner_agency, owner_name, due_on, status, "
                  "condition_key, objective_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(a.meeting_id, a.person_id, a.description, entry_for(agencies(), a.owner_agency).code, a.owner_name, a.due_on,
                entry_for(mappa_action_statuses(), a.status).code,
                stored_key(a.condition_key), a.objective_id));
}

template <Database Db>
std::optional<MappaAction> Mappa<Db>::find_action(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{action_columns} + " FROM mappa_action WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return action_from<Db>(row);
}

template <Database Db>
void Mappa<Db>::update_action(const MappaAction& a, std::int64_t expected_version) {
  auto& statement =
      db_.prepare("UPDATE mappa_action SET status = ?, version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(entry_for(mappa_action_statuses(), a.status).code, a.id, expected_version);
  statement.run();
  require_changed(statement, "MAPPA action", a.id);
}

template <Database Db>
std::vector<MappaAction> Mappa<Db>::actions_for(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{action_columns} +
                              " FROM mappa_action WHERE person_id = ? ORDER BY due_on, id")
                      .bind(person_id),
                  action_from<Db>);
}

template <Database Db>
Page<MappaWorklistRow> Mappa<Db>::worklist(Date today, const WorklistScope& scope) {
  int limit = page_limit(scope.page);
  auto after = cursor_after(scope.page);
  auto& row = db_.prepare(
      "WITH candidate AS MATERIALIZED (SELECT d.person_id, d.given_name, d.family_name, d.prison_number, d.crn, "
      "d.stage, d.has_plan_or_checklist, d.prison_code, d.pdu_code, "
      "(SELECT m.level FROM mappa_decision m WHERE m.person_id = d.person_id ORDER BY m.decided_on DESC, m.id DESC LIMIT 1) "
      "AS level, "
      "(SELECT m.decided_on FROM mappa_decision m WHERE m.person_id = d.person_id ORDER BY m.decided_on DESC, m.id DESC "
      "LIMIT 1) AS decided_on, "
      "(SELECT max(g.meeting_on) FROM mappa_meeting g WHERE g.person_id = d.person_id AND g.status = 'held') AS last_held, "
      "CASE WHEN d.in_custody = 1 THEN d.release_date END AS release_date, "
      "(SELECT count(*) FROM mappa_action a WHERE a.person_id = d.person_id AND a.status = 'open' AND a.due_on < ?1) "
      "AS actions_overdue, "
      "(SELECT count(*) FROM information_sharing i WHERE i.person_id = d.person_id AND i.answered_on IS NULL "
      "AND i.kind <> 'disclosure' AND i.due_by < ?1) AS requests_overdue "
      "FROM (" + scoped_people(scope) + ") s JOIN case_dates d ON d.person_id = s.person_id "
      "WHERE d.person_id > ?8 AND (CAST(?5 AS text) IS NULL OR d.prison_code = ?5) "
      "AND (CAST(?6 AS text) IS NULL OR d.pdu_code = ?6) AND " +
      limited_access_allows_sql("d.person_id", "CAST(?7 AS bigint)", "d.limited") +
      ") SELECT * FROM candidate WHERE level IN ('2', '3') OR actions_overdue > 0 OR requests_overdue > 0 "
      "ORDER BY person_id LIMIT ?9");
  const auto& within = scope.within;
  row.bind(today, within ? null_if_empty(within->prison_code) : std::nullopt,
           within ? null_if_empty(within->pdu_code) : std::nullopt, within ? within->staff_id : std::nullopt,
           null_if_empty(scope.prison_code), null_if_empty(scope.pdu_code), scope.seen_by, after, limit);
  Page<MappaWorklistRow> page;
  while (row.step()) {
    MappaWorklistRow item{read_summary_row(row, 0), row.text(7), row.text(8), {}, 0, 0};
    if (!row.is_null(9)) item.facts.level = stored_code<Db>(row, 9, mappa_decision_levels(), "mappa_decision");
    item.facts.level_set_on = row.date(10).value_or(Date{});
    item.facts.last_held = row.date(11);
    item.facts.release_date = row.date(12);
    item.actions_overdue = static_cast<int>(row.integer(13));
    item.requests_overdue = static_cast<int>(row.integer(14));
    page.items.push_back(std::move(item));
  }
  if (!page.items.empty()) page.next_cursor = next_cursor(page.items.size(), limit, page.items.back().person.id);
  return page;
}

template class Mappa<sqlite::Connection>;
template class Mappa<postgresql::Connection>;

}  // namespace resettle::store::shared
