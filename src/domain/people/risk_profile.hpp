#pragma once
// What is known about a person's risk and case management that decides who leads their case
// (OMiC) and which offer they get: ROSH, tier, MAPPA, IOM, early allocation, open conditions and
// any manual decision on responsibility.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/field_input.hpp"
#include "domain/responsibility/handover.hpp"
#include "domain/people/risk_levels.hpp"

namespace resettle {

struct RiskProfile {
  std::int64_t person_id = 0;
  std::int64_t version = 0;  // 0 while nothing has been recorded
  std::optional<RoshLevel> rosh;
  std::optional<Tier> tier;
  MappaLevel mappa = MappaLevel::none;
  bool iom = false;               // managed by Integrated Offender Management
  bool early_allocation = false;  // assessed as eligible for early allocation to a COM
  std::optional<Date> open_prison_arrival_date;  // men's open conditions
  std::optional<Date> category_t_date;           // women's open conditions
  bool parole_review_completed = false;          // indeterminate: a parole review has been completed
  bool further_indeterminate_sentence = false;   // another indeterminate sentence to serve after this one
  std::optional<ManualResponsibility> manual_responsibility;
  std::string manual_responsibility_reason;
};

// Reads and checks every field; throws ValidationFailed naming each bad one. A manual decision
// on responsibility needs a reason, so the next reader knows why the rules were set aside.
RiskProfile read_risk_profile(const FieldInput& input);
FieldInput risk_profile_fields(const RiskProfile& profile);

}  // namespace resettle
