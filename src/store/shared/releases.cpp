// Release day records in both stores: the release in columns, the provisions as one JSON object by
// code (they are read and written whole, with the record). See licence_repositories.hpp.
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
using nlohmann::json;

std::string provisions_json(const ReleaseDayArrangements& arrangements) {
  json stored = json::object();
  for (const auto& [provision, record] : arrangements.provisions)
    stored[std::string{entry_for(release_provisions(), provision).code}] = {
        {"status", entry_for(provision_statuses(), record.status).code}, {"detail", record.detail}};
  return stored.dump();
}

// A code kept in the provisions' JSON back into its enum; the backend's error when it is unknown.
template <typename Db, typename E>
E json_code(std::span<const Coded<E>> list, std::string_view code) {
  auto parsed = parse_code(list, code);
  if (!parsed) throw typename Sql<Db>::Error("unknown code '" + std::string{code} + "' in the release_day_record table");
  return *parsed;
}

template <typename Db>
std::map<ReleaseProvision, ProvisionRecord> provisions_from(std::string_view text) {
  std::map<ReleaseProvision, ProvisionRecord> provisions;
  const auto stored = json::parse(text);  // items() refers to it: it must outlive the loop
  for (const auto& [code, record] : stored.items())
    provisions[json_code<Db>(release_provisions(), code)] = {
        json_code<Db>(provision_statuses(), record.at("status").template get<std::string>()),
        record.at("detail").template get<std::string>()};
  return provisions;
}

std::optional<std::string_view> tonight_code(const ReleaseDayArrangements& arrangements) {
  if (!arrangements.tonight) return std::nullopt;
  return entry_for(first_night_accommodations(), *arrangements.tonight).code;
}
}  // namespace

template <Database Db>
std::int64_t ReleaseDays<Db>::insert(const ReleaseDayRecord& r) {
  const auto& a = r.arrangements;
  auto& statement = db_.prepare(
      "INSERT INTO release_day_record (person_id, released_on, released_at, prison_code, tonight, address, "
      "provisions, medication_days, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(r.person_id, r.release.released_on, r.release.released_at, r.release.prison_code, tonight_code(a),
                 a.address, provisions_json(a), a.medication_days, r.recorded_by);
  return inserted_id(statement);
}

template <Database Db>
std::optional<ReleaseDayRecord> ReleaseDays<Db>::latest_for_person(std::int64_t person_id) {
  auto latest = latest_for_people({person_id});
  if (latest.empty()) return std::nullopt;
  return latest.front();
}

template <Database Db>
std::vector<ReleaseDayRecord> ReleaseDays<Db>::latest_for_people(const std::vector<std::int64_t>& person_ids) {
  static const std::string latest_sql =
      "SELECT r.id, r.version, r.released_on, r.released_at, r.prison_code, r.tonight, r.address, r.provisions, "
      "r.medication_days, r.recorded_by, r.person_id FROM release_day_record r "
      "WHERE r.person_id IN (SELECT value FROM " + Sql<Db>::json_integer_table("?", "asked") + ") AND r.id = "
      "(SELECT max(latest.id) FROM release_day_record latest WHERE latest.person_id = r.person_id) ORDER BY r.person_id";
  auto& row = db_.prepare(latest_sql);
  row.bind(nlohmann::json(person_ids).dump());
  std::vector<ReleaseDayRecord> records;
  while (row.step()) {
    ReleaseDayRecord record;
    record.id = row.integer(0);
    record.person_id = row.integer(10);
    record.version = row.integer(1);
    record.release = {row.date(2).value_or(Date{}), row.text(3), row.text(4)};
    if (!row.is_null(5))
      record.arrangements.tonight = stored_code<Db>(row, 5, first_night_accommodations(), "release_day_record");
    record.arrangements.address = row.text(6);
    record.arrangements.provisions = provisions_from<Db>(row.text_view(7));
    if (auto days = row.optional_integer(8)) record.arrangements.medication_days = static_cast<int>(*days);
    record.recorded_by = row.integer(9);
    records.push_back(std::move(record));
  }
  return records;
}

template <Database Db>
void ReleaseDays<Db>::update(const ReleaseDayRecord& r, std::int64_t expected_version) {
  const auto& a = r.arrangements;
  static const std::string update_sql =
      "UPDATE release_day_record SET tonight = ?, address = ?, provisions = ?, medication_days = ?, "
      "version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(tonight_code(a), a.address, provisions_json(a), a.medication_days, r.id, expected_version);
  statement.run();
  require_changed(statement, "release day record", r.id);
}

template class ReleaseDays<sqlite::Connection>;
template class ReleaseDays<postgresql::Connection>;

}  // namespace resettle::store::shared
