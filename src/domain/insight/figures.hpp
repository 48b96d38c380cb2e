#pragma once
// What each case adds to the insight tables of a period, worked out once per case and day rather than
// once per view: a view is then a sum over the figures of the cases in its scope. The server keeps them
// beside the records and works out again only the cases whose records changed (the writes log which,
// migration 45), and all of them on a new day, since the measures look back from today. Pure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/insight/insight.hpp"
#include "domain/insight/progress.hpp"
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

// officer_change_rates from each case's officer_changes (empty: not counted) and group (as split_outcomes).
ChangeRates change_rates(std::span<const std::optional<OfficerChanges>> changes, std::span<const std::size_t> groups,
                         Characteristic characteristic, const DisclosureRules& rules);

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
  // Every scope but national the person is in, each once.
  std::vector<InsightScope> scopes_of(const CaseUnits& units) const;

 private:
  std::unordered_map<std::string, std::string> prison_region_, pdu_region_;
};

// One case's part in every table of a view over `period`, as of `today`.
struct CaseFigures {
  std::int64_t person_id = 0;
  CaseUnits units;
  std::vector<std::uint8_t> groups;             // by Characteristic: the index of its group in groups_of
  std::vector<std::optional<bool>> measures;    // by Measure: outcome_of (measures() lists them in that order)
  std::vector<std::optional<bool>> progress;    // by ProgressMeasure: outcome_of, likewise
  std::optional<Lateness> com_lateness;         // com_lateness
  std::optional<Lateness> first_contact;        // days_to_first_contact
  std::optional<OfficerChanges> officer_changes;
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
