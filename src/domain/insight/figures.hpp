#pragma once
// What each case adds to the insight tables of a period, worked out once per case and day rather than
// once per view: a view is then a sum over the figures of the cases in its scope. The server keeps them
// beside the records and works out again only the cases whose records changed (the writes log which,
// migration 44), and all of them on a new day, since the measures look back from today. Pure.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/insight/insight.hpp"
#include "domain/insight/progress.hpp"
#include "domain/insight/referral_reach.hpp"
#include "domain/people/place.hpp"

namespace resettle {

// --- Splitting each case's outcomes by its group, and distributions by their bands ---------------------
// (segment(), lateness_distribution(), first_contact_distribution() and officer_change_rates() are these
// over the outcomes of the cases themselves.)

// segment()'s rows, total, suppression and flags from each case's outcome and group (the index of its
// group in groups_of(characteristic)), one of each per case, in order; an empty outcome is not counted.
// The result's measure is left at its default for the caller to set or ignore.
Segmentation split_outcomes(std::span<const std::optional<bool>> outcomes, std::span<const std::size_t> groups,
                            Characteristic characteristic, const DisclosureRules& rules);
// The same, a person at a time: a split with every group at zero, one person counted in a group, and the
// suppression, shares and flags once every person is counted.
Segmentation empty_split(Characteristic characteristic);
void count(Segmentation& split, std::size_t group, bool met);
void finish(Segmentation& split, const DisclosureRules& rules);
// group_index of each case, in order.
std::vector<std::size_t> group_indexes(std::span<const InsightCase> cases, Characteristic characteristic,
                                       const Period& period);

// A distribution's bands, then the bucket after them for entries with no days yet.
struct DayBands {
  std::span<const DayBand> bands;
  DayBand none;
};
DayBands com_lateness_day_bands();   // lateness_distribution's
DayBands first_contact_day_bands();  // first_contact_distribution's
// The index of the bucket an entry falls in: the first band its days fit, or the last bucket (none) when
// it has no days yet.
std::size_t bucket_of(const Lateness& entry, const DayBands& bands);
// Each counted entry (days given; empty: not counted) in its bucket; counts hidden as suppress does.
LatenessDistribution distribution_of(std::span<const std::optional<Lateness>> days, const DayBands& bands,
                                     const DisclosureRules& rules);
// The same, an entry at a time.
LatenessDistribution empty_distribution(const DayBands& bands);
void count(LatenessDistribution& distribution, const Lateness& entry, const DayBands& bands);
void finish(LatenessDistribution& distribution, const DisclosureRules& rules);

// officer_change_rates from each case's officer_changes (empty: not counted) and group (as split_outcomes).
ChangeRates change_rates(std::span<const std::optional<OfficerChanges>> changes, std::span<const std::size_t> groups,
                         Characteristic characteristic, const DisclosureRules& rules);
// The same, a person at a time.
ChangeRates empty_rates(Characteristic characteristic);
void count(ChangeRates& rates, std::size_t group, const OfficerChanges& changes);
void finish(ChangeRates& rates, const DisclosureRules& rules);

// --- Each case's figures -----------------------------------------------------------------------------

// The units a person is counted in (the rules are InsightRepository::cases').
struct CaseUnits {
  std::string pdu_code;                    // empty: none
  std::string prison_code;                 // empty: none
  std::vector<std::string> released_from;  // the prisons of their release day records
  std::vector<std::string> teams;          // the teams of everyone who has ever held an allocation for them
};

// The scopes a person's units put them in, looked up against the places: a prison's and a PDU's region.
class ScopeLookup {
 public:
  ScopeLookup(std::span<const Prison> prisons, std::span<const ProbationDeliveryUnit> pdus);
  bool includes(const InsightScope& scope, const CaseUnits& units) const;
  // Calls visit(kind, code) once for every scope but national the person is in (without copying a code:
  // a view visits every case in the country).
  template <typename Visit>
  void each_scope(const CaseUnits& units, Visit&& visit) const {
    if (!units.pdu_code.empty()) visit(ScopeKind::pdu, units.pdu_code);
    if (!units.prison_code.empty()) visit(ScopeKind::prison, units.prison_code);
    for (auto prison = units.released_from.begin(); prison != units.released_from.end(); ++prison)
      if (*prison != units.prison_code && std::find(units.released_from.begin(), prison, *prison) == prison)
        visit(ScopeKind::prison, *prison);
    for (const auto& team : units.teams) visit(ScopeKind::team, team);  // distinct, as units_of reads them
    const auto* held = region_of(prison_region_, units.prison_code);
    const auto* supervised = region_of(pdu_region_, units.pdu_code);
    if (held) visit(ScopeKind::region, *held);
    if (supervised && (!held || *supervised != *held)) visit(ScopeKind::region, *supervised);
  }

 private:
  using Regions = std::unordered_map<std::string, std::string>;
  static const std::string* region_of(const Regions& regions, const std::string& code);
  Regions prison_region_, pdu_region_;
};

// How many characteristics(), measures() and progress_measures() there are (a test checks), so each case's
// figures sit in one block of memory, read straight through when a view is summed.
inline constexpr std::size_t characteristic_count = 10;
inline constexpr std::size_t measure_count = 8;
inline constexpr std::size_t progress_measure_count = 16;

// One case's part in every table of a view over `period`, as of `today`.
struct CaseFigures {
  std::int64_t person_id = 0;
  CaseUnits units;
  std::array<std::uint8_t, characteristic_count> groups{};  // by Characteristic: the index of its group in groups_of
  std::array<std::optional<bool>, measure_count> measures{};           // by Measure: outcome_of (measures() order)
  std::array<std::optional<bool>, progress_measure_count> progress{};  // by ProgressMeasure: outcome_of, likewise
  std::optional<Lateness> com_lateness;         // com_lateness
  std::optional<Lateness> first_contact;        // days_to_first_contact
  std::optional<OfficerChanges> officer_changes;
  std::vector<ServiceReach> referrals;  // reach_by_service: the services referred to in the period
};
CaseFigures figures_of(const InsightCase& c, const CaseProgress& progress, CaseUnits units, const Period& period,
                       Date today);

// Which of a case's outcomes a measure's code names, looked up once for many cases.
struct OutcomeNamed {
  bool progress = false;  // one of progress_measures(), else of measures()
  std::size_t index = 0;
  std::optional<bool> of(const CaseFigures& figures) const {
    return progress ? figures.progress[index] : figures.measures[index];
  }
};
// Empty for a code that is neither one of measures() nor of progress_measures().
std::optional<OutcomeNamed> outcome_named(std::string_view code);

// Every table of a view from the figures of the cases in its scope, split by the characteristic: equal to
// segment(), lateness_distribution(), first_contact_distribution() and officer_change_rates() over the
// cases themselves.
struct InsightTables {
  std::vector<Segmentation> measures;   // in measures() order
  LatenessDistribution lateness;
  std::vector<ProgressSplit> progress;  // in progress_measures() order
  LatenessDistribution first_contact;
  ChangeRates officer_changes;
};
InsightTables tables_of(std::span<const CaseFigures* const> cases, Characteristic characteristic,
                        const DisclosureRules& rules);

}  // namespace resettle
