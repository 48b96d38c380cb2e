#pragma once
// Everything the rules say about one case on one day: the booking's key dates, who leads the
// case and when that changes (OMiC), and whether the day of release should come forward.
#include <optional>

#include "domain/responsibility/handover.hpp"
#include "domain/release_dates/stored_booking.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_profile.hpp"

namespace resettle {

struct CaseAssessment {
  BookingKeyDates calculation;  // the key dates of the whole booking, with the working behind them
  ResponsibilityDecision responsibility;
  std::optional<Date> release_date;  // the earlier of ARD and CRD, if known
};

// From the person's whole booking; with no sentence in it, no one is responsible yet. The newest
// sentence's legal status, type and parole facts describe the case.
CaseAssessment assess_case(const Person& person, const StoredBooking& booking, const RiskProfile& profile, Date today);

// The dates worklists are built from, as last worked out for a person (stored, so a worklist is
// an indexed query rather than the rules run over every case).
struct CaseDates {
  std::int64_t person_id = 0;
  Responsibility responsibility = Responsibility::none;
  HandoverReason reason = HandoverReason::not_sentenced;
  PomType pom_type = PomType::prison;
  std::optional<Date> com_allocated_date;
  std::optional<Date> handover_date;
  std::optional<Date> release_date;
  Date worked_out_on{};
};
CaseDates case_dates_of(std::int64_t person_id, const CaseAssessment& assessment, Date today);

}  // namespace resettle
