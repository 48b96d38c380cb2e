#pragma once
// The day of release as decided, not only as proposed: someone accepts the policy's earlier day for
// a person's current release (1 working day, children 2), or a manager approves the COM's request
// for a second day. The newest decision stands while the calculated release date it was made for is
// still the person's release date; a recalculated date needs a new decision. Decisions are never
// changed or deleted: a later one supersedes an earlier one and the history stays.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/code_list.hpp"
#include "domain/field_input.hpp"
#include "domain/people/person.hpp"
#include "domain/release/release_day.hpp"
#include "domain/staff/role.hpp"
#include "domain/release_dates/sentence.hpp"

namespace resettle {

// Which earlier day was chosen. Stored and sent in JSON: codes may only be added to; labels may change.
enum class ReleaseDayChoice : std::uint8_t { presumed, second_day };
std::span<const Coded<ReleaseDayChoice>> release_day_choices();

struct ReleaseDayDecision {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  Date release_date{};  // the calculated release date the decision was made for
  Date decided_date{};  // the day they leave
  ReleaseDayChoice choice = ReleaseDayChoice::presumed;
  std::int64_t decided_by = 0;               // who accepted it; for a second day, the manager who approved it
  std::optional<std::int64_t> requested_by;  // a second day: the community offender manager who asked
  std::string decided_at;  // when it was recorded (UTC, ISO 8601)
  // Filled in when read, for display.
  std::string decided_by_name;
  std::string requested_by_name;
};

// The facts adjust_release_day turns on, from the person and their current sentence: a child is
// under 18 on the release date; time served counts remand and tagged bail.
ReleaseDayFacts release_day_facts(const Person& person, const Sentence& sentence, Date release_date);

// Who may accept the policy's earlier day: those who prepare the release (POM, pre-release team,
// COM) and their managers. Only a manager approves a second day.
bool may_decide_release_day(Role role);
bool may_approve_second_day(Role role);

// Reads the field decided_date and checks it against `adjustment` (adjust_release_day's answer for
// the person's facts, asked with the decider as approver so that it names the second day): it must
// be the presumed date, or the second day when the decider is a manager. Throws ValidationFailed on
// decided_date otherwise, saying why (no earlier day applies, the policy excludes the case, a second
// day needs a manager, or the date is not one the rules allow). The result carries the choice and
// the dates; who decided is for the caller to fill in.
ReleaseDayDecision decide_release_day(const FieldInput& input, const ReleaseDayAdjustment& adjustment, Role decider);

// The decision that stands for a release on `release_date`: the newest, when it was made for that date.
std::optional<ReleaseDayDecision> standing_decision(std::span<const ReleaseDayDecision> newest_first, Date release_date);

// The day the person leaves: the decided date when a decision stands, else the due date (never a
// weekend, Christmas Day or a bank holiday).
Date day_of_release(const ReleaseDayAdjustment& adjustment, const std::optional<ReleaseDayDecision>& standing);

}  // namespace resettle
