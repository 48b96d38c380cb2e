// The rules of the release event (see release_event.hpp).
#include "domain/release/release_event.hpp"

#include "domain/clock_time.hpp"
#include "domain/errors.hpp"

namespace resettle {

bool may_record_release(Role role) { return role == Role::pre_release || role == Role::com || role == Role::manager; }

ReleaseEvent read_release_event(FieldReader& reader, Date today) {
  ReleaseEvent release;
  if (auto on = reader.past_date("released_on", Need::required, today)) release.released_on = *on;
  auto released_at = reader.text("released_at", Need::required, 20);
  if (auto time = parse_clock_time(released_at))
    release.released_at = to_text(*time);
  else if (!released_at.empty())
    reader.fail("released_at", "must be a time on the 24-hour clock, like 09:30");
  release.prison_code = reader.text("prison_code", Need::required, 10);
  return release;
}

void require_releasable(const Person& person, const ReleaseEvent& release) {
  if (person.stage != CaseStage::in_custody)
    throw Conflict(person.full_name() + " is " + std::string{entry_for(case_stages(), person.stage).label} +
                   ": only someone serving a sentence in custody is released on licence");
  if (!person.prison_code.empty() && release.prison_code != person.prison_code)
    throw ValidationFailed("prison_code", "must be the prison they are in (" + person.prison_code + ")");
}

void refuse_release_by_edit(const Person& before, const Person& after) {
  if (after.stage != CaseStage::on_licence || before.stage == CaseStage::on_licence) return;
  throw ValidationFailed("stage", "cannot be changed to on licence here: record the release on the release day page, /people/" +
                                      std::to_string(before.id) + "/release-day");
}

Person released_person(Person person) {
  person.stage = CaseStage::on_licence;
  person.prison_code.clear();
  return person;
}

bool ends_at_release(const Allocation& allocation) {
  return allocation.role == Role::pom || allocation.role == Role::key_worker;
}

}  // namespace resettle
