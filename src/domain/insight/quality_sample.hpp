#pragma once
// Quality sampling: each month a reproducible random sample of a unit's cases, reviewed by its managers
// against a short checklist of what a good case looks like (the inspectorate's effective practice: plans
// co-produced, the person's voice heard, release prepared in time, a handover meeting, referrals followed
// through), and the themes of a month's reviews. Pure: the service passes the cases and today.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/code_list.hpp"
#include "domain/field_input.hpp"
#include "domain/insight/insight.hpp"
#include "domain/plan/plan.hpp"
#include "domain/plan/pre_release_checklist.hpp"
#include "domain/referrals/referral.hpp"
#include "domain/responsibility/handover_meeting.hpp"

namespace resettle {

using Month = std::chrono::year_month;

// "2027-02" as a month; empty for anything else. The month's text as stored, linked and sent in JSON.
std::optional<Month> parse_month(std::string_view text);
std::string to_iso(Month month);
// "February 2027", as pages show a month.
std::string to_long_month(Month month);
Date first_day(Month month);
Date last_day(Month month);

// Reads "month" (YYYY-MM; the month before today's when left out): ValidationFailed naming "month" when
// it is not a month, or is after today's month (its cases are not known yet).
Month read_sample_month(const FieldInput& input, Date today);

// Only a team's, PDU's or prison's cases are sampled: its managers review them.
bool is_sampled_unit(const InsightScope& scope);

// How many cases a unit's monthly sample holds (fewer when the unit has fewer eligible cases).
inline constexpr int default_sample_size = 5;
inline constexpr int max_sample_size = 50;

// Whether a case was active in the unit in the month: one of its allocations (lead or deputy, to the
// unit's staff as the caller filters them) held on some day of the month. An allocation holds from its
// first day until the day before it ended (the end day is the successor's).
bool active_in(std::span<const Allocation> allocations, Month month);

// The month's sample for a unit: up to `size` of the eligible people, none twice, drawn at random but
// reproducibly. Each person's place in the draw comes from a hash of the unit, the month and their id, so
// the same unit and month give the same sample on any machine, and adding or removing one eligible case
// changes at most one place in it. Returned in draw order. `size` below 1 counts as 1, above
// max_sample_size as max_sample_size.
std::vector<std::int64_t> draw_sample(std::span<const std::int64_t> eligible, const InsightScope& unit, Month month,
                                      int size);

// --- The review checklist -------------------------------------------------------------------------

// Stored and sent in JSON: codes may only be added to; labels may change.
enum class QualityQuestion {
  plan_agreed,
  own_words,
  checklist_before_release,
  handover_meeting_held,
  referrals_followed_up,
};
std::span<const Coded<QualityQuestion>> quality_questions();  // in the order the form asks them
std::string_view question_text(QualityQuestion question);      // as the reviewer reads it

// Stored and sent in JSON: codes may only be added to; labels may change.
enum class Finding { met, not_met, not_applicable };
std::span<const Coded<Finding>> findings();

struct QualityAnswer {
  Finding finding = Finding::met;
  std::string note;  // required when not met: what was missing is the theme a manager acts on
  bool operator==(const QualityAnswer&) const = default;
};

struct QualityReview {
  std::int64_t id = 0;
  std::int64_t version = 0;  // 0 before it is first stored
  InsightScope unit;
  Month month{};
  std::int64_t person_id = 0;
  std::map<QualityQuestion, QualityAnswer> answers;  // every question
  std::int64_t reviewed_by = 0;                      // staff id of the latest version's reviewer
  Date reviewed_on{};
};

inline constexpr std::size_t max_note_length = 2000;

// Reads every question's finding from the field named by its code and its note from "<code>_note".
// ValidationFailed naming each bad field: a question left unanswered or answered with an unknown code
// (the question's field), a note missing for "not met" or too long (the note's field).
std::map<QualityQuestion, QualityAnswer> read_quality_answers(const FieldInput& input);
// The form's fields for stored answers (the inverse of read_quality_answers).
FieldInput quality_answer_fields(const std::map<QualityQuestion, QualityAnswer>& answers);

// --- What the record says ---------------------------------------------------------------------------

// The facts of a case the checklist can be checked against. Any may be missing.
struct CaseRecordFacts {
  std::optional<Plan> plan;
  std::optional<PreReleaseChecklist> checklist;
  std::vector<HandoverMeeting> handover_meetings;  // any order
  std::optional<Date> released_on;                 // the latest release, if released
  std::vector<Referral> referrals;                 // any order, drafts included
};

// What Resettle's record says about a question, shown beside it so the reviewer checks rather than
// guesses. Own words: the person's words given when agreeing the plan or in their responses to it.
// Referrals: those sent that reached a first appointment or an end, against those still sent or
// accepted. The reviewer still judges: the record shows what was written down, not how well.
struct RecordSays {
  bool met = false;  // whether the record on its own suggests the question is met
  std::string says;  // in plain words, with dates
};
RecordSays record_says(QualityQuestion question, const CaseRecordFacts& facts);

// --- Themes ---------------------------------------------------------------------------------------

struct QuestionTheme {
  QualityQuestion question = QualityQuestion::plan_agreed;
  int met = 0;
  int not_met = 0;
  int not_applicable = 0;
  std::vector<std::string> notes;  // every non-empty note, not-met ones first, each in the reviews' order
};

struct QualitySummary {
  int sampled = 0;   // cases in the month's sample
  int reviewed = 0;  // of which reviewed
  std::vector<QuestionTheme> themes;  // one per question, in quality_questions() order
};

// The month's reviews counted question by question. `reviews` are those of the sampled cases only.
QualitySummary summarise(std::span<const QualityReview> reviews, int sampled);

}  // namespace resettle
