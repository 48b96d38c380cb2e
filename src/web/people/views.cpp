// People, sentences, events and risk profiles as JSON (see views.hpp).
#include "web/people/views.hpp"

#include <set>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/release_dates/booking_json.hpp"

namespace resettle::web {

namespace {
// Field text back to JSON types: numbers and booleans as such, empty text as null.
nlohmann::json typed(const std::string& text) {
  if (text.empty()) return nullptr;
  if (text == "true") return true;
  if (text == "false") return false;
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() < 16) return std::stoll(text);
  return text;
}

// Identifiers stay text even when they look like numbers.
nlohmann::json record_json(const FieldInput& fields, std::initializer_list<std::string_view> text_fields) {
  auto json = nlohmann::json::object();
  for (const auto& [name, value] : fields) json[name] = typed(value);
  for (auto name : text_fields) {
    auto found = fields.find(name);
    if (found != fields.end()) json[std::string{name}] = found->second.empty() ? nlohmann::json() : nlohmann::json(found->second);
  }
  return json;
}
}  // namespace

nlohmann::json person_json(const Person& person) {
  auto json = record_json(person_fields(person), {"pnc", "given_name", "family_name", "ethnic_group",
                                                  "preferred_language", "communication_needs"});
  json["id"] = person.id;
  json["version"] = person.version;
  json["links"] = {{"self", "/api/v1/people/" + std::to_string(person.id)},
                   {"sentences", "/api/v1/people/" + std::to_string(person.id) + "/sentences"}};
  return json;
}

nlohmann::json sentence_json(const Sentence& sentence, const BookingKeyDates& key_dates) {
  auto json = record_json(sentence_fields(sentence), {"offence"});
  json["key_dates"] = resettle::key_dates_json(key_dates);
  json["recall_served"] = nullptr;
  if (const auto& served = sentence.recall_served) {
    auto day = [](const std::optional<Date>& date) { return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr); };
    json["recall_served"] = {{"type", entry_for(recall_types(), served->type).code},
                             {"revoked_on", day(served->revoked_on)},
                             {"returned_on", day(served->returned_on)}};
  }
  json["id"] = sentence.id;
  json["person_id"] = sentence.person_id;
  json["version"] = sentence.version;
  json["links"] = {{"self", "/api/v1/sentences/" + std::to_string(sentence.id)},
                   {"person", "/api/v1/people/" + std::to_string(sentence.person_id)}};
  return json;
}

nlohmann::json risk_profile_json(const RiskProfile& profile) {
  auto json = record_json(risk_profile_fields(profile), {"manual_responsibility_reason", "tier"});
  json["person_id"] = profile.person_id;
  json["version"] = profile.version;
  return json;
}

nlohmann::json event_json(const Event& event) {
  return {{"id", event.id},         {"at", event.at},           {"actor", event.actor_name},
          {"kind", event.kind},     {"entity", event.entity},   {"entity_id", event.entity_id},
          {"summary", event.summary}, {"reason", event.reason}, {"data", event.data}};
}

FieldInput fields_from_json(const nlohmann::json& body, const FieldInput& allowed) {
  static const std::set<std::string, std::less<>> read_only{"id",    "version",   "person_id",
                                                            "links", "key_dates", "recall_served"};
  if (!body.is_object()) throw ValidationFailed("body", "must be a JSON object");
  FieldInput fields;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : body.items()) {
    if (read_only.contains(name)) continue;  // sent back from a GET; the server owns them
    if (!allowed.contains(name)) errors.push_back({name, "is not a field of this record"});
    else if (value.is_string()) fields[name] = value.get<std::string>();
    else if (value.is_boolean()) fields[name] = value.get<bool>() ? "true" : "false";
    else if (value.is_number_integer()) fields[name] = std::to_string(value.get<long long>());
    else if (value.is_null()) fields[name] = "";
    else errors.push_back({name, value.is_number() ? staff_text("must be a whole number") : staff_text("must be text, a number or true/false")});
  }
  if (!errors.empty()) throw ValidationFailed(errors);
  return fields;
}

}  // namespace resettle::web
