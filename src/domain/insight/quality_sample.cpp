// Quality sampling: the monthly draw, the review checklist and its themes (see quality_sample.hpp).
#include "domain/insight/quality_sample.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {

// Stored and sent in JSON: codes may only be added to; labels may change.
constexpr std::array<Coded<QualityQuestion>, 5> question_list{{
    {QualityQuestion::plan_agreed, "plan_agreed", "Plan co-produced and agreed"},
    {QualityQuestion::own_words, "own_words", "The person's own words present"},
    {QualityQuestion::checklist_before_release, "checklist_before_release", "Pre-release checklist complete before release"},
    {QualityQuestion::handover_meeting_held, "handover_meeting_held", "Handover meeting held"},
    {QualityQuestion::referrals_followed_up, "referrals_followed_up", "Referrals followed up"},
}};

// Stored and sent in JSON: codes may only be added to; labels may change.
constexpr std::array<Coded<Finding>, 3> finding_list{{
    {Finding::met, "met", "Met"},
    {Finding::not_met, "not_met", "Not met"},
    {Finding::not_applicable, "not_applicable", "Not applicable"},
}};

std::string note_field(QualityQuestion question) {
  return std::string{entry_for(quality_questions(), question).code} + "_note";
}

// FNV-1a: a fixed, portable hash of the unit and month, so the seed never depends on the platform's
// std::hash or random engine.
std::uint64_t seed_of(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char byte : key) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// SplitMix64's finaliser: spreads nearby ids (and seeds) over the whole range.
std::uint64_t mix(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// What the record says is shown on a staff page (the review form) in the catalogue's words.
RecordSays plan_says(const CaseRecordFacts& facts) {
  if (!facts.plan) return RecordSays{false, staff_text("No plan is recorded")};
  if (!facts.plan->agreement) return RecordSays{false, staff_text("The plan has not been agreed with the person")};
  auto agreed_on = to_long_date(facts.plan->agreement->agreed_on);
  if (!agreement_is_current(*facts.plan))
    return RecordSays{false, staff_text("Agreed with the person on ((agreed_on)), but changed since (((changed_on)))",
                                        {{"agreed_on", agreed_on}, {"changed_on", to_long_date(facts.plan->last_material_change_on)}})};
  return RecordSays{true, staff_text("Agreed with the person on ((agreed_on))", {{"agreed_on", agreed_on}})};
}

RecordSays checklist_says(const CaseRecordFacts& facts) {
  if (!facts.released_on) return RecordSays{false, staff_text("Not released yet")};
  if (!facts.checklist) return RecordSays{false, staff_text("No pre-release checklist is recorded")};
  auto release = to_long_date(*facts.released_on);
  int outstanding = 0;
  for (const auto& item : facts.checklist->items)
    if (item.status == ChecklistStatus::to_do ||
        (item.status == ChecklistStatus::done && (!item.completed_on || *item.completed_on > *facts.released_on)))
      ++outstanding;
  if (outstanding == 0)
    return RecordSays{true, staff_text("Every item done or not needed by the release on ((date))", {{"date", release}})};
  return RecordSays{false, staff_text_plural("((outstanding)) of ((count)) item not done by the release on ((date))",
                                             "((outstanding)) of ((count)) items not done by the release on ((date))",
                                             static_cast<long>(facts.checklist->items.size()),
                                             {{"outstanding", std::to_string(outstanding)}, {"date", release}})};
}

RecordSays handover_says(const CaseRecordFacts& facts) {
  auto meeting = current_meeting(facts.handover_meetings);
  if (!meeting) return RecordSays{false, staff_text("No handover meeting is recorded")};
  if (meeting->status == MeetingStatus::held && meeting->held_on)
    return RecordSays{true, staff_text("Held on ((date))", {{"date", to_long_date(*meeting->held_on)}})};
  return RecordSays{false, staff_text("Scheduled for ((date)), not recorded as held", {{"date", to_long_date(meeting->scheduled_on)}})};
}

RecordSays own_words_says(const CaseRecordFacts& facts) {
  if (!facts.plan) return RecordSays{false, staff_text("No plan is recorded")};
  bool when_agreeing = facts.plan->agreement && !trimmed(facts.plan->agreement->in_their_words).empty();
  auto responses = std::ranges::count_if(facts.plan->responses, [](const PlanResponse& r) { return !trimmed(r.comment).empty(); });
  if (!when_agreeing && responses == 0)
    return RecordSays{false, staff_text("None of the person's own words are recorded with the plan's agreement or their responses to it")};
  if (responses == 0) return RecordSays{true, staff_text("The person's own words are recorded when agreeing the plan")};
  if (!when_agreeing)
    return RecordSays{true, staff_text_plural("The person's own words are recorded in ((count)) response to it",
                                              "The person's own words are recorded in ((count)) responses to it", responses)};
  return RecordSays{true, staff_text_plural("The person's own words are recorded when agreeing the plan, and in ((count)) response to it",
                                            "The person's own words are recorded when agreeing the plan, and in ((count)) responses to it",
                                            responses)};
}

RecordSays referrals_says(const CaseRecordFacts& facts) {
  int sent = 0;
  int waiting = 0;
  for (const auto& referral : facts.referrals) {
    if (referral.status == ReferralStatus::draft) continue;
    ++sent;
    if (referral.status == ReferralStatus::sent || referral.status == ReferralStatus::accepted) ++waiting;
  }
  if (sent == 0) return RecordSays{false, staff_text("No referrals have been sent")};
  return RecordSays{waiting == 0,
                    staff_text_plural("((count)) referral sent: ((reached)) reached a first appointment or an end, ((waiting)) still sent or accepted",
                                      "((count)) referrals sent: ((reached)) reached a first appointment or an end, ((waiting)) still sent or accepted",
                                      sent, {{"reached", std::to_string(sent - waiting)}, {"waiting", std::to_string(waiting)}})};
}

}  // namespace

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto date = parse_iso_date(std::string{text} + "-01");
  if (!date) return std::nullopt;
  return date->year() / date->month();
}

std::string to_iso(Month month) { return to_iso(first_day(month)).substr(0, 7); }

std::string to_long_month(Month month) {
  auto date = to_long_date(first_day(month));  // "1 February 2027"
  return date.substr(date.find(' ') + 1);
}

Date first_day(Month month) { return month / std::chrono::day{1}; }
Date last_day(Month month) { return Date{month / std::chrono::last}; }

Month read_sample_month(const FieldInput& input, Date today) {
  auto this_month = today.year() / today.month();
  auto given = input.find("month");
  if (given == input.end() || trimmed(given->second).empty()) return this_month - std::chrono::months{1};
  auto month = parse_month(trimmed(given->second));
  if (!month) throw ValidationFailed("month", "Enter the month as a year and month, like 2027-02");
  if (*month > this_month) throw ValidationFailed("month", "Choose this month or an earlier one");
  return *month;
}

bool is_sampled_unit(const InsightScope& scope) {
  return scope.kind == ScopeKind::team || scope.kind == ScopeKind::pdu || scope.kind == ScopeKind::prison;
}

bool active_in(std::span<const Allocation> allocations, Month month) {
  return std::ranges::any_of(allocations, [&](const Allocation& allocation) {
    return allocation.from <= last_day(month) && (!allocation.to || *allocation.to > first_day(month));
  });
}

std::vector<std::int64_t> draw_sample(std::span<const std::int64_t> eligible, const InsightScope& unit, Month month,
                                      int size) {
  auto seed = seed_of(std::string{entry_for(scope_kinds(), unit.kind).code} + ":" + unit.code + ":" + to_iso(month));
  std::vector<std::pair<std::uint64_t, std::int64_t>> ranked;
  for (auto id : eligible) ranked.emplace_back(mix(seed ^ mix(static_cast<std::uint64_t>(id))), id);
  std::ranges::sort(ranked);
  auto [first, last] = std::ranges::unique(ranked);
  ranked.erase(first, last);
  auto wanted = static_cast<std::size_t>(std::clamp(size, 1, max_sample_size));
  std::vector<std::int64_t> sample;
  for (std::size_t i = 0; i < ranked.size() && sample.size() < wanted; ++i) sample.push_back(ranked[i].second);
  return sample;
}

std::span<const Coded<QualityQuestion>> quality_questions() { return question_list; }
std::span<const Coded<Finding>> findings() { return finding_list; }

std::string_view question_text(QualityQuestion question) {
  switch (question) {
    case QualityQuestion::plan_agreed:
      return "Was the plan made with the person and agreed by them, not written for them?";
    case QualityQuestion::own_words:
      return "Are the person's own words (their goals, strengths and views) recorded in the case?";
    case QualityQuestion::checklist_before_release:
      return "Was the pre-release checklist complete before the person was released?";
    case QualityQuestion::handover_meeting_held:
      return "Was a handover meeting held with the person, their prison and their community offender manager?";
    case QualityQuestion::referrals_followed_up:
      return "Were the referrals made followed up until the person was seen or the need was met?";
  }
  return "";
}

std::map<QualityQuestion, QualityAnswer> read_quality_answers(const FieldInput& input) {
  FieldReader reader{input};
  std::map<QualityQuestion, QualityAnswer> answers;
  for (const auto& question : quality_questions()) {
    if (!reader.has(question.code))
      reader.fail(question.code, "Choose met, not met or not applicable for \"" + std::string{question.label} + "\"");
    auto finding = reader.code(question.code, Need::optional, findings());
    auto note = reader.text(note_field(question.value), Need::optional, max_note_length);
    if (finding == Finding::not_met && note.empty())
      reader.fail(note_field(question.value), "Say what was missing for \"" + std::string{question.label} + "\"");
    if (finding) answers[question.value] = {*finding, note};
  }
  reader.throw_if_failed();
  return answers;
}

FieldInput quality_answer_fields(const std::map<QualityQuestion, QualityAnswer>& answers) {
  FieldInput fields;
  for (const auto& [question, answer] : answers) {
    fields[std::string{entry_for(quality_questions(), question).code}] = entry_for(findings(), answer.finding).code;
    fields[note_field(question)] = answer.note;
  }
  return fields;
}

RecordSays record_says(QualityQuestion question, const CaseRecordFacts& facts) {
  switch (question) {
    case QualityQuestion::plan_agreed: return plan_says(facts);
    case QualityQuestion::checklist_before_release: return checklist_says(facts);
    case QualityQuestion::handover_meeting_held: return handover_says(facts);
    case QualityQuestion::own_words: return own_words_says(facts);
    case QualityQuestion::referrals_followed_up: return referrals_says(facts);
  }
  return {};
}

QualitySummary summarise(std::span<const QualityReview> reviews, int sampled) {
  QualitySummary summary{sampled, static_cast<int>(reviews.size()), {}};
  for (const auto& question : quality_questions()) {
    QuestionTheme theme;
    theme.question = question.value;
    std::vector<std::string> other_notes;
    for (const auto& review : reviews) {
      auto answer = review.answers.find(question.value);
      if (answer == review.answers.end()) continue;
      const auto& [finding, note] = answer->second;
      (finding == Finding::met ? theme.met : finding == Finding::not_met ? theme.not_met : theme.not_applicable) += 1;
      if (!note.empty()) (finding == Finding::not_met ? theme.notes : other_notes).push_back(note);
    }
    theme.notes.insert(theme.notes.end(), other_notes.begin(), other_notes.end());
    summary.themes.push_back(std::move(theme));
  }
  return summary;
}

}  // namespace resettle
