#pragma once
// Insight: measures of outcomes, fairness and continuity over a period, each defined once here, split
// by one equality characteristic at a time, with small numbers suppressed so no one can be picked out.
// Pure: the service gathers the facts (InsightCase) and passes today.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/code_list.hpp"
#include "domain/insight/equality.hpp"
#include "domain/field_input.hpp"
#include "domain/recall/recall.hpp"
#include "domain/release/release_day_record.hpp"

namespace resettle {

// Both days included.
struct Period {
  Date from{};
  Date to{};
  bool contains(Date date) const { return from <= date && date <= to; }
};
// Reads "from" and "to" (ISO or GOV.UK date parts); either left out defaults to the twelve months up to
// today. ValidationFailed naming "to" when the period ends before it starts.
Period read_period(const FieldInput& input, Date today);

// The periods the insight page offers as links beside its dates, each up to today: the twelve months
// (read_period's default, first) and the last three months. The server makes their figures ahead of the
// requests, so that choosing one costs no more than the default.
struct OfferedPeriod {
  std::string_view label;  // "Last 12 months"
  Period period;
};
std::vector<OfferedPeriod> offered_periods(Date today);

// Whose cases a view covers. Stored in links and sent in JSON: codes may only be added to.
enum class ScopeKind { team, pdu, prison, region, national };
std::span<const Coded<ScopeKind>> scope_kinds();
struct InsightScope {
  ScopeKind kind = ScopeKind::national;
  std::string code;  // the team's, PDU's, prison's or region's code; empty for national
};

// Managers see their own unit (their team, their PDU or their prison); administrators see any scope,
// a region's and the national view included. Everyone else sees no insight.
bool may_view_insight(const StaffMember& staff, const InsightScope& scope);
// The scope a viewer's insight page opens on: a manager's PDU, else prison, else team; national for
// administrators.
InsightScope default_scope(const StaffMember& staff);

// --- The facts of one case that the measures read --------------------------------------------------

struct ReleaseFacts {
  Date released_on{};
  std::optional<FirstNightAccommodation> tonight{};  // empty: not recorded
  std::optional<ProvisionStatus> id_documents{};   // empty: not recorded
  std::optional<ProvisionStatus> bank_account{};
};

struct RecallDecisionFacts {
  Date decided_on{};
  RecallTrigger trigger = RecallTrigger::risk_increased;
  RecallOutcome decision = RecallOutcome::recall;
};

struct InsightCase {
  std::int64_t person_id = 0;
  Date date_of_birth{};
  std::optional<EqualityFacts> facts;  // empty: none recorded
  std::vector<Allocation> allocations;  // lead and deputy, current and ended, any order
  std::optional<Date> com_start_date;   // the day a COM should be allocated by (the case dates' start date)
  std::vector<ReleaseFacts> releases;   // any order
  std::vector<RecallDecisionFacts> recall_decisions;  // any order
};

// --- The measures ----------------------------------------------------------------------------------

// Each is a share: of the people it counts, how many meet it (definition_of says which). Codes are
// sent in JSON and links: they may only be added to.
enum class Measure {
  continuity_across_gate,
  com_allocated_on_time,
  settled_first_night,
  id_on_release,
  bank_account_on_release,
  recalled,
  recalled_for_risk,
  not_recalled_after_consideration,
};
std::span<const Coded<Measure>> measures();  // in the order pages show them
std::string_view definition_of(Measure measure);

// Whether the case counts for the measure in the period (empty: it does not) and, if it does, whether
// it meets it. `today` bounds what can be known (a look 28 days after a release in the last month).
std::optional<bool> outcome_of(Measure measure, const InsightCase& c, const Period& period, Date today);

// How late the COM was allocated, for cases whose COM start date falls in the period and has come:
// 0 when a lead COM was allocated on the start date (or before, and still then); the days from the start
// date to the first lead COM allocation after it; empty (beside not_yet) when no COM is allocated yet.
struct Lateness {
  std::optional<int> days_late{};  // empty: no COM allocated yet
};
std::optional<Lateness> com_lateness(const InsightCase& c, const Period& period, Date today);

// --- Disclosure control ------------------------------------------------------------------------------

// Counts of people under `threshold` (but not zero) are hidden; `margin` is the difference in the
// share (0.10 = ten percentage points) beyond which a group is flagged against everyone else.
struct DisclosureRules {
  int threshold = 5;
  double margin = 0.10;
};

// Which of these cells (counts that add up to a total shown beside them) to hide. Primary: any count from
// 1 to threshold - 1. Secondary: when that hides exactly one cell, the smallest other non-zero cell is
// hidden too, so the hidden one cannot be worked out as the total less the others. Zero is shown: it
// names nobody. When the total itself is small every non-zero cell is hidden, and total_hidden says so.
struct Suppression {
  std::vector<bool> hidden;  // one per cell
  bool total_hidden = false;
};
Suppression suppress(std::span<const int> counts, int threshold);

// --- Segmentation ------------------------------------------------------------------------------------

struct SegmentRow {
  Group group;          // for the total: code "total", label "All"
  int people = 0;       // counted by the measure
  int met = 0;          // of whom met it
  bool hidden = false;  // people and met are not shown (suppressed)
  bool flagged = false; // differs from everyone else by the margin or more (never for unknowns or hidden rows)
  std::optional<double> share{};       // met / people; empty when hidden or no people
  std::optional<double> difference{};  // share less the rest's share, when both are shown and large enough
};

struct Segmentation {
  Measure measure = Measure::continuity_across_gate;
  Characteristic characteristic = Characteristic::sex;
  std::vector<SegmentRow> rows;  // groups_of(characteristic), in that order
  SegmentRow total;
  bool all_hidden() const;  // nothing can be shown: no one counted, or every count hidden
};

// The measure for every case, split by the characteristic (age bands judged at the period's end).
Segmentation segment(Measure measure, std::span<const InsightCase> cases, Characteristic characteristic,
                     const Period& period, Date today, const DisclosureRules& rules);

// How late COMs were allocated, as a distribution: on time, 1 to 7 days, 8 to 14, 15 to 28, more
// than 28, and not yet allocated. Counts hidden as suppress does.
struct LatenessBucket {
  std::string code{};
  std::string label{};
  int people = 0;
  bool hidden = false;
};
struct LatenessDistribution {
  std::vector<LatenessBucket> buckets;
  int total = 0;
  bool total_hidden = false;
};
LatenessDistribution lateness_distribution(std::span<const InsightCase> cases, const Period& period, Date today,
                                           const DisclosureRules& rules);

}  // namespace resettle
