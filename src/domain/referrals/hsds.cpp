// Open Referral HSDS 3.0 JSON and CSV in and out (see hsds.hpp).
#include "domain/referrals/hsds.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "domain/csv.hpp"
#include "domain/errors.hpp"

namespace resettle {

namespace {
using nlohmann::json;

// How a field is typed in HSDS JSON; CSV carries every field as text.
enum class Kind { text, integer, decimal };
struct Column {
  std::string_view name;
  Kind kind = Kind::text;
};

constexpr Column organisation_columns[] = {{"id"}, {"name"}, {"description"}, {"email"}, {"website"}};
constexpr Column service_columns[] = {{"id"},
                                      {"organization_id"},
                                      {"name"},
                                      {"description"},
                                      {"url"},
                                      {"email"},
                                      {"status"},
                                      {"application_process"},
                                      {"eligibility_description"},
                                      {"minimum_age", Kind::integer},
                                      {"maximum_age", Kind::integer},
                                      {"wait_time"}};
constexpr Column location_columns[] = {{"id"},          {"location_type"},           {"name"},
                                       {"description"}, {"latitude", Kind::decimal}, {"longitude", Kind::decimal}};
constexpr Column address_columns[] = {{"id"},   {"location_id"},    {"address_1"},   {"address_2"},   {"city"},
                                      {"state_province"}, {"postal_code"}, {"country"}, {"address_type"}};
constexpr Column service_at_location_columns[] = {{"id"}, {"service_id"}, {"location_id"}, {"description"}};
constexpr Column schedule_columns[] = {{"id"},       {"service_id"},  {"freq"},       {"byday"},   {"opens_at"},
                                       {"closes_at"}, {"description"}, {"valid_from"}, {"valid_to"}};
constexpr Column contact_columns[] = {{"id"}, {"service_id"}, {"name"}, {"title"}, {"department"}, {"email"}};
constexpr Column phone_columns[] = {{"id"}, {"contact_id"}, {"number"}};
constexpr Column service_area_columns[] = {{"id"}, {"service_id"}, {"name"}, {"uri"}};
constexpr Column taxonomy_term_columns[] = {{"id"}, {"code"}, {"name"}, {"description"}, {"taxonomy"}};
constexpr Column attribute_columns[] = {{"id"}, {"link_id"}, {"link_type"}, {"link_entity"}, {"taxonomy_term_id"}};
constexpr Column capacity_columns[] = {{"id"},          {"service_id"}, {"unit_id"}, {"available", Kind::integer},
                                       {"maximum", Kind::integer}, {"description"}, {"updated"}};
constexpr Column unit_columns[] = {{"id"}, {"name"}};

struct Table {
  std::string_view file;
  std::span<const Column> columns;
};
constexpr Table organisations_table{"organizations.csv", organisation_columns};
constexpr Table services_table{"services.csv", service_columns};
constexpr Table locations_table{"locations.csv", location_columns};
constexpr Table addresses_table{"addresses.csv", address_columns};
constexpr Table links_table{"service_at_locations.csv", service_at_location_columns};
constexpr Table schedules_table{"schedules.csv", schedule_columns};
constexpr Table contacts_table{"contacts.csv", contact_columns};
constexpr Table phones_table{"phones.csv", phone_columns};
constexpr Table areas_table{"service_areas.csv", service_area_columns};
constexpr Table terms_table{"taxonomy_terms.csv", taxonomy_term_columns};
constexpr Table attributes_table{"attributes.csv", attribute_columns};
constexpr Table capacities_table{"service_capacities.csv", capacity_columns};
constexpr Table units_table{"units.csv", unit_columns};
constexpr Table all_tables[] = {organisations_table, services_table, locations_table, addresses_table,
                                links_table,         schedules_table, contacts_table,  phones_table,
                                areas_table,         terms_table,     attributes_table, capacities_table,
                                units_table};

// ---- Pathways and gender eligibility travel as HSDS attributes with taxonomy terms ----

struct Term {
  std::string id;  // "pathway-health", "gender-female"
  std::string_view taxonomy;
  std::string_view code;
  std::string_view name;
  std::string description;
};

std::vector<Term> terms_of(const Service& service) {
  std::vector<Term> terms;
  for (auto pathway : service.pathways) {
    const auto& entry = entry_for(pathways(), pathway);
    terms.push_back({"pathway-" + std::string{entry.code}, pathway_taxonomy, entry.code, entry.label,
                     "Resettlement pathway: " + std::string{entry.label}});
  }
  for (auto gender : service.eligibility.genders) {
    const auto& entry = entry_for(genders(), gender);
    terms.push_back({"gender-" + std::string{entry.code}, gender_taxonomy, entry.code, entry.label,
                     "Service open to: " + std::string{entry.label}});
  }
  return terms;
}

template <typename E>
std::string codes_of(std::span<const Coded<E>> list) {
  std::string joined;
  for (const auto& entry : list) joined += (joined.empty() ? "" : ", ") + std::string{entry.code};
  return joined;
}

// Why a term of one of our taxonomies cannot be used; terms of other taxonomies are fine (and ignored).
std::optional<std::string> term_problem(std::string_view taxonomy, std::string_view code) {
  if (taxonomy == pathway_taxonomy && !parse_pathway(code))
    return "is not a pathway: must be one of " + codes_of(pathways());
  if (taxonomy == gender_taxonomy && !parse_code(genders(), code)) return "is not a gender: must be one of " + codes_of(genders());
  return std::nullopt;
}

template <typename T>
void add_once(std::vector<T>& items, T item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

void apply_term(Service& service, std::string_view taxonomy, std::string_view code) {
  if (taxonomy == pathway_taxonomy)
    if (auto pathway = parse_pathway(code)) add_once(service.pathways, *pathway);
  if (taxonomy == gender_taxonomy)
    if (auto gender = parse_code(genders(), code)) add_once(service.eligibility.genders, *gender);
}

std::string unit_id(std::string_view unit) { return "unit-" + std::string{unit}; }

// ---- Reading records into value types, with errors kept rather than thrown ----

// Runs a record reader; its field errors are collected under `path` so a caller can reject the
// record and carry on with the next. One message per field: the first problem found (a field of
// the wrong JSON type is also "required" to the reader, which would only repeat it).
template <typename Read>
auto checked(Read read, const FieldInput& fields, const std::string& path, std::vector<FieldError>& errors)
    -> std::optional<decltype(read(fields))> {
  try {
    return read(fields);
  } catch (const ValidationFailed& failed) {
    for (const auto& error : failed.errors()) {
      std::string field = path + error.field;
      bool known = std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
      if (!known) errors.push_back({std::move(field), error.message});
    }
    return std::nullopt;
  }
}

void reject_all(std::vector<Rejection>& rejections, std::string_view table, std::size_t record,
                const std::vector<FieldError>& errors) {
  for (const auto& error : errors) rejections.push_back({std::string{table}, record, error.field, error.message});
}

// ---- JSON ----

std::optional<double> decimal_of(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json object_of(const FieldInput& fields, std::span<const Column> columns) {
  json object = json::object();
  for (const auto& column : columns) {
    auto found = fields.find(column.name);
    if (found == fields.end() || found->second.empty()) continue;
    const std::string& text = found->second;
    if (column.kind == Kind::integer) object[std::string{column.name}] = std::stoll(text);
    else if (column.kind == Kind::decimal) object[std::string{column.name}] = decimal_of(text).value_or(0);
    else object[std::string{column.name}] = text;
  }
  return object;
}

// The columns' scalar values as text; a list or object where a single value belongs is an error.
FieldInput fields_of(const json& object, std::span<const Column> columns, const std::string& path,
                     std::vector<FieldError>& errors) {
  FieldInput fields;
  for (const auto& column : columns) {
    auto found = object.find(column.name);
    if (found == object.end() || found->is_null()) continue;
    std::string name{column.name};
    if (found->is_string()) fields[name] = found->get<std::string>();
    else if (found->is_boolean()) fields[name] = found->get<bool>() ? "true" : "false";
    else if (found->is_number()) fields[name] = found->dump();
    else errors.push_back({path + name, "must be a single value, not a list or an object"});
  }
  return fields;
}

// Calls `each` for every object in the list at `key`; a missing or null list is an empty one.
template <typename Each>
void for_each_object(const json& parent, std::string_view key, const std::string& path, std::vector<FieldError>& errors,
                     Each each) {
  auto list = parent.find(key);
  if (list == parent.end() || list->is_null()) return;
  std::string list_path = path + std::string{key};
  if (!list->is_array()) {
    errors.push_back({list_path, "must be a list"});
    return;
  }
  for (std::size_t index = 0; index < list->size(); ++index) {
    std::string item_path = list_path + "[" + std::to_string(index) + "]";
    if ((*list)[index].is_object()) each((*list)[index], item_path + ".");
    else errors.push_back({item_path, "must be an object"});
  }
}

const json* object_at(const json& parent, std::string_view key, const std::string& path, std::vector<FieldError>& errors) {
  auto found = parent.find(key);
  if (found == parent.end() || found->is_null()) return nullptr;
  if (found->is_object()) return &*found;
  errors.push_back({path + std::string{key}, "must be an object"});
  return nullptr;
}

// One service with what is nested in it, before it joins the directory.
struct ServiceRecord {
  Service service;
  std::optional<Organisation> organisation;
  std::vector<ServiceAtLocation> links;
  std::vector<Location> locations;
};

class JsonDirectoryReader {
 public:
  DirectoryImport read(const json& list) {
    for (std::size_t index = 0; index < list.size(); ++index) {
      std::vector<FieldError> errors;
      ServiceRecord record;
      if (list[index].is_object()) record = read_record(list[index], errors);
      else errors.push_back({"", "must be an object describing one service"});
      check_against_earlier(record, errors);
      if (errors.empty()) keep(std::move(record));
      else reject_all(result_.rejections, "services", index, errors);
    }
    return std::move(result_);
  }

 private:
  ServiceRecord read_record(const json& item, std::vector<FieldError>& errors) {
    ServiceRecord record;
    FieldInput fields = fields_of(item, service_columns, "", errors);
    if (const json* nested = object_at(item, "organization", "", errors)) {
      record.organisation = checked(read_organisation, fields_of(*nested, organisation_columns, "organization.", errors),
                                    "organization.", errors);
      if (record.organisation && fields["organization_id"].empty()) fields["organization_id"] = record.organisation->id;
      else if (record.organisation && fields["organization_id"] != record.organisation->id)
        errors.push_back({"organization_id", "does not match organization.id"});
    }
    if (auto service = checked(read_service, fields, "", errors)) record.service = std::move(*service);
    read_children(item, record, errors);
    return record;
  }

  void read_children(const json& item, ServiceRecord& record, std::vector<FieldError>& errors) {
    Service& service = record.service;
    for_each_object(item, "schedules", "", errors, [&](const json& object, const std::string& path) {
      if (auto schedule = checked(read_schedule, fields_of(object, schedule_columns, path, errors), path, errors))
        service.schedules.push_back(std::move(*schedule));
    });
    for_each_object(item, "contacts", "", errors, [&](const json& object, const std::string& path) {
      FieldInput fields = fields_of(object, contact_columns, path, errors);
      for_each_object(object, "phones", path, errors, [&](const json& phone, const std::string& phone_path) {
        auto number = fields_of(phone, phone_columns, phone_path, errors)["number"];
        if (fields["phone"].empty()) fields["phone"] = number;  // one number per contact is kept
      });
      if (auto contact = checked(read_contact, fields, path, errors)) service.contacts.push_back(std::move(*contact));
    });
    for_each_object(item, "service_areas", "", errors, [&](const json& object, const std::string& path) {
      if (auto area = checked(read_service_area, fields_of(object, service_area_columns, path, errors), path, errors))
        service.eligibility.areas.push_back(std::move(*area));
    });
    for_each_object(item, "attributes", "", errors, [&](const json& object, const std::string& path) {
      const json* term = object_at(object, "taxonomy_term", path, errors);
      if (!term) return;
      auto fields = fields_of(*term, taxonomy_term_columns, path + "taxonomy_term.", errors);
      if (auto problem = term_problem(fields["taxonomy"], fields["code"]))
        errors.push_back({path + "taxonomy_term.code", *problem});
      else apply_term(service, fields["taxonomy"], fields["code"]);
    });
    for_each_object(item, "capacities", "", errors, [&](const json& object, const std::string& path) {
      if (service.capacity) return;  // one capacity per service is kept
      FieldInput fields = fields_of(object, capacity_columns, path, errors);
      if (const json* unit = object_at(object, "unit", path, errors))
        fields["unit"] = fields_of(*unit, unit_columns, path + "unit.", errors)["name"];
      service.capacity = checked(read_capacity, fields, path, errors);
    });
    for_each_object(item, "service_at_locations", "", errors, [&](const json& object, const std::string& path) {
      read_link(object, path, record, errors);
    });
  }

  void read_link(const json& object, const std::string& path, ServiceRecord& record, std::vector<FieldError>& errors) {
    FieldInput fields = fields_of(object, service_at_location_columns, path, errors);
    // Nested links belong to this service; a service without an id is already rejected for it.
    fields["service_id"] = record.service.id.empty() ? "(no id)" : record.service.id;
    const json* nested = object_at(object, "location", path, errors);
    if (nested) {
      std::string location_path = path + "location.";
      auto location =
          checked(read_location, fields_of(*nested, location_columns, location_path, errors), location_path, errors);
      for_each_object(*nested, "addresses", location_path, errors, [&](const json& address, const std::string& at) {
        if (location && !location->address)  // one address per location is kept
          location->address = checked(read_address, fields_of(address, address_columns, at, errors), at, errors);
      });
      if (!location) return;  // its errors are noted; the link would only repeat them
      if (fields["location_id"].empty()) fields["location_id"] = location->id;
      else if (fields["location_id"] != location->id) errors.push_back({path + "location_id", "does not match location.id"});
      record.locations.push_back(std::move(*location));
    }
    if (auto link = checked(read_service_at_location, fields, path, errors)) {
      bool nested_here = std::any_of(record.locations.begin(), record.locations.end(),
                                     [&](const Location& l) { return l.id == link->location_id; });
      if (!nested && !nested_here && !result_.directory.location(link->location_id))
        errors.push_back({path + "location_id", "refers to no location given with this or an earlier service"});
      record.links.push_back(std::move(*link));
    }
  }

  // Shared records (organisations, locations) may repeat, but only as exact copies.
  void check_against_earlier(const ServiceRecord& record, std::vector<FieldError>& errors) const {
    const Directory& directory = result_.directory;
    if (!record.service.id.empty() && directory.service(record.service.id))
      errors.push_back({"id", "repeats the id of an earlier service"});
    if (record.organisation) {
      const auto* earlier = directory.organisation(record.organisation->id);
      if (earlier && *earlier != *record.organisation)
        errors.push_back({"organization", "differs from the organisation with the same id given earlier"});
    } else if (!record.service.organisation_id.empty() && !directory.organisation(record.service.organisation_id)) {
      errors.push_back({"organization_id", "refers to no organisation given with this or an earlier service"});
    }
    for (const auto& location : record.locations) {
      const auto* earlier = directory.location(location.id);
      if (earlier && *earlier != location)
        errors.push_back({"service_at_locations", "location " + location.id + " differs from one given earlier"});
    }
    for (const auto& link : record.links)
      if (link_ids_.contains(link.id))
        errors.push_back({"service_at_locations", "repeats the service_at_location id " + link.id});
  }

  void keep(ServiceRecord record) {
    Directory& directory = result_.directory;
    if (record.organisation && !directory.organisation(record.organisation->id))
      directory.organisations.push_back(std::move(*record.organisation));
    for (auto& location : record.locations)
      if (!directory.location(location.id)) directory.locations.push_back(std::move(location));
    for (auto& link : record.links) {
      link_ids_.insert(link.id);
      directory.service_at_locations.push_back(std::move(link));
    }
    directory.services.push_back(std::move(record.service));
  }

  DirectoryImport result_;
  std::set<std::string> link_ids_;
};

json location_json(const Location& location) {
  json object = object_of(location_fields(location), location_columns);
  if (location.address) {
    FieldInput fields = address_fields(*location.address);
    fields["id"] = location.id + "-address";
    fields["address_type"] = "physical";
    object["addresses"] = json::array({object_of(fields, address_columns)});
  }
  return object;
}

// ---- CSV ----

struct Row {
  std::size_t line;
  FieldInput fields;
};

std::vector<Row> rows_of(const HsdsTables& files, const Table& table, std::vector<Rejection>& rejections) {
  std::vector<Row> rows;
  auto file = files.find(table.file);
  if (file == files.end()) return rows;
  CsvTable csv = read_csv(file->second);
  std::string name{table.file};
  for (const auto& problem : csv.problems)
    rejections.push_back({name, problem.line, problem.column < csv.header.size() ? csv.header[problem.column] : "",
                          problem.message});
  for (auto& record : csv.records) {
    if (record.fields.size() != csv.header.size()) {
      bool short_row = record.fields.size() < csv.header.size();
      rejections.push_back({name, record.line, short_row ? csv.header[record.fields.size()] : "",
                            "Record has " + std::to_string(record.fields.size()) + " fields but the header has " +
                                std::to_string(csv.header.size())});
      continue;
    }
    Row row{record.line, {}};
    for (std::size_t index = 0; index < csv.header.size(); ++index) row.fields[csv.header[index]] = record.fields[index];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string field_at(const FieldInput& fields, std::string_view name) {
  auto found = fields.find(name);
  return found == fields.end() ? std::string{} : found->second;
}

class CsvDirectoryReader {
 public:
  explicit CsvDirectoryReader(const HsdsTables& files) : files_(files) {}

  DirectoryImport read() {
    read_organisations();
    read_locations();
    read_services();
    read_service_children();
    return std::move(result_);
  }

 private:
  std::vector<Row> rows(const Table& table) { return rows_of(files_, table, result_.rejections); }

  // Records each row's line by id; a repeated id is an error on the later row.
  void check_unique(std::map<std::string, std::size_t>& lines, const std::string& id, std::size_t line,
                    std::vector<FieldError>& errors) {
    auto [earlier, added] = lines.emplace(id, line);
    if (!added) errors.push_back({"id", "repeats the id given on line " + std::to_string(earlier->second)});
  }

  // Finds the record a row points at; a missing or rejected one is an error on the row.
  template <typename Lookup>
  auto owner(const Row& row, std::string_view field, std::string_view target_file, Lookup lookup,
             std::vector<FieldError>& errors) -> decltype(lookup(std::string{})) {
    std::string id = field_at(row.fields, field);
    if (id.empty()) {
      errors.push_back({std::string{field}, "is required"});
      return nullptr;
    }
    auto found = lookup(id);
    if (!found)
      errors.push_back({std::string{field}, "refers to " + id + ", which is not in " + std::string{target_file} +
                                                " or was rejected"});
    return found;
  }

  Service* service_for(const Row& row, std::vector<FieldError>& errors, std::string_view field = "service_id") {
    return owner(row, field, services_table.file, [&](const std::string& id) -> Service* {
      auto found = service_index_.find(id);
      return found == service_index_.end() ? nullptr : &result_.directory.services[found->second];
    }, errors);
  }

  bool finish(const Table& table, const Row& row, const std::vector<FieldError>& errors) {
    reject_all(result_.rejections, table.file, row.line, errors);
    return errors.empty();
  }

  void read_organisations() {
    std::map<std::string, std::size_t> lines;
    for (const auto& row : rows(organisations_table)) {
      std::vector<FieldError> errors;
      auto organisation = checked(read_organisation, row.fields, "", errors);
      if (organisation) check_unique(lines, organisation->id, row.line, errors);
      if (finish(organisations_table, row, errors)) result_.directory.organisations.push_back(std::move(*organisation));
    }
  }

  void read_locations() {
    std::map<std::string, std::size_t> lines;
    for (const auto& row : rows(locations_table)) {
      std::vector<FieldError> errors;
      auto location = checked(read_location, row.fields, "", errors);
      if (location) check_unique(lines, location->id, row.line, errors);
      if (finish(locations_table, row, errors)) result_.directory.locations.push_back(std::move(*location));
    }
    std::map<std::string, std::size_t> address_lines;
    for (const auto& row : rows(addresses_table)) {
      std::vector<FieldError> errors;
      auto address = checked(read_address, row.fields, "", errors);
      auto* location = owner(row, "location_id", locations_table.file, [&](const std::string& id) {
        auto& all = result_.directory.locations;
        auto found = std::find_if(all.begin(), all.end(), [&](const Location& l) { return l.id == id; });
        return found == all.end() ? nullptr : &*found;
      }, errors);
      if (location) {
        auto [earlier, added] = address_lines.emplace(location->id, row.line);
        if (!added)
          errors.push_back({"location_id", "already has an address, on line " + std::to_string(earlier->second)});
      }
      if (finish(addresses_table, row, errors)) location->address = std::move(*address);
    }
  }

  void read_services() {
    std::map<std::string, std::size_t> lines;
    for (const auto& row : rows(services_table)) {
      std::vector<FieldError> errors;
      auto service = checked(read_service, row.fields, "", errors);
      if (service) {
        check_unique(lines, service->id, row.line, errors);
        if (!result_.directory.organisation(service->organisation_id))
          errors.push_back({"organization_id", "refers to " + service->organisation_id +
                                                   ", which is not in organizations.csv or was rejected"});
      }
      if (!finish(services_table, row, errors)) continue;
      service_index_[service->id] = result_.directory.services.size();
      result_.directory.services.push_back(std::move(*service));
    }
  }

  void read_service_children() {
    read_rows(schedules_table, read_schedule, [](Service& s, Schedule v) { s.schedules.push_back(std::move(v)); });
    read_rows(areas_table, read_service_area,
              [](Service& s, ServiceArea v) { s.eligibility.areas.push_back(std::move(v)); });
    read_contacts();
    read_attributes();
    read_capacities();
    read_links();
  }

  // Rows owned by a service through service_id, read by `read` and added by `add`.
  template <typename Read, typename Add>
  void read_rows(const Table& table, Read read, Add add) {
    for (const auto& row : rows(table)) {
      std::vector<FieldError> errors;
      auto value = checked(read, row.fields, "", errors);
      Service* service = service_for(row, errors);
      if (finish(table, row, errors)) add(*service, std::move(*value));
    }
  }

  void read_contacts() {
    std::map<std::string, std::string> numbers;  // contact id -> first phone number
    std::map<std::string, std::size_t> phone_lines;
    for (const auto& row : rows(phones_table)) {
      std::string contact_id = field_at(row.fields, "contact_id");
      if (contact_id.empty()) finish(phones_table, row, {{"contact_id", "is required"}});
      else if (numbers.emplace(contact_id, field_at(row.fields, "number")).second) phone_lines[contact_id] = row.line;
    }
    for (auto row : rows(contacts_table)) {
      std::string id = field_at(row.fields, "id");
      if (auto number = numbers.find(id); number != numbers.end()) {
        row.fields["phone"] = number->second;
        phone_lines.erase(id);
      }
      std::vector<FieldError> errors;
      auto contact = checked(read_contact, row.fields, "", errors);
      Service* service = service_for(row, errors);
      if (finish(contacts_table, row, errors)) service->contacts.push_back(std::move(*contact));
    }
    for (const auto& [contact_id, line] : phone_lines)
      result_.rejections.push_back({std::string{phones_table.file}, line, "contact_id",
                                    "refers to " + contact_id + ", which is not in contacts.csv"});
  }

  void read_attributes() {
    std::map<std::string, std::pair<std::string, std::string>> terms;  // id -> (taxonomy, code)
    for (const auto& row : rows(terms_table)) {
      std::string taxonomy = field_at(row.fields, "taxonomy"), code = field_at(row.fields, "code");
      std::vector<FieldError> errors;
      if (field_at(row.fields, "id").empty()) errors.push_back({"id", "is required"});
      if (auto problem = term_problem(taxonomy, code)) errors.push_back({"code", *problem});
      if (finish(terms_table, row, errors)) terms[field_at(row.fields, "id")] = {taxonomy, code};
    }
    for (const auto& row : rows(attributes_table)) {
      if (field_at(row.fields, "link_entity") != "service") continue;  // we model service attributes only
      std::vector<FieldError> errors;
      auto term = terms.find(field_at(row.fields, "taxonomy_term_id"));
      if (term == terms.end())
        errors.push_back({"taxonomy_term_id", "refers to no term in taxonomy_terms.csv, or to a rejected one"});
      Service* service = service_for(row, errors, "link_id");
      if (finish(attributes_table, row, errors)) apply_term(*service, term->second.first, term->second.second);
    }
  }

  void read_capacities() {
    std::map<std::string, std::string> units;
    for (const auto& row : rows(units_table)) units[field_at(row.fields, "id")] = field_at(row.fields, "name");
    std::map<std::string, std::size_t> lines;  // service id -> line of its capacity
    for (auto row : rows(capacities_table)) {
      std::vector<FieldError> errors;
      auto unit = units.find(field_at(row.fields, "unit_id"));
      if (unit == units.end()) errors.push_back({"unit_id", "refers to no unit in units.csv"});
      else row.fields["unit"] = unit->second;
      auto capacity = checked(read_capacity, row.fields, "", errors);
      Service* service = service_for(row, errors);
      if (service) {
        auto [earlier, added] = lines.emplace(service->id, row.line);
        if (!added) errors.push_back({"service_id", "already has a capacity, on line " + std::to_string(earlier->second)});
      }
      if (finish(capacities_table, row, errors)) service->capacity = std::move(*capacity);
    }
  }

  void read_links() {
    std::map<std::string, std::size_t> lines;
    for (const auto& row : rows(links_table)) {
      std::vector<FieldError> errors;
      auto link = checked(read_service_at_location, row.fields, "", errors);
      if (link) {
        check_unique(lines, link->id, row.line, errors);
        service_for(row, errors);
        if (!result_.directory.location(link->location_id))
          errors.push_back({"location_id", "refers to " + link->location_id +
                                               ", which is not in locations.csv or was rejected"});
      }
      if (finish(links_table, row, errors)) result_.directory.service_at_locations.push_back(std::move(*link));
    }
  }

  const HsdsTables& files_;
  DirectoryImport result_;
  std::map<std::string, std::size_t> service_index_;
};

class CsvDirectoryWriter {
 public:
  HsdsTables write(const Directory& directory) {
    for (const auto& table : all_tables) start(table);
    for (const auto& organisation : directory.organisations) add(organisations_table, organisation_fields(organisation));
    for (const auto& location : directory.locations) {
      add(locations_table, location_fields(location));
      if (!location.address) continue;
      FieldInput fields = address_fields(*location.address);
      fields.insert({{"id", location.id + "-address"}, {"location_id", location.id}, {"address_type", "physical"}});
      add(addresses_table, fields);
    }
    for (const auto& service : directory.services) add_service(service);
    for (const auto& link : directory.service_at_locations) add(links_table, service_at_location_fields(link));
    HsdsTables files;
    for (auto& [file, rows] : rows_) files[file] = write_csv(rows);
    return files;
  }

 private:
  void start(const Table& table) {
    std::vector<std::string> header;
    for (const auto& column : table.columns) header.emplace_back(column.name);
    rows_[std::string{table.file}].push_back(std::move(header));
  }

  void add(const Table& table, const FieldInput& fields) {
    std::vector<std::string> row;
    for (const auto& column : table.columns) row.push_back(field_at(fields, column.name));
    rows_[std::string{table.file}].push_back(std::move(row));
  }

  void add_service(const Service& service) {
    add(services_table, service_fields(service));
    auto owned = [&](FieldInput fields) {
      fields["service_id"] = service.id;
      return fields;
    };
    for (const auto& schedule : service.schedules) add(schedules_table, owned(schedule_fields(schedule)));
    for (const auto& area : service.eligibility.areas) add(areas_table, owned(service_area_fields(area)));
    for (const auto& contact : service.contacts) {
      add(contacts_table, owned(contact_fields(contact)));
      if (!contact.phone.empty())
        add(phones_table, {{"id", contact.id + "-phone"}, {"contact_id", contact.id}, {"number", contact.phone}});
    }
    for (const auto& term : terms_of(service)) {
      if (term_ids_.insert(term.id).second)
        add(terms_table, {{"id", term.id}, {"code", std::string{term.code}}, {"name", std::string{term.name}},
                          {"description", term.description}, {"taxonomy", std::string{term.taxonomy}}});
      add(attributes_table, {{"id", service.id + "-" + term.id}, {"link_id", service.id}, {"link_type", "service"},
                             {"link_entity", "service"}, {"taxonomy_term_id", term.id}});
    }
    if (const auto& capacity = service.capacity) {
      if (unit_ids_.insert(unit_id(capacity->unit)).second)
        add(units_table, {{"id", unit_id(capacity->unit)}, {"name", capacity->unit}});
      FieldInput fields = owned(capacity_fields(*capacity));
      fields.insert({{"id", service.id + "-capacity"}, {"unit_id", unit_id(capacity->unit)}});
      add(capacities_table, fields);
    }
  }

  std::map<std::string, std::vector<std::vector<std::string>>> rows_;
  std::set<std::string> term_ids_;
  std::set<std::string> unit_ids_;
};

}  // namespace

DirectoryImport read_hsds_json(std::string_view text) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    return {{}, {{"services", 0, "", "is not valid JSON: stopped at character " + std::to_string(error.byte)}}};
  }
  const json* list = &document;
  if (document.is_object() && document.contains("contents")) list = &document["contents"];
  if (!list->is_array())
    return {{}, {{"services", 0, "", "must be a list of services, or an object with a contents list"}}};
  return JsonDirectoryReader{}.read(*list);
}

json hsds_service_json(const Directory& directory, const Service& service) {
  json object = object_of(service_fields(service), service_columns);
  if (const auto* organisation = directory.organisation(service.organisation_id))
    object["organization"] = object_of(organisation_fields(*organisation), organisation_columns);
  object["service_at_locations"] = json::array();
  for (const auto& link : directory.service_at_locations) {
    if (link.service_id != service.id) continue;
    json linked = object_of(service_at_location_fields(link), service_at_location_columns);
    if (const auto* location = directory.location(link.location_id)) linked["location"] = location_json(*location);
    object["service_at_locations"].push_back(std::move(linked));
  }
  object["schedules"] = json::array();
  for (const auto& schedule : service.schedules)
    object["schedules"].push_back(object_of(schedule_fields(schedule), schedule_columns));
  object["contacts"] = json::array();
  for (const auto& contact : service.contacts) {
    json entry = object_of(contact_fields(contact), contact_columns);
    if (!contact.phone.empty()) entry["phones"] = json::array({{{"id", contact.id + "-phone"}, {"number", contact.phone}}});
    object["contacts"].push_back(std::move(entry));
  }
  object["service_areas"] = json::array();
  for (const auto& area : service.eligibility.areas)
    object["service_areas"].push_back(object_of(service_area_fields(area), service_area_columns));
  object["attributes"] = json::array();
  for (const auto& term : terms_of(service))
    object["attributes"].push_back({{"id", service.id + "-" + term.id},
                                    {"taxonomy_term_id", term.id},
                                    {"link_id", service.id},
                                    {"link_entity", "service"},
                                    {"taxonomy_term",
                                     {{"id", term.id},
                                      {"code", term.code},
                                      {"name", term.name},
                                      {"description", term.description},
                                      {"taxonomy", term.taxonomy}}}});
  object["capacities"] = json::array();
  if (const auto& capacity = service.capacity) {
    json entry = object_of(capacity_fields(*capacity), capacity_columns);
    entry["id"] = service.id + "-capacity";
    entry["unit"] = {{"id", unit_id(capacity->unit)}, {"name", capacity->unit}};
    object["capacities"].push_back(std::move(entry));
  }
  return object;
}

std::string write_hsds_json(const Directory& directory) {
  json list = json::array();
  for (const auto& service : directory.services) list.push_back(hsds_service_json(directory, service));
  return list.dump(2) + "\n";
}

std::vector<std::string_view> hsds_csv_files() {
  std::vector<std::string_view> files;
  for (const auto& table : all_tables) files.push_back(table.file);
  return files;
}

DirectoryImport read_hsds_csv(const HsdsTables& files) { return CsvDirectoryReader{files}.read(); }

HsdsTables write_hsds_csv(const Directory& directory) { return CsvDirectoryWriter{}.write(directory); }

}  // namespace resettle
