// Insight's progress measures (see progress.hpp).
#include "domain/insight/progress.hpp"

#include <algorithm>
#include <array>

#include "domain/allocation/continuity.hpp"
#include "domain/insight/figures.hpp"

namespace resettle {

namespace {

// Sent in JSON and links: codes may only be added to; labels may change.
constexpr std::array<Coded<ProgressMeasure>, 16> progress_measure_list{{
    {ProgressMeasure::settled_accommodation_6_weeks, "settled_accommodation_6_weeks",
     "Settled accommodation 6 weeks after release"},
    {ProgressMeasure::settled_accommodation_6_months, "settled_accommodation_6_months",
     "Settled accommodation 6 months after release"},
    {ProgressMeasure::ete_6_weeks, "ete_6_weeks", "In education, training or work 6 weeks after release"},
    {ProgressMeasure::ete_6_months, "ete_6_months", "In education, training or work 6 months after release"},
    {ProgressMeasure::gp_registered_on_release, "gp_registered_on_release", "Registered with a GP on release"},
    {ProgressMeasure::medication_on_release, "medication_on_release", "Medication arranged on release"},
    {ProgressMeasure::referral_accepted, "referral_accepted", "Referrals accepted"},
    {ProgressMeasure::referral_started, "referral_started", "Referrals started"},
    {ProgressMeasure::referral_completed, "referral_completed", "Referrals completed"},
    {ProgressMeasure::need_lowered_accommodation, "need_lowered_accommodation", "Need lowered: accommodation"},
    {ProgressMeasure::need_lowered_education_training_employment, "need_lowered_education_training_employment",
     "Need lowered: education, training and employment"},
    {ProgressMeasure::need_lowered_health, "need_lowered_health", "Need lowered: health"},
    {ProgressMeasure::need_lowered_drugs_alcohol, "need_lowered_drugs_alcohol", "Need lowered: drugs and alcohol"},
    {ProgressMeasure::need_lowered_finance_benefits_debt, "need_lowered_finance_benefits_debt",
     "Need lowered: finance, benefits and debt"},
    {ProgressMeasure::need_lowered_children_families_relationships, "need_lowered_children_families_relationships",
     "Need lowered: children, families and relationships"},
    {ProgressMeasure::need_lowered_attitudes_thinking_behaviour, "need_lowered_attitudes_thinking_behaviour",
     "Need lowered: attitudes, thinking and behaviour"},
}};

// The person's latest release in the period (as InsightCase's releases record them).
std::optional<Date> released_in(const InsightCase& c, const Period& period) {
  std::optional<Date> latest;
  for (const auto& release : c.releases)
    if (period.contains(release.released_on) && (!latest || release.released_on > *latest))
      latest = release.released_on;
  return latest;
}

// Released in the period and the milestone after it come by today: whether the snapshot at that milestone
// (the latest recording of it since the release) puts the pathway at settled or better; none: not.
std::optional<bool> settled_at(const InsightCase& c, const CaseProgress& progress, const Period& period, Date today,
                               Milestone milestone, Pathway pathway) {
  auto released = released_in(c, period);
  if (!released || milestone_date(milestone, *released, *released) > today) return std::nullopt;
  const OutcomeSnapshot* latest = nullptr;
  for (const auto& snapshot : progress.snapshots)
    if (snapshot.milestone == milestone && snapshot.recorded_on >= *released &&
        (!latest || snapshot.recorded_on >= latest->recorded_on))
      latest = &snapshot;
  if (!latest) return false;
  auto outcome = latest->outcomes.find(pathway);
  return outcome != latest->outcomes.end() && outcome->second.level >= OutcomeLevel::settled;
}

// For people whose latest release day record is dated in the period: whether the provision was in place
// (or not needed, as they already had it).
std::optional<bool> provided_on_release(const CaseProgress& progress, const Period& period,
                                        ReleaseProvision provision) {
  const auto& release = progress.latest_release;
  if (!release || !period.contains(release->release.released_on)) return std::nullopt;
  auto recorded = release->arrangements.provisions.find(provision);
  if (recorded == release->arrangements.provisions.end()) return false;
  return recorded->second.status == ProvisionStatus::in_place || recorded->second.status == ProvisionStatus::not_needed;
}

std::optional<Date> sent_on(const Referral& referral) { return referral.date_of(ReferralStatus::sent); }

std::vector<const Referral*> sent_in(const CaseProgress& progress, const Period& period, Date today) {
  std::vector<const Referral*> sent;
  for (const auto& referral : progress.referrals)
    if (auto on = sent_on(referral); on && period.contains(*on) && *on <= today) sent.push_back(&referral);
  return sent;
}

// Of the referrals sent in the period, whether any reached `step` by today.
std::optional<bool> any_reached(const CaseProgress& progress, const Period& period, Date today, ReferralStatus step) {
  auto sent = sent_in(progress, period, today);
  if (sent.empty()) return std::nullopt;
  return std::ranges::any_of(sent, [&](const Referral* referral) {
    auto on = referral->date_of(step);
    return on && *on <= today;
  });
}

}  // namespace

std::span<const Coded<ProgressMeasure>> progress_measures() { return progress_measure_list; }

std::string_view definition_of(ProgressMeasure measure) {
  switch (measure) {
    case ProgressMeasure::settled_accommodation_6_weeks:
    case ProgressMeasure::settled_accommodation_6_months:
      return "Of the people released in the period whose milestone (6 weeks or 6 months after release) has come, the "
             "share whose outcome snapshot at that milestone puts accommodation at settled or better; no snapshot "
             "counts as not settled.";
    case ProgressMeasure::ete_6_weeks:
    case ProgressMeasure::ete_6_months:
      return "Of the people released in the period whose milestone (6 weeks or 6 months after release) has come, the "
             "share whose outcome snapshot at that milestone puts education, training and employment at settled or "
             "better; no snapshot counts as not.";
    case ProgressMeasure::gp_registered_on_release:
      return "Of the people whose latest release day record is dated in the period, the share recorded as registered "
             "with a GP (or not needing it, as they already were); not recorded counts as not.";
    case ProgressMeasure::medication_on_release:
      return "Of the people whose latest release day record is dated in the period, the share with their medication in "
             "place (or needing none), so that treatment carries on across the gate; not recorded counts as not.";
    case ProgressMeasure::referral_accepted:
      return "Of the people with a referral sent in the period (the People column is the referrals made, counted once "
             "per person), the share with at least one of those referrals accepted by the service.";
    case ProgressMeasure::referral_started:
      return "Of the people with a referral sent in the period, the share with at least one of those referrals started "
             "(the person began to take part).";
    case ProgressMeasure::referral_completed:
      return "Of the people with a referral sent in the period, the share with at least one of those referrals "
             "completed (the service's work with the person finished as planned, not ended early).";
    case ProgressMeasure::need_lowered_accommodation:
    case ProgressMeasure::need_lowered_education_training_employment:
    case ProgressMeasure::need_lowered_health:
    case ProgressMeasure::need_lowered_drugs_alcohol:
    case ProgressMeasure::need_lowered_finance_benefits_debt:
    case ProgressMeasure::need_lowered_children_families_relationships:
    case ProgressMeasure::need_lowered_attitudes_thinking_behaviour:
      return "Distance travelled: of the people whose latest needs assessment covering this pathway is dated in the "
             "period and follows an earlier one, the share whose need on the pathway is now lower than at their first "
             "assessment.";
  }
  return "";
}

std::optional<Pathway> pathway_of(ProgressMeasure measure) {
  auto index = static_cast<int>(measure) - static_cast<int>(ProgressMeasure::need_lowered_accommodation);
  if (index < 0 || index >= static_cast<int>(pathways().size())) return std::nullopt;
  return pathways()[static_cast<std::size_t>(index)].value;
}

std::optional<bool> outcome_of(ProgressMeasure measure, const InsightCase& c, const CaseProgress& progress,
                               const Period& period, Date today) {
  using enum ProgressMeasure;
  switch (measure) {
    case settled_accommodation_6_weeks:
      return settled_at(c, progress, period, today, Milestone::release_plus_6_weeks, Pathway::accommodation);
    case settled_accommodation_6_months:
      return settled_at(c, progress, period, today, Milestone::release_plus_6_months, Pathway::accommodation);
    case ete_6_weeks:
      return settled_at(c, progress, period, today, Milestone::release_plus_6_weeks,
                        Pathway::education_training_employment);
    case ete_6_months:
      return settled_at(c, progress, period, today, Milestone::release_plus_6_months,
                        Pathway::education_training_employment);
    case gp_registered_on_release:
      return provided_on_release(progress, period, ReleaseProvision::gp_registration);
    case medication_on_release:
      return provided_on_release(progress, period, ReleaseProvision::medication);
    case referral_accepted:
      return any_reached(progress, period, today, ReferralStatus::accepted);
    case referral_started:
      return any_reached(progress, period, today, ReferralStatus::started);
    case referral_completed:
      return any_reached(progress, period, today, ReferralStatus::completed);
    case need_lowered_accommodation:
    case need_lowered_education_training_employment:
    case need_lowered_health:
    case need_lowered_drugs_alcohol:
    case need_lowered_finance_benefits_debt:
    case need_lowered_children_families_relationships:
    case need_lowered_attitudes_thinking_behaviour: {
      auto move = need_move(*pathway_of(measure), progress, period);
      if (!move) return std::nullopt;
      return *move == NeedMove::lowered;
    }
  }
  return std::nullopt;
}

std::optional<NeedMove> need_move(Pathway pathway, const CaseProgress& progress, const Period& period) {
  std::vector<const NeedsAssessment*> covering;
  for (const auto& assessment : progress.assessments)
    if (assessment.assessed_on <= period.to && assessment.pathways.contains(pathway)) covering.push_back(&assessment);
  if (covering.size() < 2) return std::nullopt;
  // Oldest first; assessments on the same day in the order they were recorded (id).
  std::ranges::sort(covering, [](const NeedsAssessment* a, const NeedsAssessment* b) {
    return a->assessed_on != b->assessed_on ? a->assessed_on < b->assessed_on : a->id < b->id;
  });
  if (!period.contains(covering.back()->assessed_on)) return std::nullopt;
  auto first = covering.front()->pathways.at(pathway).need_level;
  auto latest = covering.back()->pathways.at(pathway).need_level;
  if (latest == first) return NeedMove::unchanged;
  return latest < first ? NeedMove::lowered : NeedMove::raised;
}

std::optional<Lateness> days_to_first_contact(const CaseProgress& progress, const Period& period, Date today) {
  auto sent = sent_in(progress, period, today);
  if (sent.empty()) return std::nullopt;
  const auto* first = *std::ranges::min_element(sent, {}, [](const Referral* r) { return *sent_on(*r); });
  std::optional<Date> contact;
  for (auto step : {ReferralStatus::first_appointment, ReferralStatus::started})
    if (auto on = first->date_of(step); on && *on <= today && (!contact || *on < *contact)) contact = on;
  if (!contact) return Lateness{std::nullopt};
  return Lateness{days_between(*sent_on(*first), *contact)};
}

std::optional<OfficerChanges> officer_changes(const InsightCase& c, const Period& period, Date today) {
  auto until = std::min(period.to, today);
  std::optional<Date> first_lead;
  for (const auto& allocation : c.allocations)
    if (allocation.kind == AllocationKind::lead && allocation.from <= until &&
        (!allocation.to || *allocation.to > period.from) && (!first_lead || allocation.from < *first_lead))
      first_lead = allocation.from;
  if (!first_lead) return std::nullopt;
  // continuity_of counts the changes dated up to the day it is given: those in the period are the
  // difference between its end and the day before it starts.
  auto changes = continuity_of(c.allocations, until).lead_changes -
                 continuity_of(c.allocations, add_days(period.from, -1)).lead_changes;
  return OfficerChanges{changes, days_between(std::max(*first_lead, period.from), until) + 1};
}

ProgressSplit segment(ProgressMeasure measure, std::span<const InsightCase> cases,
                      std::span<const CaseProgress> progress, Characteristic characteristic, const Period& period,
                      Date today, const DisclosureRules& rules) {
  std::vector<std::optional<bool>> outcomes;
  for (std::size_t i = 0; i < cases.size(); ++i)
    outcomes.push_back(outcome_of(measure, cases[i], progress[i], period, today));
  return {measure, split_outcomes(outcomes, cases, characteristic, period, rules)};
}

DayBands first_contact_day_bands() {
  static constexpr DayBand bands[] = {{"within_7_days", "Within 7 days", 7},
                                      {"8_to_14_days", "8 to 14 days", 14},
                                      {"15_to_28_days", "15 to 28 days", 28},
                                      {"over_28_days", "More than 28 days", 1 << 30}};
  return {bands, {"no_contact_yet", "No contact yet", 0}};
}


LatenessDistribution first_contact_distribution(std::span<const CaseProgress> progress, const Period& period,
                                                Date today, const DisclosureRules& rules) {
  std::vector<std::optional<Lateness>> days;
  for (const auto& entry : progress) days.push_back(days_to_first_contact(entry, period, today));
  return distribution_of(days, first_contact_day_bands(), rules);
}

bool ChangeRates::all_hidden() const {
  return total.hidden || total.people == 0 ||
         std::ranges::all_of(rows, [](const ChangeRateRow& row) { return row.hidden || row.people == 0; });
}

ChangeRates officer_change_rates(std::span<const InsightCase> cases, Characteristic characteristic,
                                 const Period& period, Date today, const DisclosureRules& rules) {
  std::vector<std::optional<OfficerChanges>> changes;
  for (const auto& c : cases) changes.push_back(officer_changes(c, period, today));
  return change_rates(changes, group_indexes(cases, characteristic, period), characteristic, rules);
}

ChangeRates change_rates(std::span<const std::optional<OfficerChanges>> changes, std::span<const std::size_t> groups,
                         Characteristic characteristic, const DisclosureRules& rules) {
  auto result = empty_rates(characteristic);
  for (std::size_t i = 0; i < changes.size(); ++i)
    if (changes[i]) count(result, groups[i], *changes[i]);
  finish(result, rules);
  return result;
}

ChangeRates empty_rates(Characteristic characteristic) {
  ChangeRates result{characteristic, {}, {{"total", "All", false}}};
  for (const auto& group : groups_of(characteristic)) result.rows.push_back({group});
  return result;
}

void count(ChangeRates& rates, std::size_t group, const OfficerChanges& changes) {
  for (auto* counted : {&rates.rows[group], &rates.total}) {
    ++counted->people;
    counted->changes += changes.changes;
    counted->days += changes.days;
  }
}

void finish(ChangeRates& result, const DisclosureRules& rules) {
  std::vector<int> people;
  for (const auto& row : result.rows) people.push_back(row.people);
  auto suppression = suppress(people, rules.threshold);
  result.total.hidden = suppression.total_hidden;
  for (std::size_t i = 0; i < result.rows.size(); ++i) result.rows[i].hidden = suppression.hidden[i];
  auto rate = [](ChangeRateRow& row) {
    if (!row.hidden && row.people > 0)
      row.per_six_months = row.changes * static_cast<double>(continuity_period_days) / row.days;
  };
  rate(result.total);
  std::ranges::for_each(result.rows, rate);
}

}  // namespace resettle
