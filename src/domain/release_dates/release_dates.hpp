#pragma once
// Release dates of a whole booking under the law in force on a given day: consecutive sentences
// aggregate into chains, concurrent chains are calculated one by one and the latest governs; the
// regime comes from the dates and offence facts (release_regime.hpp) and every date of effect from
// release_rules.hpp. Each date carries its rule, and the working says how it was reached.
#include <optional>
#include <string>
#include <vector>

#include "domain/release_dates/booking.hpp"
#include "domain/errors.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/release_dates/release_regime.hpp"

namespace resettle {

// A booking the law cannot calculate (as opposed to bad input): HTTP 422 like bad input, with a code.
class CannotCalculate : public ValidationFailed {
 public:
  CannotCalculate(std::string code, std::string field, std::string message)
      : ValidationFailed(std::move(field), std::move(message)), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

struct CalculationRequest {
  Booking booking;
  SuppliedKeyDates supplied;  // dates another system worked out: they stand, and later dates build on them
  Date as_at{};               // the day whose law applies
};

// How the governing release date was reached, for the explanation.
struct ReleaseWorking {
  RegimeChoice regime;                        // of the governing chain's first sentence with a regime
  std::optional<LawMeasure> commenced_by;     // a measure whose commencement date became the release date
  std::optional<Date> point;                  // the point the regime gave, when a commencement replaced it
  std::optional<LawMeasure> kept_by_release;  // a measure that did not apply: released before it commenced
  int sentences_in_chain = 0;
  int chains = 0;
  int credit_days = 0;              // remand and tagged bail
  int unlawfully_at_large_days = 0;
  int additional_days = 0;          // awarded less restored
  int recall_credit_days = 0;
  std::optional<RecallType> recall_applied;  // the fixed-term length the law gave, or standard
  bool default_term_limited = false;  // a default term longer than the law allows for its fine
  int days_off_for_fine_paid = 0;     // a default term shortened for the part of the fine paid
};

struct BookingKeyDates {
  KeyDates dates;
  ReleaseWorking working;
  int effective_sentence_length_days = 0;  // earliest sentence date to the latest unadjusted expiry
  Term effective_sentence_length;          // the same as years, months and days
};

// Throws ValidationFailed naming the field path (`sentences[2].consecutive_to`) for bad input, and
// CannotCalculate for bookings the law gives no calculation for.
BookingKeyDates calculate_release_dates(const CalculationRequest& request);

// Checks a booking as recorded; throws ValidationFailed listing every bad field path. `today`
// bounds dates that must have happened already.
void check_booking(const Booking& booking, Date today);

// The date's rule in plain words, with the regime and why, the commencement, and the adjustments.
std::string explain_key_date(const BookingKeyDates& result, KeyDateKind kind);

}  // namespace resettle
