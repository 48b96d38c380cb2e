// Insight measures, their definitions, small-number suppression and segmentation (see insight.hpp).
#include "domain/insight/insight.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "domain/insight/figures.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {

// Stored in links and sent in JSON: codes may only be added to.
constexpr std::array<Coded<ScopeKind>, 5> scope_kind_list{{
    {ScopeKind::team, "team", "Team"},
    {ScopeKind::pdu, "pdu", "Probation delivery unit"},
    {ScopeKind::prison, "prison", "Prison"},
    {ScopeKind::region, "region", "Region"},
    {ScopeKind::national, "national", "England and Wales"},
}};

// Sent in JSON and links: codes may only be added to; labels may change.
constexpr std::array<Coded<Measure>, 8> measure_list{{
    {Measure::continuity_across_gate, "continuity_across_gate", "Same community offender manager across the gate"},
    {Measure::com_allocated_on_time, "com_allocated_on_time", "Community offender manager allocated by the start date"},
    {Measure::settled_first_night, "settled_first_night", "Settled accommodation on the first night"},
    {Measure::id_on_release, "id_on_release", "ID documents on release"},
    {Measure::bank_account_on_release, "bank_account_on_release", "Bank account on release"},
    {Measure::recalled, "recalled", "Recalled after release"},
    {Measure::recalled_for_risk, "recalled_for_risk", "Recalls for increased risk"},
    {Measure::not_recalled_after_consideration, "not_recalled_after_consideration", "Decisions not to recall"},
}};

// How long after a release the COM is looked at again for continuity: the first weeks on licence
// are when a change of officer costs most.
constexpr int continuity_look_days = 28;

// A lead allocation in a role holds on `day` from its first day until the day it ended (that day is
// the successor's).
bool holds_on(const Allocation& allocation, Role role, Date day) {
  return allocation.kind == AllocationKind::lead && allocation.role == role && allocation.from <= day &&
         (!allocation.to || *allocation.to > day);
}

std::optional<std::int64_t> lead_on(const InsightCase& c, Role role, Date day) {
  for (const auto& allocation : c.allocations)
    if (holds_on(allocation, role, day)) return allocation.staff_id;
  return std::nullopt;
}

// The person's latest release in the period.
std::optional<ReleaseFacts> release_in(const InsightCase& c, const Period& period) {
  std::optional<ReleaseFacts> latest;
  for (const auto& release : c.releases)
    if (period.contains(release.released_on) && (!latest || release.released_on > latest->released_on)) latest = release;
  return latest;
}

// The person's latest recall decision dated in the period.
std::optional<RecallDecisionFacts> decision_in(const InsightCase& c, const Period& period) {
  std::optional<RecallDecisionFacts> latest;
  for (const auto& decision : c.recall_decisions)
    if (period.contains(decision.decided_on) && (!latest || decision.decided_on > latest->decided_on)) latest = decision;
  return latest;
}

bool in_place_or_held(const std::optional<ProvisionStatus>& status) {
  return status == ProvisionStatus::in_place || status == ProvisionStatus::not_needed;
}

std::optional<bool> kept_com_across_gate(const InsightCase& c, const Period& period, Date today) {
  auto release = release_in(c, period);
  if (!release) return std::nullopt;
  auto before = lead_on(c, Role::com, add_days(release->released_on, -1));
  if (!before) return std::nullopt;
  auto after = lead_on(c, Role::com, std::min(add_days(release->released_on, continuity_look_days), today));
  return after == before;
}

std::optional<bool> recalled_after_release(const InsightCase& c, const Period& period, Date today) {
  auto release = release_in(c, period);
  if (!release) return std::nullopt;
  auto until = std::min(period.to, today);
  return std::ranges::any_of(c.recall_decisions, [&](const RecallDecisionFacts& decision) {
    return decision.decision == RecallOutcome::recall && decision.decided_on >= release->released_on &&
           decision.decided_on <= until;
  });
}

std::optional<bool> share_of_release(const InsightCase& c, const Period& period, auto meets) {
  auto release = release_in(c, period);
  if (!release) return std::nullopt;
  return meets(*release);
}

int total_of(std::span<const int> counts) { return std::accumulate(counts.begin(), counts.end(), 0); }

// The whole months up to `to`: from the day after the same date `months` earlier.
Period months_up_to(Date to, int months) { return {add_days(add_months(to, -months), 1), to}; }

}  // namespace

Period read_period(const FieldInput& input, Date today) {
  FieldReader reader(input);
  auto to = reader.date("to", Need::optional).value_or(today);
  auto from = reader.date("from", Need::optional).value_or(months_up_to(to, 12).from);
  if (!reader.failed("to") && !reader.failed("from") && to < from)
    reader.fail("to", "The end of the period must be on or after its start");
  reader.throw_if_failed();
  return {from, to};
}

std::vector<OfferedPeriod> offered_periods(Date today) {
  return {{staff_label("Last 12 months"), months_up_to(today, 12)}, {staff_label("Last 3 months"), months_up_to(today, 3)}};
}

std::span<const Coded<ScopeKind>> scope_kinds() { return scope_kind_list; }

bool may_view_insight(const StaffMember& staff, const InsightScope& scope) {
  if (staff.role == Role::admin) return true;
  if (staff.role != Role::manager || scope.code.empty()) return false;
  switch (scope.kind) {
    case ScopeKind::team: return scope.code == staff.team_code;
    case ScopeKind::pdu: return scope.code == staff.pdu_code;
    case ScopeKind::prison: return scope.code == staff.prison_code;
    default: return false;
  }
}

InsightScope default_scope(const StaffMember& staff) {
  if (staff.role == Role::admin) return {ScopeKind::national, ""};
  if (!staff.pdu_code.empty()) return {ScopeKind::pdu, staff.pdu_code};
  if (!staff.prison_code.empty()) return {ScopeKind::prison, staff.prison_code};
  return {ScopeKind::team, staff.team_code};
}

std::span<const Coded<Measure>> measures() { return measure_list; }

std::string_view definition_of(Measure measure) {
  switch (measure) {
    case Measure::continuity_across_gate:
      return "Of the people released in the period who had a lead community offender manager (COM) the day before "
             "release, the share whose lead COM 28 days after release (or today, if sooner) is the same person.";
    case Measure::com_allocated_on_time:
      return "Of the people whose COM start date (when a COM must be allocated, from the OMiC handover rules) fell in "
             "the period and has come, the share who had a lead COM allocated on that date.";
    case Measure::settled_first_night:
      return "Of the people released in the period, the share recorded on the release day as staying in settled "
             "accommodation on their first night; a night not recorded counts as not settled.";
    case Measure::id_on_release:
      return "Of the people released in the period, the share recorded on the release day with ID documents in place "
             "(or not needed, as they already had them).";
    case Measure::bank_account_on_release:
      return "Of the people released in the period, the share recorded on the release day with a bank account in place "
             "(or not needed, as they already had one).";
    case Measure::recalled:
      return "Of the people released in the period, the share with a decision to recall them made after their release "
             "and by the end of the period.";
    case Measure::recalled_for_risk:
      return "Of the people whose latest recall decision in the period was to recall, the share recalled because their "
             "risk had increased (alone or with compliance breaking down) rather than for non-compliance alone.";
    case Measure::not_recalled_after_consideration:
      return "Of the people with a recall decision in the period (their latest), the share for whom the manager "
             "decided not to recall.";
  }
  return "";
}

std::optional<bool> outcome_of(Measure measure, const InsightCase& c, const Period& period, Date today) {
  switch (measure) {
    case Measure::continuity_across_gate: return kept_com_across_gate(c, period, today);
    case Measure::com_allocated_on_time: {
      auto lateness = com_lateness(c, period, today);
      if (!lateness) return std::nullopt;
      return lateness->days_late == 0;
    }
    case Measure::settled_first_night:
      return share_of_release(c, period, [](const ReleaseFacts& r) { return r.tonight == FirstNightAccommodation::settled; });
    case Measure::id_on_release:
      return share_of_release(c, period, [](const ReleaseFacts& r) { return in_place_or_held(r.id_documents); });
    case Measure::bank_account_on_release:
      return share_of_release(c, period, [](const ReleaseFacts& r) { return in_place_or_held(r.bank_account); });
    case Measure::recalled: return recalled_after_release(c, period, today);
    case Measure::recalled_for_risk: {
      auto decision = decision_in(c, period);
      if (!decision || decision->decision != RecallOutcome::recall) return std::nullopt;
      return decision->trigger != RecallTrigger::compliance_broken_down;
    }
    case Measure::not_recalled_after_consideration: {
      auto decision = decision_in(c, period);
      if (!decision) return std::nullopt;
      return decision->decision == RecallOutcome::no_recall;
    }
  }
  return std::nullopt;
}

std::optional<Lateness> com_lateness(const InsightCase& c, const Period& period, Date today) {
  if (!c.com_start_date || !period.contains(*c.com_start_date) || *c.com_start_date > today) return std::nullopt;
  auto start = *c.com_start_date;
  if (lead_on(c, Role::com, start)) return Lateness{0};
  std::optional<Date> first_after;
  for (const auto& allocation : c.allocations)
    if (allocation.kind == AllocationKind::lead && allocation.role == Role::com && allocation.from > start &&
        (!first_after || allocation.from < *first_after))
      first_after = allocation.from;
  if (!first_after) return Lateness{std::nullopt};
  return Lateness{days_between(start, *first_after)};
}

Suppression suppress(std::span<const int> counts, int threshold) {
  auto small = [&](int count) { return count > 0 && count < threshold; };
  Suppression result{std::vector<bool>(counts.size(), false), small(total_of(counts))};
  for (std::size_t i = 0; i < counts.size(); ++i) result.hidden[i] = small(counts[i]) || (result.total_hidden && counts[i] > 0);
  if (std::ranges::count(result.hidden, true) != 1) return result;
  std::optional<std::size_t> smallest;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (!result.hidden[i] && counts[i] > 0 && (!smallest || counts[i] < counts[*smallest])) smallest = i;
  if (smallest) result.hidden[*smallest] = true;
  return result;
}

bool Segmentation::all_hidden() const {
  return total.hidden || total.people == 0 || std::ranges::all_of(rows, [](const SegmentRow& row) {
           return row.hidden || row.people == 0;
         });
}

std::size_t group_index(std::span<const Group> groups, const InsightCase& c, Characteristic characteristic,
                        const Period& period) {
  auto code = group_code(c.facts, characteristic, c.date_of_birth, period.to);
  auto group = std::ranges::find_if(groups, [&](const Group& g) { return g.code == code; });
  return group == groups.end() ? groups.size() - 1 : static_cast<std::size_t>(group - groups.begin());  // every code has one
}

std::vector<std::size_t> group_indexes(std::span<const InsightCase> cases, Characteristic characteristic,
                                       const Period& period) {
  auto groups = groups_of(characteristic);
  std::vector<std::size_t> indexes;
  indexes.reserve(cases.size());
  for (const auto& c : cases) indexes.push_back(group_index(groups, c, characteristic, period));
  return indexes;
}

Segmentation split_outcomes(std::span<const std::optional<bool>> outcomes, std::span<const InsightCase> cases,
                            Characteristic characteristic, const Period& period, const DisclosureRules& rules) {
  return split_outcomes(outcomes, group_indexes(cases, characteristic, period), characteristic, rules);
}

Segmentation split_outcomes(std::span<const std::optional<bool>> outcomes, std::span<const std::size_t> groups,
                            Characteristic characteristic, const DisclosureRules& rules) {
  auto result = empty_split(characteristic);
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i]) count(result, groups[i], *outcomes[i]);
  finish(result, rules);
  return result;
}

Segmentation empty_split(Characteristic characteristic) {
  Segmentation result{Measure::continuity_across_gate, characteristic, {}, {{"total", "All", false}}};
  for (const auto& group : groups_of(characteristic)) result.rows.push_back({group});
  return result;
}

void count(Segmentation& split, std::size_t group, bool met) {
  for (auto* counted : {&split.rows[group], &split.total}) {
    ++counted->people;
    counted->met += met ? 1 : 0;
  }
}

void finish(Segmentation& result, const DisclosureRules& rules) {
  std::vector<int> people;
  for (const auto& row : result.rows) people.push_back(row.people);
  auto suppression = suppress(people, rules.threshold);
  result.total.hidden = suppression.total_hidden;
  auto share = [](int met, int of) { return static_cast<double>(met) / of; };
  if (!result.total.hidden && result.total.people > 0) result.total.share = share(result.total.met, result.total.people);
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    auto& row = result.rows[i];
    row.hidden = suppression.hidden[i];
    if (row.hidden || row.people == 0) continue;
    row.share = share(row.met, row.people);
    auto rest = result.total.people - row.people;
    if (row.group.unknown || row.people < rules.threshold || rest < rules.threshold) continue;
    row.difference = *row.share - share(result.total.met - row.met, rest);
    row.flagged = std::abs(*row.difference) >= rules.margin - 1e-9;
  }
}

Segmentation segment(Measure measure, std::span<const InsightCase> cases, Characteristic characteristic,
                     const Period& period, Date today, const DisclosureRules& rules) {
  std::vector<std::optional<bool>> outcomes;
  for (const auto& c : cases) outcomes.push_back(outcome_of(measure, c, period, today));
  auto result = split_outcomes(outcomes, group_indexes(cases, characteristic, period), characteristic, rules);
  result.measure = measure;
  return result;
}

std::size_t bucket_of(const Lateness& entry, const DayBands& bands) {
  auto band = std::ranges::find_if(bands.bands, [&](const DayBand& b) { return entry.days_late && *entry.days_late <= b.up_to; });
  return static_cast<std::size_t>(band - bands.bands.begin());
}

LatenessDistribution distribution_of(std::span<const std::optional<Lateness>> days, const DayBands& bands,
                                     const DisclosureRules& rules) {
  auto result = empty_distribution(bands);
  for (const auto& entry : days)
    if (entry) count(result, *entry, bands);
  finish(result, rules);
  return result;
}

LatenessDistribution empty_distribution(const DayBands& bands) {
  LatenessDistribution result;
  for (const auto& band : bands.bands) result.buckets.push_back({std::string{band.code}, std::string{band.label}});
  result.buckets.push_back({std::string{bands.none.code}, std::string{bands.none.label}});
  return result;
}

void count(LatenessDistribution& distribution, const Lateness& entry, const DayBands& bands) {
  ++distribution.total;
  ++distribution.buckets[bucket_of(entry, bands)].people;
}

void finish(LatenessDistribution& distribution, const DisclosureRules& rules) {
  std::vector<int> counts;
  for (const auto& bucket : distribution.buckets) counts.push_back(bucket.people);
  auto suppression = suppress(counts, rules.threshold);
  for (std::size_t i = 0; i < counts.size(); ++i) distribution.buckets[i].hidden = suppression.hidden[i];
  distribution.total_hidden = suppression.total_hidden;
}

DayBands com_lateness_day_bands() {
  static constexpr DayBand bands[] = {{"on_time", "On time", 0},
                                      {"1_to_7_days", "1 to 7 days late", 7},
                                      {"8_to_14_days", "8 to 14 days late", 14},
                                      {"15_to_28_days", "15 to 28 days late", 28},
                                      {"over_28_days", "More than 28 days late", 1 << 30}};
  return {bands, {"not_yet_allocated", "No COM allocated yet", 0}};
}


LatenessDistribution lateness_distribution(std::span<const InsightCase> cases, const Period& period, Date today,
                                           const DisclosureRules& rules) {
  std::vector<std::optional<Lateness>> days;
  for (const auto& c : cases) days.push_back(com_lateness(c, period, today));
  return distribution_of(days, com_lateness_day_bands(), rules);
}

}  // namespace resettle
