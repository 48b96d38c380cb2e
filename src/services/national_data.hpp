#pragma once
// The synthetic national data set behind `resettle demo --scale national`: 12 regions, 120
// prisons, about 100 probation delivery units, 20,000 staff, about 90,000 people in custody and
// 240,000 on probation, each with a sentence, a risk profile, case dates worked out by the rules
// and allocations, and the work on them (national_case_work.hpp: equality facts, contact plans,
// appointments, people's own accounts, MAPPA). Everything follows from a seed and the day, so a load
// can be repeated; the names of people and staff are invented.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "domain/people/place.hpp"
#include "services/clock.hpp"
#include "services/demo_data.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct NationalScale {
  int regions = 12;
  int prisons = 120;
  int pdus = 100;
  int staff = 20'000;
  int in_custody = 90'000;
  int on_probation = 240'000;
  std::uint64_t seed = 20'261'123;
};
// A share of the national scale, for tests and quick looks: people and staff scale down, with at
// least two prisons and two PDUs. Throws ValidationFailed on "fraction" unless 0 < fraction <= 1.
NationalScale national_scale(double fraction);

struct NationalPlaces {
  std::vector<Region> regions;
  std::vector<Prison> prisons;
  std::vector<ProbationDeliveryUnit> pdus;
  std::vector<Team> teams;
};
NationalPlaces national_places(const NationalScale& scale);

// Everyone who works the cases. The demo sign-in accounts come first, in the first prison and
// PDU, so a person can sign in and look at a busy unit. A few are away around `today`.
std::vector<StaffMember> national_staff(const NationalScale& scale, const NationalPlaces& places, Date today);

// Makes people `first` to `first + count - 1` of the data set (custody first, then probation)
// with allocations to the staff given, whose ids must already be set.
class NationalCaseMaker {
 public:
  NationalCaseMaker(const NationalScale& scale, const NationalPlaces& places, const std::vector<StaffMember>& staff,
                    Date today);
  std::vector<store::LoadedCase> cases(std::int64_t first, std::int64_t count) const;
  std::int64_t total() const { return std::int64_t{scale_.in_custody} + scale_.on_probation; }

 private:
  store::LoadedCase make_case(std::int64_t index) const;
  NationalScale scale_;
  Date today_;
  std::vector<std::string> prison_codes_, pdu_codes_;
  // Staff ids by the unit they work in (index of the prison or PDU).
  std::vector<std::vector<std::int64_t>> poms_, key_workers_, coms_;
};

// Called as the load goes: what is being loaded, how many are done, and how many in all.
using LoadProgress = std::function<void(std::string_view what, std::int64_t done, std::int64_t total)>;

struct NationalLoadSummary {
  NationalScale scale;
  int teams = 0;
  int staff = 0;  // at least one of each role in each unit, so a small fraction may have more than asked
  std::int64_t allocations = 0;
  std::int64_t rows = 0;  // every row written, places to the journal event
  double seconds = 0;     // from making the first record to the commit
  std::vector<DemoSignIn> sign_ins;
};

// Loads the whole data set in one transaction and records one journal event for it. Refuses
// (Conflict) to load into a database that already has staff accounts.
NationalLoadSummary load_national_demo(store::Store& store, const Clock& clock, const NationalScale& scale,
                                       const LoadProgress& progress);

}  // namespace resettle::services
