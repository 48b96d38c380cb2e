#pragma once
// One entry of the append-only journal: who did what, when and why. The journal is both the
// person's timeline and the audit trail; corrections are new events, never edits.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace resettle {

struct NewEvent {
  std::optional<std::int64_t> actor_staff_id;  // empty for the system (imports, scheduled jobs)
  std::optional<std::int64_t> person_id;       // whose timeline it belongs to, if anyone's
  std::string kind;                            // dotted name: "person.created", "sentence.updated"
  std::string entity;                          // table-like name of what changed: "person"
  std::int64_t entity_id = 0;
  std::string summary;  // one line in plain words for the timeline
  std::string reason;   // why, when the actor gave one
  nlohmann::json data = nlohmann::json::object();  // the change itself (fields before/after)
};

struct Event : NewEvent {
  std::int64_t id = 0;
  std::string at;          // UTC timestamp, ISO 8601 with milliseconds
  std::string actor_name;  // display name at read time, "System" when no actor
};

}  // namespace resettle
