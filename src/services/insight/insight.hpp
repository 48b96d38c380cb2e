#pragma once
// Insight use cases: recording and reading a person's equality facts (each read and write audited),
// and the measures of a scope over a period, split by one characteristic, worked out from the data on
// every request (no cache to go stale).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/equality.hpp"
#include "domain/insight/insight.hpp"
#include "domain/insight/progress.hpp"
#include "domain/insight/units.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct PersonEqualityFacts {
  Person person;
  std::optional<EqualityFacts> facts;  // empty: none recorded
  std::string recorded_by_name;        // who recorded the current version; empty with none
};

// An audited read of the person's equality facts: every attempt goes to the access log as
// "equality facts", allowed or not. Throws, in this order: NotFound for a person this member of staff may
// not see (as view_person); Forbidden unless may_see_equality_facts (the refusal logged).
PersonEqualityFacts equality_facts_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Records the person's equality facts from read_equality_facts' fields at expected_version (0: none
// recorded yet) and journals "equality_facts.recorded" in the same transaction, naming the
// characteristics that changed but not their answers (the journal is the timeline, which more staff see).
// Returns the facts as stored. Throws, in this order: NotFound as equality_facts_of; Forbidden unless
// may_see_equality_facts; ValidationFailed naming every bad field; StaleVersion when they moved on from
// expected_version. Nothing is saved when it throws.
EqualityFacts record_equality_facts(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input, std::int64_t expected_version);

// The scope named by "scope" (a scope kind code; the viewer's default_scope when left out) and "code"
// (the unit's code; empty for national); a bad kind or a missing code goes to `reader`.
InsightScope read_scope(FieldReader& reader, const FieldInput& query, const StaffMember& actor);
// The scope's name as pages show it ("Leeds PDU", "Region NE", "England and Wales"); its code for a unit
// that does not exist.
std::string scope_name(store::Transaction& tx, const InsightScope& scope);

// The measure the units within a scope are compared on: one of measures() or of progress_measures().
struct ComparedMeasure {
  std::string code;
  std::string title;
  std::string_view definition;
};

// What an insight view shows: every measure, every progress measure and the officer change rate split by
// one characteristic, how late COMs were allocated and how long referrals took to first contact.
struct InsightReport {
  InsightScope scope;
  std::string scope_name;  // "Leeds PDU", "England and Wales"
  Period period;
  Characteristic characteristic = Characteristic::sex;
  DisclosureRules rules;
  int people = 0;  // everyone in the scope, counted by a measure or not
  std::vector<Segmentation> measures;  // in measures() order
  LatenessDistribution lateness;
  std::vector<ProgressSplit> progress;  // in progress_measures() order
  LatenessDistribution first_contact;   // days from referral to first contact
  ChangeRates officer_changes;          // per person per six months, split by the characteristic
  ComparedMeasure compared;             // what the units are compared on
  UnitComparison units;                 // the units one level down (units_within), for drilling down
};

// Reads "scope" (a scope kind code; the viewer's default_scope when left out), "code" (the unit's code),
// "from" and "to" (read_period), "characteristic" (a characteristics() code; sex when left out) and
// "compare" (a measure's or progress measure's code; continuity_across_gate when left out) and works out
// every measure for the scope's cases, and the compared one for each unit within the scope. Throws, in
// this order: ValidationFailed naming every bad field (scope, from, to, characteristic, compare); Forbidden
// unless may_view_insight; ValidationFailed ("code") for a team, PDU, prison or region that does not exist.
InsightReport insight_report(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             const DisclosureRules& rules);

}  // namespace resettle::services
