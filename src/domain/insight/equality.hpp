#pragma once
// Equality facts about a person (protected characteristics and a few others the service is asked
// about), given with their consent, so the service can see whether outcomes differ between groups.
// Who may see them is narrower than who may see the case: see may_see_equality_facts.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/staff/staff.hpp"

namespace resettle {

// What outcomes are split by. The age band is worked out from the date of birth; every other one is
// asked. Stored and sent in JSON (as field names too): codes may only be added to.
enum class Characteristic {
  age_band,
  sex,
  gender_identity,
  ethnicity,
  disability,
  religion,
  sexual_orientation,
  nationality,
  care_experience,
  armed_forces,
};
std::span<const Coded<Characteristic>> characteristics();  // in the order pages show them
bool is_asked(Characteristic characteristic);             // every one but the age band

// One answer to a characteristic's question. `group` is the wider group the answer is counted in
// when outcomes are split (the census's five ethnic groups); empty: the answer is its own group.
struct Answer {
  std::string_view code;
  std::string_view label;
  std::string_view group = {};
};

// Every asked characteristic offers these two last; a person with no facts recorded is "not recorded".
inline constexpr std::string_view not_stated = "not_stated";
inline constexpr std::string_view prefers_not_to_say = "prefers_not_to_say";
inline constexpr std::string_view not_recorded = "not_recorded";

// The answers offered, in the order the form shows them (empty for the age band). Stored and sent in
// JSON: codes may only be added to; labels may change. Ethnicity follows the 2021 census of England and
// Wales (19 categories in 5 groups).
std::span<const Answer> answers_for(Characteristic characteristic);
std::string_view question_for(Characteristic characteristic);
// The label of an answer code; the code itself when it is not one of the answers.
std::string_view answer_label(Characteristic characteristic, std::string_view code);

// The groups outcomes are split into, in order: the characteristic's own groups, then the unknowns
// (not stated, prefers not to say, not recorded). The age band has no unknowns.
struct Group {
  std::string code{};
  std::string label{};
  bool unknown = false;
};
std::vector<Group> groups_of(Characteristic characteristic);

// Age bands on a given day: under 18, 18 to 24, 25 to 29, then tens to 60 and over.
std::string age_band_on(Date date_of_birth, Date on);

// What the person said, with their consent. Every asked characteristic has an answer (which may be
// "not stated" or "prefers not to say"): a form half filled in is not recorded.
struct EqualityFacts {
  std::int64_t person_id = 0;
  std::int64_t version = 0;                      // 0: none recorded yet
  std::map<Characteristic, std::string> answers;  // asked characteristic -> answer code
  Date consent_given_on{};                       // the day the person agreed to these being recorded
  std::int64_t recorded_by = 0;
};

// The group a person is counted in for one characteristic, judged on `on` (the age band's day);
// "not_recorded" when nothing was recorded.
std::string group_code(const std::optional<EqualityFacts>& facts, Characteristic characteristic, Date date_of_birth,
                       Date on);

// Reads "consent" (must be "yes": recorded only with the person's consent), "consent_given_on" (not in
// the future) and, per asked characteristic, its code as the field name with one of its answers.
// Throws ValidationFailed naming every bad field.
EqualityFacts read_equality_facts(const FieldInput& input, Date today);
FieldInput equality_fields(const EqualityFacts& facts);

// Equality facts are for monitoring fairness, not for working the case: they are seen (and recorded)
// only by the offender managers allocated to the person (POM or COM, lead or deputy) and by managers
// who may see the case; not by key workers, pre-release staff, partner agencies, or administrators,
// who see them only counted in the insight tables. `visible` is may_see_person's answer.
bool may_see_equality_facts(const StaffMember& staff, bool visible, bool allocated_to_staff);

}  // namespace resettle
