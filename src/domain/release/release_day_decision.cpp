// Deciding the day of release (see release_day_decision.hpp).
#include "domain/release/release_day_decision.hpp"

#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReleaseDayChoice>, 2> choice_table{{
    {ReleaseDayChoice::presumed, "presumed", "The policy's earlier day"},
    {ReleaseDayChoice::second_day, "second_day", "A second day, as the community offender manager asked"},
}};

constexpr int adult_age = 18;

// Why no earlier day can be chosen for this release, in words a practitioner can act on.
std::string no_earlier_day(const ReleaseDayAdjustment& adjustment) {
  if (!adjustment.proposed_date)
    return "The release on " + to_long_date(adjustment.due_date) +
           " is not on a Friday or before a bank holiday, so it is not brought forward";
  return "The policy does not bring this release forward: it excludes indeterminate sentences, Parole Board "
         "releases and people who have served less than 28 days";
}
}  // namespace

std::span<const Coded<ReleaseDayChoice>> release_day_choices() { return choice_table; }

ReleaseDayFacts release_day_facts(const Person& person, const Sentence& sentence, Date release_date) {
  ReleaseDayFacts facts;
  facts.term_days = sentence.length_days;
  if (sentence.start_date)
    facts.days_served = days_between(*sentence.start_date, release_date) + sentence.remand_days + sentence.tagged_bail_days;
  facts.indeterminate = sentence.type == SentenceType::indeterminate;
  facts.child = person.date_of_birth.ok() && age_on(person.date_of_birth, release_date) < adult_age;
  return facts;
}

bool may_decide_release_day(Role role) {
  return role == Role::pom || role == Role::pre_release || role == Role::com || role == Role::manager;
}

bool may_approve_second_day(Role role) { return role == Role::manager; }

ReleaseDayDecision decide_release_day(const FieldInput& input, const ReleaseDayAdjustment& adjustment, Role decider) {
  FieldReader reader{input};
  auto decided = reader.date("decided_date", Need::required);
  reader.throw_if_failed();
  if (!adjustment.presumed_date) throw ValidationFailed("decided_date", no_earlier_day(adjustment));
  ReleaseDayDecision decision;
  decision.release_date = adjustment.release_date;
  decision.decided_date = *decided;
  if (*decided == *adjustment.presumed_date) return decision;
  if (*decided != adjustment.com_request_date)
    throw ValidationFailed("decided_date", "Choose " + to_long_date(*adjustment.presumed_date) +
                                               (adjustment.com_request_date
                                                    ? ", or " + to_long_date(*adjustment.com_request_date) + " for a second day"
                                                    : "") +
                                               ": " + to_long_date(*decided) + " is not a day the rules allow");
  if (!may_approve_second_day(decider))
    throw ValidationFailed("decided_date", "A second day needs a manager's approval: ask a manager to record it");
  decision.choice = ReleaseDayChoice::second_day;
  return decision;
}

std::optional<ReleaseDayDecision> standing_decision(std::span<const ReleaseDayDecision> newest_first, Date release_date) {
  if (newest_first.empty() || newest_first.front().release_date != release_date) return std::nullopt;
  return newest_first.front();
}

Date day_of_release(const ReleaseDayAdjustment& adjustment, const std::optional<ReleaseDayDecision>& standing) {
  return standing ? standing->decided_date : adjustment.due_date;
}

}  // namespace resettle
