#pragma once
// OMiC responsibility and handover: who leads the case (the prison offender manager, POM, or the
// community offender manager, COM), from when the COM is allocated, when the COM takes over
// (the handover date), and why, in plain words. Every handover rule lives here.
#include <cstdint>
#include <optional>
#include <span>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/release_dates/sentence.hpp"

namespace resettle {

enum class Responsibility : std::uint8_t { none, pom, pom_with_com, com };
std::span<const Coded<Responsibility>> responsibilities();

enum class PomType : std::uint8_t { prison, probation };  // prison-officer or probation-officer POM
std::span<const Coded<PomType>> pom_types();

enum class Tier : std::uint8_t { a, b, c, d };  // probation tier, A highest
std::span<const Coded<Tier>> tiers();

// A manual decision that beats every rule.
enum class ManualResponsibility : std::uint8_t { prison, probation };
std::span<const Coded<ManualResponsibility>> manual_responsibilities();

// Why the decision is what it is; the label is the reason shown to people.
// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class HandoverReason : std::uint8_t {
  under_18,
  age_unknown,
  not_sentenced,
  manual_prison,
  manual_probation,
  recall,
  immigration,
  no_release_date,
  parole_hearing_far_off,  // a completed review did not release, next hearing 12+ months away, MAPPA 0/1
  parole_refused_high_mappa,
  early_allocation,
  indeterminate,
  short_sentence,
  parole_eligible,
  determinate,
  further_indeterminate,   // another indeterminate sentence to serve after this one
  recalled_indeterminate,  // recalled, next hearing 12+ months away, MAPPA 0/1
};
std::span<const Coded<HandoverReason>> handover_reasons();

// The facts of a case that decide responsibility. Dates are the final key dates (supplied or computed).
struct ResponsibilityFacts {
  Date today{};
  std::optional<Date> date_of_birth;
  LegalStatus legal_status = LegalStatus::sentenced;
  SentenceType sentence_type = SentenceType::determinate;
  std::optional<Date> sentence_start_date;
  std::optional<Date> conditional_release_date;
  std::optional<Date> automatic_release_date;
  std::optional<Date> parole_eligibility_date;
  std::optional<Date> tariff_date;
  std::optional<Date> target_hearing_date;  // next parole hearing
  bool further_indeterminate_sentence = false;  // another indeterminate sentence to serve after this one
  bool parole_review_completed = false;         // a parole review has been completed ...
  bool last_parole_outcome_release = false;     // ... and its outcome was release
  bool recall = false;
  bool early_allocation = false;
  int mappa_level = 0;  // 0 = not managed under MAPPA
  std::optional<Tier> tier;
  std::optional<Date> open_prison_arrival_date;  // men: arrival in an open prison
  bool womens_estate = false;                    // women's open conditions start with category T
  std::optional<Date> category_t_date;           // women: the day category T began
  std::optional<ManualResponsibility> manual_responsibility;
};

// Reads every fact by its field name (`today`, `sentence_type`, `conditional_release_date`, ...):
// the input of the handover fixtures and of any caller that holds the facts themselves. Throws
// ValidationFailed naming each bad field; `today` is required, every other fact optional.
ResponsibilityFacts read_responsibility_facts(const FieldInput& input);

// Fills in the sentence's part of the facts (type, status, key dates, parole, recall); the rest
// (today, age, risk, overrides) comes from the case.
void add_sentence_facts(ResponsibilityFacts& facts, const Sentence& sentence, const KeyDates& dates);

struct ResponsibilityDecision {
  Responsibility responsibility = Responsibility::none;
  std::optional<Date> com_allocated_date;  // start date: the COM joins the case
  std::optional<Date> handover_date;       // the COM becomes responsible
  HandoverReason reason = HandoverReason::not_sentenced;
  PomType pom_type = PomType::prison;
  std::optional<Date> release_date_used;
};

// Numbers of the OMiC rules (see docs/decisions.md, "Key dates and responsibility").
inline constexpr int adult_age_years = 18;
inline constexpr int distant_parole_hearing_months = 12;
inline constexpr int early_allocation_handover_months = 15;
inline constexpr int indeterminate_handover_months = 12;
inline constexpr int short_sentence_months = 10;  // start + 10 months >= release: COM from the start
inline constexpr int parole_eligible_handover_months = 12;
inline constexpr int determinate_handover_months = 8;
inline constexpr int determinate_handover_extra_days = 14;
inline constexpr int high_mappa_level = 2;  // level 2 or 3
// Men's arrivals in open prisons start the COM's work from this day (OMiC, 31 March 2021).
inline constexpr Date open_prison_arrivals_from{std::chrono::year{2021}, std::chrono::month{3}, std::chrono::day{31}};

// The release date that drives handover: for indeterminate sentences the tariff if still ahead,
// else the next parole hearing if still ahead, else whichever of the two is nearest to today (the
// tariff on a tie); for determinate the PED, else the earlier of ARD and CRD. HDC, LED and SED are
// never used. Empty when none of these is known.
std::optional<Date> handover_release_date(const ResponsibilityFacts& facts);

ResponsibilityDecision decide_responsibility(const ResponsibilityFacts& facts);


}  // namespace resettle
