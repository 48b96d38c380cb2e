// Release day records in SQLite: the release in columns, the provisions as one JSON object by code
// (they are read and written whole, with the record).
#include "store/sqlite/releases.hpp"

#include <nlohmann/json.hpp>

namespace resettle::store::sqlite {

namespace {
using nlohmann::json;

std::string provisions_json(const ReleaseDayArrangements& arrangements) {
  json stored = json::object();
  for (const auto& [provision, record] : arrangements.provisions)
    stored[std::string{entry_for(release_provisions(), provision).code}] = {
        {"status", entry_for(provision_statuses(), record.status).code}, {"detail", record.detail}};
  return stored.dump();
}

template <typename E>
E stored_code(std::span<const Coded<E>> list, std::string_view code) {
  auto parsed = parse_code(list, code);
  if (!parsed) throw DatabaseError("unknown code '" + std::string{code} + "' in the release_day_record table");
  return *parsed;
}

std::map<ReleaseProvision, ProvisionRecord> provisions_from(std::string_view text) {
  std::map<ReleaseProvision, ProvisionRecord> provisions;
  const auto stored = json::parse(text);  // items() refers to it: it must outlive the loop
  for (const auto& [code, record] : stored.items())
    provisions[stored_code(release_provisions(), code)] = {
        stored_code(provision_statuses(), record.at("status").get<std::string>()), record.at("detail").get<std::string>()};
  return provisions;
}

std::optional<std::string_view> tonight_code(const ReleaseDayArrangements& arrangements) {
  if (!arrangements.tonight) return std::nullopt;
  return entry_for(first_night_accommodations(), *arrangements.tonight).code;
}
}  // namespace

std::int64_t SqliteReleaseDays::insert(const ReleaseDayRecord& r) {
  const auto& a = r.arrangements;
  db_.prepare(
         "INSERT INTO release_day_record (person_id, released_on, released_at, prison_code, tonight, address, "
         "provisions, medication_days, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(r.person_id, r.release.released_on, r.release.released_at, r.release.prison_code, tonight_code(a), a.address,
            provisions_json(a), a.medication_days, r.recorded_by)
      .run();
  return db_.last_insert_id();
}

std::optional<ReleaseDayRecord> SqliteReleaseDays::latest_for_person(std::int64_t person_id) {
  auto latest = latest_for_people({person_id});
  if (latest.empty()) return std::nullopt;
  return latest.front();
}

std::vector<ReleaseDayRecord> SqliteReleaseDays::latest_for_people(const std::vector<std::int64_t>& person_ids) {
  auto& row = db_.prepare(
      "SELECT r.id, r.version, r.released_on, r.released_at, r.prison_code, r.tonight, r.address, r.provisions, "
      "r.medication_days, r.recorded_by, r.person_id FROM release_day_record r "
      "WHERE r.person_id IN (SELECT value FROM json_each(?)) AND r.id = "
      "(SELECT max(latest.id) FROM release_day_record latest WHERE latest.person_id = r.person_id) ORDER BY r.person_id");
  row.bind(nlohmann::json(person_ids).dump());
  std::vector<ReleaseDayRecord> records;
  while (row.step()) {
    ReleaseDayRecord record;
    record.id = row.integer(0);
    record.person_id = row.integer(10);
    record.version = row.integer(1);
    record.release = {row.date(2).value_or(Date{}), row.text(3), row.text(4)};
    if (!row.is_null(5)) record.arrangements.tonight = code_column(row, 5, first_night_accommodations(), "release_day_record");
    record.arrangements.address = row.text(6);
    record.arrangements.provisions = provisions_from(row.text_view(7));
    if (auto days = row.optional_integer(8)) record.arrangements.medication_days = static_cast<int>(*days);
    record.recorded_by = row.integer(9);
    records.push_back(std::move(record));
  }
  return records;
}

void SqliteReleaseDays::update(const ReleaseDayRecord& r, std::int64_t expected_version) {
  const auto& a = r.arrangements;
  auto& statement = db_.prepare(
      "UPDATE release_day_record SET tonight = ?, address = ?, provisions = ?, medication_days = ?, "
      "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?");
  statement.bind(tonight_code(a), a.address, provisions_json(a), a.medication_days, r.id, expected_version);
  statement.run();
  require_changed(statement, "release day record", r.id);
}

}  // namespace resettle::store::sqlite
