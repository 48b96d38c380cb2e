// Quality sampling use cases (see quality_sample.hpp).
#include "services/insight/quality_sample.hpp"

#include <algorithm>
#include <set>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/insight/insight.hpp"
#include "services/people/case_records.hpp"
#include "store/quality_sample_repositories.hpp"

namespace resettle::services {

namespace {

constexpr std::string_view audited_as = "quality review";

// The unit and month from the query, checked as quality_sample.hpp says, inside the caller's transaction.
SampledUnit require_sampled_unit(store::Transaction& tx, const Clock& clock, const StaffMember& actor,
                                 const FieldInput& query) {
  FieldReader reader(query);
  auto unit = read_scope(reader, query, actor);
  if (!reader.failed("scope") && !reader.failed("code") && !is_sampled_unit(unit))
    reader.fail("scope", staff_text("Choose a team, probation delivery unit or prison: their cases are sampled"));
  std::optional<Month> month;
  try {
    month = read_sample_month(query, clock.today());
  } catch (const ValidationFailed& failed) {
    for (const auto& error : failed.errors()) reader.fail(error.field, error.message);
  }
  reader.throw_if_failed();
  if (!may_view_insight(actor, unit))
    throw Forbidden("managers review the sampled cases of their own team, PDU or prison; administrators of any");
  if (!tx.insight().scope_exists(unit))
    throw ValidationFailed("code", staff_text("No such ((unit))", {{"unit", entry_for(scope_kinds(), unit.kind).label}}));
  return {unit, scope_name(tx, unit), *month};
}

// The staff ids among `allocations` who are members of the team.
std::set<std::int64_t> team_members(store::Transaction& tx, std::span<const Allocation> allocations,
                                    const std::string& team) {
  std::vector<std::int64_t> ids;
  for (const auto& allocation : allocations) ids.push_back(allocation.staff_id);
  std::ranges::sort(ids);
  ids.erase(std::ranges::unique(ids).begin(), ids.end());
  std::set<std::int64_t> members;
  for (const auto& staff : tx.staff().find_many(ids))
    if (staff.team_code == team) members.insert(staff.id);
  return members;
}

// The people in the unit whose case was active there in the month: for a team, allocated to one of its
// members then; for a PDU or prison, in its scope and allocated to anyone then. In id order.
std::vector<std::int64_t> eligible_people(store::Transaction& tx, const SampledUnit& sampled) {
  std::vector<std::int64_t> ids;
  for (const auto& c : tx.insight().cases(sampled.unit)) ids.push_back(c.person_id);
  auto history = tx.allocations().history_for_people(ids);
  if (sampled.unit.kind == ScopeKind::team) {
    auto members = team_members(tx, history, sampled.unit.code);
    std::erase_if(history, [&](const Allocation& allocation) { return !members.contains(allocation.staff_id); });
  }
  std::vector<std::int64_t> eligible;
  auto next = history.begin();
  for (auto id : ids) {  // both in person id order
    auto first = std::find_if(next, history.end(), [&](const Allocation& a) { return a.person_id >= id; });
    next = std::find_if(first, history.end(), [&](const Allocation& a) { return a.person_id > id; });
    if (active_in(std::span{first, next}, sampled.month)) eligible.push_back(id);
  }
  return eligible;
}

std::vector<std::int64_t> sample_of(store::Transaction& tx, const SampledUnit& sampled, int size) {
  return draw_sample(eligible_people(tx, sampled), sampled.unit, sampled.month, size);
}

// NotFound unless the person is in the unit's sample for the month.
void require_sampled(store::Transaction& tx, const SampledUnit& sampled, std::int64_t person_id, int size) {
  auto sample = sample_of(tx, sampled, size);
  if (std::ranges::find(sample, person_id) == sample.end())
    throw NotFound("person " + std::to_string(person_id) + " is not in the " + to_iso(sampled.month) + " sample");
}

std::map<QualityQuestion, RecordSays> record_of(store::Transaction& tx, std::int64_t person_id) {
  CaseRecordFacts facts{tx.plans().for_person(person_id), tx.checklists().for_person(person_id),
                        tx.handover_meetings().for_person(person_id), std::nullopt,
                        tx.referrals().for_person(person_id)};
  if (auto release = tx.release_days().latest_for_person(person_id)) facts.released_on = release->release.released_on;
  std::map<QualityQuestion, RecordSays> record;
  for (const auto& question : quality_questions()) record[question.value] = record_says(question.value, facts);
  return record;
}

nlohmann::json answers_json(const std::map<QualityQuestion, QualityAnswer>& answers) {
  auto stored = nlohmann::json::object();
  for (const auto& [question, answer] : answers)
    stored[std::string{entry_for(quality_questions(), question).code}] = {
        {"finding", entry_for(findings(), answer.finding).code}, {"note", answer.note}};
  return stored;
}

}  // namespace

QualitySample quality_sample(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             int size) {
  auto tx = store.begin_read();
  QualitySample result{require_sampled_unit(*tx, clock, actor, query), size, 0, {}};
  auto eligible = eligible_people(*tx, result.sampled);
  result.eligible = static_cast<int>(eligible.size());
  for (auto person_id : draw_sample(eligible, result.sampled.unit, result.sampled.month, size))
    result.cases.push_back({person_id, visible_person(*tx, actor, person_id),
                            tx->quality_reviews().find(result.sampled.unit, result.sampled.month, person_id)});
  return result;
}

QualityReviewCase quality_review_case(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      const FieldInput& query, std::int64_t person_id, int size) {
  auto tx = store.begin_audit_write();  // the audit record is the only write
  auto sampled = require_sampled_unit(*tx, clock, actor, query);
  require_sampled(*tx, sampled, person_id, size);
  auto person = require_visible_person(*tx, actor, person_id, std::string{audited_as});
  tx->access_log().record(actor.id, person_id, std::string{audited_as}, true);
  QualityReviewCase result{sampled, person, tx->quality_reviews().find(sampled.unit, sampled.month, person_id),
                           record_of(*tx, person_id)};
  tx->commit();
  return result;
}

QualityReview record_quality_review(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    const FieldInput& query, std::int64_t person_id, const FieldInput& answers,
                                    std::int64_t expected_version, int size) {
  auto tx = store.begin_write();
  auto sampled = require_sampled_unit(*tx, clock, actor, query);
  require_sampled(*tx, sampled, person_id, size);
  require_visible_person(*tx, actor, person_id, std::string{audited_as});
  QualityReview review{0, 0, sampled.unit, sampled.month, person_id, read_quality_answers(answers), actor.id, clock.today()};
  review.version = tx->quality_reviews().save(review, expected_version);
  review.id = tx->quality_reviews().find(sampled.unit, sampled.month, person_id)->id;
  tx->journal().append({actor.id, person_id, "quality_review.recorded", "quality_review", review.id,
                        "Case reviewed for quality in the " + to_long_month(sampled.month) + " sample of " + sampled.name,
                        "",
                        {{"scope", entry_for(scope_kinds(), sampled.unit.kind).code},
                         {"code", sampled.unit.code},
                         {"month", to_iso(sampled.month)},
                         {"version", review.version},
                         {"answers", answers_json(review.answers)}}});
  tx->commit();
  return review;
}

QualityThemes quality_themes(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             int size) {
  auto tx = store.begin_read();
  auto sampled = require_sampled_unit(*tx, clock, actor, query);
  auto sample = sample_of(*tx, sampled, size);
  auto reviews = tx->quality_reviews().for_month(sampled.unit, sampled.month);
  std::erase_if(reviews, [&](const QualityReview& review) { return std::ranges::find(sample, review.person_id) == sample.end(); });
  return {sampled, summarise(reviews, static_cast<int>(sample.size()))};
}

}  // namespace resettle::services
