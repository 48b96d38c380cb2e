// Insight for both stores: equality facts (the answers as one JSON object by characteristic code), the
// queries that gather a scope's cases for the insight measures, and the change log.
#include "store/shared/insight_repositories.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/directory_repositories.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/shared/plan_repositories.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

using nlohmann::json;

std::string answers_json(const EqualityFacts& facts) {
  json stored = json::object();
  for (const auto& [characteristic, code] : facts.answers) stored[std::string{entry_for(characteristics(), characteristic).code}] = code;
  return stored.dump();
}

// Answers stored under a characteristic this build does not know are left out rather than refused:
// codes are only ever added, so an older reader meets them only after a newer one wrote them.
std::map<Characteristic, std::string> answers_from(std::string_view text) {
  std::map<Characteristic, std::string> answers;
  const auto stored = json::parse(text);  // items() refers to it: it must outlive the loop
  for (const auto& [code, answer] : stored.items())
    if (auto characteristic = parse_code(characteristics(), code)) answers[*characteristic] = answer.get<std::string>();
  return answers;
}

// The people in a scope: ?1 is the scope's kind code, ?2 its code (see InsightRepository::cases).
constexpr std::string_view people_in_scope = R"sql(
SELECT p.id FROM person p WHERE ?1 = 'national'
  OR (?1 = 'pdu' AND p.pdu_code = ?2)
  OR (?1 = 'prison' AND (p.prison_code = ?2
      OR EXISTS (SELECT 1 FROM release_day_record r WHERE r.person_id = p.id AND r.prison_code = ?2)))
  OR (?1 = 'region' AND (p.prison_code IN (SELECT code FROM prison WHERE region_code = ?2)
      OR p.pdu_code IN (SELECT code FROM pdu WHERE region_code = ?2)))
  OR (?1 = 'team' AND EXISTS (SELECT 1 FROM allocation a JOIN staff s ON s.id = a.staff_id
      WHERE a.person_id = p.id AND s.team_code = ?2))
)sql";

// The people of a JSON array of ids bound as ?1.
template <typename Db>
std::string listed_people() {
  return "SELECT value FROM " + Sql<Db>::json_integer_table("?1", "listed");
}

template <typename Db>
std::optional<ProvisionStatus> provision_status(const StatementOf<Db>& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return stored_code<Db>(row, column, provision_statuses(), "release_day_record");
}

}  // namespace

template <Database Db>
std::optional<EqualityFacts> EqualityFactRecords<Db>::find(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT version, answers, consent_given_on, recorded_by FROM equality_facts WHERE person_id = ?")
                  .bind(person_id);
  if (!row.step()) return std::nullopt;
  return EqualityFacts{person_id, row.integer(0), answers_from(row.text_view(1)), row.date(2).value_or(Date{}),
                       row.integer(3)};
}

template <Database Db>
void EqualityFactRecords<Db>::save(const EqualityFacts& facts, std::int64_t expected_version) {
  if (expected_version == 0) {
    if (find(facts.person_id)) throw StaleVersion("equality facts of person " + std::to_string(facts.person_id) + " were recorded meanwhile");
    db_.prepare("INSERT INTO equality_facts (person_id, answers, consent_given_on, recorded_by) VALUES (?, ?, ?, ?)")
        .bind(facts.person_id, answers_json(facts), facts.consent_given_on, facts.recorded_by)
        .run();
    return;
  }
  static const std::string update_sql = "UPDATE equality_facts SET version = version + 1, answers = ?, consent_given_on = ?, "
                                        "recorded_by = ?, updated_at = " + std::string{Sql<Db>::now} +
                                        " WHERE person_id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(answers_json(facts), facts.consent_given_on, facts.recorded_by, facts.person_id, expected_version).run();
  require_changed(statement, "equality facts of person", facts.person_id);
}

template <Database Db>
bool Insight<Db>::scope_exists(const InsightScope& scope) {
  static constexpr std::string_view tables[] = {"team", "pdu", "prison", "region"};
  if (scope.kind == ScopeKind::national) return true;
  auto& row = db_.prepare("SELECT 1 FROM " + std::string{tables[static_cast<int>(scope.kind)]} + " WHERE code = ?")
                  .bind(scope.code);
  return row.step();
}

// The cases of the people `members` selects (a subquery over ?1, ?2 or ?1 alone, bound to `keys`): one
// read for the people with their equality facts and case dates, one for releases, one for recall decisions.
template <Database Db>
template <typename... Keys>
std::vector<InsightCase> Insight<Db>::read_cases(const std::string& members, const Keys&... keys) {
  std::vector<InsightCase> cases;
  auto& people = db_.prepare(
      "SELECT p.id, p.date_of_birth, e.version, e.answers, e.consent_given_on, e.recorded_by, c.com_allocated_date "
      "FROM person p LEFT JOIN equality_facts e ON e.person_id = p.id LEFT JOIN case_dates c ON c.person_id = p.id "
      "WHERE p.id IN (" + members + ") ORDER BY p.id");
  people.bind(keys...);
  while (people.step()) {
    InsightCase c;
    c.person_id = people.integer(0);
    c.date_of_birth = people.date(1).value_or(Date{});
    if (!people.is_null(2))
      c.facts = EqualityFacts{c.person_id, people.integer(2), answers_from(people.text_view(3)),
                              people.date(4).value_or(Date{}), people.integer(5)};
    c.com_start_date = people.date(6);
    cases.push_back(std::move(c));
  }
  auto case_of = [&](std::int64_t person_id) -> InsightCase& {
    return *std::ranges::lower_bound(cases, person_id, {}, &InsightCase::person_id);
  };
  auto& releases = db_.prepare("SELECT person_id, released_on, tonight, " +
                               Sql<Db>::json_text_at("provisions", {"id_documents", "status"}) + ", " +
                               Sql<Db>::json_text_at("provisions", {"bank_account", "status"}) +
                               " FROM release_day_record WHERE person_id IN (" + members + ")");
  releases.bind(keys...);
  while (releases.step()) {
    ReleaseFacts release{releases.date(1).value_or(Date{})};
    if (!releases.is_null(2)) release.tonight = stored_code<Db>(releases, 2, first_night_accommodations(), "release_day_record");
    release.id_documents = provision_status<Db>(releases, 3);
    release.bank_account = provision_status<Db>(releases, 4);
    case_of(releases.integer(0)).releases.push_back(release);
  }
  auto& recalls = db_.prepare("SELECT person_id, decided_on, trigger, decision FROM recall WHERE person_id IN (" +
                              members + ") AND decision IS NOT NULL");
  recalls.bind(keys...);
  while (recalls.step())
    case_of(recalls.integer(0))
        .recall_decisions.push_back({recalls.date(1).value_or(Date{}), stored_code<Db>(recalls, 2, recall_triggers(), "recall"),
                                     stored_code<Db>(recalls, 3, recall_outcomes(), "recall")});
  return cases;
}

template <Database Db>
std::vector<InsightCase> Insight<Db>::cases(const InsightScope& scope) {
  return read_cases(std::string{people_in_scope}, entry_for(scope_kinds(), scope.kind).code, scope.code);
}

template <Database Db>
std::vector<std::int64_t> Insight<Db>::people(const InsightScope& scope) {
  return read_all(db_.prepare(std::string{people_in_scope} + " ORDER BY p.id")
                      .bind(entry_for(scope_kinds(), scope.kind).code, scope.code),
                  [](const auto& row) { return row.integer(0); });
}

template <Database Db>
std::vector<InsightCase> Insight<Db>::cases_of(const std::vector<std::int64_t>& person_ids) {
  return read_cases(listed_people<Db>(), nlohmann::json(person_ids).dump());
}

namespace {

// Hands each record to `add` with the progress entry of its person: `records` are in person id order, as
// `person_ids` are, and each belongs to one of them.
template <typename Record, typename Add>
void distribute(std::vector<Record> records, const std::vector<std::int64_t>& person_ids,
                std::vector<CaseProgress>& progress, Add add) {
  std::size_t next = 0;
  for (auto& record : records) {
    while (person_ids[next] < record.person_id) ++next;
    add(progress[next], std::move(record));
  }
}

}  // namespace

template <Database Db>
std::vector<CaseProgress> Insight<Db>::progress_of(const std::vector<std::int64_t>& person_ids) {
  std::vector<CaseProgress> progress(person_ids.size());
  distribute(ReleaseDays<Db>{db_}.latest_for_people(person_ids), person_ids, progress,
             [](CaseProgress& p, ReleaseDayRecord r) { p.latest_release = std::move(r); });
  distribute(NeedsAssessments<Db>{db_}.for_people(person_ids), person_ids, progress,
             [](CaseProgress& p, NeedsAssessment a) { p.assessments.push_back(std::move(a)); });
  distribute(OutcomeSnapshots<Db>{db_}.for_people(person_ids), person_ids, progress,
             [](CaseProgress& p, OutcomeSnapshot s) { p.snapshots.push_back(std::move(s)); });
  distribute(Referrals<Db>{db_}.for_people(person_ids), person_ids, progress,
             [](CaseProgress& p, Referral r) { p.referrals.push_back(std::move(r)); });
  return progress;
}

template <Database Db>
std::vector<PersonSummary> Insight<Db>::named(const std::vector<std::int64_t>& person_ids, std::int64_t seen_by) {
  // The list shows nothing overdue, so whether the person has a plan or checklist is not read (0).
  static const std::string named_sql =
      "SELECT p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage, 0 FROM person p WHERE p.id IN (" +
      listed_people<Db>() + ") AND " + limited_access_allows_sql("p.id", "CAST(?2 AS BIGINT)") + " ORDER BY p.id";
  return read_all(db_.prepare(named_sql).bind(nlohmann::json(person_ids).dump(), seen_by),
                  [](const auto& row) { return read_summary_row(row, 0); });
}

template <Database Db>
std::int64_t Insight<Db>::latest_entry() {
  auto& row = db_.prepare("SELECT coalesce(max(id), 0) FROM insight_change");
  row.bind().step();
  return row.integer(0);
}

template <Database Db>
std::vector<std::int64_t> Insight<Db>::changed_since(std::int64_t entry) {
  return read_all(
      db_.prepare("SELECT DISTINCT person_id FROM insight_change WHERE id > ? ORDER BY person_id").bind(entry),
      [](const auto& row) { return row.integer(0); });
}

template <Database Db>
std::int64_t Insight<Db>::trimmed_up_to() {
  auto& row = db_.prepare("SELECT coalesce(max(up_to), 0) FROM insight_change_trimmed");
  row.bind().step();
  return row.integer(0);
}

template <Database Db>
std::int64_t Insight<Db>::trim_changes(std::int64_t entry) {
  // The latest entry stays: SQLite gives a new row the highest id plus one, so an emptied log would start
  // again from 1 and a reader past those ids would miss the new entries.
  auto& removed = db_.prepare("DELETE FROM insight_change WHERE id <= ?1 AND id < (SELECT max(id) FROM insight_change)")
                      .bind(entry);
  removed.run();
  auto count = removed.changes();
  if (count > 0)
    db_.prepare("INSERT INTO insight_change_trimmed (id, up_to) SELECT 1, min(id) - 1 FROM insight_change WHERE true "
                "ON CONFLICT (id) DO UPDATE SET up_to = excluded.up_to WHERE insight_change_trimmed.up_to < excluded.up_to")
        .bind()
        .run();  // WHERE true: SQLite's upsert after a SELECT needs one
  return count;
}

template <Database Db>
std::vector<CaseUnits> Insight<Db>::units_of(const std::vector<std::int64_t>& person_ids) {
  const auto members = listed_people<Db>();
  const auto ids = nlohmann::json(person_ids).dump();
  std::vector<CaseUnits> units(person_ids.size());
  // Each query gives rows in person id order, as `person_ids` are: `next` walks along both.
  auto each_row = [&](const std::string& sql, auto add) {
    auto& rows = db_.prepare(sql).bind(ids);
    std::size_t next = 0;
    while (rows.step()) {
      while (person_ids[next] < rows.integer(0)) ++next;
      add(units[next], rows.text(1));
    }
  };
  each_row("SELECT id, pdu_code FROM person WHERE pdu_code IS NOT NULL AND id IN (" + members + ") ORDER BY id",
           [](CaseUnits& u, std::string code) { u.pdu_code = std::move(code); });
  each_row("SELECT id, prison_code FROM person WHERE prison_code IS NOT NULL AND id IN (" + members + ") ORDER BY id",
           [](CaseUnits& u, std::string code) { u.prison_code = std::move(code); });
  each_row("SELECT DISTINCT person_id, prison_code FROM release_day_record WHERE person_id IN (" + members +
               ") ORDER BY person_id, prison_code",
           [](CaseUnits& u, std::string code) { u.released_from.push_back(std::move(code)); });
  each_row("SELECT DISTINCT a.person_id, s.team_code FROM allocation a JOIN staff s ON s.id = a.staff_id "
           "WHERE s.team_code IS NOT NULL AND a.person_id IN (" + members + ") ORDER BY a.person_id, s.team_code",
           [](CaseUnits& u, std::string code) { u.teams.push_back(std::move(code)); });
  return units;
}

template class EqualityFactRecords<sqlite::Connection>;
template class EqualityFactRecords<postgresql::Connection>;
template class Insight<sqlite::Connection>;
template class Insight<postgresql::Connection>;

}  // namespace resettle::store::shared
