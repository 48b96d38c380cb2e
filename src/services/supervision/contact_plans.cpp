// Contact plans and the contact worklist (see contact_plans.hpp).
#include "services/supervision/contact_plans.hpp"

#include "domain/supervision/appointment.hpp"
#include "domain/errors.hpp"
#include "domain/uk_time.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

Date contact_today(const Clock& clock) { return uk_local(clock.now_seconds()).on; }

namespace {

// The last contact that counts against a plan: one before the plan started does not (the plan's start
// stands in for it, so a new plan does not begin overdue).
std::optional<Date> counted_contact(const ContactPlan& plan, std::optional<Date> last_attended) {
  return last_attended && *last_attended >= plan.starts_on ? last_attended : std::nullopt;
}

nlohmann::json stages_data(const std::vector<ContactStage>& stages) {
  auto data = nlohmann::json::array();
  for (const auto& stage : stages)
    data.push_back({{"every_days", stage.every_days},
                    {"for_weeks", stage.for_weeks ? nlohmann::json(*stage.for_weeks) : nlohmann::json()}});
  return data;
}

}  // namespace

PersonContactPlan contact_plan_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "contact plan");
  auto tx = store.begin_read();
  PersonContactPlan page;
  page.person = record.person;
  page.plans = tx->contact_plans().for_person(person_id);
  page.version = std::ssize(page.plans);
  page.last_attended = tx->appointment_outcomes().last_attended(person_id);
  if (!page.plans.empty()) {
    const auto& plan = page.plans.front();
    page.status = contact_status(plan, counted_contact(plan, page.last_attended), contact_today(clock));
  }
  std::vector<std::int64_t> staff_ids;
  for (const auto& plan : page.plans) staff_ids.push_back(plan.decided_by);
  for (const auto& staff : tx->staff().find_many(staff_ids)) page.decided_by.emplace(staff.id, staff.display_name);
  page.may_change = may_book_appointments(actor.role);
  return page;
}

ContactPlan set_contact_plan(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input, std::int64_t expected_version) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager sets how often the person is seen");
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "contact plan");
  auto plan = read_contact_plan(input, contact_today(clock));
  plan.person_id = person_id;
  plan.decided_by = actor.id;
  plan.decided_at = clock.now_iso();
  plan.id = tx->contact_plans().insert(plan, expected_version);
  tx->journal().append({actor.id, person_id, "contact_plan.set", "contact_plan", plan.id,
                        "Contact plan set: " + describe(plan.stages) + " from " + to_long_date(plan.starts_on) +
                            ", to be reviewed by " + to_long_date(plan.review_on),
                        plan.reason,
                        {{"starts_on", to_iso(plan.starts_on)},
                         {"stages", stages_data(plan.stages)},
                         {"review_on", to_iso(plan.review_on)},
                         {"version", expected_version + 1}}});
  tx->commit();
  return plan;
}

store::Page<ContactWorklistItem> contact_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                  const WorklistRequest& request) {
  return audited(store, actor, "worklist: contact", read_contact_worklist(store, clock, actor, request));
}

// The store offers the candidates (a superset); contact_status decides. Each read asks for only as
// many as the page still needs, so every candidate read is either shown or ruled out, and the store's
// cursor after the last one read is the page's.
store::Page<ContactWorklistItem> read_contact_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                       const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  auto today = contact_today(clock);
  int limit = scope.page.limit;
  store::Page<ContactWorklistItem> page;
  auto tx = store.begin_read();
  do {
    scope.page.limit = limit - static_cast<int>(page.items.size());
    auto candidates = tx->contact_plans().worklist(today, scope);
    for (auto& row : candidates.items) {
      auto status = contact_status(row.plan, counted_contact(row.plan, row.last_attended), today);
      if (status.overdue || status.review_due) page.items.push_back({std::move(row), status});
    }
    scope.page.cursor = page.next_cursor = candidates.next_cursor;
  } while (page.next_cursor && std::ssize(page.items) < limit);
  return page;
}

}  // namespace resettle::services
