// The directory repository of both stores (see directory_repositories.hpp). The directory's records are
// kept in columns named after their HSDS fields, so each record is written and read through the domain's
// own field readers and writers (service_fields, read_service, ...): one mapping, shared with the CSV and
// JSON formats.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/directory_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

std::vector<std::string> columns_of(const FieldInput& fields) {
  std::vector<std::string> columns;
  for (const auto& [name, value] : fields) columns.push_back(name);
  return columns;
}

// INSERT of one record, its fields bound as one JSON object (an empty field is absent, so NULL). With
// `upsert`, a record with the same id is overwritten.
template <typename Db>
std::string insert_sql(std::string_view table, const std::vector<std::string>& columns, bool upsert) {
  std::string names;
  std::string updates;
  for (const auto& column : columns) {
    names += (names.empty() ? "" : ", ") + column;
    if (column != "id") updates += (updates.empty() ? "" : ", ") + column + " = excluded." + column;
  }
  // WHERE true: SQLite would otherwise read ON CONFLICT as a join's ON.
  auto sql = "INSERT INTO " + std::string{table} + " (" + names + ") " +
             Sql<Db>::json_members("?1", table, columns) + " WHERE true";
  if (upsert) sql += " ON CONFLICT (id) DO UPDATE SET " + updates;
  return sql;
}

std::string as_json(const FieldInput& fields) {
  auto json = nlohmann::json::object();
  for (const auto& [name, value] : fields)
    if (!value.empty()) json[name] = value;
  return json.dump();
}

// A record of its own (upserted by id), or one of a service's (`parent`), which save_service replaces.
template <typename Db>
void write_record(Db& db, std::string_view table, FieldInput fields, const std::string* parent = nullptr) {
  if (parent) fields["service_id"] = *parent;
  db.prepare(insert_sql<Db>(table, columns_of(fields), parent == nullptr)).bind(as_json(fields)).run();
}

// The records of `table` whose `key` column equals `value`, in `order`, as HSDS fields (NULL -> absent).
template <typename Db>
std::vector<FieldInput> read_records(Db& db, std::string_view table, const std::vector<std::string>& columns,
                                     std::string_view key, const std::string& value, std::string_view order = "id") {
  std::string selected;
  for (const auto& column : columns) selected += (selected.empty() ? "" : ", ") + column;
  auto& statement = db.prepare("SELECT " + selected + " FROM " + std::string{table} + " WHERE " + std::string{key} +
                               " = ? ORDER BY " + std::string{order});
  statement.bind(value);
  std::vector<FieldInput> records;
  while (statement.step()) {
    FieldInput fields;
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (!statement.is_null(static_cast<int>(i))) fields[columns[i]] = statement.text(static_cast<int>(i));
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

// The words of free text: letters and digits (and any non-ASCII), so query syntax typed by a user is
// never read as syntax by either backend.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// A service's genders and pathways are sets: they come back in their code list's order, the order pages
// show them in, whichever order they were saved in.
template <typename E>
std::vector<E> in_code_list_order(std::vector<E> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

template <Database Db>
void ServiceDirectory<Db>::save_organisation(const Organisation& organisation) {
  write_record(db_, "organisation", organisation_fields(organisation));
  for (const auto& service_id : ids("SELECT id FROM service WHERE organization_id = ?", organisation.id))
    index_service(service_id);
}

template <Database Db>
void ServiceDirectory<Db>::save_service(const Service& service) {
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
    db_.prepare("INSERT INTO eligibility_gender (service_id, gender) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bind(service.id, entry_for(genders(), gender).code)
        .run();
  if (service.capacity) write_record(db_, "service_capacity", capacity_fields(*service.capacity), &service.id);
  for (auto pathway : service.pathways) {
    db_.prepare(
           "INSERT INTO taxonomy_term (code, taxonomy, label) VALUES (?, ?, ?) "
           "ON CONFLICT (code) DO UPDATE SET label = excluded.label")
        .bind(pathway_code(pathway), "resettle_pathway", pathway_label(pathway))
        .run();
    db_.prepare("INSERT INTO service_pathway (service_id, pathway_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bind(service.id, pathway_code(pathway))
        .run();
  }
  index_service(service.id);
}

template <Database Db>
void ServiceDirectory<Db>::index_service(const std::string& service_id) {
  static const std::string index =
      "INSERT INTO service_search (service_id, name, description, eligibility, organisation, pathways) "
      "SELECT s.id, s.name, coalesce(s.description, ''), coalesce(s.eligibility_description, ''), "
      "coalesce(o.name, ''), coalesce((SELECT " + Sql<Db>::joined("t.label", "' '") + " FROM service_pathway p "
      "JOIN taxonomy_term t ON t.code = p.pathway_code WHERE p.service_id = s.id), '') "
      "FROM service s LEFT JOIN organisation o ON o.id = s.organization_id WHERE s.id = ?";
  db_.prepare("DELETE FROM service_search WHERE service_id = ?").bind(service_id).run();
  db_.prepare(index).bind(service_id).run();
}

template <Database Db>
void ServiceDirectory<Db>::save_location(const Location& location) {
  auto fields = location_fields(location);
  if (location.address)
    for (auto& [name, value] : address_fields(*location.address)) fields[name] = value;
  else
    for (const auto& name : columns_of(address_fields(Address{}))) fields[name] = "";  // cleared
  write_record(db_, "location", fields);
}

template <Database Db>
void ServiceDirectory<Db>::save_service_at_location(const ServiceAtLocation& link) {
  write_record(db_, "service_at_location", service_at_location_fields(link));
}

template <Database Db>
std::vector<std::string> ServiceDirectory<Db>::ids(std::string_view sql, const std::string& key) {
  return read_all(db_.prepare(sql).bind(key), [](const auto& row) { return row.text(0); });
}

template <Database Db>
std::optional<Organisation> ServiceDirectory<Db>::find_organisation(const std::string& id) {
  auto records = read_records(db_, "organisation", columns_of(organisation_fields(Organisation{})), "id", id);
  if (records.empty()) return std::nullopt;
  return read_organisation(records.front());
}

template <Database Db>
bool ServiceDirectory<Db>::has_location(const std::string& id) {
  return !ids("SELECT id FROM location WHERE id = ?", id).empty();
}

template <Database Db>
std::optional<Service> ServiceDirectory<Db>::find_service(const std::string& id) {
  auto records = read_records(db_, "service", service_columns(), "id", id);
  if (records.empty()) return std::nullopt;
  auto service = read_service(records.front());
  for (const auto& fields : read_records(db_, "schedule", columns_of(schedule_fields(Schedule{})), "service_id", id, "row"))
    service.schedules.push_back(read_schedule(fields));
  for (const auto& fields : read_records(db_, "contact", columns_of(contact_fields(Contact{})), "service_id", id, "row"))
    service.contacts.push_back(read_contact(fields));
  auto& areas = db_.prepare("SELECT id, code, name FROM service_area WHERE service_id = ? ORDER BY row");
  areas.bind(id);
  while (areas.step()) service.eligibility.areas.push_back({areas.text(0), areas.text(1), areas.text(2)});
  for (const auto& code : ids("SELECT gender FROM eligibility_gender WHERE service_id = ?", id))
    if (auto gender = parse_code(genders(), code)) service.eligibility.genders.push_back(*gender);
  service.eligibility.genders = in_code_list_order(std::move(service.eligibility.genders));
  for (const auto& code : ids("SELECT pathway_code FROM service_pathway WHERE service_id = ?", id))
    if (auto pathway = parse_pathway(code)) service.pathways.push_back(*pathway);
  service.pathways = in_code_list_order(std::move(service.pathways));
  auto capacity = read_records(db_, "service_capacity", columns_of(capacity_fields(Capacity{})), "service_id", id,
                               "service_id");
  if (!capacity.empty()) service.capacity = read_capacity(capacity.front());
  return service;
}

template <Database Db>
Directory ServiceDirectory<Db>::directory(const std::vector<std::string>& service_ids) {
  auto wanted = service_ids;
  if (wanted.empty()) {
    static const std::string all_sql = "SELECT id FROM service ORDER BY id" + std::string{Sql<Db>::byte_order};
    wanted = read_all(db_.prepare(all_sql).bind(), [](const auto& row) { return row.text(0); });
  }
  static const std::string link_order = "id" + std::string{Sql<Db>::byte_order};
  Directory directory;
  for (const auto& id : wanted) {
    auto service = find_service(id);
    if (!service) continue;
    if (!directory.organisation(service->organisation_id))
      if (auto organisation = find_organisation(service->organisation_id))
        directory.organisations.push_back(*organisation);
    auto links = read_records(db_, "service_at_location", columns_of(service_at_location_fields({})), "service_id", id,
                              link_order);
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

template <Database Db>
ServiceSearchResult ServiceDirectory<Db>::search(const ServiceQuery& query) {
  // Shared by both orderings: ?1 pathway code, ?2 area code or name (any case), ?3 and ?4 the page.
  static constexpr std::string_view filters =
      " AND (CAST(?1 AS TEXT) IS NULL"
      "      OR EXISTS (SELECT 1 FROM service_pathway p WHERE p.service_id = s.id AND p.pathway_code = ?1))"
      " AND (CAST(?2 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM service_area a WHERE a.service_id = s.id)"
      "      OR EXISTS (SELECT 1 FROM service_area a WHERE a.service_id = s.id"
      "                 AND (a.code = ?2 OR lower(a.name) = lower(?2))))";
  static const std::string by_name_then_id =
      "s.name" + std::string{Sql<Db>::byte_order} + ", s.id" + std::string{Sql<Db>::byte_order};
  // ?5 the words, as Sql<Db>::search_terms writes them.
  static const std::string ranked = "SELECT s.id FROM service_search f JOIN service s ON s.id = f.service_id WHERE " +
                                    Sql<Db>::search_matches("?5") + std::string{filters} + " ORDER BY " +
                                    Sql<Db>::best_match_first("?5") + ", " + by_name_then_id + " LIMIT ?3 OFFSET ?4";
  static const std::string by_name =
      "SELECT s.id FROM service s WHERE true" + std::string{filters} + " ORDER BY " + by_name_then_id +
      " LIMIT ?3 OFFSET ?4";

  std::optional<std::string> pathway;
  if (query.pathway) pathway = std::string{pathway_code(*query.pathway)};
  std::optional<std::string> area;
  if (!query.area.empty()) area = query.area;
  auto words = words_of(query.text);
  // One row more than asked tells whether there is a next page.
  auto limit = static_cast<std::int64_t>(query.limit) + 1;
  auto offset = static_cast<std::int64_t>(query.offset);
  auto& statement = words.empty() ? db_.prepare(by_name).bind(pathway, area, limit, offset)
                                  : db_.prepare(ranked).bind(pathway, area, limit, offset, Sql<Db>::search_terms(words));
  auto found = read_all(statement, [](const auto& row) { return row.text(0); });
  ServiceSearchResult result;
  if (found.size() > static_cast<std::size_t>(query.limit)) {
    found.pop_back();
    result.next_cursor = std::to_string(query.offset + found.size());
  }
  for (const auto& id : found)
    if (auto service = find_service(id)) result.services.push_back(std::move(*service));
  return result;
}

template class ServiceDirectory<sqlite::Connection>;
template class ServiceDirectory<postgresql::Connection>;

}  // namespace resettle::store::shared
