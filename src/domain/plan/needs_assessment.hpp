#pragma once
// What a person needs on each resettlement pathway, what they already have going for them,
// and how they put it themselves; plus the choice of core or specialised offer by risk.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/responsibility/handover.hpp"  // Tier, shared with the handover rules
#include "domain/plan/pathway.hpp"
#include "domain/people/risk_levels.hpp"

namespace resettle {

// Ordered: a later enumerator is more need.
enum class NeedLevel { no_need, low, medium, high };
std::span<const Coded<NeedLevel>> need_levels();

// Where an entry came from, so a reader knows how much weight to give it.
enum class AssessmentSource { self_report, practitioner, oasys, agency };
std::span<const Coded<AssessmentSource>> assessment_sources();

enum class AssessmentKind { reception_screening, resettlement_assessment };
std::span<const Coded<AssessmentKind>> assessment_kinds();

struct PathwayAssessment {
  NeedLevel need_level = NeedLevel::no_need;
  std::vector<std::string> strengths;  // strengths and protective factors, one per entry
  std::string own_words;               // the person's own words, as they said them
  AssessmentSource source = AssessmentSource::practitioner;

  bool operator==(const PathwayAssessment&) const = default;
};

struct NeedsAssessment {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  AssessmentKind kind = AssessmentKind::resettlement_assessment;
  Date assessed_on{};
  std::string assessed_by;  // name of the practitioner who completed it with the person
  std::map<Pathway, PathwayAssessment> pathways;  // every pathway once read from a form
};

// Reception screening: within 72 hours of arrival in custody. Timestamps are UTC, so the
// window is exactly 72 elapsed hours whatever the clocks do.
constexpr std::chrono::hours reception_screening_window{72};
std::chrono::sys_seconds reception_screening_due(std::chrono::sys_seconds arrived_at);
// When only the arrival date is known: the calendar day on which the 72 hours run out
// (arrival + 3 days); the screening is overdue from the day after.
Date reception_screening_due(Date arrival_date);
bool reception_screening_overdue(Date arrival_date, Date today);

// A new assessment that starts from the last one, so the person does not retell their story:
// every pathway entry is carried over; only identity, kind, date and assessor are new.
NeedsAssessment prefill_from(const NeedsAssessment& last, AssessmentKind kind, Date assessed_on,
                             std::string assessed_by);

enum class NeedMove { unchanged, raised, lowered };

// What changed on one pathway between two assessments.
struct PathwayChange {
  Pathway pathway = Pathway::accommodation;
  bool newly_assessed = false;      // present now, absent before
  bool no_longer_assessed = false;  // present before, absent now
  std::optional<NeedLevel> need_before;  // set (with need_after) only when the level moved
  std::optional<NeedLevel> need_after;
  std::vector<std::string> strengths_added;
  std::vector<std::string> strengths_removed;
  bool own_words_changed = false;
  bool source_changed = false;

  NeedMove need_move() const;
  // Field names that changed, e.g. "accommodation.need_level", "accommodation.strengths".
  std::vector<std::string> changed_fields() const;
};

// One entry per pathway with any change, in pathway order; empty when nothing changed.
std::vector<PathwayChange> what_changed(const NeedsAssessment& previous, const NeedsAssessment& current);

// Reads "<pathway>.need_level", "<pathway>.source", "<pathway>.strengths" (one per line) and
// "<pathway>.own_words". Need level and source are required.
PathwayAssessment read_pathway_assessment(const FieldInput& input, Pathway pathway);
// Reads "kind", "assessed_on" (not in the future), "assessed_by" and every pathway's fields. A
// reception screening may leave a pathway with neither level nor source: not yet asked, so absent
// from `pathways` (the checklist treats it as needed). A resettlement assessment covers them all.
NeedsAssessment read_needs_assessment(const FieldInput& input, Date today);
FieldInput needs_assessment_fields(const NeedsAssessment& assessment);  // the inverse, for forms

// --- The offer, chosen by risk ---------------------------------------------------------------

struct RiskFacts {
  RoshLevel rosh = RoshLevel::low;
  Tier tier = Tier::d;
  MappaLevel mappa = MappaLevel::none;
};

// Core: a short screen and a progression plan the person owns. Specialised: the full plan.
enum class Offer { core, specialised };
std::span<const Coded<Offer>> offers();

// Any one of these makes the offer specialised.
constexpr RoshLevel specialised_from_rosh = RoshLevel::high;        // high or very high
constexpr MappaLevel specialised_from_mappa = MappaLevel::level_2;  // level 2 or 3
constexpr Tier specialised_from_tier = Tier::b;                     // tier A or B

struct OfferChoice {
  Offer offer = Offer::core;
  std::string reason;  // plain words for the page, e.g. "ROSH is high"
};
OfferChoice choose_offer(const RiskFacts& risk);

}  // namespace resettle
