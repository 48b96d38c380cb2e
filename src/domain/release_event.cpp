// The rules of the release event (see release_event.hpp).
#include "domain/release_event.hpp"

#include "domain/errors.hpp"

namespace resettle {

namespace {
constexpr std::size_t time_length = 5;  // HH:MM

bool is_clock_time(std::string_view text) {
  if (text.size() != time_length || text[2] != ':') return false;
  for (auto at : {0, 1, 3, 4})
    if (text[at] < '0' || text[at] > '9') return false;
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours < 24 && minutes < 60;
}
}  // namespace

bool may_record_release(Role role) { return role == Role::pre_release || role == Role::com || role == Role::manager; }

ReleaseEvent read_release_event(FieldReader& reader, Date today) {
  ReleaseEvent release;
  if (auto on = reader.past_date("released_on", Need::required, today)) release.released_on = *on;
  release.released_at = reader.text("released_at", Need::required, 20);
  if (!release.released_at.empty() && !is_clock_time(release.released_at))
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
