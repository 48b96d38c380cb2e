#pragma once
// How often the person is seen: a contact plan in stages ("weekly for 4 weeks, then fortnightly"), why, its review.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/field_input.hpp"

namespace resettle {

// One stage of a plan: a contact every `every_days`, for `for_weeks` weeks; the last stage has no
// length and lasts until the plan is reviewed or replaced.
struct ContactStage {
  int every_days = 7;
  std::optional<int> for_weeks;

  bool operator==(const ContactStage&) const = default;
};

inline constexpr int contact_stages_at_most = 6;
inline constexpr int contact_every_days_at_most = 91;  // a quarter: anything rarer is not supervision
inline constexpr int contact_stage_weeks_at_most = 104;

struct ContactPlan {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  Date starts_on{};  // stages run from here; usually the day of release or of the induction
  std::vector<ContactStage> stages;  // at least one; all but the last have a length
  std::string reason;                // why this frequency: risk, need, the person's progress
  Date review_on{};
  std::int64_t decided_by = 0;  // who set the plan
  std::string decided_at;       // when it was recorded (UTC, ISO 8601)

  bool operator==(const ContactPlan&) const = default;
};

// The plan in words: "weekly for 4 weeks, then fortnightly", "every 10 days for 1 week, then every
// 4 weeks" (1 day is daily, 7 weekly, 14 fortnightly, other whole weeks "every N weeks").
std::string describe(const std::vector<ContactStage>& stages);

// The stage in force on `day`: the first before it has run its weeks, counted from `starts_on`; the
// first stage for days before the plan starts.
const ContactStage& stage_on(const ContactPlan& plan, Date day);

// When the next contact is due: the first day after the last contact on which the interval of the
// stage in force that day has passed since it. So a plan getting tighter (fortnightly, then weekly)
// brings the due day forward to the new stage's start, and one getting looser lets it run to the new
// interval. With no contact yet, the plan's start counts as the last contact. A contact on the due
// day is on time.
Date next_contact_due(const ContactPlan& plan, std::optional<Date> last_contact);

// What a worklist shows for a person on `today`. `last_contact` is the last contact that counted
// (an appointment attended), if any.
struct ContactStatus {
  Date next_due{};
  bool overdue = false;  // today is after next_due
  int days_overdue = 0;  // 0 unless overdue
  bool review_due = false;  // today is the review day or later
};
ContactStatus contact_status(const ContactPlan& plan, std::optional<Date> last_contact, Date today);

// Reads starts_on (a date), stages[0].every_days ... (whole days, 1 to 91) with stages[N].for_weeks
// (1 to 104: required on every stage but the last, and not given on the last; stages are read from 0
// until one has neither field, at most 6, and a later one after that gap is an error on the gap's
// every_days), reason (required, 1000 characters at most) and review_on
// (a date from today, and not before starts_on). Throws ValidationFailed naming every bad field, in
// that order. Who decided is for the caller to fill in.
ContactPlan read_contact_plan(const FieldInput& input, Date today);

}  // namespace resettle
