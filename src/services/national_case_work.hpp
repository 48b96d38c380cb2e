#pragma once
// The work done on each case of the synthetic national data set beyond its allocations, so that the
// pages built on it have something to show at national scale: equality facts, contact plans and
// supervision appointments with their outcomes, people's own accounts and MAPPA records. Everything
// follows from the seed, the person's place in the data set and the day, as the cases themselves do.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/equality.hpp"
#include "domain/mappa/mappa.hpp"
#include "domain/person_view/person_account.hpp"
#include "domain/supervision/appointment.hpp"
#include "domain/supervision/contact_plan.hpp"
#include "domain/supervision/enforcement.hpp"
#include "store/store.hpp"

namespace resettle::services {

// An appointment and what the officer recorded about it (nothing yet for one still to come).
struct SeenAppointment {
  Appointment appointment;
  std::optional<OutcomeDecision> outcome;
};

// A held MAPPA meeting and the actions of the risk management plan agreed at it.
struct HeldMappaMeeting {
  MappaMeeting meeting;
  std::vector<MappaAction> actions;
};

struct CaseWork {
  std::optional<EqualityFacts> equality;
  std::optional<ContactPlan> contact_plan;
  std::vector<SeenAppointment> appointments;  // oldest first
  std::optional<PersonAccount> account;
  std::optional<MappaDecision> mappa_decision;
  std::vector<HeldMappaMeeting> mappa_meetings;
};

// Makes the work on case `index` of the data set. The case must be stored already: its person id,
// and the staff ids of its allocations, are what the records name.
class CaseWorkMaker {
 public:
  CaseWorkMaker(std::uint64_t seed, Date today, std::string now_iso, Timestamp now)
      : seed_(seed), today_(today), now_iso_(std::move(now_iso)), now_(now) {}
  CaseWork make(const store::LoadedCase& loaded, std::int64_t index) const;

 private:
  std::uint64_t seed_;
  Date today_;
  std::string now_iso_;
  Timestamp now_;
};

// Writes the work on one case in the caller's transaction (unjournalled, as the rest of the load is)
// and returns how many rows that was.
std::int64_t store_case_work(store::Transaction& tx, CaseWork& work);

}  // namespace resettle::services
