// The OMiC responsibility and handover rules (see handover.hpp).
#include "domain/responsibility/handover.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace resettle {

namespace {
using namespace std::chrono;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Responsibility>, 4> responsibility_table{{
    {Responsibility::none, "none", "No calculation: outside the responsibility rules"},
    {Responsibility::pom, "pom", "Prison offender manager only"},
    {Responsibility::pom_with_com, "pom_with_com", "Prison offender manager responsible, community offender manager supporting"},
    {Responsibility::com, "com", "Community offender manager responsible"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<PomType>, 2> pom_type_table{{
    {PomType::prison, "prison", "Prison officer POM"},
    {PomType::probation, "probation", "Probation officer POM"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Tier>, 4> tier_table{{
    {Tier::a, "A", "Tier A"},
    {Tier::b, "B", "Tier B"},
    {Tier::c, "C", "Tier C"},
    {Tier::d, "D", "Tier D"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ManualResponsibility>, 2> manual_table{{
    {ManualResponsibility::prison, "prison", "Prison"},
    {ManualResponsibility::probation, "probation", "Probation"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<HandoverReason>, 17> reason_table{{
    {HandoverReason::under_18, "under_18", "Under 18, so the adult responsibility rules do not apply"},
    {HandoverReason::age_unknown, "age_unknown", "Date of birth not known, so we cannot tell whether the adult rules apply"},
    {HandoverReason::not_sentenced, "not_sentenced",
     "Not sentenced (on remand or a civil prisoner), so the responsibility rules do not apply"},
    {HandoverReason::manual_prison, "manual_prison",
     "Set by hand: the prison offender manager is responsible and the community offender manager supports"},
    {HandoverReason::manual_probation, "manual_probation", "Set by hand: probation is responsible"},
    {HandoverReason::recall, "recall", "Recalled to custody, so the community offender manager is responsible"},
    {HandoverReason::immigration, "immigration",
     "Immigration case, so the community offender manager is responsible"},
    {HandoverReason::no_release_date, "no_release_date",
     "No release date known yet, so the prison offender manager works the case alone"},
    {HandoverReason::parole_hearing_far_off, "parole_hearing_far_off",
     "Indeterminate sentence not released at the last parole review, with the next hearing 12 months or more "
     "away: the prison offender manager leads and the community offender manager supports"},
    {HandoverReason::parole_refused_high_mappa, "parole_refused_high_mappa",
     "Indeterminate sentence, MAPPA level 2 or 3, not released at the last parole review, and the "
     "next hearing 12 months or more away: the community offender manager is responsible"},
    {HandoverReason::early_allocation, "early_allocation",
     "Early allocation to probation: handover 15 months before release"},
    {HandoverReason::indeterminate, "indeterminate", "Indeterminate sentence: handover 12 months before release"},
    {HandoverReason::short_sentence, "short_sentence",
     "Release within 10 months of sentence: the community offender manager is responsible from the start, "
     "so there is no handover"},
    {HandoverReason::parole_eligible, "parole_eligible",
     "Determinate sentence with a parole eligibility date: handover 12 months before it"},
    {HandoverReason::determinate, "determinate",
     "Determinate sentence: handover 8 months and 14 days before release"},
    {HandoverReason::further_indeterminate, "further_indeterminate",
     "Another indeterminate sentence to serve after this one, so the prison offender manager works the case alone"},
    {HandoverReason::recalled_indeterminate, "recalled_indeterminate",
     "Indeterminate sentence, recalled, MAPPA level 0 or 1, with the next parole hearing 12 months or more away: "
     "the prison offender manager leads and the community offender manager supports"},
}};

constexpr std::array<std::string_view, 21> fact_fields{
    "today", "date_of_birth", "legal_status", "sentence_type", "sentence_start_date", "conditional_release_date",
    "automatic_release_date", "parole_eligibility_date", "tariff_date", "target_hearing_date",
    "further_indeterminate_sentence", "parole_review_completed", "last_parole_outcome_release", "recall",
    "early_allocation", "mappa_level", "tier", "open_prison_arrival_date", "womens_estate", "category_t_date",
    "manual_responsibility"};

bool is_future(const std::optional<Date>& date, Date today) { return date && today < *date; }

std::optional<HandoverReason> outside_rules(const ResponsibilityFacts& facts) {
  if (facts.legal_status != LegalStatus::sentenced && facts.legal_status != LegalStatus::immigration_detainee)
    return HandoverReason::not_sentenced;
  if (!facts.date_of_birth) return HandoverReason::age_unknown;
  if (facts.today < birthday_at_age(*facts.date_of_birth, adult_age_years)) return HandoverReason::under_18;
  return std::nullopt;
}

ResponsibilityDecision settled(Responsibility who, HandoverReason why) {
  ResponsibilityDecision decision;
  decision.responsibility = who;
  decision.reason = why;
  return decision;
}

// The indeterminate overrides: they turn on the next parole hearing being 12 months or more away.
std::optional<ResponsibilityDecision> indeterminate_override(const ResponsibilityFacts& facts) {
  if (facts.further_indeterminate_sentence) return settled(Responsibility::pom, HandoverReason::further_indeterminate);
  bool hearing_far_off = facts.target_hearing_date &&
                         !(*facts.target_hearing_date < add_months(facts.today, distant_parole_hearing_months));
  if (!hearing_far_off) return std::nullopt;
  bool high_mappa = facts.mappa_level >= high_mappa_level;
  if (facts.recall && !high_mappa)
    return settled(Responsibility::pom_with_com, HandoverReason::recalled_indeterminate);
  if (facts.parole_review_completed && !facts.last_parole_outcome_release)
    return high_mappa ? settled(Responsibility::com, HandoverReason::parole_refused_high_mappa)
                      : settled(Responsibility::pom_with_com, HandoverReason::parole_hearing_far_off);
  return std::nullopt;
}

// Decisions that do not depend on a handover date, first match.
std::optional<ResponsibilityDecision> decided_without_dates(const ResponsibilityFacts& facts, bool release_known) {
  if (facts.manual_responsibility == ManualResponsibility::prison)
    return settled(Responsibility::pom_with_com, HandoverReason::manual_prison);
  if (facts.manual_responsibility == ManualResponsibility::probation)
    return settled(Responsibility::com, HandoverReason::manual_probation);
  if (facts.sentence_type == SentenceType::indeterminate)
    if (auto decision = indeterminate_override(facts)) return decision;
  if (facts.recall) return settled(Responsibility::com, HandoverReason::recall);
  if (facts.legal_status == LegalStatus::immigration_detainee)
    return settled(Responsibility::com, HandoverReason::immigration);
  if (!release_known) return settled(Responsibility::pom, HandoverReason::no_release_date);
  return std::nullopt;
}

struct Handover {
  Date date;
  HandoverReason reason;
};
// The handover date, first match; none for a short sentence (the COM leads from the start).
std::optional<Handover> handover_for(const ResponsibilityFacts& facts, Date release) {
  if (facts.early_allocation)
    return Handover{add_months(release, -early_allocation_handover_months), HandoverReason::early_allocation};
  if (facts.sentence_type == SentenceType::indeterminate)
    return Handover{add_months(release, -indeterminate_handover_months), HandoverReason::indeterminate};
  if (facts.sentence_start_date && !(add_months(*facts.sentence_start_date, short_sentence_months) < release))
    return std::nullopt;
  if (facts.parole_eligibility_date)
    return Handover{add_months(release, -parole_eligible_handover_months), HandoverReason::parole_eligible};
  return Handover{add_days(add_months(release, -determinate_handover_months), -determinate_handover_extra_days),
          HandoverReason::determinate};
}

// When an indeterminate case entered open conditions, as the rules count it: for men, arrival
// in an open prison from 31 March 2021; for women, the day category T began.
std::optional<Date> open_conditions_from(const ResponsibilityFacts& facts) {
  if (facts.womens_estate) return facts.category_t_date;
  if (facts.open_prison_arrival_date && !(*facts.open_prison_arrival_date < open_prison_arrivals_from))
    return facts.open_prison_arrival_date;
  return std::nullopt;
}

// Indeterminate cases in open conditions get their COM from the day they entered them.
Date com_allocated_for(const ResponsibilityFacts& facts, Date handover) {
  if (facts.sentence_type != SentenceType::indeterminate) return handover;
  auto open = open_conditions_from(facts);
  return open && *open < handover ? *open : handover;
}

PomType pom_type_for(const ResponsibilityFacts& facts, Responsibility responsibility) {
  if (facts.legal_status == LegalStatus::immigration_detainee || responsibility == Responsibility::com)
    return PomType::prison;
  return facts.tier == Tier::a || facts.tier == Tier::b ? PomType::probation : PomType::prison;
}

Responsibility responsibility_on(Date today, Date com_allocated, Date handover) {
  if (today < com_allocated) return Responsibility::pom;
  if (today < handover) return Responsibility::pom_with_com;
  return Responsibility::com;
}
}  // namespace

std::span<const Coded<Responsibility>> responsibilities() { return responsibility_table; }
std::span<const Coded<PomType>> pom_types() { return pom_type_table; }
std::span<const Coded<Tier>> tiers() { return tier_table; }
std::span<const Coded<ManualResponsibility>> manual_responsibilities() { return manual_table; }
std::span<const Coded<HandoverReason>> handover_reasons() { return reason_table; }

void add_sentence_facts(ResponsibilityFacts& facts, const Sentence& sentence, const KeyDates& dates) {
  facts.legal_status = sentence.legal_status;
  facts.sentence_type = sentence.type;
  facts.sentence_start_date = sentence.start_date;
  facts.conditional_release_date = dates.date(KeyDateKind::conditional_release);
  facts.automatic_release_date = dates.date(KeyDateKind::automatic_release);
  facts.parole_eligibility_date = dates.date(KeyDateKind::parole_eligibility);
  facts.tariff_date = dates.date(KeyDateKind::tariff);
  facts.target_hearing_date = sentence.target_hearing_date;
  facts.last_parole_outcome_release = sentence.last_parole_outcome_release;
  facts.recall = sentence.recall;
}

ResponsibilityFacts read_responsibility_facts(const FieldInput& input) {
  FieldReader reader{input};
  // A misspelt fact would otherwise be read as "not known" without a word.
  for (const auto& [name, value] : input)
    if (std::ranges::find(fact_fields, name) == fact_fields.end()) reader.fail(name, "is not a fact the handover rules read");
  ResponsibilityFacts facts;
  facts.today = reader.date("today", Need::required).value_or(Date{});
  facts.date_of_birth = reader.date("date_of_birth", Need::optional);
  facts.legal_status = reader.code("legal_status", Need::optional, legal_statuses()).value_or(LegalStatus::sentenced);
  facts.sentence_type = reader.code("sentence_type", Need::optional, sentence_types()).value_or(SentenceType::determinate);
  facts.sentence_start_date = reader.date("sentence_start_date", Need::optional);
  facts.conditional_release_date = reader.date("conditional_release_date", Need::optional);
  facts.automatic_release_date = reader.date("automatic_release_date", Need::optional);
  facts.parole_eligibility_date = reader.date("parole_eligibility_date", Need::optional);
  facts.tariff_date = reader.date("tariff_date", Need::optional);
  facts.target_hearing_date = reader.date("target_hearing_date", Need::optional);
  facts.further_indeterminate_sentence = reader.boolean("further_indeterminate_sentence");
  facts.parole_review_completed = reader.boolean("parole_review_completed");
  facts.last_parole_outcome_release = reader.boolean("last_parole_outcome_release");
  facts.recall = reader.boolean("recall");
  facts.early_allocation = reader.boolean("early_allocation");
  facts.mappa_level = int(reader.integer("mappa_level", Need::optional, 0, 3).value_or(0));
  facts.tier = reader.code("tier", Need::optional, tiers());
  facts.open_prison_arrival_date = reader.date("open_prison_arrival_date", Need::optional);
  facts.womens_estate = reader.boolean("womens_estate");
  facts.category_t_date = reader.date("category_t_date", Need::optional);
  facts.manual_responsibility = reader.code("manual_responsibility", Need::optional, manual_responsibilities());
  reader.throw_if_failed();
  return facts;
}

std::optional<Date> handover_release_date(const ResponsibilityFacts& facts) {
  if (facts.sentence_type == SentenceType::indeterminate) {
    if (is_future(facts.tariff_date, facts.today)) return facts.tariff_date;
    if (is_future(facts.target_hearing_date, facts.today)) return facts.target_hearing_date;
    // Both passed (or unknown): the later of them is the nearer to today; the tariff wins a tie.
    if (!facts.target_hearing_date || (facts.tariff_date && !(*facts.tariff_date < *facts.target_hearing_date)))
      return facts.tariff_date;
    return facts.target_hearing_date;
  }
  if (facts.parole_eligibility_date) return facts.parole_eligibility_date;
  return earlier_release(facts.conditional_release_date, facts.automatic_release_date);
}

ResponsibilityDecision decide_responsibility(const ResponsibilityFacts& facts) {
  ResponsibilityDecision decision;
  auto release = handover_release_date(facts);
  if (auto outside = outside_rules(facts)) {
    decision.reason = *outside;
  } else if (auto decided = decided_without_dates(facts, release.has_value())) {
    decision = *decided;
  } else if (auto handover = handover_for(facts, *release)) {
    auto com_allocated = com_allocated_for(facts, handover->date);
    decision.responsibility = responsibility_on(facts.today, com_allocated, handover->date);
    decision.com_allocated_date = com_allocated;
    decision.handover_date = handover->date;
    decision.reason = handover->reason;
  } else {
    decision = settled(Responsibility::com, HandoverReason::short_sentence);  // no handover dates at all
  }
  decision.release_date_used = release;
  decision.pom_type = pom_type_for(facts, decision.responsibility);
  return decision;
}

}  // namespace resettle
