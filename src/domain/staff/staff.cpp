// Staff specialisms and working patterns (see staff.hpp).
#include "domain/staff/staff.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Specialism>, 3> specialism_table{{
    {Specialism::women, "women", "Works with women"},
    {Specialism::welsh_language, "welsh_language", "Welsh speaker"},
    {Specialism::iom, "iom", "Integrated Offender Management"},
}};
}  // namespace

std::span<const Coded<Specialism>> specialisms() { return specialism_table; }

bool is_away(const StaffMember& staff, Date today) {
  if (!staff.away_from || *staff.away_from > today) return false;
  return !staff.away_until || today <= *staff.away_until;
}

std::string specialism_field(Specialism specialism) {
  return "specialism_" + std::string{entry_for(specialisms(), specialism).code};
}

WorkingPattern read_working_pattern(const FieldInput& input) {
  FieldReader reader{input};
  WorkingPattern pattern;
  pattern.team_code = reader.text("team_code", Need::optional, 20);
  pattern.capacity_percent = static_cast<int>(reader.integer("capacity_percent", Need::required, 0, 100).value_or(100));
  for (const auto& entry : specialisms())
    if (reader.boolean(specialism_field(entry.value))) pattern.specialisms.push_back(entry.value);
  pattern.away_from = reader.date("away_from", Need::optional);
  pattern.away_until = reader.date("away_until", Need::optional);
  if (pattern.away_until && !pattern.away_from && !reader.failed("away_from"))
    reader.fail("away_from", "is required when the last day away is given");
  if (pattern.away_from && pattern.away_until && *pattern.away_until < *pattern.away_from)
    reader.fail("away_until", "must be on or after the first day away");
  reader.throw_if_failed();
  return pattern;
}

FieldInput working_pattern_fields(const StaffMember& staff) {
  FieldInput fields{{"team_code", staff.team_code},
                    {"capacity_percent", std::to_string(staff.capacity_percent)},
                    {"away_from", to_iso(staff.away_from)},
                    {"away_until", to_iso(staff.away_until)}};
  for (const auto& entry : specialisms()) {
    bool held = std::find(staff.specialisms.begin(), staff.specialisms.end(), entry.value) != staff.specialisms.end();
    fields[specialism_field(entry.value)] = held ? "true" : "false";
  }
  return fields;
}

}  // namespace resettle
