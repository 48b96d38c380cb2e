// Contact plans: when the next contact is due, and reading a plan from a form (see contact_plan.hpp).
#include "domain/supervision/contact_plan.hpp"

#include <algorithm>

#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {
// How often, in words: "daily", "weekly", "fortnightly", "every 3 weeks", "every 10 days".
std::string every(int days) {
  if (days == 1) return staff_text("daily");
  if (days == 7) return staff_text("weekly");
  if (days == 14) return staff_text("fortnightly");
  if (days % 7 == 0) return staff_text_plural("every ((count)) week", "every ((count)) weeks", days / 7);
  return staff_text_plural("every ((count)) day", "every ((count)) days", days);
}

// One stage: how often, and for how long unless it runs until the review.
std::string stage_words(const ContactStage& stage) {
  auto often = every(stage.every_days);
  if (!stage.for_weeks) return often;
  return staff_text_plural("((often)) for ((count)) week", "((often)) for ((count)) weeks", *stage.for_weeks,
                           {{"often", often}});
}

// A stage's field name: "stages[0].every_days".
std::string field(int stage, std::string_view name) {
  return "stages[" + std::to_string(stage) + "]." + std::string{name};
}

// How many stages the form sent: indices from 0 until one has neither field.
int stages_given(const FieldReader& reader) {
  int count = 0;
  while (count <= contact_stages_at_most &&
         (reader.has(field(count, "every_days")) || reader.has(field(count, "for_weeks"))))
    ++count;
  return count;
}

// Reads one stage; the last must have no length, every other one must.
ContactStage read_stage(FieldReader& reader, int stage, bool last) {
  ContactStage read;
  if (auto days = reader.integer(field(stage, "every_days"), Need::required, 1, contact_every_days_at_most))
    read.every_days = static_cast<int>(*days);
  auto weeks_field = field(stage, "for_weeks");
  if (last) {
    if (reader.has(weeks_field))
      reader.fail(weeks_field, "must be left empty on the last stage: it lasts until the plan is reviewed");
  } else if (auto weeks = reader.integer(weeks_field, Need::required, 1, contact_stage_weeks_at_most)) {
    read.for_weeks = static_cast<int>(*weeks);
  }
  return read;
}

// Reads the stages given, failing on none, more than 6, or a gap.
std::vector<ContactStage> read_stages(FieldReader& reader) {
  int count = stages_given(reader);
  if (count == 0) reader.fail(field(0, "every_days"), "is required: how often the person is seen");
  if (count > contact_stages_at_most) {
    reader.fail("stages", "must be " + std::to_string(contact_stages_at_most) + " or fewer");
    count = contact_stages_at_most;
  }
  std::vector<ContactStage> stages;
  for (int i = 0; i < count; ++i) stages.push_back(read_stage(reader, i, i + 1 == count));
  for (int later = count + 1; later <= contact_stages_at_most; ++later)
    if (reader.has(field(later, "every_days")) || reader.has(field(later, "for_weeks")))
      reader.fail(field(count, "every_days"), "is required: stages are numbered from 0 without gaps");
  return stages;
}

// Reads review_on: today or later, and not before the plan's start when that is known.
void read_review(FieldReader& reader, ContactPlan& plan, Date today, bool start_known) {
  auto review = reader.date("review_on", Need::required);
  if (!review) return;
  plan.review_on = *review;
  if (*review < today)
    reader.fail("review_on", "must be today or later");
  else if (start_known && *review < plan.starts_on)
    reader.fail("review_on", "must be on or after the plan's start, " + to_long_date(plan.starts_on));
}
}  // namespace

std::string describe(const std::vector<ContactStage>& stages) {
  std::string words;
  for (const auto& stage : stages)
    words = words.empty() ? stage_words(stage) : staff_text("((earlier)), then ((next))", {{"earlier", words}, {"next", stage_words(stage)}});
  return words;
}

const ContactStage& stage_on(const ContactPlan& plan, Date day) {
  auto next_start = plan.starts_on;
  for (const auto& stage : plan.stages) {
    if (!stage.for_weeks) return stage;
    next_start = add_days(next_start, 7 * *stage.for_weeks);
    if (day < next_start) return stage;
  }
  return plan.stages.back();  // a plan whose last stage has a length (never read so): it runs on
}

// Within each stage the earliest day due is the later of its start and the last contact plus its
// interval; the first stage that still runs on that day has the answer.
Date next_contact_due(const ContactPlan& plan, std::optional<Date> last_contact) {
  auto last = last_contact.value_or(plan.starts_on);
  auto start = plan.starts_on;
  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    const auto& stage = plan.stages[i];
    auto due = add_days(last, stage.every_days);
    if (i > 0) due = std::max(due, start);
    bool open = !stage.for_weeks || i + 1 == plan.stages.size();
    if (!open) start = add_days(start, 7 * *stage.for_weeks);
    if (open || due < start) return due;
  }
  return add_days(last, 7);  // no stages (never read so): weekly, the commonest plan
}

ContactStatus contact_status(const ContactPlan& plan, std::optional<Date> last_contact, Date today) {
  ContactStatus status;
  status.next_due = next_contact_due(plan, last_contact);
  status.days_overdue = std::max(0, days_between(status.next_due, today));
  status.overdue = status.days_overdue > 0;
  status.review_due = today >= plan.review_on;
  return status;
}

ContactPlan read_contact_plan(const FieldInput& input, Date today) {
  FieldReader reader{input};
  ContactPlan plan;
  auto starts = reader.date("starts_on", Need::required);
  if (starts) plan.starts_on = *starts;
  plan.stages = read_stages(reader);
  plan.reason = reader.text("reason", Need::required, 1000);
  read_review(reader, plan, today, starts.has_value());
  reader.throw_if_failed();
  return plan;
}

}  // namespace resettle
