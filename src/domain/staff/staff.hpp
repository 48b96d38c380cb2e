#pragma once
// A member of staff (or partner-agency worker) who signs in and works with people.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// What a practitioner is trained or able to offer that some people need: work with women, the
// Welsh language, Integrated Offender Management.
enum class Specialism { women, welsh_language, iom };
std::span<const Coded<Specialism>> specialisms();

struct StaffMember {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::key_worker;
  std::string prison_code;   // custody staff: their prison
  std::string pdu_code;      // probation staff: their probation delivery unit
  std::string organisation;  // partner agencies: the name of the organisation they work for, as shown
  std::string email;
  bool active = true;
  std::string team_code{};
  int capacity_percent = 100;  // share of a full-time post, so capacity follows contracted hours
  std::vector<Specialism> specialisms{};
  std::optional<Date> away_from{};  // a planned absence (leave, training); the deputy covers
  std::optional<Date> away_until{};
  // Partner agencies: the directory id of their organisation. What they may see follows this id,
  // never the name, so a directory import that renames or adds an organisation moves nothing.
  std::string organisation_id{};
};

// Away on `today` when an absence has started and has not yet ended (both days included).
bool is_away(const StaffMember& staff, Date today);

// What a manager sets about how a practitioner works: team, contracted share, specialisms and a
// planned absence. Form and JSON fields: team_code, capacity_percent (0-100), specialism_<code>
// ("true" when held), away_from, away_until.
struct WorkingPattern {
  std::string team_code;
  int capacity_percent = 100;
  std::vector<Specialism> specialisms;
  std::optional<Date> away_from;
  std::optional<Date> away_until;
};

// Reads and checks every field; throws ValidationFailed naming each bad one. An absence needs its
// first day; its last day, if given, is not before the first.
WorkingPattern read_working_pattern(const FieldInput& input);
FieldInput working_pattern_fields(const StaffMember& staff);
std::string specialism_field(Specialism specialism);  // "specialism_women", ...

}  // namespace resettle
