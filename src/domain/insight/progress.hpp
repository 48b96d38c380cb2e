#pragma once
// Insight's progress measures, beside the first eight (insight.hpp): outcomes 6 weeks and 6 months after
// release, GP registration and medication on release, referrals accepted, started and completed, distance travelled
// on each pathway, days from referral to first contact, and changes of lead officer per six months. They
// read what the person's records hold beside the InsightCase (CaseProgress). Pure, like insight.hpp.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/insight/insight.hpp"
#include "domain/plan/needs_assessment.hpp"
#include "domain/plan/outcome_snapshot.hpp"
#include "domain/referrals/referral.hpp"

namespace resettle {

struct CaseProgress {
  std::optional<ReleaseDayRecord> latest_release;  // the person's latest release day record, if any
  std::vector<NeedsAssessment> assessments;        // any order; the dates and need levels are read
  std::vector<OutcomeSnapshot> snapshots;          // any order; the milestones, dates and levels are read
  std::vector<Referral> referrals;                 // any order; only the steps (history) are read
};

// Each is a share, as Measure is. Sent in JSON and links: codes may only be added to.
enum class ProgressMeasure {
  settled_accommodation_6_weeks,
  settled_accommodation_6_months,
  ete_6_weeks,
  ete_6_months,
  gp_registered_on_release,
  medication_on_release,
  referral_accepted,
  referral_started,
  referral_completed,
  // Distance travelled: one per pathway, in pathways() order.
  need_lowered_accommodation,
  need_lowered_education_training_employment,
  need_lowered_health,
  need_lowered_drugs_alcohol,
  need_lowered_finance_benefits_debt,
  need_lowered_children_families_relationships,
  need_lowered_attitudes_thinking_behaviour,
};
std::span<const Coded<ProgressMeasure>> progress_measures();  // in the order pages show them
std::string_view definition_of(ProgressMeasure measure);
// The pathway a need_lowered_* measure is about; empty for the others.
std::optional<Pathway> pathway_of(ProgressMeasure measure);

// Whether the case counts for the measure in the period (empty: it does not) and, if so, whether it meets
// it; `today` bounds what can be known (a milestone still to come, a referral step not yet taken).
std::optional<bool> outcome_of(ProgressMeasure measure, const InsightCase& c, const CaseProgress& progress,
                               const Period& period, Date today);

// Distance travelled on a pathway: how the need moved from the person's first needs assessment covering
// the pathway to their latest one covering it up to the period's end, counted when that latest is dated
// in the period and is not their first (one assessment alone shows no distance).
std::optional<NeedMove> need_move(Pathway pathway, const CaseProgress& progress, const Period& period);

// Days from the person's first referral sent in the period (and by today) to its first contact: the first
// appointment or, without one, the start, by today. Empty days (beside not yet) with no contact yet; empty
// when no referral was sent in the period.
std::optional<Lateness> days_to_first_contact(const CaseProgress& progress, const Period& period, Date today);

// Continuity: changes of lead officer in any role (as continuity_of counts them) dated in the period, and
// the days from the first day in the period the person had a lead officer to the period's end (or today,
// if sooner), both included. Empty for people with no lead officer in the period.
struct OfficerChanges {
  int changes = 0;
  int days = 0;
};
std::optional<OfficerChanges> officer_changes(const InsightCase& c, const Period& period, Date today);

// --- Splitting by a characteristic, as segment() does --------------------------------------------------

// A progress measure split by the characteristic, with segment()'s totals, suppression and flags.
// `progress` holds one entry per case, in the same order.
struct ProgressSplit {
  ProgressMeasure measure = ProgressMeasure::settled_accommodation_6_weeks;
  Segmentation split;  // split.measure is not meaningful here: `measure` names what was counted
};
ProgressSplit segment(ProgressMeasure measure, std::span<const InsightCase> cases,
                      std::span<const CaseProgress> progress, Characteristic characteristic, const Period& period,
                      Date today, const DisclosureRules& rules);

// segment()'s rows, total, suppression and flags from each case's outcome (one per case, in order; empty:
// not counted). The result's measure is left at its default for the caller to set or ignore.
Segmentation split_outcomes(std::span<const std::optional<bool>> outcomes, std::span<const InsightCase> cases,
                            Characteristic characteristic, const Period& period, const DisclosureRules& rules);

// The index of the case's group in `groups` (groups_of(characteristic)); age judged at the period's end.
std::size_t group_index(std::span<const Group> groups, const InsightCase& c, Characteristic characteristic,
                        const Period& period);

// How long referrals took to first contact (days_to_first_contact): within 7 days, 8 to 14, 15 to 28,
// more than 28, and no contact yet; counts hidden as suppress does.
LatenessDistribution first_contact_distribution(std::span<const CaseProgress> progress, const Period& period,
                                                Date today, const DisclosureRules& rules);

// A band of days for a distribution: the most days it holds.
struct DayBand {
  std::string_view code, label;
  int up_to = 0;
};

// Officer changes per person per six months for each group: the group's changes over the days its people
// had a lead officer in the period, times 183 (person-time, so a short case neither inflates the rate nor
// hides a change). People counts are hidden as suppress does, and a hidden row's changes and rate with them.
// Rates are not flagged: the margin is for shares.
struct ChangeRateRow {
  Group group;
  int people = 0;
  int changes = 0;
  int days = 0;
  bool hidden = false;
  std::optional<double> per_six_months{};  // empty when hidden or no people
};
struct ChangeRates {
  Characteristic characteristic = Characteristic::sex;
  std::vector<ChangeRateRow> rows;  // groups_of(characteristic), in that order
  ChangeRateRow total;
  bool all_hidden() const;  // nothing can be shown
};
ChangeRates officer_change_rates(std::span<const InsightCase> cases, Characteristic characteristic,
                                 const Period& period, Date today, const DisclosureRules& rules);

}  // namespace resettle
