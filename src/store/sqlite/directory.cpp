// The directory's records are kept in columns named after their HSDS fields, so each record is
// written and read through the domain's own field readers and writers (service_fields,
// read_service, ...): one mapping, shared with the CSV and JSON formats.
#include <cctype>

#include <nlohmann/json.hpp>

#include "store/sqlite/directory_repositories.hpp"

namespace resettle::store::sqlite {

namespace {

std::vector<std::string> columns_of(const FieldInput& fields) {
  std::vector<std::string> columns;
  for (const auto& [name, value] : fields) columns.push_back(name);
  return columns;
}

// INSERT of one record, its fields bound as one JSON object (?1); `parent` (?2) comes first
// when the record belongs to a service. With `upsert`, a record with the same id is overwritten.
std::string insert_sql(std::string_view table, const std::vector<std::string>& columns, bool with_parent, bool upsert) {
  std::string names = with_parent ? "service_id" : "";
  std::string values = with_parent ? "?2" : "";
  std::string updates;
  for (const auto& column : columns) {
    names += (names.empty() ? "" : ", ") + column;
    values += (values.empty() ? "" : ", ") + ("nullif(json_extract(?1, '$." + column + "'), '')");
    if (column != "id") updates += (updates.empty() ? "" : ", ") + column + " = excluded." + column;
  }
  auto sql = "INSERT INTO " + std::string{table} + " (" + names + ") VALUES (" + values + ")";
  if (upsert) sql += " ON CONFLICT(id) DO UPDATE SET " + updates;
  return sql;
}

std::string as_json(const FieldInput& fields) {
  auto json = nlohmann::json::object();
  for (const auto& [name, value] : fields) json[name] = value;
  return json.dump();
}

void write_record(Connection& db, std::string_view table, const FieldInput& fields, const std::string* parent = nullptr) {
  auto sql = insert_sql(table, columns_of(fields), parent != nullptr, parent == nullptr);
  auto& statement = db.prepare(sql);
  if (parent) statement.bind(as_json(fields), *parent);
  else statement.bind(as_json(fields));
  statement.run();
}

// The records of `table` whose `key` column equals `value`, as HSDS fields (NULL -> "").
std::vector<FieldInput> read_records(Connection& db, std::string_view table, const std::vector<std::string>& columns,
                                     std::string_view key, const std::string& value) {
  std::string members;
  for (const auto& column : columns) members += (members.empty() ? "'" : ", '") + column + "', " + column;
  auto& statement = db.prepare("SELECT json_object(" + members + ") FROM " + std::string{table} + " WHERE " +
                               std::string{key} + " = ? ORDER BY rowid");
  statement.bind(value);
  std::vector<FieldInput> records;
  while (statement.step()) {
    FieldInput fields;
    auto record = nlohmann::json::parse(statement.text(0));
    for (const auto& [name, member] : record.items()) {
      if (member.is_string()) fields[name] = member.get<std::string>();
      else if (!member.is_null()) fields[name] = member.dump();
    }
    records.push_back(std::move(fields));
  }
  return records;
}

const std::vector<std::string>& service_columns() {
  static const auto columns = columns_of(service_fields(Service{}));
  return columns;
}

std::vector<std::string> location_columns() {
  auto columns = columns_of(location_fields(Location{}));
  for (auto& column : columns_of(address_fields(Address{}))) columns.push_back(column);
  return columns;
}

// The FTS5 query for free words: each word a quoted prefix term, all required, so query
// syntax typed by a user is never parsed as syntax.
std::string match_expression(const std::string& text) {
  std::string expression;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    expression += (expression.empty() ? "\"" : " \"") + word + "\"*";
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return expression;
}

}  // namespace

void SqliteDirectory::save_organisation(const Organisation& organisation) {
  write_record(db_, "organisation", organisation_fields(organisation));
  for (const auto& service_id : ids("SELECT id FROM service WHERE organization_id = ?", organisation.id))
    index_service(service_id);
}

void SqliteDirectory::save_service(const Service& service) {
  write_record(db_, "service", service_fields(service));
  for (auto table : {"schedule", "contact", "service_area", "eligibility_gender", "service_capacity", "service_pathway"})
    db_.prepare("DELETE FROM " + std::string{table} + " WHERE service_id = ?").bind(service.id).run();
  for (const auto& schedule : service.schedules) write_record(db_, "schedule", schedule_fields(schedule), &service.id);
  for (const auto& contact : service.contacts) write_record(db_, "contact", contact_fields(contact), &service.id);
  for (const auto& area : service.eligibility.areas)
    db_.prepare("INSERT INTO service_area (service_id, id, code, name) VALUES (?, ?, ?, ?)")
        .bind(service.id, area.id, area.code, area.name)
        .run();
  for (auto gender : service.eligibility.genders)
    db_.prepare("INSERT OR IGNORE INTO eligibility_gender (service_id, gender) VALUES (?, ?)")
        .bind(service.id, entry_for(genders(), gender).code)
        .run();
  if (service.capacity) {
    write_record(db_, "service_capacity", capacity_fields(*service.capacity), &service.id);
  }
  for (auto pathway : service.pathways) {
    db_.prepare(
           "INSERT INTO taxonomy_term (code, taxonomy, label) VALUES (?, ?, ?) "
           "ON CONFLICT(code) DO UPDATE SET label = excluded.label")
        .bind(pathway_code(pathway), "resettle_pathway", pathway_label(pathway))
        .run();
    db_.prepare("INSERT OR IGNORE INTO service_pathway (service_id, pathway_code) VALUES (?, ?)")
        .bind(service.id, pathway_code(pathway))
        .run();
  }
  index_service(service.id);
}

void SqliteDirectory::index_service(const std::string& service_id) {
  db_.prepare("DELETE FROM service_search WHERE service_id = ?").bind(service_id).run();
  db_.prepare(
         "INSERT INTO service_search (service_id, name, description, eligibility, organisation, pathways) "
         "SELECT s.id, s.name, coalesce(s.description, ''), coalesce(s.eligibility_description, ''), "
         "coalesce(o.name, ''), coalesce((SELECT group_concat(t.label, ' ') FROM service_pathway p "
         "JOIN taxonomy_term t ON t.code = p.pathway_code WHERE p.service_id = s.id), '') "
         "FROM service s LEFT JOIN organisation o ON o.id = s.organization_id WHERE s.id = ?")
      .bind(service_id)
      .run();
}

void SqliteDirectory::save_location(const Location& location) {
  auto fields = location_fields(location);
  if (location.address)
    for (auto& [name, value] : address_fields(*location.address)) fields[name] = value;
  else
    for (const auto& name : columns_of(address_fields(Address{}))) fields[name] = "";
  write_record(db_, "location", fields);
}

void SqliteDirectory::save_service_at_location(const ServiceAtLocation& link) {
  write_record(db_, "service_at_location", service_at_location_fields(link));
}

std::vector<std::string> SqliteDirectory::ids(std::string_view sql, const std::string& key) {
  auto& statement = db_.prepare(sql);
  statement.bind(key);
  std::vector<std::string> found;
  while (statement.step()) found.push_back(statement.text(0));
  return found;
}

std::optional<Organisation> SqliteDirectory::find_organisation(const std::string& id) {
  auto records = read_records(db_, "organisation", columns_of(organisation_fields(Organisation{})), "id", id);
  if (records.empty()) return std::nullopt;
  return read_organisation(records.front());
}

bool SqliteDirectory::has_location(const std::string& id) {
  return !ids("SELECT id FROM location WHERE id = ?", id).empty();
}

std::optional<Service> SqliteDirectory::find_service(const std::string& id) {
  auto records = read_records(db_, "service", service_columns(), "id", id);
  if (records.empty()) return std::nullopt;
  auto service = read_service(records.front());
  for (const auto& fields : read_records(db_, "schedule", columns_of(schedule_fields(Schedule{})), "service_id", id))
    service.schedules.push_back(read_schedule(fields));
  for (const auto& fields : read_records(db_, "contact", columns_of(contact_fields(Contact{})), "service_id", id))
    service.contacts.push_back(read_contact(fields));
  auto& areas = db_.prepare("SELECT id, code, name FROM service_area WHERE service_id = ? ORDER BY row");
  areas.bind(id);
  while (areas.step()) service.eligibility.areas.push_back({areas.text(0), areas.text(1), areas.text(2)});
  for (const auto& code : ids("SELECT gender FROM eligibility_gender WHERE service_id = ? ORDER BY rowid", id))
    if (auto gender = parse_code(genders(), code)) service.eligibility.genders.push_back(*gender);
  for (const auto& code : ids("SELECT pathway_code FROM service_pathway WHERE service_id = ? ORDER BY rowid", id))
    if (auto pathway = parse_pathway(code)) service.pathways.push_back(*pathway);
  auto capacity = read_records(db_, "service_capacity", columns_of(capacity_fields(Capacity{})), "service_id", id);
  if (!capacity.empty()) service.capacity = read_capacity(capacity.front());
  return service;
}

Directory SqliteDirectory::directory(const std::vector<std::string>& service_ids) {
  auto wanted = service_ids;
  if (wanted.empty()) {
    auto& all = db_.prepare("SELECT id FROM service ORDER BY id");
    all.bind();
    while (all.step()) wanted.push_back(all.text(0));
  }
  Directory directory;
  for (const auto& id : wanted) {
    auto service = find_service(id);
    if (!service) continue;
    if (!directory.organisation(service->organisation_id))
      if (auto organisation = find_organisation(service->organisation_id))
        directory.organisations.push_back(*organisation);
    auto links = read_records(db_, "service_at_location", columns_of(service_at_location_fields({})), "service_id", id);
    for (const auto& fields : links) {
      auto link = read_service_at_location(fields);
      if (!directory.location(link.location_id)) {
        auto located = read_records(db_, "location", location_columns(), "id", link.location_id);
        if (!located.empty()) {
          auto location = read_location(located.front());
          const auto& record = located.front();
          if (record.contains("address_1") || record.contains("city") || record.contains("postal_code"))
            location.address = read_address(record);
          directory.locations.push_back(std::move(location));
        }
      }
      directory.service_at_locations.push_back(std::move(link));
    }
    directory.services.push_back(std::move(*service));
  }
  return directory;
}

ServiceSearchResult SqliteDirectory::search(const ServiceQuery& query) {
  // Filters shared by both orderings: ?1 pathway code, ?2 area code or name.
  static constexpr std::string_view filters =
      " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM service_pathway p WHERE p.service_id = s.id AND p.pathway_code = ?1))"
      " AND (?2 IS NULL OR NOT EXISTS (SELECT 1 FROM service_area a WHERE a.service_id = s.id)"
      "      OR EXISTS (SELECT 1 FROM service_area a WHERE a.service_id = s.id"
      "                 AND (a.code = ?2 OR a.name = ?2 COLLATE NOCASE)))";
  // bm25 weights: a word in the name counts most, then pathway and organisation, then the rest.
  static const std::string ranked =
      "SELECT s.id FROM service_search f JOIN service s ON s.id = f.service_id "
      "WHERE service_search MATCH ?3" + std::string{filters} +
      " ORDER BY bm25(service_search, 0.0, 10.0, 2.0, 1.0, 4.0, 5.0), s.name LIMIT ?4 OFFSET ?5";
  static const std::string by_name =
      "SELECT s.id FROM service s WHERE ?3 IS NULL" + std::string{filters} + " ORDER BY s.name, s.id LIMIT ?4 OFFSET ?5";

  std::optional<std::string> pathway;
  if (query.pathway) pathway = std::string{pathway_code(*query.pathway)};
  std::optional<std::string> area;
  if (!query.area.empty()) area = query.area;
  auto match = match_expression(query.text);
  auto& statement = db_.prepare(match.empty() ? by_name : ranked);
  std::optional<std::string> text;
  if (!match.empty()) text = match;
  // One row more than asked tells whether there is a next page.
  statement.bind(pathway, area, text, query.limit + 1, static_cast<std::int64_t>(query.offset));
  std::vector<std::string> found;
  while (statement.step()) found.push_back(statement.text(0));
  ServiceSearchResult result;
  if (found.size() > static_cast<std::size_t>(query.limit)) {
    found.pop_back();
    result.next_cursor = std::to_string(query.offset + found.size());
  }
  for (const auto& id : found)
    if (auto service = find_service(id)) result.services.push_back(std::move(*service));
  return result;
}

}  // namespace resettle::store::sqlite
