#pragma once
// A sentence as recorded: the facts from court and custody. Key dates are computed from these
// by key_dates.hpp unless another system supplied them, in which case the supplied ones stand.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/release_dates/sentence_facts.hpp"

namespace resettle {

enum class LegalStatus { sentenced, immigration_detainee, remand, civil };
std::span<const Coded<LegalStatus>> legal_statuses();

enum class SentenceType { determinate, indeterminate };
std::span<const Coded<SentenceType>> sentence_types();

// How the custodial part of a determinate sentence ends.
// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class ReleaseScheme {
  standard,       // automatic release at the halfway point
  forty_percent,  // eligible standard sentences from September 2024: release at 40%
  two_thirds,     // the most serious standard sentences (SDS+)
  extended,       // extended sentences: parole eligibility at two-thirds, release at the end at the latest
  one_third,      // the progression model of the Sentencing Act 2026: release at a third
};
std::span<const Coded<ReleaseScheme>> release_schemes();

// Key dates as supplied by another system (e.g. the prison's calculation). Authoritative when present.
struct SuppliedKeyDates {
  std::optional<Date> conditional_release_date;             // CRD
  std::optional<Date> automatic_release_date;               // ARD
  std::optional<Date> parole_eligibility_date;              // PED
  std::optional<Date> home_detention_curfew_eligibility_date;  // HDCED
  std::optional<Date> licence_expiry_date;                  // LED
  std::optional<Date> sentence_expiry_date;                 // SED
  std::optional<Date> sentence_and_licence_expiry_date;     // SLED
  std::optional<Date> top_up_supervision_expiry_date;       // TUSED
  std::optional<Date> tariff_date;
  // Dates of whole bookings (recalls, removal, DTOs); the sentence form does not record them.
  std::optional<Date> post_recall_release_date;                // PRRD
  std::optional<Date> early_removal_scheme_eligibility_date;   // ERSED
  std::optional<Date> effective_sentence_end_date;             // ESED
  std::optional<Date> detention_training_order_early_transfer_date;
  std::optional<Date> detention_training_order_mid_transfer_date;
  std::optional<Date> detention_training_order_late_transfer_date;
};

// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class RecallType : std::uint8_t { standard, fixed_term_14, fixed_term_28, fixed_term_56 };
std::span<const Coded<RecallType>> recall_types();

struct Recall {
  RecallType type = RecallType::standard;
  std::optional<Date> revoked_on;   // licence revoked
  std::optional<Date> returned_on;  // back in custody; required to calculate the PRRD

  bool operator==(const Recall&) const = default;
};

// What a sentence recorded as part of a booking holds beyond the single-sentence form: the facts the
// whole-booking calculation reads (booking.hpp's BookedSentence, by the sentence's row id).
struct SentenceFacts {
  SentenceKind kind = SentenceKind::standard;
  Offence offence;
  Term term;            // the whole term; for extended and SOPC sentences, empty when given as the two parts
  Term custodial_term;  // extended and SOPC: the custodial part
  Term extension_term;  // extended: the extended licence
  std::optional<std::int64_t> consecutive_to;   // another sentence of the same booking; absent: concurrent
  std::optional<ReleaseScheme> release_scheme;  // overrides the regime the law would choose
  std::optional<std::int64_t> fine_amount_pence;  // default terms: the fine unpaid
  friend bool operator==(const SentenceFacts&, const SentenceFacts&) = default;
};

struct Sentence {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  LegalStatus legal_status = LegalStatus::sentenced;
  SentenceType type = SentenceType::determinate;
  ReleaseScheme release_scheme = ReleaseScheme::standard;
  std::optional<Date> start_date;
  std::optional<int> length_days;     // custodial term for extended sentences
  std::optional<int> extension_days;  // extended sentences: the extended licence period
  int remand_days = 0;                // time on remand, credited against the custodial part
  int tagged_bail_days = 0;           // credit for qualifying curfew on bail, already halved
  bool recall = false;
  // The recall being served once the person is back in custody: recorded by the recall, never by the
  // sentence form, and what the post-recall release date is calculated from.
  std::optional<Recall> recall_served;
  std::optional<Date> target_hearing_date;  // next parole hearing (indeterminate)
  bool last_parole_outcome_release = false;
  std::string offence;  // main offence in plain words
  SuppliedKeyDates supplied;
  // Recorded through the booking (its kind, offence facts and term as given); absent for a sentence
  // recorded by the single-sentence form, whose days, credit and scheme are read as a booking of one.
  std::optional<SentenceFacts> facts;
  bool in_booking = true;  // false once taken out of the person's booking (kept, never deleted)
};

// Reads and checks every field; throws ValidationFailed naming each bad one.
Sentence read_sentence(const FieldInput& input);
FieldInput sentence_fields(const Sentence& sentence);

}  // namespace resettle
