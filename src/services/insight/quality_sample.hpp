#pragma once
// Quality sampling use cases: a unit's monthly sample of cases (drawn afresh from the cases each time,
// reproducibly), a manager's review of one sampled case against the checklist with what the record says
// beside each question, and the themes of the month's reviews. Only the unit's managers and
// administrators take part (may_view_insight on a team, PDU or prison).
//
// Every use case reads the unit and month from the same fields: "scope" (team, pdu or prison; the
// viewer's default_scope when left out), "code" (the unit's code) and "month" (read_sample_month), and
// throws, in this order: ValidationFailed naming each bad field (scope, code, month); Forbidden unless
// may_view_insight; ValidationFailed ("code") for a unit that does not exist.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/quality_sample.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct SampledUnit {
  InsightScope unit;
  std::string name;  // "Leeds North", "HMP Leeds"
  Month month{};
};

struct SampledCase {
  std::int64_t person_id = 0;
  std::optional<Person> person;  // empty: the reviewer may not see this case (a limited-access list)
  std::optional<QualityReview> review;  // empty: not reviewed yet
};

struct QualitySample {
  SampledUnit sampled;
  int size = 0;      // the sample size asked for
  int eligible = 0;  // cases active in the unit in the month
  std::vector<SampledCase> cases;  // in draw order
};

// The month's sample for the unit, each case with its review if it has one. `size` is the server's
// sample size (draw_sample keeps it within its limits).
QualitySample quality_sample(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             int size);

struct QualityReviewCase {
  SampledUnit sampled;
  Person person;
  std::optional<QualityReview> review;  // empty: not reviewed yet
  std::map<QualityQuestion, RecordSays> record;  // what the record says, for every question
};

// An audited read (as "quality review") of one sampled case: the person, their review and what their
// record says. Throws as above, then NotFound for a person not in the sample or one the viewer may not
// see (the refusal logged).
QualityReviewCase quality_review_case(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      const FieldInput& query, std::int64_t person_id, int size);

// Records the review of a sampled case from read_quality_answers' fields at expected_version (0: not
// reviewed yet) and journals "quality_review.recorded" on the person's timeline with every answer, in
// one transaction. Returns the review as stored. Throws as quality_review_case, then ValidationFailed
// naming each bad answer, then StaleVersion when the review moved on from expected_version. Nothing is
// saved when it throws.
QualityReview record_quality_review(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    const FieldInput& query, std::int64_t person_id, const FieldInput& answers,
                                    std::int64_t expected_version, int size);

struct QualityThemes {
  SampledUnit sampled;
  QualitySummary summary;
};

// The themes of the month's reviews of the sampled cases (reviews of cases no longer in the sample are
// left out).
QualityThemes quality_themes(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             int size);

}  // namespace resettle::services
